"""Methods pulled up into a base class (or left to it) are not removed; where the grammar cannot parse a
changed region the hunks still name the symbol; C++ ``detail`` namespaces are not API."""

from __future__ import annotations

from tests.facts_support import fact, facts_of

BASE = "src/main/java/x/ParserBase.java"
READER = "src/main/java/x/ReaderParser.java"
STREAM = "src/main/java/x/StreamParser.java"


def _sub(name: str, with_method: bool) -> str:
    body = "  @Override\n  public Location location() {\n    return null;\n  }\n" if with_method else ""
    return f"public class {name} extends ParserBase {{\n  public int other() {{\n    return 1;\n  }}\n{body}}}\n"


def test_methods_pulled_up_into_a_new_base_method_are_one_move_up():
    base_before = "public abstract class ParserBase {\n  public int keep() {\n    return 0;\n  }\n}\n"
    base_after = base_before.replace("  public int keep()", "  public Location location() {\n    return null;\n  }\n\n"
                                                            "  public int keep()")
    found = facts_of({BASE: (base_before, base_after), READER: (_sub("ReaderParser", True), _sub("ReaderParser", False)),
                      STREAM: (_sub("StreamParser", True), _sub("StreamParser", False))})
    assert found == [fact("symbol_modified", BASE, symbol="ParserBase.location", public=True,
                          text="method, moved up from ReaderParser, StreamParser")]


def test_an_override_removed_while_the_base_keeps_the_method_is_inherited():
    base = "public abstract class ParserBase {\n  public Location location() {\n    return null;\n  }\n}\n"
    found = facts_of({BASE: (base, base.replace("return null", "return Location.NA")),
                      READER: (_sub("ReaderParser", True), _sub("ReaderParser", False))})
    assert found == [
        fact("symbol_modified", BASE, symbol="ParserBase.location", public=True, text="method"),
        fact("symbol_modified", READER, symbol="ReaderParser.location", public=True,
             text="method, now inherited from ParserBase"),
    ]


def test_a_method_removed_from_a_class_whose_base_lacks_it_is_removed():
    found = facts_of({READER: (_sub("ReaderParser", True), _sub("ReaderParser", False))})
    assert [f["kind"] for f in found] == ["symbol_removed"]


def test_a_change_where_the_grammar_fails_is_named_from_the_hunks():
    before = "export type Typed<T> = {\n  data: T\n} %%% ]]] ((\n\nexport function render(node) {\n  return 1;\n}\n"
    after = before.replace("return 1", "return 2")
    assert facts_of({"src/a.ts": (before, after)}) == [
        fact("symbol_modified", "src/a.ts", symbol="render", public=True, text="function")]


def test_cpp_detail_namespaces_are_not_api():
    before = "namespace fmt {\nnamespace detail {\nint helper(int x);\n}\nint api(int x);\n}\n"
    after = before.replace("int helper(int x);", "int helper(int x, int y);").replace("int api(int x);",
                                                                                      "int api(int x, int y);")
    assert {f["symbol"]: f["public"] for f in facts_of({"include/fmt/base.hpp": (before, after)})} == {
        "helper": False, "api": True}
