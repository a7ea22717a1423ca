"""Maintainer-review mends (defects9): a test renamed or moved is not a test removed and one added; a comment edit
is no change to the code around it; configuration keys moved to another file are not removed keys."""

from __future__ import annotations

from tests.facts_support import analysed, facts_of

TESTS = '''import pytest

from pkg.parse import parse


def test_parses_numbers():
    assert parse("1") == 1
    assert parse("22") == 22


def test_rejects_words():
    with pytest.raises(ValueError):
        parse("one")
'''
RENAMED = TESTS.replace("def test_rejects_words", "def test_rejects_spelled_numbers")


def _tests(facts: list[dict]) -> list[tuple]:
    return [(f["kind"], f["path"], f["symbol"], f.get("before")) for f in facts if f["kind"].startswith("test_")]


def test_a_renamed_test_is_one_test_added_that_names_its_former_name():
    for read in (True, False):  # the file's both sides read whole, and the hunks alone
        facts = facts_of({"tests/test_parse.py": (TESTS, RENAMED)}, read=read)
        assert _tests(facts) == [("test_added", "tests/test_parse.py", "test_rejects_spelled_numbers",
                                  "test_rejects_words")], read


def test_a_test_whose_body_changes_under_a_new_name_elsewhere_is_still_added_and_removed():
    rejects = TESTS.split("\n\n\ndef test_rejects_words")
    other = rejects[0].replace("\n\n\ndef test_parses_numbers", "\n\n\ndef test_rejects_spelled_numbers():\n"
                               "    with pytest.raises(ValueError):\n        parse(\"eleventy\")\n\n\n"
                               "def test_parses_numbers") + "\n"
    kinds = sorted(f[0] for f in _tests(facts_of({"tests/test_parse.py": (TESTS, other)})))
    assert kinds == ["test_added", "test_removed"]
    # (defects53b) renamed in place, its declaration line otherwise the same, it is the same test renamed though its
    # body changed with it
    in_place = RENAMED.replace('parse("one")', 'parse("eleventy")')
    assert _tests(facts_of({"tests/test_parse.py": (TESTS, in_place)})) == [
        ("test_added", "tests/test_parse.py", "test_rejects_spelled_numbers", "test_rejects_words")]


def test_a_test_moved_to_another_file_says_where_it_came_from():
    kept = TESTS.split("\n\ndef test_rejects_words")[0] + "\n"
    moved = "import pytest\n\nfrom pkg.parse import parse\n\n\ndef test_rejects_words" + \
        TESTS.split("def test_rejects_words")[1]
    facts = facts_of({"tests/test_parse.py": (TESTS, kept), "tests/test_errors.py": (None, moved)})
    assert _tests(facts) == [("test_added", "tests/test_errors.py", "test_rejects_words",
                              "tests/test_parse.py::test_rejects_words")]


def test_the_analysis_says_renamed_and_raises_no_removal_risk():
    for lang, word in (("en", "renamed"), ("zh", "改名")):
        analysis = analysed({"tests/test_parse.py": (TESTS, RENAMED)}, "test: clearer test names", lang)
        maintainability = analysis.insights.maintainability or ""
        assert word in maintainability and "`test_rejects_words` → `test_rejects_spelled_numbers`" in maintainability
        assert "test_rejects_words" not in " ".join(r.risk for r in analysis.risks)
        assert "Tests removed" not in maintainability and "删除测试" not in maintainability
