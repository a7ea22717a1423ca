"""Go-template lines laid out anew render the same: they neither make a chart change non-opt-in nor count as a
change of the default render."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.charts.deploy import gated_template_change
from analysis.analyzers.heuristic.config.charts.template_layout import relaid_template_lines
from tests.test_heuristic_judge_rules import analyse, change

RELAID = """@@ -133,10 +133,10 @@ spec:
       serviceAccountName: {{ template "app.serviceAccountName" . }}
-{{- with .Values.global.hostAliases }}
+      {{- with .Values.global.hostAliases }}
       hostAliases:
-{{ toYaml . | indent 6 }}
-{{- end }}
+        {{- toYaml . | nindent 6 }}
+      {{- end }}
       volumes:"""
GATED = """@@ -127,6 +127,10 @@ spec:
       serviceAccountName: {{ template "app.dexServiceAccountName" . }}
+      {{- with .Values.global.hostAliases }}
+      hostAliases:
+        {{- toYaml . | nindent 6 }}
+      {{- end }}
       volumes:"""


def test_relaid_lines_are_left_aside():
    assert relaid_template_lines(RELAID) is None
    assert gated_template_change(RELAID)
    changed = RELAID.replace("+        {{- toYaml . | nindent 6 }}", "+        {{- toYaml .Values.other | nindent 6 }}")
    assert relaid_template_lines(changed) is not None
    assert not gated_template_change(changed)


def test_a_block_added_under_a_value_beside_relaid_templates_is_a_medium_fix():
    files = []
    for name in ("server", "controller", "dex"):
        f = change(f"charts/app/templates/{name}/deployment.yaml", [], [])
        f.patch = GATED if name == "dex" else RELAID
        f.additions, f.deletions = (4, 0) if name == "dex" else (3, 3)
        files.append(f)
    assert analyse("fix(app): Also add hostAliases to the dex deployment", files).importance == "medium"
    unguarded = change("charts/app/templates/dex/deployment.yaml", ["      hostNetwork: false"], ["      hostNetwork: true"])
    assert analyse("fix(app): run dex on the host network", [unguarded]).importance == "high"


REBOUND = """@@ -5,12 +5,16 @@ items:
     metadata:
-      {{- if .additionalLabels }}
+      {{- with .additionalLabels }}
       labels:
-{{- toYaml .additionalLabels | nindent 8 }}
+        {{- toYaml . | nindent 8 }}
       {{- end }}
-      {{- if .namespace }}
-      namespace: {{ .namespace }}
+      {{- with .namespace }}
+      namespace: {{ . }}
       {{- end }}
+      {{- with .info }}
+      info:
+        {{- toYaml . | nindent 8 }}
+      {{- end }}
     spec:"""


def test_if_rewritten_as_with_renders_the_same_and_leaves_the_new_block():
    rest = relaid_template_lines(REBOUND)
    assert rest is not None and "with .info" in rest
    assert "additionalLabels" not in rest and "namespace" not in rest
    assert gated_template_change(REBOUND)
    # the field bound by ``with`` is another than the one tested: a real change of the render
    other = REBOUND.replace("+      {{- with .namespace }}", "+      {{- with .otherNamespace }}")
    assert not gated_template_change(other)


def test_the_opt_in_sentence_names_the_conditions_of_the_blocks_added():
    from analysis.analyzers.heuristic.config.charts.template_layout import added_conditions
    assert added_conditions(GATED) == ["with .Values.global.hostAliases"]
    assert added_conditions(RELAID) == []
    assert added_conditions(REBOUND) == ["with .info"]
    dex = change("charts/app/templates/dex/deployment.yaml", [], [])
    dex.patch, dex.additions = GATED, 4
    compatibility = analyse("fix(app): Also add hostAliases to the dex deployment", [dex]).insights.compatibility
    assert "`with .Values.global.hostAliases`" in compatibility
