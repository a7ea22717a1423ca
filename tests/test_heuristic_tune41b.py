"""Rules of the tuning round on the forty-first set (issue 8, tune41b), each on a small snippet: "mitm" as the start
of a longer word (a project's name, ``mitmproxy``) is no security word; one release's version stamped through a
tree's docs, build scripts and code is a release though no title or changelog says so; tstyche's type tests
(``__typetests__/``, ``*.tst.ts``) and TSLint's ``tslint.json`` are tests and tooling; a public function made
``async`` hands callers a promise where they got a result; a chart manifest's listing metadata (its icon, its
Artifact Hub notes) mended is no build fix."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from tests.facts_support import analysed

# -- "mitm" inside a longer word ---------------------------------------------------------------------------------


def test_a_project_named_mitm_something_is_no_security_word() -> None:
    assert not R.TITLE_SECURITY_WORDS.search("mitmproxy 12.2.2")
    assert not R.TITLE_SECURITY_WORDS.search("fix: display failed CONNECT requests in mitmdump")
    assert R.TITLE_SECURITY_WORDS.search("Prevent MITM on renegotiation")
    assert R.TITLE_SECURITY_WORDS.search("connections could be MITMed")


_PAGE = '<html>\n<head>\n<script type="module" src="./static/index-{}.js"></script>\n</head>\n</html>\n'


def test_a_release_of_a_project_named_mitm_something_is_not_security() -> None:
    # the release rebuilds the web bundle (a page names the new one): not a version bump alone
    analysis = analysed({"mitmtool/version.py": ('VERSION = "13.0.0.dev"\n', 'VERSION = "12.2.2"\n'),
                         "mitmtool/web/index.html": (_PAGE.format("Bt--WL1e"), _PAGE.format("D7g-N5jK"))},
                        "mitmtool 12.2.2")
    assert analysis.change_type != "security"
    assert analysis.importance != "high"


# -- one release's version stamped through the tree --------------------------------------------------------------

_C = """#include "lib.h"

const char *lib_version(void)
{
   return "libfoo version {v} - August 2, 2017";
}
"""


def _stamp(files: dict[str, str], old: str, new: str) -> dict[str, tuple[str, str]]:
    return {path: (text.replace("{v}", old), text.replace("{v}", new)) for path, text in files.items()}


_TREE = {"README": "README for libfoo version {v} - August 2, 2017\n\nSee INSTALL.\n",
         "configure.ac": "AC_PREREQ([2.68])\n\nAC_INIT([libfoo],[{v}],[list@example.org])\nAC_CONFIG_MACRO_DIR([m4])\n",
         "lib.c": _C,
         "scripts/libfoo.pc.in": "prefix=@prefix@\n\nName: libfoo\nVersion: {v}\n"}


def test_a_version_stamped_through_the_tree_is_a_release() -> None:
    analysis = analysed(_stamp(_TREE, "1.6.32beta05", "1.6.32beta06"), "Imported from libfoo-1.6.32beta06.tar")
    assert analysis.importance == "low"
    assert analysis.change_type == "chore"


def test_a_version_in_two_files_only_is_not_read_a_release() -> None:
    two = {path: _TREE[path] for path in ("README", "lib.c")}
    analysis = analysed(_stamp(two, "1.6.32beta05", "1.6.32beta06"), "Imported from libfoo-1.6.32beta06.tar")
    assert analysis.change_type != "chore"


# -- tstyche's type tests and TSLint's rules ---------------------------------------------------------------------

_TYPE_TEST = """import { expect, test } from "tstyche";
import * as Foo from "../index";

test("compile", () => {
  expect(Foo.compile("x")).type.toBe<string>();
{extra}});
"""


def test_type_tests_of_tstyche_are_tests() -> None:
    extra = "".join(f'  expect(Foo.compile("x{i}", {{ strict: true, line: {i} }})).type.toBe<string>();\n'
                    for i in range(40))
    tslint = "{\n" + "".join(f'  "rule-{i}": true,\n' for i in range(30)) + '  "extends": "dtslint/dtslint.json"\n}\n'
    analysis = analysed({"types/__typetests__/foo.tst.ts": (_TYPE_TEST.replace("{extra}", extra),
                                                            _TYPE_TEST.replace("{extra}", "")),
                         "types/tslint.json": (tslint, None)},
                        "Improve tests")
    assert analysis.change_type == "test"
    assert analysis.importance == "low"


# -- a public function made async --------------------------------------------------------------------------------

_PRECOMPILER = """const fs = require('fs');

module.exports.loadTemplates = function (opts, callback) {
  callback(null, opts);
};

module.exports.cli = KWfunction (opts) {
  for (const template of opts.templates) {
    const data = fs.readFileSync(template, 'utf8');
    console.log(data.length);
  }
};
"""


def test_a_public_function_made_async_is_high() -> None:
    analysis = analysed({"lib/precompiler.js": (_PRECOMPILER.replace("KW", ""), _PRECOMPILER.replace("KW", "async "))},
                        "update dependencies")
    assert analysis.importance == "high"


_HELPER = """function readAll(paths) {
  return paths.map((p) => p.length);
}

module.exports.count = function (paths) {
  return readAll(paths).length;
};
"""


def test_a_private_helper_made_async_is_not_high() -> None:
    new = _HELPER.replace("function readAll(", "async function readAll(")
    analysis = analysed({"lib/count.js": (_HELPER, new)}, "update dependencies")
    assert analysis.importance != "high"


# -- a chart's listing metadata ----------------------------------------------------------------------------------

_CHART = """apiVersion: v2
name: feeds
description: A feed generator.
home: https://charts.example.org/charts/feeds/
icon: {icon}
type: application
version: 0.5.3
annotations:
  artifacthub.io/changes: |-
    - kind: {kind}
      description: {note}
"""


def test_a_chart_icon_mended_is_low() -> None:
    old = _CHART.format(icon="https://camo.example.org/79f2dcf6", kind="changed", note="Update redis to v18")
    new = _CHART.format(icon="https://raw.example.org/feeds/logo.png", kind="fixed", note="Fix icon URL")
    analysis = analysed({"charts/feeds/Chart.yaml": (old, new)}, "fix(feeds): Fix icon URL")
    assert analysis.importance == "low"
