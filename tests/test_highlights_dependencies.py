"""The day's dependency bullet says a package is new or removed in words (never ``∅ →``) and leaves out the
development-only requirements (tests, linters) that users never install."""

from __future__ import annotations

from analysis.facts.manifests.dependencies import DEVELOPMENT
from analysis.highlights import heuristic_highlights
from analysis.models import Fact
from tests.test_highlights import report


def _day(*facts: Fact):
    return [report(1, "Update the requirements", "low", "build", {"pyproject.toml": (3, 1)}, list(facts)),
            report(2, "Fix a typo", "low", "docs", {"README.md": (1, 1)})]


def _dep(symbol: str, before: str | None, after: str | None, text: str | None = None) -> Fact:
    return Fact(kind="dependency_changed", path="pyproject.toml", symbol=symbol, before=before, after=after, text=text)


def test_a_new_and_a_removed_package_are_said_in_words_in_english():
    text = "\n".join(heuristic_highlights(_day(_dep("httpx", None, ">=0.27"), _dep("six", "1.16", None)), "en"))
    assert "Dependencies: `httpx` >=0.27 (new); `six` removed" in text
    assert "∅" not in text


def test_a_new_and_a_removed_package_are_said_in_words_in_chinese():
    text = "\n".join(heuristic_highlights(_day(_dep("httpx", None, ">=0.27"), _dep("six", "1.16", None)), "zh"))
    assert "依赖变化：新增 `httpx` >=0.27；移除 `six`" in text
    assert "∅" not in text


def test_a_development_dependency_is_left_out_of_the_days_highlights():
    day = _day(_dep("coverage", None, ">=7.9.1", DEVELOPMENT), _dep("requests", "2.31", "2.32"))
    text = "\n".join(heuristic_highlights(day, "en"))
    assert "Dependencies: `requests` 2.31 → 2.32" in text
    assert "coverage" not in text


def test_a_day_of_only_development_dependencies_has_no_dependency_bullet():
    bullets = heuristic_highlights(_day(_dep("coverage", None, ">=7.9.1", DEVELOPMENT)), "en")
    assert bullets and not any(b.startswith("Dependencies:") for b in bullets)


def test_a_package_of_a_test_requirements_list_is_left_out_and_the_products_kept():
    test_req = Fact(kind="dependency_changed", path="requirements/test.txt", symbol="pytest", before="7.4", after="8.0")
    text = "\n".join(heuristic_highlights(_day(test_req, _dep("requests", "2.31", "2.32")), "en"))
    assert "Dependencies: `requests` 2.31 → 2.32" in text
    assert "pytest" not in text
