"""A Cargo feature's list entry swapped for a feature that only enables the same thing (its alias) is said so in the
facts, and a fix made only of such a swap is no broken build fixed."""

from __future__ import annotations

from analysis.facts.config import FEATURE_ALIAS
from analysis.models import Fact
from tests.facts_support import facts_of
from tests.test_heuristic_judge_rules import analyse, change

BEFORE = """[package]
name = "log"

[features]
kv_serde = ["kv_std", "serde_core"]
serde = ["serde_core"]
"""


def _features(after: str) -> list[dict]:
    return [f for f in facts_of({"Cargo.toml": (BEFORE, after)}) if f["symbol"].startswith("features.")]


def test_an_entry_swapped_for_its_alias_is_marked():
    facts = _features(BEFORE.replace('kv_serde = ["kv_std", "serde_core"]', 'kv_serde = ["kv_std", "serde"]'))
    assert {(f["kind"], f["symbol"], f.get("text")) for f in facts} == {
        ("config_key_added", "features.kv_serde[serde]", FEATURE_ALIAS),
        ("config_key_removed", "features.kv_serde[serde_core]", FEATURE_ALIAS)}


def test_an_entry_swapped_for_another_feature_is_not():
    facts = _features(BEFORE.replace('kv_serde = ["kv_std", "serde_core"]', 'kv_serde = ["kv_std", "sval"]'))
    assert facts and not any(f.get("text") == FEATURE_ALIAS for f in facts)


def test_a_fix_made_of_an_alias_swap_is_low_and_a_real_manifest_fix_medium():
    cargo = change("Cargo.toml", ['kv_serde = ["kv_std", "serde_core"]'], ['kv_serde = ["kv_std", "serde"]'])
    alias = [Fact(kind="config_key_added", path=cargo.path, symbol="features.kv_serde[serde]", after="serde",
                  text=FEATURE_ALIAS),
             Fact(kind="config_key_removed", path=cargo.path, symbol="features.kv_serde[serde_core]",
                  before="serde_core", text=FEATURE_ALIAS)]
    doc = change("src/kv/mod.rs", ['//! #[cfg(feature = "kv_serde_core")]'], ['//! #[cfg(feature = "kv_serde")]'])
    gated = [Fact(kind="comments_only", path=doc.path)]
    assert analyse("fix up doc test feature gate", [cargo, doc], alias + gated).importance == "low"
    other = [f.model_copy(update={"text": None}) for f in alias]
    assert analyse("fix up doc test feature gate", [cargo, doc], other + gated).importance == "medium"
