"""Export surface (surface50): whether a removed or changed ``pub``/``export`` symbol was on the project's API at all.
A JS/TS export the commit stops importing in a sibling module was module plumbing; a Rust module of a binary crate
(declared in ``src/main.rs``) is a program's, not a library's; a Rust ``pub`` item only hidden from the docs
(``#[doc(hidden)]``) is still callable, so it loses no reach; a sibling's export called as ``f.call(this, ..)`` from a
module above is plumbing as ``f(..)`` is; an ``override`` the hunks show removed is the base's member still."""

from __future__ import annotations

from analysis.analyzers.heuristic.api.js_modules import internal_imports, plumbing_export
from analysis.facts.code.rust_modules import binary_root
from analysis.models import Fact
from tests.facts_support import analysed, facts_of
from tests.test_heuristic_judge_rules import analyse, change

# --- JS/TS: an import the commit removes with the export it took ------------------------------------------------

UTILS = change("packages/core/src/utils.ts",
               ["export function flatten<T>(array: Array<T | T[]>): T[] {", "  return ([] as T[]).concat(...array);",
                "}"], [])
STATE = change("packages/core/src/State.ts", ["import { flatten, matchesState } from './utils.ts';",
                                              "    tags: new Set(flatten(config._nodes.map((sn) => sn.tags))),"],
               ["import { matchesState } from './utils.ts';",
                "    tags: new Set(config._nodes.flatMap((sn) => sn.tags)),"])
FLATTEN = [Fact(kind="symbol_removed", path=UTILS.path, symbol="flatten", public=True, text="function",
                before="(array: Array<T | T[]>) -> T[]")]


def test_an_import_the_commit_removes_names_the_sibling_export_as_plumbing():
    imports = internal_imports([UTILS, STATE])
    assert plumbing_export(UTILS.path, "flatten", imports)
    # the commit leaves the importing module alone: nothing tells the export was shared inside the package
    assert not plumbing_export(UTILS.path, "flatten", internal_imports([UTILS]))


def test_an_export_removed_with_its_last_sibling_import_is_no_public_api_removed():
    title = "Use .flat/.flatMap instead of the custom flatten util"
    assert analyse(title, [UTILS, STATE], FLATTEN).importance != "high"
    assert analyse(title, [UTILS], FLATTEN).importance == "high"


def test_an_entry_point_that_re_exported_it_before_the_commit_keeps_it_published():
    index = change("packages/core/src/index.ts", ["export { flatten, matchesState } from './utils.ts';"],
                   ["export { matchesState } from './utils.ts';"])
    assert not plumbing_export(UTILS.path, "flatten", internal_imports([UTILS, STATE, index]))
    title = "Use .flat/.flatMap instead of the custom flatten util"
    assert analyse(title, [UTILS, STATE, index], FLATTEN).importance == "high"  # users imported it from the package


# --- Rust: the modules of a binary crate ----------------------------------------------------------------------

MAIN = "pub mod export;\npub mod options;\n\nfn main() {\n    run();\n}\n"
EXPORT = ("pub struct ExportManager {\n    exporters: Vec<u8>,\n}\n\nimpl ExportManager {\n"
          "    pub fn write_results(&self, results: &[u8], unit: Option<u8>) -> usize {\n        results.len()\n"
          "    }\n}\n")
EXPORT_AFTER = EXPORT.replace("unit: Option<u8>", "intermediate: bool")


def _write_results(files: dict) -> dict:
    return next(f for f in facts_of(files) if f.get("symbol") == "ExportManager::write_results")


def test_binary_roots():
    assert binary_root("src/main.rs") and binary_root("crates/cli/src/main.rs")
    assert binary_root("src/bin/tool.rs") and binary_root("src/bin/tool/main.rs")
    assert not binary_root("src/lib.rs") and not binary_root("src/bin/tool/util.rs") and not binary_root("main.rs")


def test_a_module_a_binary_crate_declares_is_no_library_api():
    program = _write_results({"src/main.rs": (MAIN, MAIN), "src/export/mod.rs": (EXPORT, EXPORT_AFTER)})
    assert program["kind"] == "signature_changed" and program["public"] is False, program
    # the same module declared by a library's root is its public API
    library = _write_results({"src/lib.rs": (MAIN, MAIN), "src/export/mod.rs": (EXPORT, EXPORT_AFTER)})
    assert library["public"] is True, library


