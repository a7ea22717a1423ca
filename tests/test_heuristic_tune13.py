"""Rules of the fourteenth tuning round (issue 8, tune13), each on a small snippet: a dependency bot's template
sentence is not the message's words (its table's package and versions are); a changelog line saying only a
release date is not an entry (the entry's words that follow are)."""

from __future__ import annotations

import pytest

from analysis.analyzers.heuristic.message import changelog_entries, message_points
from analysis.models import Fact
from tests.facts_support import analysed

_RENOVATE = """This PR contains the following updates:

| Package | Change |
[Age](https://docs.renovatebot.com/merge-confidence/) |
[Confidence](https://docs.renovatebot.com/merge-confidence/) |
|---|---|---|---|
|
[left-pad](https://redirect.github.com/example/left-pad)
([source](https://redirect.github.com/example/left-pad/tree/HEAD))
| [`^7.0.0` ->
`^8.0.0`](https://renovatebot.com/diffs/npm/left-pad/7.0.0/8.0.4) |
![age](https://developer.mend.io/api/mc/badges/age/npm/left-pad/8.0.4?slim=true)
|
![confidence](https://developer.mend.io/api/mc/badges/confidence/npm/left-pad/7.0.0/8.0.4?slim=true)
|

---

### Release Notes
"""

_ACTION = """This PR contains the following updates:

| Package | Type | Update | Change |
|---|---|---|---|
|
[actions/cache](https://redirect.github.com/actions/cache)
| action | major | `v4` -> `v5` |
"""


def test_a_bots_template_sentence_gives_way_to_its_tables_package_and_versions():
    assert message_points(_RENOVATE) == ["left-pad `^7.0.0` -> `^8.0.0`"]
    assert message_points(_ACTION) == ["actions/cache `v4` -> `v5`"]
    # the author's own sentence ending in a colon stays the point
    assert message_points("This commit contains the following updates:\n\nsome text") == [
        "This commit contains the following updates"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_quoted_message_of_a_dependency_bot_names_the_package_not_the_template(lang):
    before = '{\n  "devDependencies": {\n    "left-pad": "^7.0.0"\n  }\n}\n'
    result = analysed({"package.json": (before, before.replace("^7.0.0", "^8.0.0"))},
                      "fix(deps): update dependency left-pad to v8 (#7058)\n\n" + _RENOVATE, lang)
    said = result.model_dump_json()
    assert "This PR contains" not in said
    assert "left-pad" in said
    # the table's row and the dependency fact say the same: the summary says it once
    assert len([line for line in result.summary if "left-pad" in line]) == 1


def _entries(*lines: str) -> list[str]:
    return changelog_entries([Fact(kind="changelog_entry", path="CHANGELOG.md", text=line) for line in lines])


def test_a_changelog_line_saying_only_a_release_date_is_not_an_entry():
    assert _entries("**Release date:** 24 Jun 2026", "- Add the useLegacyNaming option to the common chart") == [
        "Add the useLegacyNaming option to the common chart"]
    assert _entries("Released 2024-05-01", "- Fix the sync job's datasource uid") == [
        "Fix the sync job's datasource uid"]
    # a line that merely mentions a date is an entry
    assert _entries("- Fix the release date shown as 24 Jun 2026 in the footer") == [
        "Fix the release date shown as 24 Jun 2026 in the footer"]


def test_a_regress_directory_holds_tests_and_a_script_added_there_is_low():
    from analysis.facts.languages import is_test_path
    assert is_test_path("regress/screen-redraw-fill-character.sh")
    assert not is_test_path("statsmodels/regression/linear_model.py")
    script = "#!/bin/sh\n" + "".join(f'$TMUX send-keys -t0 "echo {i}" Enter\n' for i in range(20))
    result = analysed({"regress/fill-character.sh": (None, script)}, "fill-character test bits.")
    assert result.change_type == "test"
    assert result.importance == "low"
