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
    assert any("`Parser`" in line for line in analysis.summary)  # the class is still told as changed


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
    assert public.importance == "high" and "`throw` statements 1 → 2" in " ".join(public.summary)
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
    assert analyse("Minor inclusions in JsonParserBase", [base], new_api).change_type == "feature"


# --- exit statuses ----------------------------------------------------------------------------------

def test_a_specific_exit_status_replacing_a_generic_one_is_high_in_any_language():
    swift = change("Sources/Parser/Arguments.swift", ["      _exit(EXIT_FAILURE)", "      _exit(EXIT_SUCCESS)"],
                   ["    _exit(info.exitCode)"])
    info = change("Sources/Parser/MessageInfo.swift", [],
                  ["    case .help: return EXIT_SUCCESS", "    case .validation: return EX_USAGE",
                   "    case .other: return EXIT_FAILURE"])
    analysis = analyse("Use EX_USAGE for validation errors", [swift, info])
    assert analysis.importance == "high"
    assert "New exit status `EX_USAGE` in the added lines; the removed lines used `EXIT_FAILURE`, `EXIT_SUCCESS`" \
        in analysis.summary
    assert "exit status may see `EX_USAGE`" in analysis.insights.compatibility


def test_one_generic_failure_status_for_another_or_a_new_exit_path_is_not_an_exit_status_change():
    go = change("cmd/root.go", ["\t\tos.Exit(-1)"] + body_lines(3), ["\t\tos.Exit(1)"] + body_lines(3, "new"))
    assert "exit status" not in " ".join(analyse("Make detection of $HOME work", [go]).summary)
    py = change("src/tool/cli.py", [], ["    if not args:", "        sys.exit(2)"])
    assert "exit status" not in " ".join(analyse("Exit early without arguments", [py]).summary)
    changed = change("src/tool/cli.py", ["        sys.exit(1)"], ["        sys.exit(2)"])
    assert analyse("Exit with 2 on usage errors", [changed]).importance == "high"


# --- small internal tuning ----------------------------------------------------------------------------

def test_a_few_lines_of_internal_perf_tuning_are_low_a_public_method_keeps_it_medium():
    java = change("src/main/java/a/Pointer.java", ["            long l = NumberInput.parseLong(str);"],
                  ["            long l = Long.parseLong(str);", "            return (int) l;"])
    private = [Fact(kind="symbol_modified", path=java.path, symbol="Pointer._parseIndex", public=False, text="method")]
    public = [Fact(kind="symbol_modified", path=java.path, symbol="Pointer.parseIndex", public=True, text="method")]
    assert analyse("perf: tiny optimization for index parse", [java], private).importance == "low"
    # the author's ``perf:`` over function bodies alone reads low since tune22 (tests/test_heuristic_tune22.py), a
    # perf said in words too since tune25 (tests/test_heuristic_tune25.py): the housekeeping rule's public guard
    # shows on a refactor
    assert analyse("perf: tiny optimization for index parse", [java], public).importance == "low"
    assert analyse("Tiny optimization for index parse", [java], public).importance == "low"
    assert analyse("Use Long.parseLong for index parse", [java], private).importance == "low"
    assert analyse("Use Long.parseLong for index parse", [java], public).importance == "medium"


def test_a_small_internal_change_with_new_tests_is_a_behaviour_change():
    swift = change("Sources/Usage/HelpGenerator.swift", ['          let d = v == "true" ? nil : "(default: \\(v))"'],
                   ['          let d = "(default: \\(v))"'])
    tests = change("Tests/UnitTests/HelpGenerationTests.swift", [],
                   ["  func testHelpWithDefaultValues() {", "    AssertHelp(for: D.self, equals: \"\"\"",
                    "      --logging <logging>  Whether logging is enabled. (default: false)", "      \"\"\")", "  }",
                    "}"])
    assert analyse("Stop filtering out default values for Bools", [swift]).importance == "low"
    assert analyse("Stop filtering out default values for Bools", [swift, tests]).importance == "medium"


# --- results existing tests expect ---------------------------------------------------------------------

def test_an_existing_test_expecting_another_boolean_result_makes_a_change_high():
    py = change("src/click/core.py", ["        if value is True and self.is_flag:"],
                ["        if value is True and self.is_flag and not self.is_bool_flag:"])
    flipped = change("tests/test_options.py", ['        ({"default": True, "flag_value": False}, [], False),'],
                     ['        ({"default": True, "flag_value": False}, [], True),'])
    analysis = analyse("Reconcile default value passing", [py, flipped])
    assert analysis.importance == "high"
    assert ("Existing test lines now expect other results: `True` where `False` was expected in `tests/test_options.py`"
            in analysis.summary)


