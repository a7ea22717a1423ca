"""Mends from reading a real day as its maintainer (uber-go/zap 2023-08-18, "Use golangci-lint for linting"): locals
renamed away from a builtin's name (``close`` -> ``closeAll``) are said as the renames they are, not as "Changes
`Open`"; the packages a manifest drops together are one sentence, not one "Drops dependency" each; and Go's tools
module (``tools/go.mod``, the linters and generators it pins) is no dependency the package's users install."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import renamed_identifiers
from analysis.analyzers.heuristic.config.builds.dependency_changes import development_only
from analysis.models import Fact, FileChange
from tests.facts_support import analysed

_OPEN_BEFORE = """package zap

func Open(paths ...string) (WriteSyncer, func(), error) {
\twriters, close, err := open(paths)
\tif err != nil {
\t\treturn nil, nil, err
\t}
\treturn combine(writers), close, nil
}

func open(paths []string) ([]WriteSyncer, func(), error) {
\tclose := func() {
\t\tfor _, c := range closers(paths) {
\t\t\tc.Close()
\t\t}
\t}
\treturn nil, close, nil
}
"""
_OPEN_AFTER = _OPEN_BEFORE.replace("close, err", "closeAll, err").replace("), close, nil", "), closeAll, nil") \
    .replace("\tclose := func", "\tcloseAll := func").replace("nil, close, nil", "nil, closeAll, nil")


def test_locals_renamed_throughout_are_said_as_renames():
    summary = " ".join(analysed({"writer.go": (_OPEN_BEFORE, _OPEN_AFTER)}, "Use golangci-lint for linting").summary)
    assert "Renames `close` → `closeAll` in `Open`, `open`, the lines otherwise unchanged" in summary
    assert "Changes `Open`" not in summary


def test_a_rename_in_chinese_names_the_pair():
    summary = " ".join(analysed({"writer.go": (_OPEN_BEFORE, _OPEN_AFTER)}, "Use golangci-lint for linting", "zh").summary)
    assert "在 `Open`、`open` 中重命名 `close` → `closeAll`，其余代码不变" in summary


def test_renames_need_every_changed_line_to_be_the_same_but_for_the_names():
    renamed = "@@ -1,2 +1,2 @@\n-x := copy(a)\n-return &x\n+y := copy(a)\n+return &y\n"
    assert renamed_identifiers([renamed]) == [("x", "y")]
    also_reworked = renamed + "@@ -9,1 +9,1 @@\n-if n > 1 {\n+if n >= 1 {\n"
    assert renamed_identifiers([also_reworked]) == []
    inconsistent = "@@ -1,2 +1,2 @@\n-f(a)\n-f(a)\n+f(b)\n+f(c)\n"
    assert renamed_identifiers([inconsistent]) == []
    one_sided = "@@ -1,2 +1,1 @@\n-f(a)\n-g(a)\n+f(b)\n"
    assert renamed_identifiers([one_sided]) == []
    call_replaced = "@@ -1,2 +1,2 @@\n-x := oldHelper(a)\n-y := oldHelper(b)\n+x := newHelper(a)\n+y := newHelper(b)\n"
    assert renamed_identifiers([call_replaced]) == []  # nothing declares ``oldHelper`` here: another call
    old_name_left = "@@ -1,3 +1,3 @@\n-x := copy(a)\n-return &x\n+y := copy(a)\n+return &y\n print(x)\n"
    assert renamed_identifiers([old_name_left]) == []


def test_a_line_changed_beside_the_renames_keeps_the_plain_reading():
    after = _OPEN_AFTER.replace("return nil, nil, err", "return nil, nil, fmt.Errorf(\"open: %w\", err)")
    summary = " ".join(analysed({"writer.go": (_OPEN_BEFORE, after)}, "Wrap the open error").summary)
    assert "Changes `Open`, `open` in `writer.go`" in summary
    assert "Renames" not in summary


_GO_MOD = """module example.com/lib/tools

go 1.20

