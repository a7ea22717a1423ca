"""Maintainer-review mends (defects31): a default documented as one said as a default changed, not as an API
definition changed; a Rust enum's variants and a type parameter's bounds said; an optional member of an options type
removed said as breaking the code that sets it, not every call; perf idioms in a title typed as performance work."""

from __future__ import annotations

from tests.facts_support import analysed, facts_of

# --- kubernetes-sigs/kind 2026-05-29 (b029a2b): the default node image constant of ``pkg/apis/config/defaults`` given
# another value read "API or schema definitions changed: `pkg/apis/config/defaults/image.go` (− `const Image = ...`)";
# a reviewer says the default changed, old -> new -------------------------------------------------------------------

_IMAGE = """/*
Copyright The Project Authors.
*/

// Package defaults holds the defaults of the config types.
package defaults

// Image is the default for the Config.Image field, aka the default node image.
const Image = "example/node:v1.35.1@sha256:05d7bcdefbda08b4e038f644c4df690cdac3fba8"
"""


def _image_commit():
    after = _IMAGE.replace("v1.35.1@sha256:05d7bcdefbda08b4e038f644c4df690cdac3fba8",
                           "v1.36.1@sha256:a72b6a6169182ca7ec68ba940264db98977d536d")
    return {"pkg/apis/config/defaults/image.go": (_IMAGE, after)}


def test_a_constant_documented_as_the_default_is_said_as_a_default_changed():
    analysis = analysed(_image_commit(), "Bump the default node image to v1.36.1")
    summary = " ".join(analysis.summary)
    assert "`Image` default" in summary and "v1.35.1" in summary and "v1.36.1" in summary, summary
    said = " ".join([analysis.insights.compatibility, *(r.risk for r in analysis.risks), *analysis.recommendations])
    assert "API or schema definitions" not in said, said
    assert "relies on the default `Image`" in analysis.insights.compatibility, analysis.insights.compatibility


def test_a_default_changed_is_said_in_chinese_too():
    analysis = analysed(_image_commit(), "Bump the default node image to v1.36.1", lang="zh")
    assert "`Image` 默认值" in " ".join(analysis.summary), analysis.summary
    assert "依赖默认值 `Image`" in analysis.insights.compatibility, analysis.insights.compatibility


def test_an_undocumented_constant_of_an_api_file_stays_an_api_definition_change():
    before = _IMAGE.replace("// Image is the default for the Config.Image field, aka the default node image.\n", "")
    after = before.replace("v1.35.1", "v1.36.1")
    analysis = analysed({"pkg/apis/config/defaults/image.go": (before, after)}, "Bump the node image")
    assert "`Image` default" not in " ".join(analysis.summary), analysis.summary
    assert "API or schema definitions" in analysis.insights.compatibility, analysis.insights.compatibility


# --- Rust: an enum's variants added or removed and a type parameter's bounds relaxed were said as "Changes `Mode`,
# `run`" only: the facts kept nothing of them -------------------------------------------------------------------------

_RUST = """pub enum Mode {
    Fast,
    Slow,
}

#[non_exhaustive]
pub enum Level {
    Low,
    High,
}

pub fn run<T: Clone + Send>(x: T) -> T {
    x.clone()
}

pub fn keep<K>(k: K) -> K where K: Ord {
    k
}
"""
_RUST_AFTER = """pub enum Mode {
    Fast,
    Careful,
}

#[non_exhaustive]
pub enum Level {
    Low,
    High,
    Max,
}

pub fn run<T: Send>(x: T) -> T {
    x
}

pub fn keep<K>(k: K) -> K where K: Ord + Hash {
    k
}
"""


def test_rust_variants_and_bounds_are_in_the_facts():
    texts = {f["symbol"]: f["text"] for f in facts_of({"src/lib.rs": (_RUST, _RUST_AFTER)})
             if f["kind"] == "symbol_modified"}
    assert texts["Mode"] == "enum, variants added Careful; variants removed Slow", texts
    assert texts["Level"] == "enum, variants added (non_exhaustive) Max", texts
    assert texts["run"] == "function, bounds relaxed T: Clone", texts
    assert texts["keep"] == "function, bounds added K: Hash", texts


def test_rust_variants_and_bounds_are_said():
    summary = analysed({"src/lib.rs": (_RUST, _RUST_AFTER)}, "Rework modes").summary
    text = "\n".join(summary)
    assert "`Mode`: gains the variant `Careful` (a `match` outside the crate without a `_` arm no longer compiles); " \
           "loses the variant `Slow`" in text, text
    assert "`Level`: gains the variant `Max`\n" in text + "\n", text  # non_exhaustive: no match breaks
    assert "`run`: no longer requires `T: Clone`" in text, text
    assert "`keep`: now requires `K: Hash`" in text, text
    assert "Changes `Mode`" not in text, text


