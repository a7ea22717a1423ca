"""Test names that share their suite (``path-to-regexp > arguments > should throw ...``): the suite said once; and
which of them are benchmarks (Go's ``BenchmarkFoo``, a ``benches/`` file's functions), measured rather than checked."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic import rules as R
from analysis.models import Fact

#: a benchmark by its name: Go's ``BenchmarkFuncrLogInfo``, a Rust or Python ``bench_parse``, JMH's ``benchmarkX``
_BENCHMARK_NAME = re.compile(r"^(?:Benchmark[A-Z0-9_]|bench(?:mark)?_|benchmark[A-Z])")

#: how JavaScript test facts join a test's ``describe`` blocks and its own name
SUITE_SEP = " > "


def common_suite(names: list[str]) -> tuple[str, list[str]]:
    """The ``describe`` blocks all of two or more names open with, and the names without them; ("", names) when
    they share none."""
    parts = [n.split(SUITE_SEP) for n in names]
    if len(parts) < 2:
        return "", names
    shared = 0
    while all(len(p) > shared + 1 for p in parts) and len({p[shared] for p in parts}) == 1:
        shared += 1
    if not shared:
        return "", names
    return SUITE_SEP.join(parts[0][:shared]), [SUITE_SEP.join(p[shared:]) for p in parts]


def is_benchmark(fact: Fact) -> bool:
    """A test fact that names a benchmark: by its own name, or kept in a benchmarks folder (``benches/``; a test's
    ``benchmark/`` too, which as a product folder may be a benchmarking library's own)."""
    name = re.split(r"::|\.|" + re.escape(SUITE_SEP), fact.symbol or "")[-1]
    folders = {d.lower() for d in fact.path.split("/")[:-1]}
    return bool(_BENCHMARK_NAME.match(name)) or bool(folders & (R.BENCHMARK_DIRS | {"benchmark"}))
