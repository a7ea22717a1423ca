"""Rules of the twelfth tuning round (issue 8, tune11), each on a small snippet in the language it reads: additive
public API as medium unless a headline, API dumps that only gain lines, chart blocks ungated or gated after a
variable, timing-attack words, no-op titles, one line rolled back or forward, test snapshots and test modules."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.config.charts.deploy import gated_template_change, ungated_template_block
from analysis.analyzers.heuristic.paths import classify_path
from tests.facts_support import analysed

_GO = """package client

// Client sends requests.
type Client struct {
\tname string
}

// Name is the client's name.
func (c *Client) Name() string {
\treturn c.name
}
"""
_WITH_TIMEOUT = """
// WithTimeout sets how long a request may take.
func WithTimeout(seconds int) Option {
\treturn func(c *Client) { c.timeout = seconds }
}
"""


def test_a_public_function_added_beside_existing_api_is_a_medium_feature():
    result = analysed({"client/client.go": (_GO, _GO + _WITH_TIMEOUT)}, "Add WithTimeout option")
    assert (result.change_type, result.importance) == ("feature", "medium")


def test_a_new_file_of_public_api_is_a_headline_addition_and_high():
    new_file = "package client\n" + _WITH_TIMEOUT
    result = analysed({"client/client.go": (_GO, _GO), "client/timeout.go": (None, new_file)},
                      "Add WithTimeout option")
    assert (result.change_type, result.importance) == ("feature", "high")


_DUMP = """public final class io/example/EngineConfig {
\tpublic fun <init> ()V
\tpublic final fun getProxy ()Ljava/net/Proxy;
\tpublic final fun setProxy (Ljava/net/Proxy;)V
}
"""
_KT = "class EngineConfig {\n    var proxy: Proxy? = null\n}\n"


def test_an_api_dump_that_only_gains_lines_is_additive_one_that_loses_a_line_is_high():
    assert "api" in classify_path("engine/api/engine.api")
    grown = _DUMP.replace("\tpublic final fun setProxy", "\tpublic final fun getDns ()Lokhttp3/Dns;\n"
                                                          "\tpublic final fun setProxy")
    kt_after = _KT.replace("    var proxy", "    var dns: Dns? = null\n    var proxy")
    added = analysed({"engine/api/engine.api": (_DUMP, grown), "engine/src/EngineConfig.kt": (_KT, kt_after)},
                     "Add `dns` config to the engine")
    assert (added.change_type, added.importance) == ("feature", "medium")
    shrunk = _DUMP.replace("\tpublic final fun setProxy (Ljava/net/Proxy;)V\n", "")
    removed = analysed({"engine/api/engine.api": (_DUMP, shrunk),
                        "engine/src/EngineConfig.kt": (_KT, _KT.replace("var proxy", "val proxy"))},
                       "Make the proxy read-only")
    assert removed.importance == "high"


_RBAC = """{{- if .Values.rbac.create }}
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
{{- if .Values.injector.enabled }}
# Used by the injector feature
- apiGroups: ["gateway.networking.k8s.io"]
  resources: ["gateways"]
  verbs: ["get", "list", "patch"]
{{- end }}
{{- end }}
"""


def test_a_chart_block_whose_condition_is_dropped_renders_by_default_and_is_high():
    after = _RBAC.replace("{{- if .Values.injector.enabled }}\n# Used by the injector feature\n",
                          "# Used by the injector feature: always present so its resources are cleaned up\n"
                          ).replace('  verbs: ["get", "list", "patch"]\n{{- end }}\n', '  verbs: ["get", "list", "patch"]\n')
    result = analysed({"charts/agent/templates/rbac.yaml": (_RBAC, after)},
                      "Always render injector RBAC so resources are cleaned up on disable")
    assert result.importance == "high"
    kept = _RBAC.replace("# Used by the injector feature", "# Used by the injector feature (gateways)")
    assert not ungated_template_block("@@ -1 +1 @@\n-# Used by the injector feature\n+# Used by the injector "
                                      "feature (gateways)\n") and kept != _RBAC


_NEW_ROLE = """{{- $tag := .Values.agent.image.tag | toString }}
{{- if and .Values.actions.enabled (semverCompare ">=7.79.0-0" $tag) }}
kind: ClusterRole
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get", "list", "delete"]
{{- end }}
"""


def test_a_new_template_gated_after_a_variable_assignment_is_opt_in():
    patch = "@@ -0,0 +1,8 @@\n" + "".join(f"+{line}\n" for line in _NEW_ROLE.splitlines())
    assert gated_template_change(patch)
    values = "agent:\n  image:\n    tag: 7.80.0\n"
    result = analysed({"charts/agent/templates/actions-rbac.yaml": (None, _NEW_ROLE),
                       "charts/agent/values.yaml": (values, values + "actions:\n  enabled: false\n")},
                      "Add kubernetes-actions feature + required rbac")
    assert (result.change_type, result.importance) == ("feature", "medium")


def test_a_constant_time_comparison_names_a_timing_attack_defence():
    assert R.TITLE_SECURITY_WORDS.search("Use constant-time comparison for `SecretStr`")
    assert R.TITLE_SECURITY_WORDS.search("Guard token checks against timing attacks")
    assert not R.TITLE_SECURITY_WORDS.search("Constant-time lookup of cached entries")


_CC = """// Slow path when the table must grow.
size_t PrepareInsertSlow(Fields& common, size_t hash) {
  return Grow(common, hash);
}
"""


def test_one_line_rolled_back_or_forward_is_low_unless_it_was_a_fix():
    with_attr = _CC.replace("size_t PrepareInsertSlow", "ATTRIBUTE_NOINLINE\nsize_t PrepareInsertSlow")
    back = analysed({"src/internal/table.cc": (with_attr, _CC)},
                    'Rollback: "Add ATTRIBUTE_NOINLINE to PrepareInsertSlow."')
    forward = analysed({"src/internal/table.cc": (_CC, with_attr)},
                       'Rollforward: "Add ATTRIBUTE_NOINLINE to PrepareInsertSlow."')
    assert (back.importance, forward.importance) == ("low", "low")
    fix_undone = analysed({"src/internal/table.cc": (with_attr, _CC)},
                          'Revert "Fix PrepareInsertSlow inlined into the hot path"')
    assert fix_undone.importance == "medium"


_TEST = "TEST(HardeningTest, AssertSlow) {\n  AssertSlow(true);\n}\n"
_FIXTURE = ("class HardeningTest : public testing::Test {\n public:\n  ~HardeningTest() override {\n"
            "    SetEnabled(true);\n  }\n};\n\n")


def test_a_change_its_own_title_calls_a_no_op_is_low():
    helper = "void SetEnabled(bool enabled) {\n  enabled_.store(enabled);\n}\n"
    result = analysed({"src/internal/hardening.cc": (None, "#include <atomic>\n" + helper),
                       "src/internal/hardening.h": ("#pragma once\n", "#pragma once\nvoid SetEnabled(bool);\n"),
                       "src/internal/hardening_test.cc": (_TEST, _TEST.replace("TEST(", _FIXTURE + "TEST_F("))},
                      "No-op changes for internal experiment")
    assert result.importance == "low"
    said = analysed({"src/internal/hardening_test.cc": (_TEST, _TEST.replace("TEST(", _FIXTURE + "TEST_F(")),
                     "src/internal/hardening.cc": (None, "#include <atomic>\n" + helper)}, "Add a hardening switch")
    assert said.importance == "medium"


def test_test_snapshots_regenerated_are_no_new_coverage():
    stderr = "error: unknown serde variant attribute `borrow`\n --> tests/ui/borrow/bad.rs:5:13\n"
    files = {f"test_suite/tests/ui/case_{i}.stderr": (stderr * 2, stderr * 2 + "   |\n" * 6) for i in range(40)}
    result = analysed(files, "Ui tests with compile_error resolved at call site")
    assert (result.change_type, result.importance) == ("test", "low")


def test_a_test_modules_go_directive_does_not_hold_users():
    mod = "module example.com/charts/test\n\ngo {go}\n\nrequire github.com/stretchr/testify v1.9.0\n"
    test = "package e2e\n\nfunc TestInstall(t *testing.T) {\n\trun(t, {n})\n}\n"
    result = analysed({"test/go.mod": (mod.format(go="1.25.6"), mod.format(go="1.26.0")),
                       "test/e2e/install_test.go": (test.replace("{n}", "1"), test.replace("{n}", "2"))},
                      "Update e2e-framework test dependencies")
    assert result.importance == "low"


def test_a_playground_directory_holds_fixtures_not_product_code():
    assert "example" in classify_path("playground/dynamic-import/nested/rest-destructure.js")
    spec = "test('dynamic import', async () => {\n  expect(await page.textContent('.a')).toBe('ok')\n})\n"
    more = spec + "test('rest', async () => {\n  expect(await page.textContent('.b')).toBe('ok')\n})\n"
    result = analysed({"playground/dynamic-import/__tests__/dynamic-import.spec.ts": (spec, more),
                       "playground/dynamic-import/nested/rest.js": (None, "export const { a, ...rest } = mod\n")},
                      "test(dynamic-import): cover object rest destructuring of dynamic import")
    assert (result.change_type, result.importance) == ("test", "low")


def test_an_overload_seen_only_in_the_api_dump_is_at_least_medium():
    grown = _DUMP.replace("\tpublic final fun setProxy", "\tpublic final fun setProxy (Ljava/lang/String;)V\n"
                                                          "\tpublic final fun setProxy")
    kt_after = _KT + "\nfun EngineConfig.setProxy(url: String) {\n    proxy = Proxy.of(url)\n}\n"
    result = analysed({"engine/api/engine.api": (_DUMP, grown), "engine/src/EngineConfig.kt": (_KT, kt_after)},
                      "EngineConfig.setProxy should have overload for String")
    assert result.importance == "medium"


_OPTIMIZER = """export function createOptimizer() {
  let inited = false
  async function init() {
    if (inited) return
    inited = true
    await load()
  }
  function onDiscovered() {
    if (!waiting) {
      run()
    }
  }
  return { init, onDiscovered }
}
"""


def test_a_fix_whose_new_comment_says_what_crashed_is_a_crash_fix():
    guarded = _OPTIMIZER.replace("    if (!waiting) {", "    // A module can be discovered before init() runs; starting a run here would\n"
                                                      "    // race with init() and crash in commitProcessing.\n"
                                                      "    if (inited && !waiting) {")
    result = analysed({"src/node/optimizer/optimizer.ts": (_OPTIMIZER, guarded)},
                      "fix(optimizer): avoid optimizer run for transform request before init")
    assert (result.change_type, result.importance) == ("fix", "high")
    plain = _OPTIMIZER.replace("    if (!waiting) {", "    // wait for init() first\n    if (inited && !waiting) {")
    assert analysed({"src/node/optimizer/optimizer.ts": (_OPTIMIZER, plain)},
                    "fix(optimizer): avoid optimizer run for transform request before init").importance == "medium"


_AST = """fn check(cx: &Ctxt, variants: &[Variant]) {
    let mut seen_untagged = false;
    for variant in variants {
        if !variant.untagged() && seen_untagged {
            cx.error_spanned_by(&variant.ident, "untagged variants must be placed at the end");
        }
        seen_untagged = variant.untagged();
    }
}
"""
_STDERR = """error: untagged variants must be placed at the end
 --> tests/ui/wrong_order.rs:{line}:5
"""


def test_a_ui_tests_recorded_diagnostics_rewritten_with_the_code_is_medium():
    after = _AST.replace("    let mut seen_untagged = false;\n", "    let last = variants.iter().rposition(|v| !v.untagged());\n"
                         ).replace("!variant.untagged() && seen_untagged", "variant.untagged() && Some(variant.index) < last"
                                   ).replace("        seen_untagged = variant.untagged();\n", "")
    result = analysed({"derive/src/internals/ast.rs": (_AST, after),
                       "tests/ui/wrong_order.stderr": (_STDERR.format(line=7), _STDERR.format(line=5))},
                      "Point out untagged variants which are out of order")
    assert result.importance == "medium"
