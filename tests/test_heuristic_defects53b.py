"""defects53b: what fd's, lipgloss's and fastapi's digests said wrongly, each mended at its cause.

A module a binary crate's root declares without ``pub`` (fd's ``mod filesystem;`` in ``src/main.rs``) is the
program's; ``pub mod`` dropped from a binary's root breaks no importer; a comment's link number (``pull/480`` ->
``481``) is no status code; a test whose declaration line is renamed in place was renamed, not removed and added; a
list that only finishes its lead-in's sentence ("This can be used in order to:" and "- see symlink targets") is one
point, and a changelog entry the point says word for word is not quoted again."""

from __future__ import annotations

from analysis.analyzers.heuristic.api.rust_modules import public_modules_gone
from analysis.analyzers.heuristic.code.hunks import literal_changes
from analysis.analyzers.heuristic.message import message_points
from analysis.models import Fact
from tests.facts_support import analysis_text, facts_of
from tests.test_heuristic_judge_rules import analyse, change

# --- Rust: a module a binary's root declares without ``pub`` ------------------------------------------------------

ROOT = "mod filesystem;\nmod output;\n\nfn main() {\n    output::run();\n}\n"
FILESYSTEM = ("pub fn replace_path_separator<'a>(path_separator: &Option<String>, path: &mut Cow<'a, str>) {\n"
              "    path.len();\n}\n")
FILESYSTEM_AFTER = ("pub fn replace_path_separator(path: &str, new_path_separator: &str) -> String {\n"
                    "    path.replace('/', new_path_separator)\n}\n")


def _replace(files: dict) -> dict:
    return next(f for f in facts_of(files) if f.get("symbol") == "replace_path_separator")


def test_a_module_a_binary_root_declares_without_pub_is_the_program_s():
    program = _replace({"src/main.rs": (ROOT, ROOT), "src/filesystem.rs": (FILESYSTEM, FILESYSTEM_AFTER)})
    assert program["kind"] == "signature_changed" and program["public"] is False, program
    # declared ``pub`` by a library's root, the same function is the library's API
    library = ROOT.replace("mod filesystem;", "pub mod filesystem;")
    assert _replace({"src/lib.rs": (library, library),
                     "src/filesystem.rs": (FILESYSTEM, FILESYSTEM_AFTER)})["public"] is True


def test_a_module_nested_under_a_program_s_module_is_the_program_s():
    exec_mod = "mod job;\n\npub fn run() {}\n"
    files = {"src/main.rs": ("mod exec;\n\nfn main() {}\n",) * 2, "src/exec/mod.rs": (exec_mod, exec_mod),
             "src/exec/job.rs": (FILESYSTEM, FILESYSTEM_AFTER)}
    assert _replace(files)["public"] is False
    # the same modules under a library's root, ``pub`` all the way down, are its API
    public = "pub mod job;\n\npub fn run() {}\n"
    files = {"src/lib.rs": ("pub mod exec;\n",) * 2, "src/exec/mod.rs": (public, public),
             "src/exec/job.rs": (FILESYSTEM, FILESYSTEM_AFTER)}
    assert _replace(files)["public"] is True


def test_a_signature_changed_in_a_program_s_private_module_is_no_breaking_change():
    from tests.facts_support import analysed
    title = "Rewrite replace_path_separator function"
    library = ROOT.replace("mod filesystem;", "pub mod filesystem;")
    text = analysis_text(analysed({"src/main.rs": (ROOT, ROOT),
                                   "src/filesystem.rs": (FILESYSTEM, FILESYSTEM_AFTER)}, title))
    assert "Breaking signature" not in text and "upgrade notes" not in text
    assert "Breaking signature" in analysis_text(analysed({"src/lib.rs": (library, library),
                                                           "src/filesystem.rs": (FILESYSTEM, FILESYSTEM_AFTER)}, title))


def test_a_pub_mod_dropped_from_a_binary_root_is_no_module_gone():
    main = change("src/main.rs", ["pub mod fshelper;"], ["mod filter;", "mod fshelper;"])
    lib = change("src/lib.rs", ["pub mod fshelper;"], ["mod filter;", "mod fshelper;"])
    assert public_modules_gone([main]) == []
    assert public_modules_gone([lib]) == [("src/lib.rs", "fshelper")]
    assert analyse("Move filter up from internal", [main]).importance != "high"
    assert analyse("Move filter up from internal", [lib]).importance == "high"


