"""A revert restores what users had before the reverted commit: at most medium, unless its changelog says a released
behaviour goes back or it is marked breaking; facts built here as the diff analyzer writes them."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change


def _removal() -> tuple[list, list[Fact]]:
    src = change("src/web/logging.py", ["def add_callback(fn):", "    _callbacks.append(fn)"], [])
    return [src], [Fact(kind="symbol_removed", path=src.path, symbol="add_callback", public=True)]


def test_a_revert_removing_a_public_function_is_medium_the_same_removal_high():
    files, facts = _removal()
    revert = analyse('Revert "Added a function to add callbacks"\n\nThis reverts commit 0123abcd.', files, facts)
    removal = analyse("Remove add_callback", files, facts)
    assert (revert.importance, revert.change_type) == ("medium", "revert")
    assert removal.importance == "high"


def test_a_revert_of_a_released_behaviour_or_marked_breaking_stays_high():
    files, facts = _removal()
    entry = "Reverted the callbacks added in 2.1: they deadlocked."
    notes = change("CHANGES.md", [], [f"- {entry}"])
    released = analyse('Revert "Added a function to add callbacks"', files + [notes],
                       facts + [Fact(kind="changelog_entry", path=notes.path, text=entry)])
    marked = analyse('revert!: drop add_callback', files, facts)
    assert released.importance == "high" and marked.importance == "high"
