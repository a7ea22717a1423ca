"""Text mends from reading fastapi 2026-02-04 (unlabelled): a CI directive is no point of the summary, the
documentation's own examples (``docs_src/``) are examples, and a release's version bump says its versions."""

from __future__ import annotations

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.message import message_points
from analysis.analyzers.heuristic.paths import classify_path
from analysis.facts import derive_facts
from tests.facts_support import commit_of

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
