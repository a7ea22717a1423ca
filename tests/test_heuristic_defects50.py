"""Maintainer-review mends (defects50) from reading google/double-conversion, isaacs/minimatch and actix/actix-web
days: a C++ symbol named with its whole namespace chain (``double_conversion::Bignum::AssignHexString``) where a
reviewer writes ``Bignum::AssignHexString``; a file renamed unchanged said as "(+0/−0): CI and tooling"; JSON keys
reordered said as lines added and removed; types newly exported said to need a regression test; an option added to
a destructured options object said as the whole pattern rewritten; a formatter's trailing commas read as every
function changed; a trait impl new in one module paired with another dropped elsewhere (and with two at once); a
Rust parameter ``_`` named as ``_``; ``-> Self`` for ``-> Route`` said as a new return type; a trait method gone
with its whole ``impl`` said to reach an inherited one."""

from __future__ import annotations

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.facts import derive_facts
from analysis.models import FileChange
from tests.facts_support import analysed, analysis_text, commit_of, facts_of

BIGNUM = """namespace double_conversion {

static int BitSize(int value) {
  return value * 8;
}

void Bignum::AssignHexString(const char* value) {
  int tmp = 0;
  used_ = tmp;
}

}  // namespace double_conversion
"""
BIGNUM_AFTER = BIGNUM.replace("used_ = tmp;", "used_ = (tmp & kMask);")


def _symbols(files: dict) -> list[str]:
    return [f["symbol"] for f in facts_of(files) if f["kind"].startswith(("symbol_", "signature_"))]


def test_a_cpp_symbol_is_named_without_its_namespaces():
    files = {"src/bignum.cc": (BIGNUM, BIGNUM_AFTER)}
    assert _symbols(files) == ["Bignum::AssignHexString"]
    text = analysis_text(analysed(files, "Fix warnings"))
    assert "`Bignum::AssignHexString`" in text and "double_conversion::" not in text, text
    # nested namespaces go too; a class keeps its name before its method's
    nested = {"src/bignum.cc": (BIGNUM.replace("namespace double_conversion {", "namespace dc {\nnamespace impl2 {")
                                + "}\n", BIGNUM_AFTER.replace("namespace double_conversion {",
                                                              "namespace dc {\nnamespace impl2 {") + "}\n")}
    assert _symbols(nested) == ["Bignum::AssignHexString"]
    inline = ("namespace dc {\nclass Bignum {\n public:\n  int Size() const { return 1; }\n};\n}\n",
              "namespace dc {\nclass Bignum {\n public:\n  int Size() const { return 2; }\n};\n}\n")
    assert _symbols({"src/bignum.h": inline}) == ["Bignum::Size"]


def test_a_short_name_two_namespaces_of_one_file_share_keeps_its_namespace():
    two = "namespace a {\nvoid init() {\n  x = 1;\n}\n}\nnamespace b {\nvoid init() {\n  y = 1;\n}\n}\n"
    files = {"src/init.cc": (two, two.replace("y = 1", "y = 2"))}
    assert _symbols(files) == ["b::init"]
    one = "namespace a {\nvoid init() {\n  x = 1;\n}\n}\n"
    assert _symbols({"src/init.cc": (one, one.replace("x = 1", "x = 2"))}) == ["init"]


def test_a_file_renamed_unchanged_says_where_it_came_from_in_the_impact():
    commit, texts = commit_of({"src/index-cjs.ts": (None, "export default 1\n"),
                               "README.md": ("# x\n", "# x\n\nUse require.\n")}, "export default properly in cjs")
    renamed = FileChange(path="tsconfig.json", previous_path="tsconfig-cjs.json", status="renamed", patch="",
                         additions=0, deletions=0)
    commit = commit.model_copy(update={"files": [*commit.files, renamed]})
    analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))
    assert "tsconfig.json (+0/−0): renamed from `tsconfig-cjs.json`" in analysis.impact, analysis.impact
    zh = HeuristicAnalyzer().analyze_sync(commit, "zh", AnalysisContext(facts=derive_facts(commit, texts)))
    assert any("由 `tsconfig-cjs.json` 重命名" in line for line in zh.impact), zh.impact
    # a file renamed with its lines changed keeps its kind
    edited = renamed.model_copy(update={"patch": "@@ -1 +1 @@\n-{}\n+{ }\n", "additions": 1, "deletions": 1})
    commit = commit.model_copy(update={"files": [*commit.files[:-1], edited]})
    analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))
    assert not any("renamed from" in line for line in analysis.impact), analysis.impact


