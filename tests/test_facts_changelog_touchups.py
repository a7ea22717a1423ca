"""A changelog entry the commit only touches up (a typo fixed, a line moved) is not its own words about itself."""

from __future__ import annotations

from analysis.facts.changelog import changelog_facts
from analysis.facts.patches import parse_patch

_PATCH = """@@ -12,3 +12,4 @@ and this project adheres to [Semantic Versioning]
 - Fixed extra padding on first cell in columns https://github.com/Textualize/rich/pull/3935
+- Fixed trailing whitespace removed when soft_wrap=True https://github.com/Textualize/rich/pull/3937
 
 ### Added
@@ -33,4 +34,4 @@ and this project adheres to [Semantic Versioning]
 ### Fixed
 
-- Fixed exception when callling `inspect` on objects with unusual `__qualname__` attribute #3894
+- Fixed exception when calling `inspect` on objects with unusual `__qualname__` attribute #3894
 
"""


def test_a_typo_fixed_in_another_entry_is_not_quoted_the_new_entry_is():
    facts = changelog_facts("CHANGELOG.md", parse_patch("CHANGELOG.md", _PATCH))
    assert [f.text for f in facts] == [
        "Fixed trailing whitespace removed when soft_wrap=True https://github.com/Textualize/rich/pull/3937"]


def test_an_entry_whose_number_changed_or_that_was_rewritten_is_quoted():
    patch = ("@@ -1,3 +1,3 @@\n ## Unreleased\n-- Bump requests to 2.31\n+- Bump requests to 2.32\n"
             "-- Fix a crash\n+- Fix a crash when the config file is empty or unreadable\n")
    texts = [f.text for f in changelog_facts("CHANGES.md", parse_patch("CHANGES.md", patch))]
    assert texts == ["Bump requests to 2.32", "Fix a crash when the config file is empty or unreadable"]


def test_an_entry_moved_within_its_section_is_not_quoted_again():
    patch = ("@@ -1,3 +1,3 @@\n - Style:\n+  - Added ImGuiStyleVar_DragDropTargetRounding. (#9056)\n"
             "   - Fixed vertical scrollbar top coordinates. (#9366)\n-  - Added ImGuiStyleVar_DragDropTargetRounding. (#9056)\n")
    assert changelog_facts("docs/CHANGELOG.txt", parse_patch("docs/CHANGELOG.txt", patch)) == []
