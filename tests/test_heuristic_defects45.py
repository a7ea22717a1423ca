"""Maintainer-review mends (defects45) from reading the forty-fifth set's repositories on other days: what the
heuristic says, en and zh.

Each case is built from before/after texts (synthetic files, facts from both sides), never from one project's
paths: a Go method named ``exec`` called "eval/exec of dynamic code", ...
"""

from __future__ import annotations

from analysis.facts.patches import parse_patch
from analysis.facts.security import security_facts
from tests.facts_support import analysed, analysis_text, patch_of


def _signals(path: str, before: str, after: str) -> list[str]:
    return [f.text or "" for f in security_facts(path, parse_patch(path, patch_of(before, after)))]


def test_a_method_named_exec_is_no_evaluation_of_dynamic_code():
    go_before = "package view\n\nfunc (c *Command) exec(p string) error {\n\treturn nil\n}\n"
    go_after = go_before.replace("exec(p string)", "exec(p string, push bool)") + \
        "\nfunc (c *Command) run() error {\n\treturn c.exec(\"x\", true)\n}\n"
    assert not _signals("internal/view/command.go", go_before, go_after)
    assert not _signals("src/Runner.java", "class A {}\n", "class A {\n  void run() { exec(cmd); }\n}\n")
    py = "class Cursor:\n    pass\n"
    assert not _signals("app/cursor.py", py, py + "\n\ndef exec(sql):\n    return sql\n")
    js = "class Shell {\n}\n"
    assert not _signals("lib/shell.js", js, "class Shell {\n  exec(cmd) {\n    return cmd;\n  }\n}\n")
    # a real evaluation still is one
    assert any("eval/exec" in s for s in _signals("app/run.py", py, py + "\nresult = eval(expression)\n"))
    assert any("eval/exec" in s for s in _signals("lib/run.js", js, js + "const v = eval(source);\n"))
    text = analysis_text(analysed({"internal/view/command.go": (go_before, go_after)}, "feat: push commands"))
    assert "eval" not in text, text


BODY = '''"use strict";
const BaseImpl = require("./Base-impl").implementation;

class BodyImpl extends BaseImpl {
  constructor(globalObject, args, privateData) {
    super(globalObject, args, privateData);
    this._proxyEvents();
  }

  get text() {
    return this.getAttribute("text");
  }
}

module.exports = {
  implementation: BodyImpl
};
'''
CTOR = '''  constructor(globalObject, args, privateData) {
    super(globalObject, args, privateData);
    this._proxyEvents();
  }

'''


def test_a_subclass_constructor_that_only_forwarded_to_super_removed_breaks_no_caller():
    after = BODY.replace(CTOR, "")
    for lang, said in (("en", "no longer defines its own constructor"), ("zh", "不再定义自己的构造函数")):
        analysis = analysed({"lib/nodes/Body-impl.js": (BODY, after)}, "Centralize the event handler target", lang)
        text = analysis_text(analysis)
        assert said in text and "breaks" not in text and "Removes public" not in text and "删除公开" not in text, text
    # a constructor that took other parameters than it handed on is a change callers see
    own = BODY.replace("super(globalObject, args, privateData);", "super(globalObject, [], {});")
    text = analysis_text(analysed({"lib/nodes/Body-impl.js": (own, own.replace(CTOR.replace(
        "super(globalObject, args, privateData);", "super(globalObject, [], {});"), ""))}, "drop constructor"))
    assert "Removes public `BodyImpl.constructor`" in text, text


def test_a_long_path_is_cut_in_its_middle_keeping_its_file_name():
    from analysis.analyzers.heuristic.text.spans import code
    from analysis.clipping import clip_words
    path = "dialects/postgresql/src/main/kotlin/app/cash/sqldelight/dialects/postgresql/grammar/mixins/" \
           "AlterTableAlterColumnMixin.kt"
    said = code(path, 120)
    assert said.startswith("`dialects/…/") and said.endswith("/mixins/AlterTableAlterColumnMixin.kt`"), said
    assert len(said) - 2 < 120
    # a word cut where no space is, even right after a dot, shows it was cut
    assert clip_words("a" * 29 + ".kt", 31) == "a" * 29 + ".…"
    before = "package a\n\nfun run(x: Int): Int {\n    return x\n}\n"
    text = analysis_text(analysed({path: (before, before.replace("return x", "return x + 1"))}, "Fix alter column"))
    assert "AlterTableAlterColumnMixin.kt`" in text and "Mixin.`" not in text, text