# --- a comment's number is no status code -------------------------------------------------------------------------

def test_a_link_number_moved_in_a_comment_is_no_status_code():
    comment = change("src/main.rs", ["// We use jemalloc for performance reasons, see https://github.com/o/r/pull/480"],
                     ["// We use jemalloc for performance reasons, see https://github.com/o/r/pull/481"])
    code = change("src/server.rs", ["    let status = 480;"], ["    let status = 481;"])
    assert literal_changes([comment])["status"] == []
    assert literal_changes([code])["status"] == ["src/server.rs"]
    assert analyse("Disable jemallocator on Windows", [comment]).importance != "high"


# --- a test renamed in place --------------------------------------------------------------------------------------

TESTS = ("package table\n\nimport \"testing\"\n\n// Check that stylized wrapped content does not go beyond its cell.\n"
         "func TestTableWithLinks(t *testing.T) {\n\ttable := New().Width(80)\n\tt.Log(table.String())\n}\n")
RENAMED = TESTS.replace("TestTableWithLinks", "TestWrapPreStyledContent").replace(
    "\tt.Log(table.String())\n", "\tgolden.RequireEqual(t, []byte(table.String()))\n")


def test_a_test_declaration_renamed_in_place_is_a_rename():
    found = facts_of({"table/table_test.go": (TESTS, RENAMED)})
    tests = [(f["kind"], f["symbol"], f.get("before")) for f in found if f["kind"].startswith("test_")]
    assert tests == [("test_added", "TestWrapPreStyledContent", "TestTableWithLinks")], tests
    from tests.facts_support import analysed
    style = ("package lipgloss\n\nfunc (s Style) Render(str string) string {\n\treturn str\n}\n",
             "package lipgloss\n\nfunc (s Style) Render(str string) string {\n\treturn wrap(str)\n}\n")
    text = analysis_text(analysed({"style.go": style, "table/table_test.go": (TESTS, RENAMED)},
                                  "feat(table): use cellbuf to preserve styles for wrapped content"))
    # the body changed with the name: renamed, none dropped, and no claim that the body is the same
    assert "Tests renamed (none dropped): `TestTableWithLinks` → `TestWrapPreStyledContent`" in text, text
    assert "Tests removed" not in text and "same body" not in text
    # another test put in its place, its declaration written otherwise, is one removed and one added
    other = TESTS.replace("func TestTableWithLinks(t *testing.T) {", "func TestOther(b *testing.B) {").replace(
        "\tt.Log(table.String())\n", "\tgolden.RequireEqual(b, []byte(table.String()))\n")
    kinds = sorted(f["kind"] for f in facts_of({"table/table_test.go": (TESTS, other)}) if f["kind"].startswith("test_"))
    assert kinds == ["test_added", "test_removed"], kinds


def test_rust_unit_tests_renamed_in_place_are_renames():
    before = ("pub fn f() -> u8 {\n    1\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n"
              "    fn success_with_empty_vec() {\n        assert_eq!(f(), 1);\n    }\n}\n")
    after = before.replace("success_with_empty_vec", "success_when_no_results").replace("f(), 1", "1, f()")
    tests = [f for f in facts_of({"src/exit_codes.rs": (before, after)}) if f["kind"].startswith("test_")]
    assert [(f["kind"], f.get("before")) for f in tests] == [("test_added", "tests::success_with_empty_vec")], tests


# --- a list that finishes its lead-in's sentence ------------------------------------------------------------------

BODY = ("Add a new `-l`/`--list` option to show more details about the search results. This is basically\n"
        "an alias for `--exec-batch ls -l` with some additional `ls` options.\nThis can be used in order to:\n"
        "    * see metadata like permissions, owner, file size, modification times (#491)\n"
        "    * see symlink targets (#482)\n    * achieve a deterministic output order (#324, #196, #159)\n")


