"""What callers notice of a symbol changed in place: base classes replaced, an enum's members reordered, more
throw statements, fields of a type renamed (from the hunks); and Go executables' code is never public API."""

from __future__ import annotations

from tests.facts_support import fact, facts_of


def _modified(files: dict, read: bool = True) -> dict[str, str]:
    return {f["symbol"]: f.get("text") for f in facts_of(files, read=read) if f["kind"] == "symbol_modified"}


def test_python_enum_base_replaced_and_members_reordered():
    before = ("import enum\n\nclass Source(enum.Enum):\n    COMMANDLINE = enum.auto()\n    DEFAULT = enum.auto()\n"
              "    PROMPT = enum.auto()\n")
    after = ("import enum\n\nclass Source(enum.IntEnum):\n    PROMPT = enum.auto()\n    COMMANDLINE = enum.auto()\n"
             "    DEFAULT = enum.auto()\n")
    assert _modified({"src/pkg/core.py": (before, after)}) == {"Source": "class, bases Enum -> IntEnum; members reordered"}


def test_python_members_reordered_only_counts_for_enums():
    before = "class Plain:\n    a = 1\n    b = 2\n"
    after = "class Plain:\n    b = 2\n    a = 1\n"
    assert _modified({"src/pkg/plain.py": (before, after)}) == {"Plain": "class"}


def test_java_base_class_replaced():
    before = "public class Parser extends ParserBase {\n  public int x() { return 1; }\n}\n"
    after = "public class Parser extends JsonParserBase {\n  public int x() { return 1; }\n}\n"
    assert _modified({"src/main/java/a/Parser.java": (before, after)}) == {
        "Parser": "class, bases ParserBase -> JsonParserBase"}


def test_js_method_gains_a_throw_statement():
    before = ("class Command {\n  store(v = true) {\n    if (this.options.length) {\n"
              "      throw new Error('before adding options');\n    }\n    this.v = v;\n  }\n}\n"
              "exports.Command = Command;\n")
    after = ("class Command {\n  store(v = true) {\n    if (this.options.length) {\n"
             "      throw new Error('before adding options');\n    }\n    if (this.values.length) {\n"
             "      throw new Error('before setting values');\n    }\n    this.v = v;\n  }\n}\n"
             "exports.Command = Command;\n")
    assert _modified({"lib/command.js": (before, after)}) == {"Command.store": "method, throw statements 1 -> 2"}


def test_python_raise_and_go_panic_counted_a_throw_removed_is_not_written():
    py_before = "def load(path):\n    return open(path).read()\n"
    py_after = "def load(path):\n    if not path:\n        raise ValueError('empty path')\n    return open(path).read()\n"
    go_before = "package lib\n\nfunc Must(err error) {\n\tif err != nil {\n\t\tpanic(err)\n\t}\n}\n"
    go_after = "package lib\n\nfunc Must(err error) {\n\t_ = err\n}\n"
    assert _modified({"pkg/io.py": (py_before, py_after), "lib/must.go": (go_before, go_after)}) == {
        "load": "function, throw statements 0 -> 1", "Must": "function"}


def test_typescript_type_fields_renamed_from_the_hunks():
    before = "export type Typed<T> = {\n  data: T\n  status: number\n  format: string\n}\n"
    after = "export type Typed<T> = {\n  _data: T\n  _status: number\n  format: string\n}\n"
    found = [f for f in facts_of({"src/types.ts": (before, after)}, read=False) if f["kind"] == "symbol_modified"]
    assert found == [fact("symbol_modified", "src/types.ts", symbol="Typed", public=True,
                          text="type, fields renamed data -> _data, status -> _status")]


def test_go_struct_field_renamed_and_a_retyped_field_is_not_a_rename():
    before = "package lib\n\ntype Project struct {\n\tcmdDir  string\n\tname    string\n\tage     int\n}\n"
    after = "package lib\n\ntype Project struct {\n\tcmdPath string\n\tname    string\n\tage     int64\n}\n"
    text = _modified({"lib/project.go": (before, after)}, read=False)["Project"]
    assert text == "struct, fields renamed cmdDir -> cmdPath"


def test_a_field_the_tree_reports_removed_is_not_also_a_rename():
    before = "export interface Options {\n  prefixUrl: string\n}\n"
    after = "export interface Options {\n  prefix: string\n}\n"
    kinds = {(f["kind"], f["symbol"]): f.get("text") for f in facts_of({"src/options.ts": (before, after)})}
    assert kinds[("symbol_removed", "Options.prefixUrl")] == "property"
    assert "fields renamed" not in str(kinds)


