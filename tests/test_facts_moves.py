"""A symbol removed in one file and added (same name, same kind) in another file of the commit, or moved to
another scope of its file, is one move on its new place, not a removal plus an addition."""

from __future__ import annotations

from tests.facts_support import fact, facts_of

OLD_MOD = "pub struct Keep;\n\n/// The original URI.\npub struct OriginalUri(pub Uri);\n\npub fn parse(s: &str) -> Uri {\n    todo!()\n}\n"
NEW_MOD = "pub struct Keep;\n"
NEW_FILE = "/// The original URI.\npub struct OriginalUri(pub Uri);\n\npub fn parse(s: &str, strict: bool) -> Uri {\n    todo!()\n}\n"


def test_a_type_and_a_function_moved_to_another_file_are_moves_with_the_signature_change_kept():
    found = facts_of({"src/extract/mod.rs": (OLD_MOD, NEW_MOD), "src/extract/original_uri.rs": (None, NEW_FILE)})
    assert found == [
        fact("symbol_modified", "src/extract/original_uri.rs", symbol="OriginalUri", public=True,
             text="struct, moved from src/extract/mod.rs"),
        fact("signature_changed", "src/extract/original_uri.rs", symbol="parse", public=True,
             before="(s: &str) -> Uri", after="(s: &str, strict: bool) -> Uri",
             text="moved from src/extract/mod.rs; adds strict"),
    ]


def test_moved_within_a_file_into_another_scope():
    before = "pub mod old {\n    pub fn helper(x: u8) -> u8 {\n        x\n    }\n}\n\npub mod new {}\n"
    after = "pub mod old {}\n\npub mod new {\n    pub fn helper(x: u8) -> u8 {\n        x\n    }\n}\n"
    assert facts_of({"src/lib.rs": (before, after)}) == [
        fact("symbol_modified", "src/lib.rs", symbol="new::helper", public=True, text="function, moved from old::helper"),
    ]


def test_ambiguous_or_different_kinds_stay_removals_and_additions():
    before = {"a.py": "class Config:\n    pass\n", "b.py": "x = 1\n", "c.py": "y = 1\n"}
    after = {"a.py": "x = 2\n", "b.py": "class Config:\n    pass\n", "c.py": "class Config:\n    pass\n"}
    kinds = [f["kind"] for f in facts_of({p: (before[p], after[p]) for p in before})]
    assert kinds == ["symbol_removed", "symbol_added", "symbol_added"]
    kinds = [f["kind"] for f in facts_of({"a.py": ("class Config:\n    pass\n", "x = 1\n"),
                                          "b.py": ("x = 1\n", "def Config():\n    pass\n")})]
    assert kinds == ["symbol_removed", "symbol_added"]  # a class is not a function


def test_a_member_gone_from_one_type_and_new_on_another_in_another_file_is_not_a_move():
    found = facts_of({"a.py": ("class A:\n    def close(self):\n        pass\n", "class A:\n    pass\n"),
                      "b.py": ("class B:\n    pass\n", "class B:\n    def close(self):\n        pass\n")})
    assert [(f["kind"], f["symbol"]) for f in found if f["kind"] != "symbol_modified"] == [
        ("symbol_removed", "A.close"), ("symbol_added", "B.close")]
