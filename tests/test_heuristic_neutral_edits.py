"""Edits that keep what the code does: a commit its author calls documentation that touches only private code
(docstrings reworded, a private flag renamed), and a hooks manager's autoupdate with its hooks' autofixes."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change


def _docstrings() -> tuple[list, list[Fact]]:
    src = change("src/pkg/_make.py",
                 ["    Exec the script (i.e. run it) with the given globals", "    if PY310:"] * 6,
                 ["    Evaluate the script (that is, run it) with the given globals", "    if PY_3_10_PLUS:"] * 6)
    return [src], [Fact(kind="symbol_modified", path=src.path, symbol="_make_script", public=False)]


def test_a_docs_commit_over_private_code_is_low_docs():
    files, facts = _docstrings()
    analysis = analyse("docs: style improvements", files, facts)
    assert (analysis.importance, analysis.change_type) == ("low", "docs")


def test_a_docs_commit_touching_a_public_symbol_or_untitled_as_docs_is_not_lowered_by_it():
    files, facts = _docstrings()
    public = [Fact(kind="symbol_modified", path="src/pkg/api.py", symbol="evolve", public=True)]
    api = change("src/pkg/api.py", ["    return cls(**changes)"] * 6, ["    return cls(**_checked(changes))"] * 6)
    assert analyse("docs: style improvements", files + [api], facts + public).importance == "medium"
    assert analyse("Style improvements", files, facts).importance == "medium"


def test_a_hooks_autoupdate_with_its_autofixes_is_a_low_chore():
    hooks = change(".pre-commit-config.yaml", ["    rev: v0.3.2"], ["    rev: v0.3.3"])
    src = change("src/pkg/validators.py", ['        msg = "{} must be {}".format(name, kind)'] * 8,
                 ['        msg = f"{name} must be {kind}"'] * 8)
    facts = [Fact(kind="symbol_modified", path=src.path, symbol="_InstanceOf.__call__", public=False)]
    analysis = analyse("pre-commit autoupdate", [hooks, src], facts)
    assert (analysis.importance, analysis.change_type) == ("low", "chore")
    assert analyse("Build error messages with f-strings", [hooks, src], facts).importance == "medium"
