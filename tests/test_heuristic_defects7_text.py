"""Text mends from reading fastapi 2026-02-04 (unlabelled): a CI directive is no point of the summary, the
documentation's own examples (``docs_src/``) are examples, and a release's version bump says its versions."""

from __future__ import annotations

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.message import message_points
from analysis.analyzers.heuristic.paths import classify_path
from analysis.facts import derive_facts
from tests.facts_support import commit_of
from tests.test_heuristic_facts import commit_of as commit_with

analyzer = HeuristicAnalyzer()


def test_a_ci_directive_is_not_a_point_of_the_message():
    assert message_points("[skip ci]") == []
    assert message_points("[ci skip]\n\nRetry the upload when the server times out.") == [
        "Retry the upload when the server times out."]
    assert message_points("Skip CI runs on docs-only changes.") == ["Skip CI runs on docs-only changes."]


def test_the_documentation_examples_are_examples():
    assert "example" in classify_path("docs_src/security/tutorial004_py310.py")
    assert "example" not in classify_path("fastapi/security/oauth2.py")


def test_a_release_says_the_version_it_sets():
    before = '"""FastAPI framework."""\n\n__version__ = "0.128.0"\n\nfrom .applications import FastAPI as FastAPI\n'
    commit, texts = commit_of({"fastapi/__init__.py": (before, before.replace("0.128.0", "0.128.1"))},
                              "Release version 0.128.1")
    analysis = analyzer.analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))
    assert analysis.summary == ['`__version__` `"0.128.0"` → `"0.128.1"`']


def _summary(files: dict, message: str) -> list[str]:
    commit, texts = commit_of(files, message)
    return analyzer.analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts))).summary


def test_a_module_level_value_edited_is_named_when_no_symbol_is():
    """fastapi's 'Update ValidationError schema to include input and ctx' said only 'Changes utils.py (+2/-0)'."""
    patch = ("@@ -50,6 +50,8 @@ validation_error_definition = {\n"
             "         },\n"
             '         "msg": {"title": "Message", "type": "string"},\n'
             '+        "input": {"title": "Input"},\n'
             '+        "ctx": {"title": "Context", "type": "object"},\n'
             "     },\n"
             '     "required": ["loc", "msg", "type"],\n'
             " }\n")
    commit = commit_with("Update ValidationError schema", [("fastapi/openapi/utils.py", 2, 0, patch)])
    summary = analyzer.analyze_sync(commit, "en", AnalysisContext(facts=[])).summary
    assert summary == ["Changes `validation_error_definition` in `fastapi/openapi/utils.py` (+2/−0)"]
    arrow = "const toFiniteNumber = (value, fallback) => {\n  return value;\n}\n\nexport default {\n  toFiniteNumber,\n};\n"
    grown = arrow.replace("}\n\nexport", "}\n\nconst limit = 3;\n\nexport")
    assert not any("toFiniteNumber" in line for line in _summary({"lib/utils.js": (arrow, grown)}, "Add a limit"))
    after_close = ("@@ -10,4 +10,5 @@ DEFAULTS = {\n"
                   "     'retries': 3,\n"
                   " }\n"
                   " \n"
                   "+LIMIT = 3\n")
    commit = commit_with("Add a limit", [("src/tool/settings.py", 1, 0, after_close)])
    assert "DEFAULTS" not in " ".join(analyzer.analyze_sync(commit, "en", AnalysisContext(facts=[])).summary)


def test_markdown_links_in_a_changelog_entry_read_as_their_text():
    """fastapi's 22 'Update release notes' entries quoted 'PR [#14824](https://github.com/...) by [@tiangolo](...)'."""
    before = "# Release Notes\n\n## Latest Changes\n\n"
    entry = ("* 🔨 Update docs and translations scripts, enable Turkish. PR "
             "[#14824](https://github.com/fastapi/fastapi/pull/14824) by [@tiangolo](https://github.com/tiangolo).\n")
    summary = _summary({"docs/en/docs/release-notes.md": (before, before + entry)}, "📝 Update release notes")
    assert summary == ["Changelog: 🔨 Update docs and translations scripts, enable Turkish. PR #14824 by @tiangolo."]