def test_rust_bounds_are_said_in_chinese():
    text = "\n".join(analysed({"src/lib.rs": (_RUST, _RUST_AFTER)}, "Rework modes", lang="zh").summary)
    assert "`run`：不再要求 `T: Clone`" in text and "新增枚举变体 `Careful`" in text, text


def test_a_private_enum_gaining_a_variant_names_no_outside_match():
    before, after = _RUST.replace("pub enum Mode", "enum Mode"), _RUST_AFTER.replace("pub enum Mode", "enum Mode")
    text = "\n".join(analysed({"src/lib.rs": (before, after)}, "Rework modes").summary)
    assert "`Mode`: gains the variant `Careful`; loses the variant `Slow`" in text, text


# --- TypeScript: an optional member of an options interface removed read "every import or call breaks": only the
# code that sets it does ------------------------------------------------------------------------------------------

_TS = """export interface MkdirOptions {
  recursive?: boolean;
  mode?: number;
  cache?: boolean;
}

export interface Entry {
  name: string;
  size: number;
}

export function mkdir(path: string, options: MkdirOptions = {}): void {
  doMkdir(path, options.recursive, options.mode, options.cache);
}
"""


def test_an_optional_member_removed_breaks_the_code_that_sets_it_not_every_call():
    after = _TS.replace("  cache?: boolean;\n", "").replace(", options.cache", "")
    analysis = analysed({"src/fs.ts": (_TS, after)}, "Remove the cache option")
    compat = analysis.insights.compatibility
    assert "every import or call breaks" not in compat, compat
    assert "Optional `MkdirOptions.cache` removed: code that sets or reads it breaks; calls that leave it out compile " \
           "as before." in compat, compat
    impacts = [r.impact for r in analysis.risks]
    assert "Code that sets or reads `MkdirOptions.cache` breaks on upgrade." in impacts, impacts


def test_a_required_member_removed_breaks_the_code_that_reads_it():
    after = _TS.replace("  size: number;\n", "")
    compat = analysed({"src/fs.ts": (_TS, after)}, "Drop Entry.size").insights.compatibility
    assert "Public `Entry.size` removed: code that sets or reads it breaks." in compat, compat


def test_a_function_removed_still_breaks_every_call():
    after = _TS[:_TS.index("export function mkdir")]
    compat = analysed({"src/fs.ts": (_TS, after)}, "Remove mkdir").insights.compatibility
    assert "Public `mkdir` removed: every import or call breaks." in compat, compat


# --- perf idioms: "Don't allocate in X", "cache X to avoid per-frame recomputes", "Avoid quadratic behaviour" were
# typed as bug fixes ("avoid", "don't", "prevent" are fix words) ---------------------------------------------------

_JOIN = """pub fn join(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        out = out + p;
    }
    out
}
"""
_JOIN_AFTER = _JOIN.replace("String::new()", "String::with_capacity(parts.len() * 8)").replace(
    "out = out + p;", "out.push_str(p);")


def test_perf_idioms_in_a_title_type_the_change_as_performance_work():
    for title in ("Don't allocate in join", "tui: cache cell width to avoid per-frame width recomputes",
                  "Avoid quadratic behaviour in join", "Avoid O(n^2) string concatenation",
                  "Prevent excessive allocations in join", "Don't clone in join"):
        assert analysed({"src/lib.rs": (_JOIN, _JOIN_AFTER)}, title).change_type == "perf", title


def test_a_fix_title_with_a_perf_idiom_stays_a_fix():
    for title in ("Fix quadratic blowup in join", "Don't copy hidden files", "Avoid crash when parts is empty"):
        assert analysed({"src/lib.rs": (_JOIN, _JOIN_AFTER)}, title).change_type == "fix", title


# --- BurntSushi/memchr 2024-06-13 (345fab7 "all: improve perf of memchr fallback"): "New early exits: ...,
# `cfg!(miri)` returns": a test of the inline ``#[cfg(test)] mod tests`` skipping itself under Miri, said as the
# product's early exit, and a bare ``return`` said as "returns" with nothing after it --------------------------------

_FIND = """pub fn find(hay: &[u8], b: u8) -> Option<usize> {
    hay.iter().position(|&x| x == b)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds() {
        assert_eq!(super::find(b"abc", b'b'), Some(1));
    }
}
"""