def test_items_that_finish_the_lead_in_s_sentence_are_one_point():
    points = message_points(BODY)
    assert len(points) == 1 and points[0].startswith("Add a new `-l`/`--list` option"), points
    assert "in order to: see metadata like permissions" in points[0] and "; see symlink targets (#482);" in points[0]
    # a label over items that are sentences of their own keeps one point per item
    labelled = "Changes:\n- Add the `-l` option\n- Remove the `-x` flag\n"
    assert message_points(labelled) == ["Add the `-l` option", "Remove the `-x` flag"]


def test_a_changelog_entry_the_point_says_word_for_word_is_not_quoted_again():
    entries = ["Add a new `-l`/`--list` option to show more details about the search results. This is basically",
               "  an alias for `--exec-batch ls -l` with some additional `ls` options.",
               "  This can be used in order to:",
               "    * see metadata like permissions, owner, file size, modification times (#491)",
               "    * see symlink targets (#482)", "    * achieve a deterministic output order (#324, #196, #159)"]
    facts = [Fact(kind="changelog_entry", path="CHANGELOG.md", text=line) for line in entries]
    app = change("src/app.rs", ["    let x = 1;"], ["    let x = 2;", "    let list = true;"])
    summary = analyse("Add `-l`/`--list` option\n\n" + BODY, [app], facts).summary
    assert any(s.startswith("Add a new `-l`/`--list` option") for s in summary), summary
    assert not any(s.startswith("Changelog:") for s in summary), summary
    # an entry the message does not say is quoted
    other = [Fact(kind="changelog_entry", path="CHANGELOG.md", text="Add a `--max-results` option to stop early")]
    summary = analyse("Add `-l`/`--list` option\n\n" + BODY, [app], other).summary
    assert any(s.startswith("Changelog: Add a `--max-results` option") for s in summary), summary


# --- a parameter dropped and another added elsewhere in the list is no rename --------------------------------------

def _signature(before: str, after: str) -> dict:
    return next(f for f in facts_of({"pkg/paths.py": (before, after)}) if f["kind"] == "signature_changed")


def test_a_parameter_swapped_at_another_place_is_no_rename():
    before = "def replace(path_separator, path):\n    return path\n"
    moved = "def replace(path, new_path_separator):\n    return path\n"
    text = _signature(before, moved)["text"]
    assert "renames" not in text and "adds new_path_separator" in text and "removes path_separator" in text, text
    # the same place in the list: a rename
    renamed = "def replace(separator, path):\n    return path\n"
    assert "renames path_separator to separator" in _signature(before, renamed)["text"]


# --- a return value gained is said in words, not "—" -------------------------------------------------------------

def test_a_return_value_where_there_was_none_is_said_in_words():
    from tests.facts_support import analysed
    before = "package lipgloss\n\ntype Style struct{}\n\nfunc (s Style) Inherit(i Style) {\n\t_ = i\n}\n"
    after = "package lipgloss\n\ntype Style struct{}\n\nfunc (s Style) Inherit(i Style) Style {\n\t_ = i\n\treturn s\n}\n"
    summary = analysed({"style.go": (before, after)}, "Style.Inherit should return a style").summary
    assert any("now returns `Style` (returned nothing)" in s for s in summary), summary
    assert not any("`—`" in s for s in summary), summary
    zh = analysed({"style.go": (before, after)}, "Style.Inherit should return a style", lang="zh").summary
    assert any("现在返回 `Style`" in s for s in zh), zh
    # a return type replaced by another is still said as the move it is
    other = after.replace("func (s Style) Inherit(i Style) Style {", "func (s Style) Inherit(i Style) *Style {").replace(
        "\treturn s\n", "\treturn &s\n")
    summary = analysed({"style.go": (after, other)}, "Return a pointer").summary
    assert any("returns `Style` → `*Style`" in s for s in summary), summary


# --- gitmoji: the author's type ----------------------------------------------------------------------------------

def test_a_gitmoji_opening_the_title_is_the_author_s_type():
    utils = change("fastapi/security/utils.py", ["    return scheme, param"], ["    return scheme, param.strip()"])
    assert analyse("🐛 Strip whitespaces from `Authorization` header credentials (#14786)", [utils]).change_type == "fix"
    assert analyse(":bug: Strip whitespaces from header credentials", [utils]).change_type == "fix"
    assert analyse("♻️ Strip whitespaces from header credentials", [utils]).change_type == "refactor"
    # no gitmoji, or one that names no single type (🔖 a release, 🔥 something removed): the title's words decide
    assert analyse("Strip whitespaces from `Authorization` header credentials", [utils]).change_type != "fix"


