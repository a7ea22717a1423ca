"""A public field added to a public struct is new API (Go's exported fields, Rust's ``pub`` fields); a settings
struct's new field is an option that stays off until set."""

from __future__ import annotations

from analysis.analyzers.heuristic.api.struct_fields import public_fields_added
from analysis.models import Fact, FileChange
from tests.test_heuristic_judge_rules import analyse


def _struct(path: str, header: str, *lines: str) -> FileChange:
    patch = f"@@ -10,4 +10,5 @@ {header}\n" + "\n".join(lines) + "\n"
    return FileChange(path=path, additions=sum(ln.startswith("+") for ln in lines),
                      deletions=sum(ln.startswith("-") for ln in lines), patch=patch)


_GO_FIELDS = ("\tName      string `json:\"name\"` // shown in help", "+\tRequired  bool   `json:\"required\"`",
              "\tUsageText string", "}", "")


def _go(struct: str = "ArgumentBase[T any, C Creator[T]]", path: str = "args.go") -> FileChange:
    return _struct(path, f"type {struct} struct {{", *(" " + ln if ln and not ln.startswith("+") else ln
                                                        for ln in _GO_FIELDS))


def _facts(path: str, struct: str) -> list[Fact]:
    return [Fact(kind="symbol_modified", path=path, symbol=struct, public=True, text="struct")]


def test_the_hunks_show_an_exported_field_added_to_an_exported_go_struct():
    assert public_fields_added([_go()]) == [("args.go", "ArgumentBase", "Required")]
    assert public_fields_added([_go("argumentBase")]) == []  # an unexported struct
    unexported = _struct("args.go", "type ArgumentBase struct {", "+\trequired bool", " }")
    assert public_fields_added([unexported]) == []
    renamed = _struct("args.go", "type ArgumentBase struct {", "-\tMandatory bool", "+\tRequired bool", " }")
    assert public_fields_added([renamed]) == [("args.go", "ArgumentBase", "Required")]
    after_close = _struct("args.go", "type ArgumentBase struct {", " }", "", " func run() {", "+\tResult int", " }")
    assert public_fields_added([after_close]) == []  # a line after the struct's closing brace is not a field


def test_a_pub_field_added_to_a_pub_rust_struct():
    rust = _struct("src/config.rs", "pub struct Builder<'a> {", "     pub name: &'a str,", "+    pub retries: u32,",
                   "+    cache: bool,", " }")
    assert public_fields_added([rust]) == [("src/config.rs", "Builder", "retries")]


def test_a_feature_adding_a_public_field_is_medium_and_says_so():
    analysis = analyse("Add Required field to single-value arguments", [_go()], _facts("args.go", "ArgumentBase"))
    assert analysis.importance == "medium"  # an opt-in field added: the written convention
    assert "`ArgumentBase.Required`" in analysis.insights.compatibility


def test_a_settings_structs_new_field_or_an_internal_struct_is_not_new_api():
    options = _go("CompletionOptions")
    assert analyse("Provide option to hide the default command", [options],
                   _facts("args.go", "CompletionOptions")).importance == "medium"
    internal = _go(path="internal/args/args.go")
    assert analyse("Add Required field to arguments", [internal],
                   _facts("internal/args/args.go", "ArgumentBase")).importance == "medium"
