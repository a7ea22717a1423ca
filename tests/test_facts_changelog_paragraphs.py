"""Changelog entries written as paragraphs and tables: a paragraph's wrapped lines are one entry, a table's
separator row and link reference definitions are no entries."""

from __future__ import annotations

from tests.facts_support import fact, facts_of


def test_paragraph_lines_join_and_table_rules_and_link_definitions_are_skipped():
    before = "# Changes\n\n### 1.0.0\n\n* Old entry\n"
    after = ("# Changes\n\n### 1.0.0\n\n* The `DEBUG` variable was renamed to `DEBUG_FLAGS`\n\n"
             "Previously it broke some builds for people that had `DEBUG` set,\ndue to debugging other software.\n\n"
             "| Old | New |\n| --- | :---: |\n| readerCreate | redisReaderCreate |\n\n* Old entry\n"
             "\n[Unreleased]: https://example.com/compare/a...b\n[1.0.0]: https://example.com/compare/x...a\n")
    assert facts_of({"CHANGELOG.md": (before, after)}) == [
        fact("changelog_entry", "CHANGELOG.md", text="The `DEBUG` variable was renamed to `DEBUG_FLAGS`"),
        fact("changelog_entry", "CHANGELOG.md",
             text="Previously it broke some builds for people that had `DEBUG` set, due to debugging other software."),
        fact("changelog_entry", "CHANGELOG.md", text="| Old | New |"),
        fact("changelog_entry", "CHANGELOG.md", text="| readerCreate | redisReaderCreate |"),
    ]
