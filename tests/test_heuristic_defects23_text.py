"""What a summary says on the twenty-second set's days (maintainer-review mends, defects23): a subject cut after
"and" goes on into its next line, and a setting whose value changed in spacing only says so rather than printing
the same text twice."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.models import Analysis, Commit, Fact, FileChange
from tests.test_heuristic_judge_rules import change


def analyse(message: str, files: list[FileChange], facts: list[Fact] | None = None, lang: str = "en") -> Analysis:
    commit = Commit(sha="d" * 40, author="Dev", committed_at=datetime(2026, 6, 18, 9, 0, tzinfo=timezone.utc),
                    message=message, files=files, details_loaded=True)
    return HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext(facts=facts or []))

WRAPPED = ("Removed `cfg(feature=\"use_alloc\")` from `combinations` and\n"
           "`combinations_with_replacements` as they are done at a module level\nright now.")


def test_a_subject_cut_after_and_is_one_sentence_with_its_next_line():
    code = change("src/combinations.rs", ['#[cfg(feature = "use_alloc")]', "use alloc::vec::Vec;"], ["use alloc::vec::Vec;"])
    analysis = analyse(WRAPPED, [code])
    assert analysis.summary[0] == ("Removed `cfg(feature=\"use_alloc\")` from `combinations` and "
                                   "`combinations_with_replacements` as they are done at a module level right now.")


def test_a_subject_with_a_full_stop_keeps_its_next_paragraph_apart():
    code = change("src/combinations.rs", ["    let a = 1;"], ["    let a = 2;"])
    analysis = analyse("Bump the pool size.\n`Pool::new` now starts at two.", [code])
    assert analysis.summary[0] == "`Pool::new` now starts at two."


def _schema(before: str, after: str, lang: str = "en"):
    schema = change("charts/cluster/values.schema.json", [f'  "description": "{before}",'],
                    [f'  "description": "{after}",'])
    fact = Fact(kind="config_value_changed", path=schema.path, symbol="properties.self.description",
                before=" ".join(before.split()), after=" ".join(after.split()))
    return analyse("Release cluster-v0.7.0 (#919)", [schema], [fact], lang=lang)


def test_a_value_changed_in_spacing_only_says_so_once_not_the_same_text_twice():
    said = " ".join(_schema(" Defines the name of this cluster.", "Defines the name of this cluster.").summary)
    assert "`properties.self.description`: spaces or line breaks only, the words unchanged" in said
    assert "Defines the name of this cluster." not in said


def test_a_value_changed_in_spacing_only_says_so_in_chinese():
    said = " ".join(_schema(" Defines the name.", "Defines the name.", "zh").summary)
    assert "`properties.self.description`：仅空格或换行变化，文字未变" in said


def test_a_value_whose_words_change_still_reads_old_to_new():
    said = " ".join(_schema("Defines the cluster.", "Names the cluster.").summary)
    assert "`properties.self.description` `Defines the cluster.` → `Names the cluster.`" in said


# --- a module's nameless ``export default`` ---------------------------------------------------------------------

PLUGIN = "src/plugin/localizedFormat/index.js"


def _plugin(lang: str = "en"):
    code = change(PLUGIN, [], ["export default (o, c, d) => {", "  const proto = c.prototype", "}"])
    fact = Fact(kind="symbol_added", path=PLUGIN, symbol="default", public=True, after="(o, c, d)", text="function")
    return analyse("Add LocalizedFormat plugin (#305)", [code], [fact], lang=lang)


def test_a_default_export_added_is_named_by_its_file_not_as_default():
    analysis = _plugin()
    assert f"Adds `{PLUGIN}`'s default export" in analysis.summary
    assert f"`{PLUGIN}`'s default export" in analysis.insights.compatibility
    assert any(f"`{PLUGIN}`'s default export" in line for line in analysis.impact)
    assert "`default`" not in " ".join([*analysis.summary, *analysis.impact, analysis.insights.compatibility])


def test_a_default_export_added_is_named_by_its_file_in_chinese():
    assert f"新增 `{PLUGIN}` 的默认导出" in _plugin("zh").summary


def test_a_python_symbol_called_default_keeps_its_name():
    path = "src/pkg/options.py"
    code = change(path, [], ["def default(value):", "    return value"])
    fact = Fact(kind="symbol_added", path=path, symbol="default", public=True, after="(value)", text="function")
    assert "Adds `default`" in analyse("Add a default helper", [code], [fact]).summary


# --- a long dotted key keeps its last part --------------------------------------------------------------------------

LONG_KEY = "properties.cluster.properties.monitoring.properties.instrumentation.properties.pgStatStatements"


def test_a_long_key_added_is_cut_in_its_middle_so_the_key_added_is_still_named():
    schema = change("charts/cluster/values.schema.json", [], ['"pgStatStatements": {"default": false}'])
    fact = Fact(kind="config_key_added", path=schema.path, symbol=LONG_KEY, after='{"default":false}')
    said = " ".join(analyse("Release cluster-v0.7.0 (#919)", [schema], [fact]).summary)
    assert "`properties.…monitoring.properties.instrumentation.properties.pgStatStatements`" in said
    assert "properties…`" not in said


def test_a_short_key_and_a_long_value_are_left_as_they_were():
    from analysis.analyzers.heuristic.text.spans import code
    assert code("cluster.monitoring.tls") == "`cluster.monitoring.tls`"
    url = "https://example.com/" + "x" * 100
    assert code(url).startswith("`https://example.com/xx") and code(url).endswith("…`")


# --- a parameter's type annotation rewritten: no test is missing ----------------------------------------------------

OLD_SIG = "(self, message: str | None=None, match: None | str | typing.Pattern[str]=None) -> None"
NEW_SIG = "(self, message: str | None=None, match: None | str | re.Pattern[str]=None) -> None"


def _retyped(body_removed: list[str], body_added: list[str]):
    retry = change("tenacity/retry.py", ["        match: None | str | typing.Pattern[str] = None,", *body_removed],
                   ["        match: None | str | re.Pattern[str] = None,", *body_added])
    fact = Fact(kind="signature_changed", path=retry.path, symbol="retry_if_exception_message.__init__",
                public=True, before=OLD_SIG, after=NEW_SIG,
                text="type of match None | str | typing.Pattern[str] -> None | str | re.Pattern[str]")
    return analyse("refactor: replace deprecated typing.Pattern with re.Pattern (#589)", [retry], [fact])


def test_a_parameter_only_retyped_asks_for_no_test():
    analysis = _retyped([], [])
    assert "typing.Pattern[str]" in " ".join(analysis.summary)
    assert not any("No test covers" in r.risk for r in analysis.risks)


def test_a_retyped_parameter_beside_a_changed_body_still_asks_for_a_test():
    analysis = _retyped(["        self.match = match"], ["        self.match = re.compile(match)"])
    assert any("No test covers" in r.risk and "retry_if_exception_message.__init__" in r.risk for r in analysis.risks)


# --- a lead ending in a colon, then a heading per item, each with its paragraph --------------------------------------

SECTIONS = """Fix archive_time.c issues (concurrency, 32 bit) (#2563)

The refactoring of the time helpers
introduced three issues:

1. Introduction of a modifiable global static variable

This violates the goal of having no global variables.

2. Broken 32 bit support

The calculation of maximum MS-DOS time is not possible with a 32 bit time_t.

3. Edge case protection

Huge or tiny int64_t values can easily lead to unsigned integer overflows."""


def test_a_lead_announcing_headed_sections_is_said_with_their_headings():
    code = change("libarchive/archive_time.c", ["static time_t max_time;"], ["    time_t max_time;"])
    summary = analyse(SECTIONS, [code]).summary
    assert summary[:4] == ["The refactoring of the time helpers introduced three issues:",
                           "Introduction of a modifiable global static variable", "Broken 32 bit support",
                           "Edge case protection"]


def test_a_lead_before_a_single_example_still_drops_its_colon():
    from analysis.analyzers.heuristic.message import message_points
    body = "Parsing failed on inputs\nlike these:\n\n- `a=b`\n\nThe parser now accepts them."
    assert message_points(body) == ["Parsing failed on inputs like these"]


# --- tests that share their describe blocks ---------------------------------------------------------------------------

SUITE = "path-to-regexp > arguments"


def _suite_tests(lang: str = "en"):
    spec = change("src/index.spec.ts", [], ['    it("should throw on missing name", () => {});'])
    names = ["should throw on missing name", "should throw on missing pattern", "should throw on unbalanced pattern"]
    facts = [Fact(kind="test_added", path=spec.path, symbol=f"{SUITE} > {n}") for n in names]
    facts.append(Fact(kind="test_removed", path=spec.path, symbol=f"{SUITE} > should throw on nested groups"))
    facts.append(Fact(kind="test_removed", path=spec.path, symbol="path-to-regexp > tokens > should parse"))
    return analyse("Support `{}` for capturing prefix and suffix chars (#207)", [spec], facts, lang=lang)


def test_tests_added_under_the_same_describe_blocks_name_them_once():
    said = _suite_tests().insights.maintainability
    assert ("Tests added in `path-to-regexp > arguments`: `should throw on missing name`, "
            "`should throw on missing pattern`, `should throw on unbalanced pattern`.") in said
    # removed from two suites: their shared block only
    assert "Tests removed from `path-to-regexp`: `arguments > should throw on nested groups`, `tokens > should parse`." \
        in said


def test_tests_added_under_the_same_describe_blocks_in_chinese():
    said = _suite_tests("zh").insights.maintainability
    assert "`path-to-regexp > arguments` 新增测试：`should throw on missing name`" in said


def test_tests_of_no_shared_suite_are_listed_whole():
    from analysis.analyzers.heuristic.text.test_suites import common_suite
    assert common_suite(["a > x", "b > y"]) == ("", ["a > x", "b > y"])
    assert common_suite(["a > x"]) == ("", ["a > x"])
    assert common_suite(["a", "a > y"]) == ("", ["a", "a > y"])


# --- a Rust trait implemented for a type ----------------------------------------------------------------------------

IMPL = ["impl<T> PoolIndex<T> for Box<[usize]> {", "    type Item = Vec<T>;", "",
        "    fn extract_item<I: Iterator<Item = T>>(&self, pool: &LazyBuffer<I>) -> Vec<T>", "    where",
        "        T: Clone,", "    {", "        pool.get_at(self)", "    }", "}"]


def _impl(removed: list[str], added: list[str], lang: str = "en"):
    code = change("src/combinations.rs", removed, added)
    facts = [Fact(kind="symbol_added", path=code.path, symbol="Box::extract_item", public=True,
                  after="(&self, pool: &LazyBuffer<I>) -> Vec<T>", text="method, overrides")]
    return analyse("Added PoolIndex impl for Box<[usize]>", [code], facts, lang=lang)


def test_a_trait_implemented_for_a_type_is_said_by_trait_and_type():
    summary = _impl([], IMPL).summary
    assert "Implements `PoolIndex` for `Box<[usize]>`" in summary
    assert not any(line.startswith("Changes `src/combinations.rs`") for line in summary)


def test_a_trait_implemented_for_a_type_in_chinese():
    assert "为 `Box<[usize]>` 实现 `PoolIndex`" in _impl([], IMPL, "zh").summary


def test_an_impl_dropped_is_said_and_one_moved_is_not():
    assert "`Box<[usize]>` no longer implements `PoolIndex`" in _impl(IMPL[:1] + ["}"], []).summary
    moved = _impl(["impl<T> PoolIndex<T> for Box<[usize]> {"], ["impl<T> PoolIndex<T> for Box<[usize]> {"]).summary
    assert not any("PoolIndex" in line for line in moved)


def test_traits_implemented_for_one_type_are_one_line():
    added = ["#[derive(Debug)]", "pub struct Pool;", "impl Clone for Pool {", "}", "impl Send for Pool {}"]
    summary = _impl([], added).summary
    assert "Implements `Clone`, `Send` for `Pool`" in summary


# --- a TypeScript module's export form flipped -----------------------------------------------------------------------

def _typings(removed: str, added: str, lang: str = "en"):
    typings = change("index.d.ts", [removed], [added])
    return analyse("chore(typings): default export issue#277 (#278)", [typings], lang=lang)


def test_typings_switching_export_assignment_to_export_default_say_imports_may_break():
    said = _typings("export = dayjs;", "export default dayjs").insights.compatibility
    assert "`index.d.ts` now exports the module with `export default` instead of `export =`" in said
    assert "may stop compiling" in said


def test_typings_switching_export_form_in_chinese():
    said = _typings("export = dayjs;", "export default dayjs", "zh").insights.compatibility
    assert "`index.d.ts` 的模块导出由 `export =` 改为 `export default`" in said


def test_typings_exporting_the_same_way_say_nothing_of_the_export_form():
    analysis = _typings("export default dayjs", "export default dayjs;")
    assert "`export default dayjs` → `export default dayjs;`" in " ".join(analysis.summary)
    assert "exports the module" not in analysis.insights.compatibility


# --- tests beside the code in one area are counted apart ---------------------------------------------------------

def _beside(lang: str = "en"):
    src = change("src/index.ts", ["const DEFAULT_DELIMITER = \"/\";"], ["const DEFAULT_DELIMITER = \"/#?\";"])
    spec = change("src/index.spec.ts", ["  it('a', () => {});"] * 5, ["  it('b', () => {});"] * 9)
    fact = Fact(kind="symbol_modified", path=src.path, symbol="tokensToRegexp", public=True)
    return analyse("Use `/#?` as default delimiter", [src, spec], [fact], lang=lang)


def test_an_area_s_tests_are_counted_apart_from_the_symbols_it_names():
    assert "src (+1/−1): `tokensToRegexp`; tests (+9/−5)" in _beside().impact


def test_an_area_s_tests_are_counted_apart_in_chinese():
    assert "src（+1/−1）：`tokensToRegexp`；测试（+9/−5）" in _beside("zh").impact


# --- blank lines are no comments ---------------------------------------------------------------------------------

CACHE = "caffeine/src/main/java/com/github/benmanes/caffeine/cache/LocalAsyncCache.java"


def _guard(added: list[str]):
    code = change(CACHE, [], added)
    fact = Fact(kind="symbol_added", path=CACHE, symbol="LocalAsyncCache.AbstractCacheView.readObjectNoData",
                public=False, after="() -> void", text="method")
    return analyse("Reject hierarchy-skip deserialization of synchronous cache views", [code], [fact]).summary


def test_code_and_a_blank_line_are_not_said_as_comments():
    summary = _guard(["", '    @SuppressWarnings("unused")', "    private void readObjectNoData() throws InvalidObjectException {",
                      '      throw new InvalidObjectException("Proxy required");', "    }"])
    assert not any(line.startswith("Comments in") for line in summary)
    assert any("LocalAsyncCache.java" in line and "(+5/−0)" in line for line in summary)


def test_comments_around_a_few_code_lines_are_still_said_as_comments():
    summary = _guard(["    // Java skips readObject when the stream omits this class,", "    // so reject that path too.",
                      "    private void readObjectNoData() {", "      throw new IllegalStateException();", "    }"])
    assert any(line.startswith("Comments in") and "3 changed lines of code" in line for line in summary)


def test_traits_one_type_loses_and_another_gains_are_said_as_moved():
    removed = ["impl<I> Iterator for CombinationsWithReplacement<I>", "impl<I> FusedIterator for CombinationsWithReplacement<I>"]
    added = ["impl<I, Idx> Iterator for CombinationsWithReplacementGeneric<I, Idx>",
             "impl<I, Idx> FusedIterator for CombinationsWithReplacementGeneric<I, Idx>"]
    summary = _impl(removed, added).summary
    assert ("`Iterator`, `FusedIterator` now implemented for `CombinationsWithReplacementGeneric<I, Idx>` instead of "
            "`CombinationsWithReplacement<I>`") in summary
    assert not any("no longer implements" in line for line in summary)


# --- words pointing at an example left out ------------------------------------------------------------------------

def test_words_pointing_at_a_code_example_left_out_are_dropped():
    from analysis.analyzers.heuristic.message import message_points
    body = ("This new test archive contains a C hello world executable built like so\non a ubuntu 24.04 machine:\n"
            "```\nint main(void) { return 0; }\n```\n\nThe test archive was created with 7-Zip 24.08.")
    assert message_points(body) == ["This new test archive contains a C hello world executable built on a ubuntu "
                                    "24.04 machine."]


def test_like_so_in_a_sentence_with_no_example_after_it_is_kept():
    from analysis.analyzers.heuristic.message import message_points
    body = "Build it like so on every platform.\n\nMore details follow."
    assert message_points(body) == ["Build it like so on every platform."]
