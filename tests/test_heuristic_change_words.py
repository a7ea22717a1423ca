"""Change types the words do not give: a security advisory id is a security fix, a stray debugging statement removed
is a fix, comments that instruct tools are a chore, a feature word over non-product files is a chore, a CI action's
bump is CI."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import debug_statements_removed, directive_comments_only
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change, patch_of


def test_a_github_security_advisory_merge_is_a_high_security_change():
    py = change("src/flask/sessions.py", ["        if session.accessed:"], ["        if session.accessed or session.modified:"])
    fact = Fact(kind="symbol_modified", path=py.path, symbol="SessionInterface.save_session", public=True, text="method")
    analysis = analyse("Merge pull request from GHSA-m2qf-hxjv-5gpq\n\nset `Vary: Cookie` header consistently", [py], [fact])
    assert (analysis.change_type, analysis.importance) == ("security", "high")
    assert analyse("Merge pull request from ghost-branch", [py], [fact]).change_type != "security"


def test_a_stray_debugging_statement_removed_is_a_fix():
    rust = change("crates/searcher/src/core.rs", ["        if dbg!(self.is_fast()) {"], ["        if self.is_fast() {"])
    assert analyse("searcher: remove stray 'dbg!'", [rust]).change_type == "fix"
    assert debug_statements_removed([patch_of(["  debugger;"], [])])
    assert not debug_statements_removed([patch_of(["  debugger;"], ["  run();"])])
    assert not debug_statements_removed([patch_of(["  dbg!(x);"], ["  dbg!(y);"])])


def test_comments_that_instruct_tools_are_a_chore_not_docs():
    py = change("src/flask/app.py", ["            rv.headers.update(headers)"],
                ["            rv.headers.update(headers)  # type: ignore[arg-type]"])
    fact = Fact(kind="comments_only", path=py.path)
    assert analyse("fix mypy finding", [py], [fact]).change_type == "chore"
    assert directive_comments_only(patch_of(["x = 1"], ["// eslint-disable-next-line no-var", "x = 1"]))
    assert not directive_comments_only(patch_of(["# old note"], ["# new note"]))


def test_a_feature_word_over_docs_ci_and_manifests_only_is_a_chore():
    files = [change(".github/CODEOWNERS", ["/charts/a @x"], ["/charts/a @x @y"]), change("MAINTAINERS.md", [], ["- y"]),
             change("charts/a/Chart.yaml", ["version: 1.0.0"], ["version: 1.0.1", "  - name: y"])]
    analysis = analyse("[a] add y to maintainers (#7075)", files)
    assert (analysis.change_type, analysis.importance) == ("chore", "low")


def test_a_build_prefixed_bump_of_a_workflow_action_is_ci():
    wf = change(".github/workflows/codeql.yml", ["      - uses: github/codeql-action/init@v3.25.7"],
                ["      - uses: github/codeql-action/init@v3.25.8"])
    assert analyse("build(deps): bump github/codeql-action from 3.25.7 to 3.25.8", [wf]).change_type == "ci"