require (
{requires})
"""


def _go_mod(names: list[str]) -> str:
    return _GO_MOD.format(requires="".join(f"\t{n} v1.2.{i}\n" for i, n in enumerate(names)))


def test_packages_a_manifest_drops_together_are_one_sentence():
    kept = ["golang.org/x/lint"]
    dropped = ["github.com/mgechev/revive", "honnef.co/go/tools", "github.com/fatih/color"]
    summary = " ".join(analysed({"lib/go.mod": (_go_mod(kept + dropped), _go_mod(kept))}, "Drop linters").summary)
    assert ("Drops dependencies `github.com/mgechev/revive`, `honnef.co/go/tools`, `github.com/fatih/color` from "
            "`lib/go.mod`") in summary
    assert "Drops dependency `" not in summary


def test_one_package_dropped_keeps_its_own_sentence():
    summary = " ".join(analysed({"go.mod": (_go_mod(["a.example/x", "b.example/y"]), _go_mod(["a.example/x"]))},
                                "Drop y").summary)
    assert "Drops dependency `b.example/y`" in summary


def test_go_tools_module_is_development_only():
    fact = Fact(kind="dependency_changed", path="tools/go.mod", symbol="honnef.co/go/tools", before="v0.4.3")
    assert development_only(fact, {"build"})
    assert development_only(fact.model_copy(update={"path": "internal/tools/go.sum"}), {"lock"})
    assert not development_only(fact.model_copy(update={"path": "go.mod"}), {"build"})
    assert not development_only(fact.model_copy(update={"path": "cmd/tools-go/go.mod"}), {"build"})


# kubernetes-sigs/kueue 2026-08-19, "update kubeflow training-operator v1 to 1.9.4": go.mod, go.sum and 110 files
# of ``vendor/`` re-synced read as 7,000 lines of product code, "security-sensitive paths" in the vendored
# ``x/crypto`` and an "API definitions changed" risk on a vendored ``zz_generated`` file: high, where the change is
# the bump the manifest states.

def test_go_vendored_modules_and_node_modules_are_no_product_code():
    from analysis.analyzers.heuristic.paths import classify_path
    for path in ("vendor/golang.org/x/crypto/ssh/certs.go", "vendor/modules.txt",
                 "staging/src/k8s.io/api/vendor/github.com/gogo/protobuf/proto/lib.go",
                 "web/node_modules/left-pad/index.js"):
        assert "generated" in classify_path(path), path
    for path in ("pkg/cloud/vendor/aws.go", "vendor/lib.go", "src/vendors/stripe.go"):
        assert "generated" not in classify_path(path), path


_VENDORED = "package ssh\n\nfunc Verify(key []byte) error {\n\treturn check(key, %s)\n}\n"


def test_a_bump_with_its_vendored_copy_is_the_bump_not_a_large_product_change():
    go_mod = "module example.com/kueue\n\ngo 1.24\n\nrequire golang.org/x/crypto {v}\n"
    analysis = analysed({
        "go.mod": (go_mod.format(v="v0.40.0"), go_mod.format(v="v0.41.0")),
        "vendor/golang.org/x/crypto/ssh/certs.go": (_VENDORED % "1", _VENDORED % "2"),
        "vendor/modules.txt": ("# golang.org/x/crypto v0.40.0\n", "# golang.org/x/crypto v0.41.0\n"),
    }, "update x/crypto to v0.41.0")
    assert analysis.importance == "low"
    assert any("`golang.org/x/crypto` `v0.40.0` → `v0.41.0`" in line for line in analysis.summary)
    assert "vendor" not in " ".join(analysis.summary + analysis.impact)
    assert not analysis.insights.security and not analysis.risks


def test_the_days_busiest_areas_leave_out_vendored_copies():
    from analysis.highlights import heuristic_highlights
    from tests.test_highlights import report
    day = [report(1, "update x/crypto to v0.41.0", "low", "build",
                  {"go.mod": (1, 1), "vendor/golang.org/x/crypto/ssh/certs.go": (900, 800)}),
           report(2, "Emit a warning event", "medium", "fix", {"pkg/controller/reconciler.go": (40, 6)})]
    areas = next(b for b in heuristic_highlights(day, "en") if b.startswith("Most lines changed in"))
    assert "`pkg/controller` (1 change, +40/-6)" in areas
    assert "vendor" not in areas


# cli/cli 2024-04-02: "Upgrade to Go 1.22" said only the dev container's image in its summary (the ``go`` line of
# go.mod was in the compatibility insight alone); "Bump glamour to v0.7.0" explained semantic versioning's zero
# major once per package.

_MOD = "module example.com/cli\n\ngo {go}\n\nrequire (\n\tgithub.com/charmbracelet/glamour {g}\n\tgithub.com/muesli/termenv {t}\n)\n"


def test_a_raised_go_directive_is_in_the_summary():
    analysis = analysed({"go.mod": (_MOD.format(go="1.21", g="v0.6.0", t="v0.13.0"),
                                    _MOD.format(go="1.22", g="v0.6.0", t="v0.13.0"))}, "Upgrade to Go 1.22")
    assert "Minimum toolchain raised: `go` in `go.mod` `1.21` → `1.22`" in analysis.summary
    zh = analysed({"go.mod": (_MOD.format(go="1.21", g="v0.6.0", t="v0.13.0"),
                              _MOD.format(go="1.22", g="v0.6.0", t="v0.13.0"))}, "Upgrade to Go 1.22", "zh")
    assert "提高最低工具链版本：`go.mod` 中的 `go` `1.21` → `1.22`" in zh.summary


def test_zero_major_bumps_share_one_explanation():
    analysis = analysed({"go.mod": (_MOD.format(go="1.22", g="v0.6.0", t="v0.13.0"),
                                    _MOD.format(go="1.22", g="v0.7.0", t="v0.15.2"))}, "Bump glamour to v0.7.0")
    compat = analysis.insights.compatibility
    assert ("`github.com/charmbracelet/glamour` (`v0.6.0` → `v0.7.0`), `github.com/muesli/termenv` (`v0.13.0` → "
            "`v0.15.2`) move to their next zero-major series") in compat
    assert compat.count("semantic versioning") == 1
    one = analysed({"go.mod": (_MOD.format(go="1.22", g="v0.6.0", t="v0.13.0"),
                               _MOD.format(go="1.22", g="v0.7.0", t="v0.13.0"))}, "Bump glamour to v0.7.0")
    assert "`github.com/charmbracelet/glamour` moves to its next zero-major series" in one.insights.compatibility


# fluxcd/source-controller 2023-12-11: a release's changelog entry quoted as "Changelog: X. Changelog: Y. Changelog: Z".

_CHANGES_BEFORE = "# Changelog\n\n## 1.2.1\n\nOlder notes.\n"
_CHANGES_AFTER = """# Changelog

