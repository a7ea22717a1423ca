"""Rust's documentation examples: the fenced code of a ``///`` or ``//!`` comment, which ``cargo test`` compiles
and runs as a doctest."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: a doc comment's line, its text after the marker (``/// assert!(s.is_closed());``)
_DOC_LINE = re.compile(r"^\s*//[/!] ?(?P<text>.*)$")
#: a code fence, opening or closing, with its info string (``rust``, ``ignore``, ``no_run``, ``text``)
_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})\s*(?P<info>[^`]*)$")
#: info-string words under which rustdoc still compiles and runs the block as Rust
_RUN = re.compile(r"^(rust|should_panic|edition\d{4})$")
#: a name called in the example: ``r.recv_blocking()``, ``unbounded::<()>()``, ``Sender::close(&s)``
_CALL = re.compile(r"(?<![\w\"'])([A-Za-z_]\w*)\s*(?:::<[^()]*>)?\s*\(")


def _runs(info: str) -> bool:
    """The block is a doctest rustdoc runs: no info string, or only ``rust`` and the attributes that still run it
    (``ignore``, ``no_run``, ``compile_fail``, ``text`` and other languages do not)."""
    words = [w for w in re.split(r"[\s,]+", info.strip()) if w]
    return all(_RUN.match(w) for w in words)


def doctest_calls(patch: str | None) -> set[str]:
    """The names called on the lines a Rust patch adds inside the doc examples rustdoc runs (a fence opened on a
    context line counts: the example is the file's as it now reads)."""
    names: set[str] = set()
    inside = runs = False
    for line in (patch or "").splitlines():
        if line.startswith("@@"):
            inside = runs = False  # the next hunk starts elsewhere: no example is known to be open there
            continue
        if line.startswith(("+++", "-", "\\")):
            continue  # a removed line is not in the file as it now reads
        doc = _DOC_LINE.match(line[1:])
        if doc is None:
            inside = runs = False  # the comment ended: so did any example in it
            continue
        fence = _FENCE.match(doc.group("text"))
        if fence:
            inside, runs = (False, False) if inside else (True, _runs(fence.group("info")))
            continue
        if inside and runs and line.startswith("+"):
            text = doc.group("text")
            names.update(_CALL.findall(text.removeprefix("# ")))  # a hidden line (``# ``) is compiled too
    return names


def doctested(symbols: Iterable[str], files: Iterable[FileChange]) -> bool:
    """Every symbol (``Sender::is_closed``) is called by name in a doc example the change adds to its Rust files:
    ``cargo test`` runs that example, a test that moves with the code."""
    called: set[str] = set()
    for f in files:
        if f.path.endswith(".rs"):
            called |= doctest_calls(f.patch)
    leaves = {re.split(r"::|\.", s)[-1] for s in symbols if s}
    return bool(leaves) and bool(called) and leaves <= called
