"""A title naming an all-caps macro or feature-test switch (``_BSD_SOURCE``) names no private helper: the change is
judged by what it does, not as a refactor around helpers."""

from __future__ import annotations

from tests.test_heuristic_judge_rules import analyse, change


def test_a_feature_test_macro_defined_for_a_platform_is_not_a_helper_refactor():
    code = change("src/builtin.c", [], ["#ifdef __OpenBSD__", "#define _BSD_SOURCE", "#endif"])
    tests = change("tests/optional.test", [], ["fromdate", '"2038-01-20T00:00:00Z"', "2147558400", ""])
    analysis = analyse("Define `_BSD_SOURCE` in builtin.c for OpenBSD support", [code, tests])
    assert analysis.importance == "medium"


def test_a_private_helper_named_in_a_title_still_reads_as_one():
    code = change("src/core.py", ["    x = compute(a)", "    y = compute(b)"], ["    x, y = _pair(a, b)"])
    assert analyse("Introduce `_pair()` in the core loop", [code]).importance == "low"
