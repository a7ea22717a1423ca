"""A squash merge's body listing its branch's commit titles is not quoted as what the change does."""

from __future__ import annotations

from analysis.analyzers.heuristic.message import message_points, squashed_commit_list
from tests.test_heuristic_facts import analyse

SQUASH = "fix(persist): hydrate in sync (#1518)\n\n* fix tests to use storage option\n\n* fix the impl\n"


def test_a_squash_merges_commit_list_is_recognised():
    assert squashed_commit_list("* fix tests to use storage option\n\n* fix the impl")
    assert squashed_commit_list("* first step\n\nWhy it was needed.\n\n* second step\n\n---------\n\nCo-authored-by: A <a@b>")


def test_an_authors_own_list_or_a_single_bullet_is_not_a_squash_list():
    assert not squashed_commit_list("* parses the flag\n* prints the help")
    assert not squashed_commit_list("* only one item")
    assert not squashed_commit_list("Hydrate synchronously.\n\n* a\n\n* b")
    assert message_points("* parses the flag\n* prints the help") == ["parses the flag", "prints the help"]


def test_the_summary_quotes_no_commit_title_of_the_squashed_branch():
    analysis = analyse(SQUASH, [("src/middleware/persist.ts", 40, 20)], [])
    text = " ".join(analysis.summary)
    assert "fix tests to use storage option" not in text and "fix the impl" not in text
    assert "`src/middleware/persist.ts`" in text  # what the commit changes is said instead
