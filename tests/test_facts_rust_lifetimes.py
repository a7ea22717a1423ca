"""Rust lifetimes spelled out where the compiler elides them (clippy's ``needless_lifetimes``, ``elided_lifetimes``)
change no signature and move no method."""

from __future__ import annotations

from tests.facts_support import facts_of

BEFORE = """pub struct Key<'k>(&'k str);
pub trait ToKey {
    fn to_key(&self) -> Key;
}
impl<'a, T: ToKey + ?Sized> ToKey for &'a T {
    fn to_key(&self) -> Key {
        (**self).to_key()
    }
}
"""
AFTER = """pub struct Key<'k>(&'k str);
pub trait ToKey {
    fn to_key(&self) -> Key<'_>;
}
impl<T: ToKey + ?Sized> ToKey for &T {
    fn to_key(&self) -> Key<'_> {
        (**self).to_key()
    }
}
"""


def test_an_elided_lifetime_spelled_out_is_no_signature_change_nor_a_move():
    facts = facts_of({"src/kv/key.rs": (BEFORE, AFTER)})
    assert not [f for f in facts if f["kind"] in ("signature_changed", "symbol_added", "symbol_removed")], facts
    assert not any("moved" in (f.get("text") or "") for f in facts), facts
    # what must be there: both methods seen, as modified in place
    assert {f["symbol"] for f in facts if f["kind"] == "symbol_modified"} == {"ToKey::to_key", "&T::to_key"}, facts


def test_a_named_lifetime_on_the_result_is_still_a_change():
    after = BEFORE.replace("fn to_key(&self) -> Key;", "fn to_key<'a>(&'a self, other: &'a str) -> Key<'a>;")
    facts = facts_of({"src/kv/key.rs": (BEFORE, after)})
    assert any(f["kind"] == "signature_changed" and f["symbol"] == "ToKey::to_key" for f in facts), facts
