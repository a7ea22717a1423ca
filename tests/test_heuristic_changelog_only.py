"""A commit that only adds a changelog line is summarised by that line, not by "Documentation only: the changelog":
a bot adding one release-notes line per pull request writes a different summary each time."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change


def _notes(entry: str):
    notes = change("docs/release-notes.md", [], [f"* {entry}"])
    return analyse("📝 Update release notes", [notes], [Fact(kind="changelog_entry", path=notes.path, text=entry)])


def test_a_release_notes_line_is_the_summary_and_the_file_is_not_repeated():
    first, second = _notes("Bump action-download-artifact from 2.24.2 to 2.26.0."), _notes("Fix spelling (shinny -> shiny).")
    assert (first.importance, first.change_type) == ("low", "docs")
    assert any("2.26.0" in line for line in first.summary)
    assert not any("Documentation only" in line for line in first.summary + second.summary)
    assert set(first.summary).isdisjoint(second.summary)


def test_docs_beside_the_changelog_are_still_listed():
    notes = change("CHANGES.md", [], ["* Fix the parser on empty input."])
    guide = change("docs/guide.md", ["old"], ["new"])
    analysis = analyse("Document the parser", [notes, guide],
                       [Fact(kind="changelog_entry", path=notes.path, text="Fix the parser on empty input.")])
    assert any("docs/guide.md" in line for line in analysis.summary)