# --- a function whose one statement calls itself ------------------------------------------------------------------

def test_a_method_that_only_calls_itself_is_a_risk():
    from analysis.analyzers.heuristic.code.self_calls import self_calls
    go = change("color.go", [], ["// RGBA returns the RGBA value of this color.",
                                 "func (c Color) RGBA() (r, g, b, a uint32) {", "\treturn c.RGBA()", "}"])
    assert self_calls([go]) == [("color.go", "Color.RGBA", "return c.RGBA()")]
    risks = analyse("Colors satisfy the Go color interface", [go]).risks
    assert any(r.risk.startswith("`Color.RGBA` calls itself") for r in risks), risks
    # a field's method, a free function of the name, a step of a real recursion, a Python method's base: no loop
    for lines in (["func (c Color) RGBA() (r, g, b, a uint32) {", "\treturn c.inner.RGBA()", "}"],
                  ["func (c Color) RGBA() (r, g, b, a uint32) {", "\treturn RGBA()", "}"],
                  ["func fact(n int) int {", "\treturn fact(n - 1)", "}"]):
        assert self_calls([change("color.go", [], lines)]) == [], lines
    py = ["class Proxy(Base):", "    def size(self, key):", "        return super().size(key)", ""]
    assert self_calls([change("pkg/proxy.py", [], py)]) == []
    looped = [ln.replace("super()", "self") for ln in py]
    assert self_calls([change("pkg/proxy.py", [], looped)]) == [("pkg/proxy.py", "size", "return self.size(key)")]


# --- hyperfine's report pasted into the message -------------------------------------------------------------------

HYPERFINE = ("Use jemalloc\n\nBenchmark #1: ./fd-sys-alloc '[0-9]\\.jpg$' /home/shark\n"
             "  Time (mean ± σ):     246.8 ms ±   3.4 ms    [User: 960.1 ms, System: 810.0 ms]\n"
             "  Range (min … max):   244.1 ms … 257.1 ms    12 runs\n\n"
             "Benchmark #2: ./fd-jemalloc '[0-9]\\.jpg$' /home/shark\n"
             "  Time (mean ± σ):     201.0 ms ±   3.0 ms    [User: 833.9 ms, System: 666.9 ms]\n"
             "  Range (min … max):   196.1 ms … 206.9 ms    14 runs\n\n"
             "Summary\n  './fd-jemalloc' ran\n    1.23 ± 0.03 times faster than './fd-sys-alloc'\n")


def test_hyperfine_s_report_is_read_for_its_verdict_not_quoted_as_points():
    main = change("src/main.rs", [], ["#[global_allocator]", "static ALLOC: jemallocator::Jemalloc = jemallocator::Jemalloc;"])
    analysis = analyse(HYPERFINE, [main])
    assert not any(s.startswith("Benchmark #1") for s in analysis.summary), analysis.summary
    assert "'./fd-jemalloc' ran 1.23 ± 0.03 times faster than './fd-sys-alloc'" in analysis.insights.performance
    # prose that measures it is quoted as before
    prose = analyse("Use jemalloc\n\nSearches run 20% faster with jemalloc on a large home directory.", [main])
    assert "20% faster" in prose.insights.performance
    assert message_points("Summary of the benchmark: it ran well.\n") == ["Summary of the benchmark: it ran well."]


def test_a_rust_trait_method_delegating_to_the_inherent_one_is_no_loop():
    from analysis.analyzers.heuristic.code.self_calls import self_calls
    delegate = ["impl Sized for Buffer {", "    fn len(&self) -> usize {", "        self.len()", "    }", "}"]
    assert self_calls([change("src/buffer.rs", [], delegate)]) == []
    free = ["pub fn depth(node: &Node) -> usize {", "    depth(node)", "}"]
    assert self_calls([change("src/tree.rs", [], free)]) == [("src/tree.rs", "depth", "depth(node)")]
