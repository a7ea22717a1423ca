"""bench/rule_paths.py: the judge's deciding ``return`` is found by tracing, and tallied per tuned and held-out day."""

from __future__ import annotations

from pathlib import Path

from analysis.analyzers.heuristic import judge
from analysis.analyzers.heuristic.analyzer import evidence_of
from analysis.facts import derive_facts
from bench.labelled_changes import LabelledChange, judged
from bench.rule_paths import describe, tally
from tests.facts_support import commit_of

_SOURCE = Path(judge.__file__).read_text(encoding="utf-8").splitlines()


def _evidence(files, message):
    commit, texts = commit_of(files, message)
    return evidence_of(commit, derive_facts(commit, texts))


def test_a_docs_only_change_is_decided_by_the_no_product_code_rule():
    e = _evidence({"docs/guide.md": ("old\n", "new\n")}, "docs: reword the guide")
    change_type, importance, decided_by = judged(e)
    assert (change_type, importance) == ("docs", "low")
    assert decided_by.startswith("_without_product_code:")
    assert 'return "low"' in describe(decided_by, _SOURCE)


def test_a_breaking_marker_is_decided_by_its_own_return():
    e = _evidence({"src/app.py": ("def run():\n    return 1\n", "def run():\n    return 2\n")}, "feat!: run returns 2")
    _, importance, decided_by = judged(e)
    assert importance == "high" and decided_by.startswith("_importance_of:")
    assert 'return "high"' in describe(decided_by, _SOURCE)


def test_tally_counts_right_and_fired_per_group():
    e = _evidence({"docs/a.md": ("a\n", "b\n")}, "docs: a")
    rows = [LabelledChange("x-2020-01-01", True, e, "docs", "low", "low", "docs", "f:1"),
            LabelledChange("y-2020-01-01", False, e, "docs", "low", "medium", "docs", "f:1"),
            LabelledChange("y-2020-01-01", False, e, "docs", "high", "high", "docs", "f:2")]
    assert tally(rows) == {"f:1": {"tuned": [1, 1], "held-out": [0, 1]}, "f:2": {"tuned": [0, 0], "held-out": [1, 1]}}
    assert rows[0].repository == "x"
