"""A requirement added to a pyproject dependency group (PEP 735: test, docs, lint) is a development dependency,
said as one: users never install it, so no 'New dependency' architecture note either."""

from __future__ import annotations

from tests.facts_support import analysed, facts_of

BEFORE = ('[project]\nname = "tool"\nversion = "1.0"\ndependencies = ["filelock>=3.16"]\n\n'
          '[dependency-groups]\ntest = ["covdefaults>=2.3", "pytest>=8"]\n')
AFTER = BEFORE.replace('"covdefaults>=2.3",', '"covdefaults>=2.3", "coverage>=7.9.1",')
RUNTIME = BEFORE.replace('["filelock>=3.16"]', '["filelock>=3.16", "platformdirs>=4.3"]')


def test_a_dependency_group_requirement_is_marked_development():
    assert facts_of({"pyproject.toml": (BEFORE, AFTER)}) == [
        {"kind": "dependency_changed", "path": "pyproject.toml", "symbol": "coverage", "after": ">=7.9.1",
         "text": "development"}]


def test_the_summary_says_development_dependency_and_architecture_stays_silent():
    analysis = analysed({"pyproject.toml": (BEFORE, AFTER)}, "Measure coverage in tests")
    assert "New development dependency `coverage` `>=7.9.1`" in analysis.summary
    assert "New dependency" not in analysis.insights.architecture
    zh = analysed({"pyproject.toml": (BEFORE, AFTER)}, "Measure coverage in tests", lang="zh")
    assert any("新增开发依赖 `coverage`" in s for s in zh.summary)


def test_a_runtime_requirement_is_still_a_new_dependency():
    analysis = analysed({"pyproject.toml": (BEFORE, RUNTIME)}, "Use platformdirs")
    assert "New dependency `platformdirs` `>=4.3`" in analysis.summary
    assert "New dependency: `platformdirs`." in analysis.insights.architecture