def test_a_signature_changed_in_a_program_s_module_is_not_a_breaking_change():
    title = "Do not export intermediate results to stdout"
    export = {"src/export/mod.rs": (EXPORT, EXPORT_AFTER)}
    assert analysed({"src/lib.rs": (MAIN, MAIN), **export}, title).importance == "high"
    assert analysed({"src/main.rs": (MAIN, MAIN), **export}, title).importance != "high"


# --- Rust: ``#[doc(hidden)]`` added to a ``pub`` item --------------------------------------------------------

STATEMENT = ("pub struct Statement;\n\nimpl Statement {\n    /// Runs it.\n    #[inline]\n"
             "    pub fn execute_named(&mut self, params: &[u8]) -> usize {\n        params.len()\n    }\n"
             "    pub fn other(&self) -> u8 {\n        1\n    }\n}\n")


def _reach_lost(after: str) -> list[dict]:
    return [f for f in facts_of({"src/statement.rs": (STATEMENT, after)})
            if f.get("symbol") == "Statement::execute_named" and "no longer public" in f.get("text", "")]


def test_a_pub_item_hidden_from_the_docs_is_still_in_reach():
    hidden = STATEMENT.replace("    #[inline]\n", "    #[doc(hidden)]\n    #[inline]\n")
    narrowed = STATEMENT.replace("    pub fn execute_named", "    pub(crate) fn execute_named")
    # its ``pub`` taken away is a reach change callers feel; hidden from the docs it is not
    assert _reach_lost(narrowed) and not _reach_lost(hidden)
    assert analysed({"src/statement.rs": (STATEMENT, narrowed)}, "Hide the named variants").importance == "high"
    assert analysed({"src/statement.rs": (STATEMENT, hidden)}, "Hide the named variants").importance != "high"


# --- JS/TS: a sibling's export called with its ``this`` given ---------------------------------------------------

def test_a_function_called_through_call_from_a_module_above_is_plumbing():
    core = change("lib/core.ts", ["    const localRefs = getSchemaRefs.call(this, schema)"],
                  ["    const localRefs = getSchemaRefs.call(this, schema, baseId)"])
    imports = internal_imports([core])
    assert plumbing_export("lib/compile/resolve.ts", "getSchemaRefs", imports)
    # a method of some object called the same way is no call of the module's export
    other = change("lib/core.ts", ["    const localRefs = refs.getSchemaRefs.call(this, schema)"],
                   ["    const localRefs = refs.getSchemaRefs.call(this, schema, baseId)"])
    assert not plumbing_export("lib/compile/resolve.ts", "getSchemaRefs", internal_imports([other]))


# --- hunks alone: a removed ``override`` is the base's member still ---------------------------------------------

def test_a_kotlin_override_removed_from_the_hunks_says_it_overrides():
    from analysis.facts.code.hunk_symbols import hunk_symbol_facts
    from analysis.facts.patches import parse_patch

    removed = ["object Gzip : DecompressionAlgorithm {", '  override val encoding: String get() = "gzip"', "",
               "  override fun decompress(compressedSource: BufferedSource): Source = GzipSource(compressedSource)",
               "}"]
    path = "okhttp/src/main/kotlin/okhttp3/CompressionInterceptor.kt"
    facts = hunk_symbol_facts(path, parse_patch(path, change(path, removed, []).patch))
    assert {f.symbol: f.text for f in facts}["decompress"] == "function, overrides"
    plain = [line.replace("override fun", "fun") for line in removed]
    facts = hunk_symbol_facts(path, parse_patch(path, change(path, plain, []).patch))
    assert {f.symbol: f.text for f in facts}["decompress"] == "function"
    title = "Drop the gzip algorithm object"
    for lines, verdict in ((removed, False), (plain, True)):
        file = change(path, lines, [])
        facts = [f for f in hunk_symbol_facts(path, parse_patch(path, file.patch)) if f.symbol == "decompress"]
        assert (analyse(title, [file], facts).importance == "high") is verdict
