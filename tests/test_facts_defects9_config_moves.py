"""Maintainer-review mends (defects9): configuration keys moved to another file of the commit (same dotted path, same
value) are regrouped, not removed: the facts say where they went, the analysis says moved and raises no risk."""

from __future__ import annotations

from tests.facts_support import analysed, facts_of

APP = "server:\n  port: 8080\n  timeout: 30\nlog:\n  level: info\n"
APP_AFTER = "server:\n  port: 8080\nlog:\n  level: info\n"
CACHE = "cache:\n  size: 10\n"
CACHE_AFTER = "cache:\n  size: 10\nserver:\n  timeout: 30\n"
TOML_AFTER = "[server]\ntimeout = 30\n"


def _moves(facts: list[dict]) -> list[tuple]:
    return [(f["kind"], f["path"], f["symbol"], f.get("text")) for f in facts if f["kind"].startswith("config_key")]


def test_a_key_moved_to_another_file_says_where_it_went_read_whole_or_from_the_hunks():
    for read in (True, False):
        moved = _moves(facts_of({"config/app.yaml": (APP, APP_AFTER), "config/cache.yaml": (CACHE, CACHE_AFTER)},
                                read=read))
        assert ("config_key_removed", "config/app.yaml", "server.timeout", "moved to config/cache.yaml") in moved
    # to a new file of another format: the value is the same, so is the dotted path
    assert _moves(facts_of({"config/app.yaml": (APP, APP_AFTER), "config/server.toml": (None, TOML_AFTER)})) == [
        ("config_key_removed", "config/app.yaml", "server.timeout", "moved to config/server.toml")]


def test_a_key_that_changes_value_or_lands_in_two_files_is_still_removed():
    changed = CACHE_AFTER.replace("timeout: 30", "timeout: 60")
    assert _moves(facts_of({"config/app.yaml": (APP, APP_AFTER), "config/cache.yaml": (CACHE, changed)}))[0] == (
        "config_key_removed", "config/app.yaml", "server.timeout", None)
    twice = facts_of({"config/app.yaml": (APP, APP_AFTER), "config/a.toml": (None, TOML_AFTER),
                      "config/b.toml": (None, TOML_AFTER)})
    assert _moves(twice) == [("config_key_removed", "config/app.yaml", "server.timeout", None)]


def test_the_analysis_says_moved_and_raises_no_compatibility_risk():
    files = {"config/app.yaml": (APP, APP_AFTER), "config/cache.yaml": (CACHE, CACHE_AFTER)}
    for lang, word in (("en", "Moves key `server.timeout` from `config/app.yaml` to `config/cache.yaml`"),
                       ("zh", "从 `config/app.yaml` 移到 `config/cache.yaml`")):
        analysis = analysed(files, "Group the server settings with the cache's", lang)
        assert any(word in line for line in analysis.summary), analysis.summary
        assert not analysis.risks and not analysis.recommendations
        assert not analysis.insights.compatibility
    removed = analysed({"config/app.yaml": (APP, APP_AFTER)}, "Drop the server timeout")
    assert "server.timeout" in " ".join(r.risk for r in removed.risks)