def test_a_guard_inside_an_inline_test_module_is_no_early_exit_of_the_product():
    after = _FIND.replace("    hay.iter()", "    if hay.is_empty() {\n        return None;\n    }\n    hay.iter()").replace(
        "    fn finds() {\n", "    fn finds() {\n        if cfg!(miri) {\n            return;\n        }\n")
    summary = " ".join(analysed({"src/find.rs": (_FIND, after)}, "Speed up find").summary)
    assert "`hay.is_empty()` returns `None`" in summary, summary
    assert "miri" not in summary, summary


def test_a_bare_return_says_it_returns_no_value():
    before = "export function run(items: string[]): void {\n  items.forEach(log);\n}\n"
    after = "export function run(items: string[]): void {\n  if (items.length === 0) {\n    return;\n  }\n" \
            "  items.forEach(log);\n}\n"
    summary = " ".join(analysed({"src/run.ts": (before, after)}, "Skip empty runs").summary)
    assert "`items.length === 0` returns (no value)" in summary, summary


# --- BurntSushi/memchr 2023-12-28 (e77f0bf "arch: simplify and improve is_equal_raw"): the perf insight quoted a
# shell command and a table header ("$ rebar diff -e ... --------- ------") as the message's measurement ---------------

_BENCH_BODY = """It simplifies `is_equal` and its codegen. Since this routine gets inlined into others, this winds up
being a fair improvement:

    $ rebar diff -e memchr/memmem tmp/base.csv tmp/new.csv -t 1.1
    benchmark                  engine        tmp/base.csv       tmp/new.csv
    ---------                  ------        ------------       -----------
    memmem/code/never-fn       rust/memmem   40.6 GB/s (1.24x)  50.2 GB/s (1.00x)
    memmem/code/never-paren    rust/memmem   39.4 GB/s (1.30x)  51.3 GB/s (1.00x)

See the issue for more discussion.
"""


def test_pasted_benchmark_output_is_said_by_its_rows_and_the_sentence_above_it():
    from analysis.analyzers.heuristic.code.perf import measured_output

    assert measured_output(_BENCH_BODY) == (
        2, "Since this routine gets inlined into others, this winds up being a fair improvement:")
    assert measured_output("Faster by 20% on large inputs.\n\n    a 1.0 ms\n    b 2.0 ms\n") is None  # prose figure
    after = _JOIN_AFTER.replace("parts.len() * 8", "parts.len() * 16")
    analysis = analysed({"src/lib.rs": (_JOIN, after)}, "arch: simplify and improve join\n\n" + _BENCH_BODY)
    perf = analysis.insights.performance
    assert "benchmark output (2 measured lines)" in perf and "rebar" not in perf and "-----" not in perf, perf


# --- BurntSushi/memchr 2023-12-28 (051020d "api: impl Clone for FindIter"): ``#[derive(Debug)]`` ->
# ``#[derive(Debug, Clone)]`` said as the line swapped, not as the trait the public type now implements -------------

def test_a_trait_added_to_a_derive_is_said_as_implemented():
    before = "/// Docs.\n#[derive(Debug)]\npub struct FindIter<'h> {\n    hay: &'h [u8],\n    pos: usize,\n}\n"
    after = before.replace("#[derive(Debug)]", "#[derive(Debug, Clone)]")
    summary = analysed({"src/memmem/mod.rs": (before, after)}, "api: impl Clone for FindIter").summary
    assert "Implements `Clone` for `FindIter`" in summary, summary


# --- unjs/unstorage 2025-10-07: f67d987 "build: bundle `destr`" (``destr`` from ``dependencies`` to
# ``devDependencies``) read only "Changes `src/storage.ts` (+1/−1)": the facts dropped a package moved between the
# sections of one manifest as moved with its manifest ----------------------------------------------------------------

_PKG = """{
  "name": "lib",
  "dependencies": {
    "destr": "^2.0.5",
    "ofetch": "^1.4.1"
  },
  "devDependencies": {
    "vitest": "^3.0.0"
  }
}
"""


def test_a_package_moved_to_dev_dependencies_in_one_manifest_is_said():
    after = _PKG.replace('    "destr": "^2.0.5",\n', "").replace('"vitest": "^3.0.0"',
                                                                     '"destr": "^2.0.5",\n    "vitest": "^3.0.0"')
    facts = [f for f in facts_of({"package.json": (_PKG, after)}) if f["kind"] == "dependency_changed"]
    assert [(f["symbol"], f.get("before"), f.get("after"), f.get("text")) for f in facts] == [
        ("destr", None, "^2.0.5", "development")], facts
    summary = analysed({"package.json": (_PKG, after)}, "build: bundle `destr`").summary
    assert "`destr` moves to development dependencies (no longer installed with the package)" in summary, summary


