"""Importance from changes callers notice without a signature change (bases, enum order, throws, renamed
fields), and refactors around private helpers; facts built here as the diff analyzer writes them."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, body_lines, change


def _modified(path: str, name: str, text: str, public: bool = True) -> Fact:
    return Fact(kind="symbol_modified", path=path, symbol=name, public=public, text=text)


# --- contracts changed in place -----------------------------------------------------------------

def test_a_public_enum_made_an_int_enum_and_reordered_is_high_and_says_so():
    py = change("src/pkg/core.py", ["class Source(enum.Enum):"], ["class Source(enum.IntEnum):"])
    analysis = analyse("Reorder `Source`", [py],
                       [_modified(py.path, "Source", "class, bases Enum -> IntEnum; members reordered")])
    assert analysis.importance == "high"
    assert "`Source`: now derives from `IntEnum` instead of `Enum`; its members are reordered" in analysis.summary
    assert "`Source`" in analysis.insights.compatibility


def test_the_same_class_without_the_contract_words_stays_medium():
    py = change("src/pkg/core.py", body_lines(12, "old"), body_lines(12, "new"))
    assert analyse("Reorder `Source`", [py], [_modified(py.path, "Source", "class")]).importance == "medium"


def test_a_base_the_commit_itself_adds_is_a_reshaped_hierarchy_not_a_contract_change():
    java = change("src/main/java/a/Parser.java", ["    extends ParserBase"], ["    extends JsonParserBase"])
    base = change("src/main/java/a/JsonParserBase.java", [], body_lines(20))
    facts = [Fact(kind="symbol_added", path=base.path, symbol="JsonParserBase", public=True, text="class"),
             _modified(java.path, "Parser", "class, bases ParserBase -> JsonParserBase")]
    analysis = analyse("Add `JsonParserBase` base class", [java, base], facts)
    assert not any("derives from" in line for line in analysis.summary)


def test_a_base_added_beside_the_old_one_is_no_contract_change():
    py = change("src/pkg/model.py", ["class Model(Base):"], ["class Model(Base, ReprMixin):"])
    analysis = analyse("Tidy models", [py], [_modified(py.path, "Model", "class, bases Base -> Base, ReprMixin")])
    assert analysis.importance != "high"


def test_a_public_method_that_now_throws_is_high_a_private_one_is_not():
    js = change("lib/command.js", ["    this.x = !!x;"],
                ["    if (this.values.length) {", "      throw new Error('call before setting values');", "    }"])
    public = analyse("Throw error on late configuration", [js],
                     [_modified(js.path, "Command.store", "method, throw statements 1 -> 2")])
    private = analyse("Throw error on late configuration", [js],
                      [_modified(js.path, "Command._store", "method, throw statements 1 -> 2", public=False)])
    assert public.importance == "high" and "throw statements 1 → 2" in " ".join(public.summary)
    assert "may now throw" in public.insights.compatibility
    assert private.importance != "high"


def test_renamed_fields_of_a_public_type_are_high():
    ts = change("src/types.ts", ["  data: T", "  status: U"], ["  _data: T", "  _status: U"])
    analysis = analyse("fix(types): add `_` prefix to properties", [ts],
                       [_modified(ts.path, "TypedResponse", "type, fields renamed data -> _data, status -> _status")])
    assert analysis.importance == "high"
    assert "`TypedResponse`: fields renamed `data` → `_data`, `status` → `_status`" in analysis.summary


# --- private helpers ------------------------------------------------------------------------------

def _helper_commit(title: str, helper_public: bool = False):
    js = change("lib/command.js", ["    for (let cmd = this; cmd; cmd = cmd.parent) {"] * 6,
                ["    this._getAncestors().forEach((cmd) => {"] * 6)
    facts = [_modified(js.path, "Command.optsWithGlobals", "method"),
             Fact(kind="symbol_added", path=js.path, symbol="Command._getAncestors", public=helper_public, text="method")]
    return analyse(title, [js], facts)


def test_introducing_a_private_helper_is_a_low_refactor():
    analysis = _helper_commit("Introduce _getAncestors()")
    assert (analysis.change_type, analysis.importance) == ("refactor", "low")


def test_using_a_private_helper_named_in_the_title_is_low_without_facts_naming_it():
    js = change("lib/help.js", ["    cmd._getAncestors().slice(1).forEach((c) => {"] * 4,
                ["    for (let c = cmd.parent; c; c = c.parent) {"] * 4)
    analysis = analyse("Use _getAncestors() less aggressively", [js], [_modified(js.path, "Help.commandUsage", "method")])
    assert analysis.importance == "low"


def test_a_title_naming_a_public_symbol_is_not_a_private_helper_refactor():
    js = change("lib/command.js", ["    for (let cmd = this; cmd; cmd = cmd.parent) {"] * 6,
                ["    this.getAncestors().forEach((cmd) => {"] * 6)
    facts = [_modified(js.path, "Command.optsWithGlobals", "method"),
             Fact(kind="symbol_added", path=js.path, symbol="Command.getAncestors", public=True, text="method")]
    analysis = analyse("Introduce getAncestors()", [js], facts)
    assert analysis.change_type == "feature" and analysis.importance != "low"


def test_a_removed_macro_named_in_the_title_is_not_a_helper():
    header = change("include/fmt/format.h", ["#ifndef FMT_USE_USER_LITERALS"] + body_lines(30), [])
    facts = [Fact(kind="symbol_removed", path=header.path, symbol="FMT_USE_USER_LITERALS", public=False, text="macro")]
    assert analyse("Remove FMT_USE_USER_LITERALS", [header], facts).importance == "medium"


def test_overriding_methods_and_an_intermediate_base_are_not_new_api():
    base = change("src/main/java/a/JsonParserBase.java", [], body_lines(30))
    sub = change("src/main/java/a/Parser.java", ["    extends ParserBase"] + body_lines(8), ["    extends JsonParserBase"])
    facts = [Fact(kind="symbol_added", path=base.path, symbol="JsonParserBase", public=True, text="class"),
             Fact(kind="symbol_added", path=base.path, symbol="JsonParserBase.currentLocation", public=True,
                  after="() -> Loc", text="method, overrides"),
             _modified(sub.path, "Parser", "class, bases ParserBase -> JsonParserBase")]
    reshaped = analyse("Minor inclusions in JsonParserBase", [base, sub], facts)
    assert reshaped.importance == "medium"
    assert not any(line.startswith("Adds ") for line in reshaped.summary)
    new_api = [Fact(kind="symbol_added", path=base.path, symbol="JsonParserBase", public=True, text="class"),
               Fact(kind="symbol_added", path=base.path, symbol="JsonParserBase.currentLocation", public=True,
                    after="() -> Loc", text="method")]
    assert analyse("Minor inclusions in JsonParserBase", [base], new_api).importance == "high"
