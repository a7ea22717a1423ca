"""A changelog table only re-framed by a linter (rows gain their outer pipes) is not the commit's words about
itself: its rows are not quoted as entries, while the entry the commit writes is."""

from __future__ import annotations

from tests.facts_support import facts_of

BEFORE = ("# Changelog\n\n## 5.0.3\n\nFix the agent image.\n\n## 1.0.0\n\n"
          "Plugin | Old | New\n------ | --- | ---\nkubernetes | 1.18.2 | 1.21.2\nworkflow-job | 2.33 | 2.36\n")
AFTER = ("# Changelog\n\n## 5.0.4\n\nUpdated the linter to v6 and fixed its findings.\n\n## 5.0.3\n\n"
         "Fix the agent image.\n\n## 1.0.0\n\n"
         "| Plugin | Old | New |\n| ------ | --- | --- |\n| kubernetes | 1.18.2 | 1.21.2 |\n"
         "| workflow-job | 2.33 | 2.36 |\n")


def test_rows_only_reframed_are_not_entries():
    texts = [f["text"] for f in facts_of({"CHANGELOG.md": (BEFORE, AFTER)})]
    assert "Updated the linter to v6 and fixed its findings." in texts
    assert not [t for t in texts if "kubernetes" in t or "workflow-job" in t]


def test_a_row_whose_numbers_change_is_still_an_entry():
    changed = AFTER.replace("| kubernetes | 1.18.2 | 1.21.2 |", "| kubernetes | 1.18.2 | 1.22.0 |")
    texts = [f["text"] for f in facts_of({"CHANGELOG.md": (BEFORE, changed)})]
    assert "| kubernetes | 1.18.2 | 1.22.0 |" in texts
