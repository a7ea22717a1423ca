"""Maintainer-review mends (defects49) from reading jshttp/cookie, kelseyhightower/envconfig, pest-parser/pest,
apache/commons-net and aio-libs/frozenlist days: a TypeScript function's overload signatures deleted above its
implementation read as "throw statements 0 → 8" (the bodiless signature paired with the new body) and the lost
overloads went unsaid; a tiny change adding two list items quoted only the first."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text, facts_of

OVERLOADED = """export function stringify(cookie: Cookie, options?: Options): string;
export function stringify(name: string, val: string, options?: Options): string;
export function stringify(_name: string | Cookie, _val?: string | Options, _opts?: Options): string {
  const name = typeof _name === "object" ? _name.name : _name;
  if (!name) {
    throw new TypeError("argument name is invalid");
  }
  if (name.length > 100) {
    throw new TypeError("argument name is too long");
  }
  return name + "=";
}
"""

SINGLE = """export function stringify(cookie: Cookie, options?: Options): string {
  if (!cookie.name) {
    throw new TypeError("argument name is invalid");
  }
  if (cookie.name.length > 100) {
    throw new TypeError("argument name is too long");
  }
  return cookie.name + "=";
}
"""


def test_overload_signatures_removed_are_said_and_no_throws_are_counted_against_a_bodiless_signature():
    facts = facts_of({"src/index.ts": (OVERLOADED, SINGLE)})
    texts = [f["text"] for f in facts if f.get("symbol") == "stringify"]
    assert "function, removes 2 overload signatures" in texts, facts
    assert not any("throw statements" in t for t in texts), facts
    for lang, said in (("en", "Removes overload signatures of `stringify`"), ("zh", "移除 `stringify` 的重载签名")):
        analysis = analysed({"src/index.ts": (OVERLOADED, SINGLE)}, "Remove deprecated code paths", lang)
        text = analysis_text(analysis)
        assert said in analysis.summary, analysis.summary
        assert "throw" not in text and "0 → 2" not in text, text
        assert ("calls typed against them no longer compile" if lang == "en" else "按这些签名写的调用将无法编译") in (
            analysis.insights.compatibility or ""), analysis.insights


def test_throws_added_to_a_body_are_still_counted():
    more = SINGLE.replace('  return cookie.name + "=";', '  if (!cookie.value) {\n    throw new TypeError("no value");\n'
                          '  }\n  return cookie.name + "=";')
    texts = [f["text"] for f in facts_of({"src/index.ts": (SINGLE, more)}) if f.get("symbol") == "stringify"]
    assert texts == ["function, throw statements 2 -> 3"], texts


TRAVIS = "language: go\ngo:\n  - 1.8.x\n  - 1.9.x\n  - tip\n"


def test_two_lines_added_by_a_tiny_change_are_both_quoted():
    after = TRAVIS.replace("  - tip", "  - 1.10.x\n  - 1.11.x\n  - tip")
    for lang, said in (("en", "adds `- 1.10.x`, `- 1.11.x`"), ("zh", "新增 `- 1.10.x`、`- 1.11.x`")):
        summary = " ".join(analysed({".travis.yml": (TRAVIS, after)}, "Add go 1.10.x and 1.11.x", lang).summary)
        assert said in summary, summary
    one = " ".join(analysed({".travis.yml": (TRAVIS, TRAVIS.replace("  - tip", "  - 1.10.x\n  - tip"))},
                            "Add go 1.10.x").summary)
    assert "adds `- 1.10.x`" in one and "1.11" not in one, one


WORKSPACE = '[workspace]\nmembers = [\n    "core",\n    "core_derive",\n    "core_grammars"\n]\n'
LIB = "pub fn parse(input: &str) -> usize {\n    input.len()\n}\n"
GEN = "pub fn generate(name: &str) -> String {\n    name.to_owned()\n}\n"


def _renamed(files: dict, renames: dict[str, str], message: str, lang: str = "en"):
    """``analysed`` with the files of ``renames`` ({new: old}) moved unchanged, as git reports a rename."""
    from analysis.analyzers.base import AnalysisContext
    from analysis.analyzers.heuristic import HeuristicAnalyzer
    from analysis.facts import derive_facts
    from analysis.models import FileChange
    from tests.facts_support import PARENT, SHA, commit_of

    commit, texts = commit_of(files, message)
    for new, old in renames.items():
        commit.files.append(FileChange(path=new, previous_path=old, status="renamed", patch="", additions=0,
                                       deletions=0))
        texts.texts[(PARENT, old)] = texts.texts[(SHA, new)] = LIB if new.endswith("lib.rs") else GEN
    return HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext(facts=derive_facts(commit, texts)))


def test_folders_renamed_with_the_workspace_members_are_said_as_moved_and_the_members_as_replaced():
    after = WORKSPACE.replace('"core_derive"', '"derive"').replace('"core_grammars"', '"grammars"')
    renames = {"derive/src/lib.rs": "core_derive/src/lib.rs", "derive/src/generator.rs": "core_derive/src/generator.rs",
               "grammars/src/lib.rs": "core_grammars/src/lib.rs"}
    for lang, members, moved in (
            ("en", "`workspace.members` in `Cargo.toml` lists `derive`, `grammars` in place of `core_derive`, "
                   "`core_grammars`",
             "Moves 3 files, none changed: `core_derive/src/` → `derive/src/`, `core_grammars/src/` → `grammars/src/`"),
            ("zh", "`Cargo.toml` 的 `workspace.members` 改为包含 `derive`、`grammars`，取代 `core_derive`、`core_grammars`",
             "移动 3 个文件，内容未改：`core_derive/src/` → `derive/src/`、`core_grammars/src/` → `grammars/src/`")):
        summary = " ".join(_renamed({"Cargo.toml": (WORKSPACE, after)}, renames, "Reorganized project", lang).summary)
        assert members in summary and moved in summary, summary
        assert "no longer" not in summary and "renamed from" not in summary and "不再" not in summary, summary


def test_members_only_added_or_only_removed_keep_their_own_sentences():
    added = WORKSPACE.replace('"core_grammars"', '"core_grammars",\n    "cli"')
    summary = " ".join(analysed({"Cargo.toml": (WORKSPACE, added)}, "Add the cli crate").summary)
    assert "`workspace.members` in `Cargo.toml` now also lists `cli`" in summary and "in place of" not in summary
    removed = WORKSPACE.replace(',\n    "core_grammars"', "")
    summary = " ".join(analysed({"Cargo.toml": (WORKSPACE, removed)}, "Drop the grammars crate").summary)
    assert "`workspace.members` in `Cargo.toml` no longer lists `core_grammars`" in summary, summary


BASE = """package org.acme.telnet;