ROOT = '''"use strict";

function nodeRoot(node) {
  while (node._parent) {
    node = node._parent;
  }
  return node;
}

module.exports = { nodeRoot };
'''
BENCH = '''"use strict";
const suite = require("../suite");

module.exports = () => {
  return suite({ name: "root node", fn() { return 1; } });
};
'''


def test_a_benchmark_added_beside_the_code_is_no_product_file_nor_what_a_test_should_exercise():
    after = ROOT.replace("function nodeRoot(node) {\n",
                         "function nodeRoot(node) {\n  if (node._cachedRoot !== null) {\n    return node._cachedRoot;\n  }\n")
    files = {"lib/helpers/node.js": (ROOT, after), "benchmark/dom/root-node.js": (None, BENCH)}
    for lang in ("en", "zh"):
        analysis = analysed(files, "Cache the root node for document-connected trees", lang)
        assert not analysis.insights.architecture, analysis.insights.architecture
        risks = " ".join(f"{r.risk} {r.impact} {r.mitigation}" for r in analysis.risks)
        assert "`nodeRoot`" in risks and "module.exports" not in risks and "benchmark/" not in risks, risks


ROOT_GO = '''package cmd

import "os"

func Execute() {
	if err := rootCmd.Execute(); err != nil {
		if !errors.As(err, &flagError{}) {
			panic(err)
		}
	}
}
'''


def test_a_few_lines_rewritten_as_another_statement_are_quoted_both_ways():
    after = ROOT_GO.replace("\t\tif !errors.As(err, &flagError{}) {\n\t\t\tpanic(err)\n\t\t}\n", "\t\tos.Exit(1)\n")
    files = {"cmd/root.go": (ROOT_GO, after)}
    text = analysis_text(analysed(files, "fix: replace panic with os.Exit in Execute"))
    assert "Rewrites `if !errors.As(err, &flagError{}) { panic(err) }` as `os.Exit(1)`" in text, text
    text = analysis_text(analysed(files, "fix: replace panic with os.Exit in Execute", "zh"))
    assert "将 `if !errors.As(err, &flagError{}) { panic(err) }` 改写为 `os.Exit(1)`" in text, text
    # a brace-less guard reads as the statement it guards, not as an empty ``if (..);``
    c = "int f(int i) {\n    g(i);\n    return 0;\n}\n"
    text = analysis_text(analysed({"src/list.c": (c, c.replace("    g(i);\n", "    if (i > 0)\n        g(i);\n"))},
                                  "fix: guard g"))
    assert "`if (i > 0) g(i);`" in text and "0);" not in text, text
    # two edits with code between them are no one statement: not joined
    two = ROOT_GO.replace("panic(err)", "panic(err.Error())").replace("rootCmd.Execute()", "root.Execute()")
    assert "Rewrites" not in analysis_text(analysed({"cmd/root.go": (ROOT_GO, two)}, "fix: two edits"))


def test_a_forwarding_constructor_removed_is_no_public_api_change_of_the_day():
    from datetime import UTC, datetime

    from analysis.highlights import heuristic_highlights
    from analysis.models import Analysis, Commit, CommitReport, Fact, FileChange
    facts = [Fact(kind="symbol_removed", path="lib/nodes/Body-impl.js", symbol="BodyImpl.constructor", public=True,
                  before="(globalObject, args)", text="method, overrides"),
             Fact(kind="symbol_removed", path="lib/nodes/Old.js", symbol="OldImpl", public=True, text="class")]
    day = [CommitReport(commit=Commit(sha=str(n) * 40, author="Ann", message="Centralize",
                                      committed_at=datetime(2026, 2, 14, n, tzinfo=UTC), details_loaded=True,
                                      files=[FileChange(path=f.path, additions=1, deletions=9)]),
                        analysis=Analysis(change_type="refactor", importance="medium", summary=["Centralize"],
                                          facts=[f]))
           for n, f in enumerate(facts, 3)]
    api = next((b for b in heuristic_highlights(day, "en") if b.startswith("Public API")), "")
    assert "`OldImpl` removed" in api and "constructor" not in api, api
