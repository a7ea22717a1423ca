"""Importance rules of the heuristic judge, each with its commit and facts built here: what users see decides."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.code.hunks import code_lines, comment_lines_only, literal_changes, moved_lines
from analysis.models import Analysis, Commit, Fact, FileChange

analyzer = HeuristicAnalyzer()


def patch_of(removed: list[str], added: list[str]) -> str:
    head = f"@@ -1,{len(removed)} +1,{len(added)} @@\n"
    return head + "".join(f"-{line}\n" for line in removed) + "".join(f"+{line}\n" for line in added)


def change(path: str, removed: list[str], added: list[str]) -> FileChange:
    return FileChange(path=path, additions=len(added), deletions=len(removed), patch=patch_of(removed, added))


def analyse(message: str, files: list[FileChange], facts: list[Fact] | None = None) -> Analysis:
    commit = Commit(sha="c" * 40, author="Dev", committed_at=datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc),
                    message=message, files=files, details_loaded=True)
    return analyzer.analyze_sync(commit, "en", AnalysisContext(facts=facts or []))


def body_lines(n: int, name: str = "value") -> list[str]:
    return [f"    let {name}_{i} = compute({i}, &state);" for i in range(n)]


def moved_type() -> tuple[FileChange, FileChange, list[Fact]]:
    """A public type moved from index.ts to types.ts, re-exported under its name."""
    old = change("src/conninfo/index.ts", ["export type ConnInfo = { remote: Addr }"] * 8,
                 ["export type { ConnInfo } from './types'"])
    new = change("src/conninfo/types.ts", [], ["export type ConnInfo = { remote: Addr }"] * 8)
    return old, new, [Fact(kind="symbol_removed", path=old.path, symbol="ConnInfo", public=True, text="type"),
                      Fact(kind="symbol_added", path=new.path, symbol="ConnInfo", public=True, text="type")]


# --- comments and docs ------------------------------------------------------------------------

def test_doc_comments_in_code_plus_docs_are_low_whatever_the_prefix():
    rust = change("src/routing/mod.rs", ["/// Old summary of the router."],
                  ["/// Routes requests to handlers.", "///", "/// # Panics", "/// When a route is added twice."])
    analysis = analyse("feat: document the router", [rust, change("docs/routing.md", [], ["Routing", "more"])])
    assert analysis.importance == "low" and analysis.change_type == "docs"


def test_a_docs_change_that_splits_a_block_for_its_doc_comment_is_low():
    rust = change("src/man.rs", ["    /// Render a page."],
                  ["}", "", "/// Generate ROFF output", "impl<'a> Man<'a> {", "    /// Render a full page.",
                   *[f"    /// line {i} of the new documentation" for i in range(20)]])
    assert analyse("docs(man): Add some basic documentation", [rust]).importance == "low"


def test_a_hash_is_a_comment_in_python_but_a_directive_in_c():
    assert comment_lines_only(patch_of(["# old note"], ["# new note"]), "pkg/mod.py")
    assert not comment_lines_only(patch_of(["#if FMT_A"], ["#if FMT_B"]), "include/fmt/base.h")
    assert comment_lines_only(patch_of(["// gcc 4.8"], ["// gcc 4.9"]), "include/fmt/base.h")
    assert code_lines(patch_of(["// a", "x = 1;"], ["// b", "", "x = 2;"]), "src/a.c") == 2


# --- refactors, moves, cleanups -----------------------------------------------------------------

def test_size_alone_does_not_lift_an_internal_refactor_above_medium():
    big = change("src/codec/frame.rs", body_lines(900, "old"), body_lines(900, "new"))
    analysis = analyse("Use macros for frame encoders", [big])
    assert analysis.change_type == "refactor" and analysis.importance == "medium"


def test_a_pure_move_or_reorder_is_low():
    block = [f"impl Encoder for Frame{i} {{ fn encode(&self) -> Bytes {{ todo(self, {i}) }} }}" for i in range(40)]
    moved = FileChange(path="src/codec/frame.rs", additions=40, deletions=40,
                       patch="@@ -10,40 +10,0 @@\n" + "".join(f"-{ln}\n" for ln in block)
                       + "@@ -300,0 +260,40 @@\n" + "".join(f"+{ln}\n" for ln in block))
    assert moved_lines([moved.patch])
    assert analyse("Move impls below the type definitions", [moved]).importance == "low"


def test_a_public_symbol_moved_to_another_file_is_not_a_break():
    old, new, facts = moved_type()
    analysis = analyse("refactor(conninfo): create types.ts for type definitions", [old, new], facts)
    assert analysis.importance == "low"
    gone = analyse("refactor(conninfo): drop ConnInfo", [old], facts[:1])
    assert gone.importance == "high"  # removed for real: callers break


def test_a_cleanup_without_interface_change_is_low_but_not_with_one():
    lines = change("include/fmt/format.h", body_lines(12, "a"), body_lines(10, "b"))
    assert analyse("Remove old workaround", [lines]).importance == "low"
    removed = Fact(kind="symbol_removed", path=lines.path, symbol="vformat", public=True, text="function")
    assert analyse("Remove old workaround", [lines], [removed]).importance == "high"


def test_a_header_under_include_is_not_an_api_change_by_its_location():
    rename = change("include/fmt/chrono.h", body_lines(40, "in_buf"), body_lines(40, "in"))
    assert analyse("Cleanup chrono naming across formatters", [rename]).importance != "high"


# --- tests only ------------------------------------------------------------------------------

def test_a_test_only_refactor_across_many_files_is_low():
    files = [change(f"tests/test_mod{i}.py", body_lines(30, "old"), body_lines(30, "new")) for i in range(12)]
    assert analyse("Refactor tests to use fixtures", files).importance == "low"


def test_tests_adding_coverage_are_medium():
    tests = change("tests/test_pager.py", [], body_lines(220, "case"))
    facts = [Fact(kind="test_added", path=tests.path, symbol=f"test_pager_{i}") for i in range(6)]
    assert analyse("Test the pager on closed streams", [tests], facts).importance == "medium"
    renamed = facts + [Fact(kind="test_removed", path=tests.path, symbol=f"test_old_{i}") for i in range(6)]
    assert analyse("Rename pager tests", [change(tests.path, body_lines(80, "x"), body_lines(80, "y"))],
                   renamed).importance == "low"


# --- build warnings and build fixes -----------------------------------------------------------

def test_fixing_build_warnings_is_never_high():
    gates = change("src/lib.rs", ['#[cfg(feature = "tokio")]', "pub mod serve;"],
                   ['#[cfg(all(feature = "tokio", feature = "http1"))]', "pub mod serve;"])
    ci = change(".github/workflows/ci.yml", ["  run: cargo hack check"], ["  run: cargo hack check --each-feature"])
    spurious = Fact(kind="symbol_removed", path="src/lib.rs", symbol="serve", public=True, text="function")
    analysis = analyse("Fix cargo hack warnings", [gates, ci], [spurious])
    assert analysis.importance in ("low", "medium")
    assert analyse("Fix cargo hack warnings", [gates, ci]).importance == "low"


def test_a_build_fix_is_medium_and_a_package_rename_is_high():
    cmake = change("CMakeLists.txt", ["  target_compile_options(fmt PUBLIC /utf-8)"],
                   ["  target_compile_options(fmt PUBLIC $<$<CXX_COMPILER_ID:MSVC>:/utf-8>)"])
    assert analyse("fix: pass /utf-8 only if the compiler is MSVC", [cmake]).importance == "medium"
    manifest = change("clap_mangen/Cargo.toml", ['name = "clap_man"'], ['name = "clap_mangen"'])
    renamed = Fact(kind="config_value_changed", path=manifest.path, symbol="package.name",
                   before="clap_man", after="clap_mangen")
    assert analyse("fix(man): Rename crate to match style", [manifest], [renamed]).importance == "high"


# --- new public API ---------------------------------------------------------------------------

def test_a_new_public_method_users_call_is_a_medium_feature_an_internal_one_medium():
    code = change("src/client/models.py", [], ["    def raise_for_status(self):", *body_lines(20)])
    tests = change("tests/test_models.py", [], body_lines(30, "t"))
    public = Fact(kind="symbol_added", path=code.path, symbol="Response.raise_for_status", public=True, text="method")
    added = analyse("Add raise_for_status() to API", [code, tests], [public])
    assert (added.change_type, added.importance) == ("feature", "medium")  # additive: the written convention
    internal = public.model_copy(update={"symbol": "Response._check", "public": False})
    assert analyse("Add a status check helper", [code, tests], [internal]).importance == "medium"


def test_an_optional_parameter_on_a_public_constructor_is_medium_and_not_breaking():
    code = change("src/client/session.py", ["    def __init__(self, url):"],
                  ["    def __init__(self, url, timeout=None):"])
    fact = Fact(kind="signature_changed", path=code.path, symbol="Session.__init__", public=True,
                before="(self, url)", after="(self, url, timeout=None)")
    analysis = analyse("Add timeout to Session", [code], [fact])
    assert analysis.importance == "medium" and not any("break" in r.risk.lower() for r in analysis.risks)


# --- literals users see -----------------------------------------------------------------------

def test_a_changed_status_code_returned_to_clients_is_high():
    named = change("src/extract/rejection.rs", ["            StatusCode::BAD_REQUEST,"],
                   ["            StatusCode::UNPROCESSABLE_ENTITY,"])
    assert literal_changes([named])["status"] == [named.path]
    assert analyse("Return a different rejection", [named]).importance == "high"
    number = change("app/handlers.py", ["        return error_response(400, reason)"],
                    ["        return error_response(422, reason)"])
    assert analyse("Use the right code for invalid bodies", [number]).importance == "high"


def test_a_changed_message_is_medium_but_versions_paths_and_logs_are_not_messages():
    message = change("src/error.rs", ['        write!(f, "invalid header value")'],
                     ['        write!(f, "header value {value} is not valid UTF-8")'])
    assert literal_changes([message])["message"] == [message.path]
    assert analyse("chore: reword the header error", [message]).importance == "medium"
    others = [change("pkg/__init__.py", ['__version__ = "1.2.0"'], ['__version__ = "1.3.0"']),
              change("src/app.ts", ["import { a } from './old/path'"], ["import { a } from './new/path'"]),
              change("src/run.py", ['    logger.debug("starting the worker now")'],
                     ['    logger.debug("worker is starting now")'])]
    assert literal_changes(others) == {"status": [], "message": []}


def test_no_untested_risk_is_written_for_a_change_judged_low():
    lines = change("include/fmt/format.h", body_lines(12, "a"), body_lines(10, "b"))
    analysis = analyse("Remove old workaround", [lines])
    assert analysis.importance == "low" and not analysis.risks


# --- wording a maintainer reads ---------------------------------------------------------------

def test_a_move_is_written_as_a_move_in_both_languages():
    old, new, facts = moved_type()
    en = analyse("refactor: create types.ts", [old, new], facts)
    assert "Moves `ConnInfo` to `src/conninfo/types.ts`" in en.summary
    assert not any("Removes" in line for line in en.summary) and not en.risks
    commit = Commit(sha="d" * 40, author="Dev", committed_at=datetime(2026, 6, 1, tzinfo=timezone.utc),
                    message="refactor: create types.ts", files=[old, new], details_loaded=True)
    zh = analyzer.analyze_sync(commit, "zh", AnalysisContext(facts=facts))
    assert "把 `ConnInfo` 移到 `src/conninfo/types.ts`" in zh.summary


def test_a_default_moved_into_the_body_of_a_still_optional_parameter_is_not_a_break():
    code = change("src/context.ts", ["  redirect = (location: string, status: Code = 302): Response => {"],
                  ["  redirect = (location: string, status?: Code): Response => {"])
    fact = Fact(kind="signature_changed", path=code.path, symbol="Context.redirect", public=True,
                before="(location: string, status: Code = 302)", after="(location: string, status?: Code)")
    analysis = analyse("feat(context): typed redirect", [code], [fact])
    assert "`Context.redirect` `status` stays optional, its default `302` no longer in the signature" in analysis.summary
    assert not any("old signature" in r.impact for r in analysis.risks) and analysis.importance == "medium"


def test_squashed_commit_subjects_and_the_title_repeated_are_not_quoted_as_the_summary():
    code = change("src/utils/types.ts", ["export type A<T> = T"], ["export type A<T> = T[]"])
    message = ("fix(types): arrays are deep now (#2920)\n\n* fix(types): arrays are deep now\n\n"
               "* feat: add DeepSimplify type\n\n* style: lint")
    summary = analyse(message, [code]).summary
    assert not any(line.startswith(("fix(types)", "feat:")) for line in summary) and summary
    described = analyse("Fix arrays (#12)\n\nArrays of interfaces were typed as never.", [code]).summary
    assert described[0] == "Arrays of interfaces were typed as never."


def test_names_cut_to_the_same_text_are_listed_once():
    tests = change("src/app.test.ts", [], body_lines(20, "t"))
    long = "Lack returning response with a single handler > Should return 404 response if the handler "
    facts = [Fact(kind="test_added", path=tests.path, symbol=long + "is sync"),
             Fact(kind="test_added", path=tests.path, symbol=long + "is async")]
    maintainability = analyse("Test the fallback", [tests], facts).insights.maintainability
    assert maintainability.count("Lack returning response") == 1


def test_the_merge_line_and_a_release_heading_are_not_summary_points():
    code = change("src/parse/matches.rs", ["pub(crate) fn source(&self) {"], ["pub fn value_source(&self) {"])
    log = change("CHANGELOG.md", [], ["## [0.1.1] - 2022-02-08", "- Expose the source of a value to callers"])
    facts = [Fact(kind="changelog_entry", path=log.path, text="## [0.1.1] - 2022-02-08"),
             Fact(kind="changelog_entry", path=log.path, text="- Expose the source of a value to callers")]
    titled = "feat(parser): Expose ValueSource\n\nMerge pull request #3424 from epage/source"
    summary = analyse(titled, [code, log], facts).summary
    assert not any("Merge pull request" in line or "2022-02-08" in line for line in summary)
    assert "Changelog: Expose the source of a value to callers" in summary


def test_doc_comments_with_a_line_or_two_of_code_say_so():
    rust = change("src/man.rs", ["    /// Render a page."],
                  ["}", "impl<'a> Man<'a> {", *[f"    /// line {i} of the new documentation" for i in range(20)]])
    # the code line is named, the closing bracket beside it is not
    assert analyse("docs: more", [rust]).summary == [
        "Comments in `src/man.rs`, and 2 changed lines of code around them: adds `impl<'a> Man<'a> {`"]