public class Telnet {
    public void registerHandler(final Handler handler) {
        this.handler = handler;
    }
}
"""

CLIENT = """package org.acme.telnet;

public class TelnetClient extends Telnet {
    public void connect() {
        open();
    }

    /**
     * Registers a handler.
     */
    @Override
    public void registerHandler(final Handler handler) {
        super.registerHandler(handler);
    }
}
"""


def test_an_overriding_method_removed_is_said_as_no_longer_overridden_not_as_public_api_removed():
    after = CLIENT.replace("""
    /**
     * Registers a handler.
     */
    @Override
    public void registerHandler(final Handler handler) {
        super.registerHandler(handler);
    }
""", "")
    path = "src/main/java/org/acme/telnet/TelnetClient.java"
    for lang, said in (("en", "No longer overrides `TelnetClient.registerHandler`: calls reach the inherited methods"),
                       ("zh", "不再重写 `TelnetClient.registerHandler`：调用改由继承的方法处理")):
        analysis = analysed({path: (CLIENT, after)}, "Fix PMD UselessOverridingMethod", lang)
        text = analysis_text(analysis)
        assert said in analysis.summary, analysis.summary
        assert "breaks" not in text and "Removes public" not in text and "删除公开符号" not in text, text


def test_a_public_method_removed_that_overrode_nothing_is_still_a_removal():
    after = CLIENT.replace("""    public void connect() {
        open();
    }

""", "")
    path = "src/main/java/org/acme/telnet/TelnetClient.java"
    analysis = analysed({path: (CLIENT, after)}, "Remove connect")
    assert "Removes public `TelnetClient.connect`" in analysis.summary, analysis.summary
    assert "every import or call breaks" in analysis_text(analysis)


TEST_CLASS = """package org.acme.ftp;