EXPORTS = """{
  "name": "mm",
  "exports": {
    ".": {
      "import": {
        "default": "./dist/mjs/index.js",
        "types": "./dist/mjs/index.d.ts"
      }
    }
  }
}
"""


def test_json_keys_reordered_are_said_as_reordered():
    after = EXPORTS.replace('''        "default": "./dist/mjs/index.js",
        "types": "./dist/mjs/index.d.ts"''', '''        "types": "./dist/mjs/index.d.ts",
        "default": "./dist/mjs/index.js"''')
    text = analysis_text(analysed({"package.json": (EXPORTS, after)}, "fix: bundling with webpack"))
    assert "reorders keys `types`, `default`, no value changed" in text, text
    assert "adds `" not in text and "removes `" not in text, text
    # a value changed with the move is no mere reorder
    changed = after.replace("index.d.ts", "types.d.ts")
    text = analysis_text(analysed({"package.json": (EXPORTS, changed)}, "fix: bundling with webpack"))
    assert "reorders" not in text and "./dist/mjs/types.d.ts" in text, text


INDEX = """import { AST } from './ast.js'

type Platform =
  | 'aix'
  | 'win32'

const defaultPlatform: Platform = 'aix'
type Sep = '\\\\' | '/'

export const sep = (p: Platform): Sep => (p === 'win32' ? '\\\\' : '/')
"""


def test_types_made_exported_ask_for_no_regression_test():
    after = INDEX.replace("type Platform =", "export type Platform =").replace("type Sep =", "export type Sep =")
    analysis = analysed({"src/index.ts": (INDEX, after)}, "fix some typedoc comments and export types")
    assert "Makes `Platform`, `Sep` public" in analysis_text(analysis), analysis_text(analysis)
    assert not any("No test covers" in r.risk for r in analysis.risks), analysis.risks
    # a function's body changed beside them still wants its test
    body = after.replace("'\\\\' : '/')", "'/' : '\\\\')")
    analysis = analysed({"src/index.ts": (INDEX, body)}, "fix separator and export types")
    assert any("No test covers" in r.risk for r in analysis.risks), analysis.risks


ESCAPE = """export const escape = (
  s: string,
  {
    windowsPathsNoEscape = false,
  }: Pick<MinimatchOptions, 'windowsPathsNoEscape'> = {},
) => {
  return windowsPathsNoEscape ? s.replace(/[?*()[\\]]/g, '[$&]') : s
}
"""


def test_an_option_added_to_a_destructured_parameter_is_said_as_that_option():
    after = ESCAPE.replace("    windowsPathsNoEscape = false,\n", "    windowsPathsNoEscape = false,\n"
                           "    magicalBraces = false,\n").replace("'windowsPathsNoEscape'>",
                                                                  "'windowsPathsNoEscape' | 'magicalBraces'>")
    files = {"src/escape.ts": (ESCAPE, after)}
    assert [f.get("text") for f in facts_of(files) if f["kind"] == "signature_changed"] == ["adds magicalBraces"]
    text = analysis_text(analysed(files, "Support magicalBraces option in escape"))
    assert "`escape` gains `magicalBraces`" in text and "{ windowsPathsNoEscape" not in text, text
    # a field's default changed is said as that field's
    flipped = ESCAPE.replace("windowsPathsNoEscape = false", "windowsPathsNoEscape = true")
    text = analysis_text(analysed({"src/escape.ts": (ESCAPE, flipped)}, "default to windows escapes"))
    assert "`windowsPathsNoEscape` default changes from `false` to `true`" in text, text


AST = """export class AST {
  toRegExpSource(allowDot?: boolean): [string, string] {
    const s = this.#parts.map(p =>
      typeof p === 'string' ? p : p.toRegExpSource(allowDot)
    )
    return this.wrap(
      s.join(''),
      allowDot
    )
  }
}
"""


def test_a_formatters_trailing_commas_change_no_symbol():
    after = AST.replace("p.toRegExpSource(allowDot)\n", "p.toRegExpSource(allowDot),\n").replace(
        "      allowDot\n", "      allowDot,\n")
    files = {"src/ast.ts": (AST, after)}
    assert [f for f in facts_of(files) if f["kind"].startswith(("symbol_", "signature_"))] == []
    analysis = analysed(files, "update ast")
    assert "Formatting only (trailing commas, spacing) in `src/ast.ts`" in analysis_text(analysis), analysis.summary
    assert analysis.change_type == "chore" and analysis.importance == "low", analysis
    assert "src (+2/−2): formatting only" in analysis.impact, analysis.impact
    # a comma inside a regular expression's quantifier is the pattern, not a trailing comma
    regex = "export const re = /[A-Z]{2,}[a-z]/\nexport const f = (s: string) => re.test(s)\n"
    files = {"src/words.ts": (regex, regex.replace("{2,}", "{2}"))}
    assert "Formatting only" not in analysis_text(analysed(files, "Prevent ReDoS"))
    # Python's trailing comma makes a tuple
    py = "def pair(a):\n    return (a)\n"
    facts = facts_of({"lib/pair.py": (py, py.replace("(a)", "(a,)"))})
    assert [f["symbol"] for f in facts if f["kind"] == "symbol_modified"] == ["pair"], facts