def test_go_package_main_and_cmd_directory_are_not_public():
    main_before = "package main\n\nfunc Run() {}\n"
    main_after = "package main\n\nfunc Run() {}\n\nfunc Serve() {}\n"
    cmd_before = "package cmd\n\nfunc Execute() {}\n"
    cmd_after = "package cmd\n\nfunc Execute() {}\n\nfunc NewProject() {}\n"
    lib_before = "package lib\n\nfunc A() {}\n"
    lib_after = "package lib\n\nfunc A() {}\n\nfunc B() {}\n"
    files = {"main.go": (main_before, main_after), "tool/cmd/project.go": (cmd_before, cmd_after),
             "lib/lib.go": (lib_before, lib_after)}
    assert {f["symbol"]: f["public"] for f in facts_of(files)} == {"Serve": False, "NewProject": False, "B": True}
    assert {f["symbol"]: f["public"] for f in facts_of(files, read=False)}["NewProject"] is False


def test_added_methods_marked_as_overriding_say_so_in_each_language():
    java_before = "public abstract class Base extends ParserBase {\n}\n"
    java_after = ("public abstract class Base extends ParserBase {\n    @Override\n    public abstract Loc currentLocation();\n"
                  "    public Loc other() { return null; }\n}\n")
    ts_before = "export class SubTs extends Base {\n}\n"
    ts_after = "export class SubTs extends Base {\n  override run(): void {}\n  extra(): void {}\n}\n"
    py_before = "class Sub(Base):\n    pass\n"
    py_after = ("from typing import override\n\nclass Sub(Base):\n    @override\n    def run(self):\n        pass\n\n"
                "    def extra(self):\n        pass\n")
    files = {"src/main/java/a/Base.java": (java_before, java_after), "src/sub.ts": (ts_before, ts_after),
             "pkg/sub.py": (py_before, py_after)}
    added = {f["symbol"]: f["text"] for f in facts_of(files) if f["kind"] == "symbol_added"}
    assert added == {"Base.currentLocation": "method, overrides", "Base.other": "method",
                     "Sub.run": "method, overrides", "Sub.extra": "method",
                     "SubTs.run": "method, overrides", "SubTs.extra": "method"}


def test_java_public_fields_and_constants_are_symbols_private_ones_are_not():
    before = "public final class Writer {\n    final static int FIRST = 0xD800;\n}\n"
    after = ("public final class Writer {\n    final static int FIRST = 0xD800;\n"
             "    public static final int BASE = 0x10000 - FIRST;\n    private int count;\n}\n"
             "interface Limits {\n    int MAX = 3;\n}\n")
    found = {f["symbol"]: (f["public"], f["text"]) for f in facts_of({"src/main/java/a/Writer.java": (before, after)})}
    assert found == {"Writer.BASE": (True, "field"), "Writer": (True, "class"), "Limits": (False, "interface")}


def test_a_typescript_parameter_made_optional_is_not_a_rename():
    before = "export class Context {\n  redirect = (location: string, status: number = 302): Response => {\n    return r\n  }\n}\n"
    after = "export class Context {\n  redirect = (location: string, status?: number): Response => {\n    return r\n  }\n}\n"
    found = [f for f in facts_of({"src/context.ts": (before, after)}) if f["kind"] == "signature_changed"]
    assert [f["text"] for f in found] == ["default of status 302 -> (none)"]


def test_python_class_field_defaults_changed_but_not_a_method_local():
    before = ("class Config:\n    timeout: float = 5.0\n    retries = 3\n    name: str = 'x'\n\n"
              "    def run(self):\n        limit = 1\n        return limit\n")
    after = ("class Config:\n    timeout: float = 10.0\n    retries = 5\n    name: str = 'x'\n\n"
             "    def run(self):\n        limit = 2\n        return limit\n")
    found = [f for f in facts_of({"src/pkg/config.py": (before, after)}) if f["kind"] == "symbol_modified"]
    texts = {f["symbol"]: f["text"] for f in found}
    assert texts["Config"] == "class, field default changed timeout 5.0 -> 10.0; field default changed retries 3 -> 5"
    assert "limit" not in str(texts)


def test_go_command_helpers_under_pkg_cmd_stay_public():
    before = "package get\n\nfunc A() {}\n"
    after = "package get\n\nfunc A() {}\n\nfunc NewCmdGet() {}\n"
    assert {f["symbol"]: f["public"] for f in facts_of({"pkg/cmd/get/get.go": (before, after)})} == {"NewCmdGet": True}