public class FtpTest {
    @Test
    public void parsesReply() {
        final String reply = "227 Entering Passive Mode";
    %s
        assertEquals(reply, parse(reply));
    }
}
"""


def test_trailing_blanks_cut_from_a_java_file_are_whitespace_not_comments():
    before, after = TEST_CLASS % "    ", TEST_CLASS % ""
    for lang, said in (("en", "Whitespace only in `src/test/java/org/acme/ftp/FtpTest.java`"),
                       ("zh", "仅修改空白字符：`src/test/java/org/acme/ftp/FtpTest.java`")):
        analysis = analysed({"src/test/java/org/acme/ftp/FtpTest.java": (before, after)}, "Remove trailing whitespace",
                            lang)
        assert analysis.summary == [said] and analysis.change_type != "docs", analysis
    commented = TEST_CLASS % "// the server's reply", TEST_CLASS % "// the server's passive reply"
    analysis = analysed({"src/test/java/org/acme/ftp/FtpTest.java": commented}, "Reword a comment")
    assert analysis.summary[0].startswith("Comments and docstrings only"), analysis.summary


PARSE = "function parse(str) {\n  var len = str.length;\n  return len;\n}\nmodule.exports = { parse: parse };\n"
TOP = '{\n  "youtube.com": "UUU=0"\n}\n'


def test_a_top_level_benchmark_folders_input_is_no_configuration():
    from analysis.analyzers.heuristic.paths import classify_path
    from analysis.highlights import heuristic_highlights
    from analysis.models import CommitReport
    from tests.facts_support import commit_of

    assert "test" in classify_path("benchmark/parse-top.json") and "test" not in classify_path(
        "include/benchmark/benchmark.h")
    files = {"index.js": (PARSE, PARSE.replace("  return len;", "  if (len < 2) return 0;\n  return len;")),
             "benchmark/parse-top.json": (TOP, TOP.replace('"UUU=0"', '"UUU=0",\n  "example.com": ""'))}
    analysis = analysed(files, "perf(parse): return early")
    assert not any("example.com" in line for line in analysis.summary), analysis.summary
    config = {"index.js": files["index.js"], "config/app.json": (TOP, TOP.replace('"UUU=0"', '"UUU=0",\n  "x": "y"'))}
    day = []
    for n, (title, changed) in enumerate((("perf(parse): return early", files), ("Add a setting", config))):
        commit, _ = commit_of(changed, title)
        commit = commit.model_copy(update={"sha": f"{n + 1:040x}"})
        day.append(CommitReport(commit=commit, analysis=analysed(changed, title)))
    text = "\n".join(heuristic_highlights(day, "en"))
    assert "Configuration: `x` added" in text and "example.com" not in text, text


PACKAGE = """{
  "name": "cookie",
  "scripts": {
    "test": "mocha test/",
    "version": "node scripts/version-history.js && git add HISTORY.md"
  }
}
"""
SCRIPT = """var fs = require('fs');

function zeroPad(number, length) {
  return String(number).padStart(length, '0');
}

function getLocaleDate() {
  var now = new Date();
  return now.getFullYear() + '-' + zeroPad(now.getMonth() + 1, 2);
}

fs.writeFileSync('HISTORY.md', getLocaleDate());
"""


def test_a_script_deleted_with_the_package_script_that_ran_it_is_said():
    after = PACKAGE.replace(',\n    "version": "node scripts/version-history.js && git add HISTORY.md"', "")
    for lang, said in (("en", "Deletes `scripts/version-history.js` (+0/−12)"),
                       ("zh", "删除 `scripts/version-history.js`（+0/−12）")):
        summary = " ".join(analysed({"package.json": (PACKAGE, after), "scripts/version-history.js": (SCRIPT, None)},
                                    "Migrate history to GitHub releases", lang).summary)
        assert "scripts.version" in summary and said in summary, summary
    edited = SCRIPT.replace("'-'", "'/'")
    summary = " ".join(analysed({"package.json": (PACKAGE, after), "scripts/version-history.js": (SCRIPT, edited)},
                                "Date history with slashes").summary)
    assert "Also changes `scripts/version-history.js` (+1/−1)" in summary and "Deletes" not in summary, summary


CHANGES = """Changelog
=========

.. towncrier release notes start