HANDLER = """use std::future::Future;

pub struct HandlerServiceResponse<T> {
    fut: T,
}

impl<T: Responder> Future for HandlerServiceResponse<T> {
    type Output = T;

    fn poll(&mut self) -> T {
        self.fut
    }
}
"""
RESPONSE = """pub struct Response {
    status: u16,
}

pub struct ResponseBuilder {
    status: u16,
}
"""
RESPONSE_AFTER = RESPONSE + """
impl Future for Response {
    type Output = Response;

    fn poll(&mut self) -> Response {
        self
    }
}

impl Future for ResponseBuilder {
    type Output = Response;

    fn poll(&mut self) -> Response {
        self.finish()
    }
}
"""


def test_an_impl_new_in_one_module_is_no_stand_in_for_one_dropped_in_another():
    files = {"src/handler.rs": (HANDLER, HANDLER.split("impl<T")[0].rstrip() + "\n"),
             "http/src/response.rs": (RESPONSE, RESPONSE_AFTER)}
    text = analysis_text(analysed(files, "rename .to_async() to .to()"))
    assert "now implemented for" not in text, text
    # (the one trait gained by both types said once, defects52c)
    assert "Implements `Future` for `Response`, `ResponseBuilder`" in text, text
    # in its own file a type renamed still takes the trait over, once
    renamed = HANDLER.replace("HandlerServiceResponse", "ServiceResponse")
    text = analysis_text(analysed({"src/handler.rs": (HANDLER, renamed)}, "rename the response"))
    assert "`Future` now implemented for `ServiceResponse<T>` instead of `HandlerServiceResponse<T>`" in text, text


SERVICE = """pub struct AppService {
    inner: Inner,
}

impl Service for AppService {
    fn poll_ready(&mut self) -> Poll<(), Error> {
        Ok(())
    }
}
"""


def test_a_rust_parameter_named_underscore_is_said_by_its_type():
    after = SERVICE.replace("poll_ready(&mut self)", "poll_ready(&mut self, _: &mut Context)")
    text = analysis_text(analysed({"src/service.rs": (SERVICE, after)}, "migrate to std::future"))
    assert "`AppService::poll_ready` gains `_: &mut Context`" in text, text
    named = SERVICE.replace("poll_ready(&mut self)", "poll_ready(&mut self, cx: &mut Context)")
    text = analysis_text(analysed({"src/service.rs": (SERVICE, named)}, "migrate to std::future"))
    assert "`AppService::poll_ready` gains `cx`" in text, text


ROUTE = """pub struct Route {
    handler: Box<Handler>,
}

impl Route {
    pub fn to(mut self, handler: Handler) -> Route {
        self.handler = Box::new(handler);
        self
    }
}
"""


def test_self_for_the_type_it_stands_for_is_no_new_return_type():
    files = {"src/route.rs": (ROUTE, ROUTE.replace(") -> Route {", ") -> Self {"))}
    assert [f["kind"] for f in facts_of(files) if f.get("symbol") == "Route::to"] == ["symbol_modified"]
    text = analysis_text(analysed(files, "use Self"))
    assert "returns" not in text, text
    # another type is a new return type
    other = {"src/route.rs": (ROUTE, ROUTE.replace(") -> Route {", ") -> Resource {"))}
    assert "`Route::to` returns `Route` → `Resource`" in analysis_text(analysed(other, "return the resource"))


FACTORY = """pub struct App {
    inner: Inner,
}

impl IntoNewService<AppInit> for App {
    fn into_new_service(self) -> AppInit {
        AppInit::new(self.inner)
    }
}

impl Clone for App {
    fn clone(&self) -> App {
        App { inner: self.inner.clone() }
    }

    fn clone_from(&mut self, other: &App) {
        self.inner = other.inner.clone();
    }
}
"""


