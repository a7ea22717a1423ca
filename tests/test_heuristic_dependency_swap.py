"""A dependency replaced by another in the same manifest section (``serde`` by ``serde_core``) is a medium build
change; the same package kept as a dev-dependency does not hide its removal from the normal ones."""

from __future__ import annotations

from analysis.models import Fact
from tests.facts_support import facts_of
from tests.test_heuristic_judge_rules import analyse, change

BEFORE = """[package]
name = "log"

[dependencies]
serde = { version = "1.0", optional = true }
sval = "2.14"

[dev-dependencies]
serde = { version = "1.0", features = ["derive"] }
"""
AFTER = BEFORE.replace('serde = { version = "1.0", optional = true }', 'serde_core = { version = "1.0", optional = true }')


def test_a_normal_dependency_removed_is_seen_though_a_dev_dependency_keeps_its_name():
    deps = [(f["symbol"], f.get("before"), f.get("after")) for f in facts_of({"Cargo.toml": (BEFORE, AFTER)})
            if f["kind"] == "dependency_changed"]
    assert sorted(deps, key=str) == sorted([("serde_core", None, "1.0"), ("serde", "1.0", None)], key=str)


def test_a_package_swapped_for_another_is_a_medium_build_change():
    cargo = change("Cargo.toml", ['serde = { version = "1.0", optional = true }'],
                   ['serde_core = { version = "1.0", optional = true }'])
    code = change("src/kv/value.rs", ["use serde::Serialize;"], ["use serde_core::Serialize;"])
    facts = [Fact(kind="dependency_changed", path=cargo.path, symbol="serde_core", after="1.0"),
             Fact(kind="dependency_changed", path=cargo.path, symbol="serde", before="1.0")]
    analysis = analyse("Replace serde with serde_core", [cargo, code], facts)
    assert (analysis.importance, analysis.change_type) == ("medium", "build")
    assert "`serde` replaced by `serde_core`" in analysis.insights.compatibility


def test_a_package_only_added_is_no_swap():
    cargo = change("Cargo.toml", [], ['serde_core = { version = "1.0", optional = true }'])
    facts = [Fact(kind="dependency_changed", path=cargo.path, symbol="serde_core", after="1.0")]
    analysis = analyse("Add serde_core", [cargo], facts)
    assert "replaced" not in analysis.insights.compatibility
    assert any("serde_core" in line for line in analysis.summary)  # told as the new dependency it is