v1.6.2
======

- Fixed a leak.
"""

RELEASE = CHANGES.replace(""".. towncrier release notes start
""", """.. towncrier release notes start

v1.7.0
======

Features
--------

- Added deepcopy support to FrozenList -- by :user:`bdraco`.

  *Related issues and pull requests on GitHub:*
  :issue:`659`.


Packaging updates and notes for downstreams
-------------------------------------------

- Line tracing is now disabled by default and can only be enabled explicitly.

  Developers who need line tracing for debugging purposes can still enable it by:

  1. Setting the ``FROZENLIST_CYTHON_TRACING`` environment variable
  2. Using the ``--config-setting=with-cython-tracing=true`` option with pip

  *Related issues and pull requests on GitHub:*
  :issue:`660`.
""")


def test_rst_section_titles_and_reference_lead_ins_are_not_quoted_as_changelog_entries():
    texts = [f.get("text") for f in facts_of({"CHANGES.rst": (CHANGES, RELEASE)})]
    assert "Packaging updates and notes for downstreams" not in texts and "Features" not in texts, texts
    assert "Added deepcopy support to FrozenList -- by :user:`bdraco`." in texts, texts
    for lang in ("en", "zh"):
        summary = " ".join(analysed({"CHANGES.rst": (CHANGES, RELEASE)}, "Release 1.7.0", lang).summary)
        assert "Added deepcopy support to FrozenList" in summary and "Line tracing is now disabled" in summary
        assert "Related issues" not in summary and "Packaging updates" not in summary, summary
        assert "enable it by:" not in summary, summary  # its steps are cut off: the lead-in is not left hanging


def test_a_paragraph_over_a_shorter_rule_stays_an_entry_and_a_lead_in_with_its_list_is_kept():
    ruled = CHANGES.replace("- Fixed a leak.\n", "- Fixed a leak.\n\nThe parser no longer copies its input buffers\n---\n")
    texts = [f.get("text") for f in facts_of({"CHANGES.rst": (CHANGES, ruled)})]
    assert "The parser no longer copies its input buffers" in texts, texts
    listed = CHANGES.replace("- Fixed a leak.\n", "- Fixed a leak.\n- Tracing can be enabled by:\n\n"
                                                  "  1. Setting the ``FROZENLIST_CYTHON_TRACING`` variable\n")
    summary = " ".join(analysed({"CHANGES.rst": (CHANGES, listed)}, "Document tracing").summary)
    assert "Tracing can be enabled by: Setting the `FROZENLIST_CYTHON_TRACING` variable" in summary, summary


CLIMBER = """pub struct PrecClimber<R> {
    ops: Vec<R>,
}