## 1.2.2

This patch release addresses an issue with AWS ECR authentication introduced in v1.2.0.

Fixes:
- Address issue with authenticating towards AWS ECR #1318

## 1.2.1

Older notes.
"""


def test_changelog_lines_are_quoted_under_one_lead():
    summary = analysed({"CHANGELOG.md": (_CHANGES_BEFORE, _CHANGES_AFTER)}, "Add changelog entry for v1.2.2").summary
    quoted = [line for line in summary if line.startswith("Changelog: ")]
    assert quoted == ["Changelog: This patch release addresses an issue with AWS ECR authentication introduced in "
                      "v1.2.0. Address issue with authenticating towards AWS ECR #1318"], summary
    assert " ".join(summary).count("Changelog") == 1


_WORKFLOW = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@{ref}\n"


def test_actions_pinned_to_commits_are_said_by_twelve_digits():
    old, new = "93397bea11091df50f3d7e59dc26a7711a8bcfbe", "0c52d547c9bc32b1aa3301fd7a9cb496313a4491"
    summary = " ".join(analysed({".github/workflows/go.yml": (_WORKFLOW.format(ref=old), _WORKFLOW.format(ref=new))},
                                "build(deps): bump the ci group").summary)
    assert "`actions/setup-go` `93397bea1109` → `0c52d547c9bc`" in summary
    assert old not in summary


# pytest-dev/pytest 2026-07-22, "Make `Metafunc.parametrize` keyword-only from indirect onwards": the ``*`` moved
# before ``indirect`` read "reorders parameters", medium, with the summary "Comments in ..."; the commit adds
# ``changelog/8593.breaking.rst``, the project's own filing of it as breaking.

_PARAMETRIZE = '''class Metafunc:
    def parametrize(
        self,
        argnames,
        argvalues,
        {star_before}indirect=False,
        ids=None,
        scope=None,
        {star_after}_param_mark=None,
    ):
        """Add new invocations."""
        return argnames
'''
_KW_BEFORE = _PARAMETRIZE.format(star_before="", star_after="*,\n        ")
_KW_AFTER = _PARAMETRIZE.format(star_before="*,\n        ", star_after="")


def test_parameters_made_keyword_only_are_named_and_break_callers():
    from analysis.analyzers.signatures import compare
    from tests.facts_support import facts_of
    sig = next(f for f in facts_of({"src/_pytest/python.py": (_KW_BEFORE, _KW_AFTER)})
               if f["kind"] == "signature_changed")
    assert sig["text"] == "makes indirect keyword-only; makes ids keyword-only; makes scope keyword-only"
    delta = compare(sig["before"], sig["after"], sig["path"])
    assert delta.keyword_only == ["indirect", "ids", "scope"] and delta.breaking
    positional = compare("def f(a, b, c=1)", "def f(a, b, /, c=1)", "m.py")
    assert positional.positional_only == ["a", "b"] and positional.breaking
    assert not compare("def f(a, *, b=1)", "def f(a, *, b=1, c=2)", "m.py").keyword_only


def test_an_internal_signature_made_keyword_only_is_said_in_the_summary():
    summary = analysed({"src/_pytest/python.py": (_KW_BEFORE, _KW_AFTER)}, "Make parametrize keyword-only").summary
    assert "`Metafunc.parametrize` makes `indirect`, `ids`, `scope` keyword-only" in summary


def test_a_breaking_news_fragment_makes_the_change_high_and_is_said():
    files = {"src/_pytest/python.py": (_KW_BEFORE, _KW_AFTER),
             "changelog/8593.breaking.rst": (None, "The ``indirect`` argument is now keyword-only.\n")}
    analysis = analysed(files, "Make parametrize keyword-only from indirect onwards")
    assert analysis.importance == "high"
    assert ("The project's changelog files the change as breaking (`changelog/8593.breaking.rst`)."
            in analysis.insights.compatibility)
    as_feature = dict(files, **{"changelog/8593.feature.rst": (None, "Parametrize ids accept callables.\n")})
    del as_feature["changelog/8593.breaking.rst"]
    assert "files the change as breaking" not in analysed(as_feature, "Parametrize ids").insights.compatibility


_WARNS_BEFORE = "def re_emit(w):\n    warn_explicit(w.message, w.category, w.filename, w.lineno,\n" \
                "                  module=w.__module__, source=w.source)\n"
_WARNS_AFTER = "def re_emit(w):\n    warn_explicit(w.message, w.category, w.filename, w.lineno,\n" \
               "                  source=w.source)\n"


def test_a_news_fragment_files_the_change_type():
    fix = analysed({"src/_pytest/recwarn.py": (_WARNS_BEFORE, _WARNS_AFTER),
                    "changelog/11933.bugfix.rst": (None, "pytest.warns no longer re-emits with the wrong module.\n")},
                   "Apply warning filters to re-emitted warnings")
    assert fix.change_type == "fix"
    feature = analysed({"src/_pytest/recwarn.py": (_WARNS_BEFORE, _WARNS_AFTER),
                        "changelog/11933.feature.rst": (None, "Re-emitted warnings keep their source.\n")},
                       "Apply warning filters to re-emitted warnings")
    assert feature.change_type == "feature"
    code = {"src/_pytest/recwarn.py": (_WARNS_BEFORE, _WARNS_AFTER)}
    title = "Apply warning filters to re-emitted warnings"
    both = analysed(dict(code, **{"changelog/1.feature.rst": (None, "A.\n"), "changelog/2.bugfix.rst": (None, "B.\n")}),
                    title)
    neither = analysed(dict(code, **{"changelog/1.misc.rst": (None, "A.\n"), "changelog/2.misc.rst": (None, "B.\n")}),
                       title)
    assert both.change_type == neither.change_type  # fragments that disagree file nothing: the title decides


# honojs/hono 2026-06-09: five "Merge commit from fork" commits (GitHub's title for a security advisory's fix merged
# from its temporary private fork: a backslash path traversal in serveStatic, CORS reflecting origins, a body limit
# bypassed) read "Refactor", medium, with no word of what they fix.

_STATIC_BEFORE = "export const serveStatic = (filename: string) => {\n  if (/\\.\\./.test(filename)) {\n" \
                 "    return null\n  }\n  return filename\n}\n"
_STATIC_AFTER = _STATIC_BEFORE.replace("/\\.\\./", "/\\.\\.|\\\\/")


def test_a_security_advisory_merged_from_its_private_fork_is_a_high_security_fix():
    body = "Merge commit from fork\n\n* fix(serve-static): reject backslash separators\n\n* format\n"
    analysis = analysed({"src/middleware/serve-static/index.ts": (_STATIC_BEFORE, _STATIC_AFTER)}, body)
    assert (analysis.change_type, analysis.importance) == ("security", "high")
    assert analysis.summary[0] == "fix(serve-static): reject backslash separators"
    assert "the way GitHub lands a security advisory's fix" in analysis.insights.security
    plain = analysed({"src/middleware/serve-static/index.ts": (_STATIC_BEFORE, _STATIC_AFTER)},
                     "Merge branch 'fork'\n\n* fix(serve-static): reject backslash separators\n")
    assert plain.change_type != "security" and "security advisory" not in (plain.insights.security or "")


def test_high_changes_sharing_a_title_are_counted_in_the_highlights():
    from analysis.highlights import heuristic_highlights
    from tests.test_highlights import report
    day = [report(n, "Merge commit from fork", "high", "security", {f"src/m{n}.ts": (3, 1)}) for n in range(3)]
    day.append(report(9, "Add a CORS option", "high", "feature", {"src/cors.ts": (9, 1)}))
    high = next(b for b in heuristic_highlights(day, "en") if b.startswith("High importance"))
    assert "Merge commit from fork (×3)" in high and "Add a CORS option" in high


# rustls/rustls 2026-07-23: "Align `ServerConfig` with `ClientConfig::provider()`" said "Removes public
# `ServerConfig::crypto_provider`" and "Adds `ServerConfig::provider`" as two unrelated facts; "conn: move
# send_messages() below all callers" said only "Changes `send.rs` (+19/−19)".

_CONFIG = "pub struct ServerConfig { p: u8 }\n\nimpl ServerConfig {\n    pub fn {name}(&self) -> u8 {\n        self.p\n" \
          "    }\n\n    pub fn versions(&self) -> u8 {\n        1\n    }\n}\n"


def test_a_public_method_replaced_in_place_is_said_as_a_replacement():
    summary = analysed({"src/server/config.rs": (_CONFIG.replace("{name}", "crypto_provider"),
                                                 _CONFIG.replace("{name}", "provider"))},
                       "Align ServerConfig with ClientConfig::provider()").summary
    assert "`ServerConfig::provider` replaces public `ServerConfig::crypto_provider`" in summary
    assert not any(line.startswith(("Removes public", "Adds `")) for line in summary), summary


_SEND = """impl SendPath {{
{first}

{second}
}}
"""
_A = ("    fn send_messages(&mut self) {\n        self.flush();\n        self.queue.clear();\n        self.count += 1;\n"
      "        self.bytes = 0;\n        self.pending = None;\n        self.log(\"sent\");\n    }")
_B = ("    fn send_msg(&mut self) {\n        self.send_messages();\n        self.sent = true;\n        self.count -= 1;\n"
      "        self.retries = 0;\n        self.log(\"msg\");\n    }")


def test_lines_moved_within_a_file_are_said_as_a_move():
    summary = analysed({"src/conn/send.rs": (_SEND.format(first=_A, second=_B), _SEND.format(first=_B, second=_A))},
                       "conn: move send_messages() below all callers").summary
    assert any(line.startswith("Moves ") and "lines within `src/conn/send.rs`" in line and line.endswith(
        "none rewritten") for line in summary), summary


# fmtlib/fmt 2026-06-01, "Pin doc deps": `support/doc-requirements.txt` (pip-compile's output) read as 508 lines of
# product code ("New product files", "Large change"), with no package named; the versions kept pip-compile's
# line-continuation backslash (`2.18.0 \`).

_COMPILED = "babel==2.18.0 \\\n    --hash=sha256:aa\nclick==8.4.1 \\\n    --hash=sha256:bb\nmike==2.1.3\n"


def test_requirements_files_of_any_name_are_build_files_and_their_packages_named():
    from analysis.analyzers.heuristic.paths import classify_path
    for path in ("support/doc-requirements.txt", "support/doc-requirements.in", "cmake-format-requirements.txt"):
        assert "build" in classify_path(path), path
    assert "build" not in classify_path("src/requirements_check.py")
    analysis = analysed({"support/doc-requirements.txt": (None, _COMPILED)}, "Pin doc deps")
    assert analysis.importance == "low"
    assert ("New development dependencies `babel` `2.18.0`, `click` `8.4.1`, `mike` `2.1.3` in "
            "`support/doc-requirements.txt`") in analysis.summary
    assert not analysis.insights.architecture and not analysis.risks


def test_packages_a_manifest_adds_together_are_one_sentence():
    analysis = analysed({"requirements.txt": ("attrs==23.1\n", "attrs==23.1\nhttpx==0.28.1\nrich==14.0\n")},
                        "Add the client's dependencies")
    assert "New dependencies `httpx` `0.28.1`, `rich` `14.0` in `requirements.txt`" in analysis.summary


# curl/curl 2026-08-13, "tool_operate: ... move win32 cert checks to function": "New early exits: `cafile` returns
# `CURLE_OUT_OF_MEMORY`" read a moved block, and took the return of an ``if`` nested inside it for the block's own.

def test_a_moved_or_nested_exit_is_no_new_guard():
    from analysis.analyzers.heuristic.code.behaviour.guards import added_guards
    moved = FileChange(path="src/tool_operate.c", additions=6, deletions=6, patch="""@@ -1,12 +1,12 @@