def test_a_package_moved_to_another_manifest_at_the_same_version_is_still_no_change():
    other = '{\n  "name": "sub",\n  "dependencies": {\n    "destr": "^2.0.5"\n  }\n}\n'
    after = _PKG.replace('    "destr": "^2.0.5",\n', "")
    facts = facts_of({"package.json": (_PKG, after), "packages/sub/package.json": (None, other)})
    assert not [f for f in facts if f["kind"] == "dependency_changed"], facts
    summary = analysed({"package.json": (_PKG, after), "packages/sub/package.json": (None, other)}, "move destr").summary
    assert summary == ["Build files only: `package.json` (+0/−1), `packages/sub/package.json` (+6/−0)"], summary


# --- unjs/unstorage 2025-10-07 (c24501f "refactor!: remove cli entry"): "Changes `src/cli.ts` (+0/−49), ..." for
# files deleted whole, "No test covers the change to `src/cli.ts`" (a test of deleted code), "Key `files[drivers]`,
# `files[server.d.ts]` removed" for a list's items, and the marker's subject a package moved beside them ---------------

_PKG_FILES = """{
  "name": "lib",
  "files": [
    "dist",
    "drivers",
    "server.d.ts"
  ],
  "dependencies": {
    "srvx": "^0.8.13"
  },
  "devDependencies": {
    "vitest": "^3.0.0"
  }
}
"""
_CLI = "import { main } from './main';\n\nconst args = process.argv.slice(2);\nmain(args);\n"


def _cli_removed():
    after = _PKG_FILES.replace('    "dist",\n    "drivers",\n    "server.d.ts"\n', '    "dist"\n').replace(
        '  "dependencies": {\n    "srvx": "^0.8.13"\n  },\n', "").replace(
        '"vitest": "^3.0.0"', '"srvx": "^0.8.13",\n    "vitest": "^3.0.0"')
    return {"package.json": (_PKG_FILES, after), "src/cli.ts": (_CLI, None),
            "server.d.ts": ('export * from "./dist/server";\n', None)}


def test_files_deleted_whole_are_said_as_deleted_and_untested_is_not_said_of_them():
    analysis = analysed(_cli_removed(), "refactor!: remove cli entry")
    summary = "\n".join(analysis.summary)
    assert "Deletes `src/cli.ts` (+0/−4), `server.d.ts` (+0/−1)" in summary, summary
    assert "`files` in `package.json` no longer lists `drivers`, `server.d.ts`" in summary, summary
    assert "files[drivers]" not in summary, summary
    assert not any("No test covers" in r.risk for r in analysis.risks), analysis.risks
    assert analysis.insights.compatibility.endswith("the diff changes `src/cli.ts`, `server.d.ts`."), \
        analysis.insights.compatibility


def test_files_deleted_and_list_items_in_chinese():
    summary = "\n".join(analysed(_cli_removed(), "refactor!: remove cli entry", lang="zh").summary)
    assert "删除 `src/cli.ts`" in summary and "`package.json` 的 `files` 不再包含 `drivers`、`server.d.ts`" in summary, \
        summary


def test_several_keys_removed_read_keys_and_a_key_added_says_its_plain_value():
    before = '{\n  "name": "lib",\n  "module": "./dist/index.mjs",\n  "browser": "./dist/b.js"\n}\n'
    after = '{\n  "name": "lib",\n  "type": "module"\n}\n'
    summary = "\n".join(analysed({"package.json": (before, after)}, "build: esm-only dist").summary)
    assert "Keys `module`, `browser` removed from `package.json`" in summary, summary
    assert "New key `type` (`module`) in `package.json`" in summary, summary


def test_a_key_added_with_its_value_in_chinese():
    before = '{\n  "name": "lib"\n}\n'
    after = '{\n  "name": "lib",\n  "type": "module"\n}\n'
    summary = "\n".join(analysed({"package.json": (before, after)}, "build: esm-only dist", lang="zh").summary)
    assert "`package.json` 新增配置项 `type`（`module`）" in summary, summary


def test_a_package_moved_to_dev_dependencies_at_another_version_is_said_by_its_versions():
    before = _PKG.replace('"destr": "^2.0.5"', '"h3": "^1.15.4"')
    after = before.replace('    "h3": "^1.15.4",\n', "").replace('"vitest": "^3.0.0"',
                                                                    '"h3": "2.0.0-rc.1",\n    "vitest": "^3.0.0"')
    summary = analysed({"package.json": (before, after)}, "migrate to h3 v2").summary
    # defects42: the move is said with the versions, not the versions alone
    assert "`h3` moves to development dependencies (`^1.15.4` → `2.0.0-rc.1`;" in summary[0], summary