impl<R: Copy> PrecClimber<R> {
    pub fn climb<'i, P, F, G, T>(&self, mut pairs: P, mut primary: F, mut infix: G) -> T
    where
        P: Iterator<Item=Pair<'i, R>>,
        F: FnMut(Pair<'i, R>) -> T,
    {
        let lhs = primary(pairs.next().expect("precedence climbing requires a non-empty Pairs"));
        lhs
    }
}
"""


def test_a_rust_bound_respaced_by_rustfmt_is_no_bound_change_and_a_real_one_is_listed_whole():
    path = "src/prec_climber.rs"
    respaced = CLIMBER.replace("Iterator<Item=Pair<'i, R>>", "Iterator<Item = Pair<'i, R>>").replace(
        '"precedence climbing requires a non-empty Pairs"', '"precedence climbing needs a non-empty Pairs"')
    texts = [f["text"] for f in facts_of({path: (CLIMBER, respaced)}) if f.get("symbol") == "PrecClimber::climb"]
    assert texts == ["method"], texts
    bounded = CLIMBER.replace("Iterator<Item=Pair<'i, R>>,", "Iterator<Item=Pair<'i, R>> + Clone,")
    texts = [f["text"] for f in facts_of({path: (CLIMBER, bounded)}) if f.get("symbol") == "PrecClimber::climb"]
    assert texts == ["method, bounds added P: Clone"], texts
    swapped = CLIMBER.replace("Iterator<Item=Pair<'i, R>>,", "Iterator<Item=Pair<'i, R>> + Send,\n        "
                                                              "T: Default,")
    summary = " ".join(analysed({path: (CLIMBER, swapped)}, "Require Send").summary)
    assert "now requires `P: Send`, `T: Default`" in summary, summary


def test_panics_added_to_rust_and_go_code_are_said_as_panics_not_throws():
    path = "src/position.rs"
    before = "pub fn line_col(pos: usize) -> usize {\n    pos + 1\n}\n"
    after = ("pub fn line_col(pos: usize) -> usize {\n    if pos > 10 {\n        panic!(\"position out of bounds\");\n"
             "    }\n    pos + 1\n}\n")
    for lang in ("en", "zh"):
        text = analysis_text(analysed({path: (before, after)}, "Check the position", lang))
        assert "`panic!`" in text and "`throw`" not in text, text
        assert ("may now panic" if lang == "en" else "（panic）") in text and "may now throw" not in text, text
    go = ("package pos\n\nfunc LineCol(pos int) int {\n\treturn pos + 1\n}\n",
          "package pos\n\nfunc LineCol(pos int) int {\n\tif pos > 10 {\n\t\tpanic(\"out of bounds\")\n\t}\n"
          "\treturn pos + 1\n}\n")
    text = analysis_text(analysed({"pos/pos.go": go}, "Check the position"))
    assert "`panic`" in text and "`throw`" not in text, text


def test_one_line_of_code_among_comments_is_said_in_the_singular():
    doc = ("// Copyright (c) 2013 Ann. All rights reserved.\n\n// Package envconfig implements decoding of environment\n"
           "// variables based on a user defined specification.\npackage envconfig\n")
    for lang, said in (("en", "Comments in `doc.go`, and one changed line of code around them"),
                       ("zh", "主要修改 `doc.go` 中的注释，另有一行代码随之改动")):
        summary = " ".join(analysed({"doc.go": (None, doc)}, "Add package docs", lang).summary)
        assert said in summary, summary


def test_a_summary_part_cut_short_gets_no_stop_after_its_ellipsis():
    from analysis.renderers.labels import sentences

    assert sentences("en", ["Line tracing is now disabled by default…", "`version` `1` → `2`"]) == \
        "Line tracing is now disabled by default… `version` `1` → `2`"
    assert sentences("en", ["Adds `parse`", "`version` `1` → `2`"]) == "Adds `parse`. `version` `1` → `2`"


def test_a_jvm_linters_rule_set_is_tooling_not_product_code():
    from analysis.analyzers.heuristic.paths import classify_path

    for path in ("src/conf/pmd-ruleset.xml", "checkstyle.xml", "src/conf/spotbugs-exclude-filter.xml",
                 "config/detekt.yml"):
        assert "tooling" in classify_path(path), path
    assert "tooling" not in classify_path("src/main/resources/pmdx.xml")
    ruleset = '<?xml version="1.0"?>\n<ruleset name="net">\n  <rule ref="category/java/bestpractices.xml"/>\n</ruleset>\n'
    analysis = analysed({"src/conf/pmd-ruleset.xml": (None, ruleset)}, "Add PMD check to default build")
    text = analysis_text(analysis)
    assert "New product files" not in text and "No test covers" not in text and analysis.importance == "low", text


PARSER = """function parse(str) {
  var key = str.slice(0, 3).trim();
  return key;
}

module.exports = { parse: parse };
"""


def test_private_helpers_added_beside_a_changed_function_are_named():
    helped = PARSER.replace("  var key = str.slice(0, 3).trim();", "  var start = startIndex(str, 0, 3);\n"
                            "  var key = str.slice(start, 3);").replace("module.exports", """function startIndex(str, index, max) {
  while (index < max && str.charCodeAt(index) === 0x20) index++;
  return index;
}

module.exports""")
    for lang, said in (("en", "Changes `parse` in `index.js` (+7/−1), with the new private `startIndex`"),
                       ("zh", "并新增私有函数 `startIndex`")):
        summary = " ".join(analysed({"index.js": (PARSER, helped)}, "Iterate whitespace for perf", lang).summary)
        assert said in summary, summary
    plain = PARSER.replace(".trim()", ".trimStart()")
    summary = " ".join(analysed({"index.js": (PARSER, plain)}, "Trim the start only").summary)
    assert "Changes `parse` in `index.js`" in summary and "private" not in summary, summary