+static CURLcode setup_certs(struct OperationConfig *config)
+{
+  if(cafile) {
+    curlx_fclose(cafile);
+    return CURLE_OUT_OF_MEMORY;
+  }
+}
 int main(void)
 {
-  if(cafile) {
-    curlx_fclose(cafile);
-    return CURLE_OUT_OF_MEMORY;
-  }
 }
""")
    assert added_guards([moved]) == []
    nested = FileChange(path="src/tool_operate.c", additions=6, deletions=0, patch="""@@ -1,2 +1,8 @@
 {
+  if(cafile) {
+    curlx_fclose(cafile);
+    config->cacert = curlx_strdup(cacert);
+    if(!config->cacert)
+      return CURLE_OUT_OF_MEMORY;
+  }
 }
""")
    assert added_guards([nested]) == []
    guard = FileChange(path="src/tool_operate.c", additions=3, deletions=0, patch="""@@ -1,2 +1,5 @@
 {
+  if(!config->cacert) {
+    return CURLE_OUT_OF_MEMORY;
+  }
 }
""")
    assert added_guards([guard]) == [("!config->cacert", "return", "CURLE_OUT_OF_MEMORY")]


# dtolnay/semver 2025-09-14 (the twenty-third set, after its blind measurement): eight merges each dropping one
# compiler probe from build.rs read "build.rs (+0/−7): build files" six times; "rust-version 1.31 → 1.61" was said
# twice (the toolchain line beside the manifest's own key line).

_BUILD_RS = """fn main() {{
    let compiler = rustc_minor_version();
{probes}}}
"""
_PROBE = "    if compiler < {n} {{\n        println!(\"cargo:rustc-cfg={cfg}\");\n    }}\n"


def test_a_build_script_names_the_cfg_it_stops_setting():
    before = _BUILD_RS.format(probes=_PROBE.format(n=36, cfg="no_alloc_crate") + _PROBE.format(n=39, cfg="no_vec"))
    after = _BUILD_RS.format(probes=_PROBE.format(n=39, cfg="no_vec"))
    analysis = analysed({"build.rs": (before, after), "src/lib.rs": ("#[cfg(no_alloc_crate)]\nmod a;\npub fn f() {}\n",
                                                                    "pub fn f() {}\n")}, "Merge pull request #1 from d/up")
    assert "build.rs (+0/−3): stops setting cfg `no_alloc_crate`" in analysis.impact


def test_a_raised_rust_version_is_said_once():
    toml = '[package]\nname = "semver"\nversion = "1.0.27"\nrust-version = "{v}"\n'
    summary = analysed({"Cargo.toml": (toml.format(v="1.31"), toml.format(v="1.61"))}, "Raise minimum to 1.61").summary
    assert sum("rust-version" in line for line in summary) == 1, summary
