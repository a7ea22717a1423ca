"""Rules of the tuning round on the forty-first set (issue 8, tune41b), each on a small snippet: "mitm" as the start
of a longer word (a project's name, ``mitmproxy``) is no security word; one release's version stamped through a
tree's docs, build scripts and code is a release though no title or changelog says so; tstyche's type tests
(``__typetests__/``, ``*.tst.ts``) and TSLint's ``tslint.json`` are tests and tooling; a public function made
``async`` hands callers a promise where they got a result; a chart manifest's listing metadata (its icon, its
Artifact Hub notes) mended is no build fix."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.analyzer import classify_path, evidence_of
from analysis.facts import derive_facts
from tests.facts_support import analysed, commit_of

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


# -- a plain-text manual, a util/ script, Cirrus CI's folder -----------------------------------------------------

_MANUAL = """libfoo manual

    foo_get_exif(foo_ptr, info_ptr, {args});
                     (FOO_INFO_EXIF)

    exif           - Exif profile (array of foo_byte)
"""


def test_a_plain_text_manual_is_documentation() -> None:
    analysis = analysed({"libfoo-manual.txt": (_MANUAL.format(args="&exif, &num_exif"),
                                               _MANUAL.format(args="&num_exif, &exif"))},
                        "Fix descriptions of eXIf function calls in the manpage.")
    assert analysis.change_type == "docs"
    assert analysis.importance == "low"


_FETCH = """#!/bin/bash
backport=(
  cat/splice.sh # split tests
{extra})
for f in "${backport[@]}"
  do curl -L ${repo}/raw/refs/heads/master/tests/$f > tests/$f
done
"""


def test_a_shell_script_of_a_top_level_util_folder_is_tooling() -> None:
    analysis = analysed({"util/fetch-upstream.sh": (_FETCH.replace("{extra}", ""),
                                                    _FETCH.replace("{extra}", "  misc/empty-backup-suffix.sh\n"))},
                        "Add empty-backup-suffix.sh to backport list")
    assert analysis.importance == "low"


def test_cirrus_ci_files_are_ci() -> None:
    assert "ci" in classify_path(".cirrus/tasks_env.yml")
    assert "ci" in classify_path(".cirrus.yml")
    assert "ci" in classify_path(".cirrus.star")


# -- an Azure offer's ARM template and portal form; a default image tag among other settings ---------------------

_FORM = """{
  "parameters": {
    "steps": [
      {
        "name": "applicationDetails",
        "elements": [
          {
            "name": "jdbcUrl",
            "type": "Microsoft.Common.TextBox",
            "constraints": {
              "regex": "%s",
              "validationMessage": "%s"
            }
          }
        ]
      }
    ]
  }
}
"""


def test_an_azure_offer_portal_form_changed_is_no_configuration_break() -> None:
    old = _FORM % ("^[a-z0-9A-Z]{1,30}$", "Only alphanumeric characters are allowed")
    new = _FORM % ("^jdbc:[a-zA-Z0-9]+://.*$", "Please insert a valid JDBC URL.")
    analysis = analysed({"azure-app/createUIDefinition.json": (old, new)}, "Fix jdbc url validation")
    assert analysis.importance != "high"


_VALUES = """global:
  images:
    app:
      registry: example.azurecr.io
      image: app
      tag: {tag}
app:
  env:
{env}"""


def test_a_default_image_tag_moved_beside_a_setting_added_is_no_configuration_break() -> None:
    old = _VALUES.format(tag="2025.3.0-enterprise", env="    - name: MODE\n      value: normal\n")
    new = _VALUES.format(tag="2025.5.0-enterprise",
                         env="    - name: MODE\n      value: normal\n    - name: BILLING\n      value: \"true\"\n")
    commit, texts = commit_of({"wrapper/values.yaml": (old, new)}, "Add the billing env")
    evidence = evidence_of(commit, derive_facts(commit, texts))
    assert [f.symbol for f in evidence.config] == ["global.images.app.tag", "app.env[BILLING]"]
    assert evidence.config_breaks == []


# -- a program's output format, said by the message and confirmed by rewritten expectations ----------------------

_PRN = """pub fn format_f64(f: f64) -> String {
    {body}
}
"""

_TEST = """#[test]
fn test_f64() {
    new_ucmd!().arg("-tfD").succeeds().stdout_only("{a}\\n");
    new_ucmd!().arg("-tfF").succeeds().stdout_only("{b}\\n");
    new_ucmd!().arg("-tf4").succeeds().stdout_only("{c}\\n");
}
"""


def _od(body: str) -> str:
    return _PRN.replace("{body}", body)


def _od_test(a: str, b: str, c: str) -> str:
    return _TEST.replace("{a}", a).replace("{b}", b).replace("{c}", c)


def test_an_output_format_the_message_says_changed_is_high() -> None:
    files = {"src/prn_float.rs": (_od('format!("{:>24.16}", f)'), _od('format!("{:>24}", shortest(f))')),
             "tests/test_od.rs": (_od_test("  -2.0000000000000000", "  1.0000000", "  2.0000000"),
                                  _od_test("                   -2", "          1", "          2"))}
    message = "od: use the shortest round-trip float representation\n\nUpdate the tests to match the new output format."
    assert analysed(files, message).importance == "high"
    assert analysed(files, "od: use the shortest round-trip float representation").importance != "high"


# -- a chore that takes a dependency's major is a build change ----------------------------------------------------

_CHART_DEP = """apiVersion: v2
name: watch
version: {version}
dependencies:
  - name: common
    version: {common}
    repository: https://charts.example.org
"""

_VALUES_V = """controller:
  {key}: true
"""


def test_a_chore_taking_a_dependency_major_is_build() -> None:
    files = {"charts/watch/Chart.yaml": (_CHART_DEP.format(version="0.3.0", common="1.5.1"),
                                         _CHART_DEP.format(version="1.0.0", common="2.4.0")),
             "charts/watch/values.yaml": (_VALUES_V.format(key="enabled"), _VALUES_V.format(key="enable"))}
    analysis = analysed(files, "chore(watch)!: Update common helm release to v2")
    assert analysis.change_type == "build"


# -- a bare VERSION constant is the package's own version ---------------------------------------------------------

_VERSION_PY = """import os

VERSION = "{v}"
TOOL = "tool " + VERSION
"""


def test_a_bare_version_constant_moved_back_to_development_is_a_release_chore() -> None:
    analysis = analysed({"tool/version.py": (_VERSION_PY.format(v="12.2.2"), _VERSION_PY.format(v="13.0.0.dev"))},
                        "reopen main for development")
    assert analysis.change_type == "chore"
    assert analysis.importance == "low"