def test_other_test_edits_do_not_count_as_expecting_another_result():
    py = change("src/click/core.py", ["        if value is True and self.is_flag:"],
                ["        if value is True and self.is_flag and not self.is_bool_flag:"])
    renamed = change("tests/test_options.py", ["    assert run(flag=True) == expected"],
                     ["    assert run(flag=True) == wanted"])
    counted = change("tests/test_options.py", ["    assert len(commands) == 3"], ["    assert len(commands) == 4"])
    for test in (renamed, counted):
        summary = " ".join(analyse("Reconcile default value passing", [py, test]).summary)
        assert "now expect" not in summary and "src/click/core.py" in summary


def test_a_fix_naming_the_http_status_it_now_returns_is_high():
    ts = change("src/hono-base.ts", ["        : res"], ["        : res ?? this.notFoundHandler(c)"])
    facts = [Fact(kind="symbol_modified", path=ts.path, symbol="Hono.dispatch", public=False, text="method")]
    assert analyse("fix(hono-base): return 404 if lacking response", [ts], facts).importance == "high"
    assert analyse("fix(hono-base): handle a lacking response", [ts], facts).importance == "medium"
    assert analyse("refactor: return 404 from one place", [ts], facts).importance != "high"


def test_a_feature_reshaping_a_public_signature_is_high_a_fix_doing_so_compatibly_is_not():
    ts = change("src/context.ts", ["  redirect = (location: string, status: Code = 302): Response => {"],
                ["  redirect = <T extends Code = 302>(location: string, status?: T): Response & Typed<T> => {"])
    facts = [Fact(kind="signature_changed", path=ts.path, symbol="Context.redirect", public=True,
                  before="(location: string, status: Code=302) -> Response",
                  after="(location: string, status?: T) -> Response & Typed<T>", text="default of status 302 -> (none)")]
    assert analyse("feat(context): `c.redirect()` supports typed responses", [ts], facts).importance == "high"
    assert analyse("fix(context): `c.redirect()` keeps its default", [ts], facts).importance == "medium"


# --- kinds of change --------------------------------------------------------------------------------------

def test_release_notes_directories_are_documentation_and_solving_an_issue_is_a_fix():
    notes = change("release-notes/VERSION-2.x", [], ["#1218: Improve surrogate conversion"])
    assert analyse("Update release notes wrt 2.17", [notes]).change_type == "docs"
    java = change("src/main/java/a/ParserBase.java", body_lines(12, "old"), body_lines(12, "new"))
    assert analyse("Second attempt at solving #1173", [java]).change_type == "fix"
    assert analyse("Make detection of $HOME work on all systems", [java]).change_type == "fix"


def test_a_test_setup_flipping_a_boolean_is_not_an_expectation_and_doc_tests_stay_docs():
    py = change("src/click/core.py", ["        if value is True and self.is_flag:"],
                ["        if value is True and self.is_flag and not self.is_bool_flag:"])
    setup = change("tests/test_options.py", ["    runner = CliRunner(mix_stderr=False)"],
                   ["    runner = CliRunner(mix_stderr=True)"])
    assert "now expect" not in " ".join(analyse("Reconcile default value passing", [py, setup]).summary)
    asserted = change("tests/test_options.py", ["    assert result.value is False"], ["    assert result.value is True"])
    assert analyse("Reconcile default value passing", [py, asserted]).importance == "high"
    doc = change("src/api.js", ["// Run it.", "const limit = 1;"], ["// Run it, e.g. run(1).", "const limit = 1 ;"])
    doc_tests = change("test/docs.test.js", [], [f"  expect(run({i})).toBe({i});" for i in range(8)])
    assert analyse("docs: show how run is called", [doc, doc_tests]).importance == "low"


def test_changed_field_defaults_of_a_public_class_are_high_and_named():
    py = change("src/pkg/config.py", ["    timeout: float = 5.0"], ["    timeout: float = 10.0"])
    facts = [_modified(py.path, "Config", "class, field default changed timeout (5.0, 1.0) -> (10.0, 1.0)")]
    analysis = analyse("Raise the timeout", [py], facts)
    assert analysis.importance == "high"
    assert "`Config`: `timeout` default changes from `(5.0, 1.0)` to `(10.0, 1.0)`" in analysis.summary
    assert "gets the new defaults" in analysis.insights.compatibility
