"""Facts of a Cargo manifest that inherits from its workspace (defects26): ``{ workspace = true }`` is said as the
manifest writes it, not as JSON (``{"workspace":true}``), and a dependency that takes the workspace's version is
not one that takes any version (``*``)."""

from __future__ import annotations

from tests.facts_support import analysed, fact, facts_of

# --- BurntSushi/jiff 2026-07-19 (open since defects23): ``package.edition`` ``2021`` -> ``{"workspace":true}``;
# and a dependency moved to ``{ workspace = true }`` read as ``1.0.200`` -> ``*`` ------------------------------

_CARGO = """[package]
name = "jiff"
version = "0.2.1"
edition = {edition}

[dependencies]
serde = {serde}
"""
_BEFORE = _CARGO.format(edition='"2021"', serde='{ version = "1.0.200", optional = true }')
_AFTER = _CARGO.format(edition="{ workspace = true }", serde="{ workspace = true, optional = true }")


def test_a_setting_inherited_from_the_workspace_is_said_as_written():
    found = facts_of({"crates/jiff/Cargo.toml": (_BEFORE, _AFTER)})
    assert fact("config_value_changed", "crates/jiff/Cargo.toml", symbol="package.edition", before="2021",
                after="workspace = true") in found, found
    assert fact("dependency_changed", "crates/jiff/Cargo.toml", symbol="serde", before="1.0.200",
                after="workspace = true") in found, found
    assert not [f for f in found if "{" in f.get("after", "") or f.get("after") == "*"], found


def test_the_summary_says_the_workspace_not_json():
    summary = analysed({"crates/jiff/Cargo.toml": (_BEFORE, _AFTER)}, "Inherit package settings from the workspace").summary
    # (a crate's manifest below the root names itself: "... in `crates/jiff/Cargo.toml`", defects34)
    assert any(s.startswith("`package.edition` `2021` → `workspace = true`") for s in summary), summary
    assert not [s for s in summary if '{"workspace"' in s or "`*`" in s], summary


def test_other_toml_tables_and_a_versioned_workspace_dependency_keep_their_forms():
    before = '[tool.x]\nopts = 1\n'
    after = '[tool.x]\nopts = { workspace = true, a = 2 }\n'
    assert facts_of({"conf.toml": (before, after)}) == [
        fact("config_value_changed", "conf.toml", symbol="tool.x.opts", before="1", after='{"workspace":true,"a":2}')]
    dep = _CARGO.format(edition='"2021"', serde='{ workspace = true, version = "1.0.201" }')
    found = facts_of({"Cargo.toml": (_BEFORE, dep)})
    assert fact("dependency_changed", "Cargo.toml", symbol="serde", before="1.0.200", after="1.0.201") in found, found