def test_a_trait_method_gone_with_its_whole_impl_reaches_no_inherited_one():
    gone = FACTORY.replace(FACTORY[FACTORY.index("impl IntoNewService"):FACTORY.index("impl Clone")], "")
    text = analysis_text(analysed({"src/app.rs": (FACTORY, gone)}, "migrate to service factory"))
    assert "`App` no longer implements `IntoNewService<AppInit>`" in text or \
        "no longer implements `IntoNewService" in text, text
    assert "inherited" not in text and "Removes public `App::into_new_service`" in text, text
    # a method dropped from an impl that stays falls back on the trait's default
    default = FACTORY.replace("""
    fn clone_from(&mut self, other: &App) {
        self.inner = other.inner.clone();
    }
""", "")
    text = analysis_text(analysed({"src/app.rs": (FACTORY, default)}, "use the default clone_from"))
    assert "No longer overrides `App::clone_from`: calls reach the inherited methods" in text, text


def test_a_changelogs_date_line_is_no_part_of_its_entry():
    log = "2022-01-10:\n  Fix quiet NANs on MIPS* and PA-RISC architectures.\n  Update version number.\n"
    after = "2022-01-16:\n  Install Visual Studio debugger (pdb) files.\n\n" + log
    entries = [f["text"] for f in facts_of({"Changelog": (log, after)}) if f["kind"] == "changelog_entry"]
    assert entries == ["Install Visual Studio debugger (pdb) files."], entries
    # a date within an entry's words stays
    dated = "Released 2022-01-16: Install the debugger files.\n\n" + log
    entries = [f["text"] for f in facts_of({"Changelog": (log, dated)}) if f["kind"] == "changelog_entry"]
    assert entries == ["Released 2022-01-16: Install the debugger files."], entries


DISPATCHER = """pub struct Dispatcher {
    flags: u8,
}

impl Dispatcher {
    pub fn new() -> Dispatcher {
        Dispatcher { flags: 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Buffer {
        buf: Vec<u8>,
    }

    impl IoStream for Buffer {
        fn shutdown(&mut self) -> bool {
            true
        }
    }

    mod parse {
        #[test]
        fn parses() {
            assert!(true);
        }
    }
}
"""


def test_a_test_modules_scaffolding_is_no_product_code():
    after = DISPATCHER.replace("""            true
        }
    }
""", """            true
        }

        fn set_keepalive(&mut self) -> bool {
            true
        }
    }
""")
    facts = facts_of({"src/server/h1.rs": (DISPATCHER, after)})
    assert not [f for f in facts if "Buffer" in (f.get("symbol") or "")], facts
    # the product's own code is still read, and a test in a module inside the test module is still a test
    after = after.replace("Dispatcher { flags: 0 }", "Dispatcher { flags: 1 }").replace(
        "        fn parses() {", "        fn parses() {\n            assert!(false);\n        }\n\n        #[test]\n"
                                "        fn parses_more() {")
    facts = facts_of({"src/server/h1.rs": (DISPATCHER, after)})
    assert [(f["kind"], f["symbol"]) for f in facts if f["kind"] != "comments_only"] == [
        ("symbol_modified", "Dispatcher::new"), ("test_added", "tests::parse::parses_more")], facts


def test_an_impl_for_a_type_named_from_the_crate_root_drops_the_leading_separator():
    before = "pub trait IoStream {\n    fn shutdown(&mut self) -> bool;\n}\n"
    after = before + ("\nimpl IoStream for ::tokio_uds::UnixStream {\n    fn shutdown(&mut self) -> bool {\n"
                      "        true\n    }\n}\n")
    symbols = [f["symbol"] for f in facts_of({"src/server/channel.rs": (before, after)})]
    assert symbols == ["tokio_uds::UnixStream::shutdown"], symbols


def test_an_empty_commit_is_low_whatever_its_title():
    commit, _ = commit_of({}, "Fix version comment for checkout action. (#212)")
    analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=[]))
    assert analysis.summary == ["The commit changes no files."], analysis.summary
    assert (analysis.change_type, analysis.importance) == ("fix", "low"), analysis
    # with no file list at all the title is all there is
    unread = commit.model_copy(update={"details_loaded": False})
    analysis = HeuristicAnalyzer().analyze_sync(unread, "en", AnalysisContext(facts=[]))
    assert (analysis.change_type, analysis.importance) == ("fix", "medium"), analysis


def test_a_bug_number_trailer_is_no_point_of_the_change():
    from analysis.analyzers.heuristic.message import message_points

    assert message_points("BUG: 33.\n") == []
    assert message_points("Use the ARM 64 path.\n\nBUG: 33, 35\n") == ["Use the ARM 64 path."]
    # a note in words under an upper-case label stays
    assert message_points("NOTE: keep the cache warm\n") == ["NOTE: keep the cache warm"]
