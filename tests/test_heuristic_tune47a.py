"""Rules of the tuning round on the forty-seventh set (issue 8, tune47a), each on a small snippet: a chart template
whose block actions no longer balance, chart-testing's ``ci/*-values.yaml`` read as CI inputs wherever the chart
sits, and a one-file comment change that names no definition quoting the comment line it rewrites."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.charts.template_balance import templates_unbalanced
from analysis.analyzers.heuristic.paths import classify_path
from tests.facts_support import analysed, commit_of

# --- a template's block opener deleted, its ``end`` kept --------------------------------------------------------------

_MONITOR = """{{- if .Values.controller.monitor.enabled }}
{{- if not .Values.controller.prometheus.enabled }}
{{- fail "monitor requires prometheus" -}}
{{- end -}}
{{- end -}}
{{- if and (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1") .Values.controller.monitor.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata:
  name: {{ .Release.Name }}
spec:
  podMetricsEndpoints:
    - port: stat
{{- end }}
"""
_UNGATED = _MONITOR.replace(
    '{{- if and (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1") .Values.controller.monitor.enabled }}\n', "")


def test_opener_removed_without_its_end_is_high() -> None:
    files = {"ingress/templates/controller-podmonitor.yaml": (_MONITOR, _UNGATED)}
    commit, _ = commit_of(files)
    assert templates_unbalanced(commit.files) == ["ingress/templates/controller-podmonitor.yaml"]
    assert analysed(files, "Soften templating conditions for podmonitor").importance == "high"


def test_condition_rewritten_in_place_stays_balanced() -> None:
    rewritten = _MONITOR.replace('(.Capabilities.APIVersions.Has "monitoring.coreos.com/v1") ', "true ")
    commit, _ = commit_of({"ingress/templates/controller-podmonitor.yaml": (_MONITOR, rewritten)})
    assert commit.files and not templates_unbalanced(commit.files)
    # the same opener deleted with its ``end`` and an ``else if`` added are balanced too; an unpaired ``end`` is not
    both = _MONITOR.replace("{{- if not .Values.controller.prometheus.enabled }}\n", "").replace(
        '{{- fail "monitor requires prometheus" -}}\n{{- end -}}\n', '{{- fail "monitor requires prometheus" -}}\n')
    commit, _ = commit_of({"ingress/templates/controller-podmonitor.yaml": (_MONITOR, both)})
    assert not templates_unbalanced(commit.files)
    extra_end = _MONITOR + "{{- end }}\n"
    commit, _ = commit_of({"ingress/templates/controller-podmonitor.yaml": (_MONITOR, extra_end)})
    assert templates_unbalanced(commit.files) == ["ingress/templates/controller-podmonitor.yaml"]


def test_fix_that_evens_the_blocks_is_not_read_high_for_it() -> None:
    broken = _UNGATED
    mended = broken.replace("{{- end }}\n", "")
    files = {"ingress/templates/controller-podmonitor.yaml": (broken, mended)}
    commit, _ = commit_of(files)
    assert templates_unbalanced(commit.files)  # the blocks move, but the fix is what evens them
    assert analysed(files, "fix: unmatched end in the podmonitor template").importance != "high"


# --- chart-testing's values files -------------------------------------------------------------------------------------

def test_chart_testing_values_are_ci_inputs() -> None:
    assert "ci" in classify_path("kubernetes-ingress/ci/deployment-keda-values.yaml")
    assert "deploy" not in classify_path("kubernetes-ingress/ci/deployment-keda-values.yaml")
    files = {f"ingress/ci/{name}-values.yaml": (None, f"controller:\n  {name}:\n    enabled: true\n")
             for name in ("keda", "pdb", "servicemonitor")}
    assert analysed(files, "MINOR: ingress: Expand ct lint coverage with new ci/ values files").importance == "low"


def test_values_outside_a_ci_folder_stay_deployment() -> None:
    assert "deploy" in classify_path("kubernetes-ingress/values.yaml")
    assert "ci" not in classify_path("kubernetes-ingress/templates/ci-values.yaml")
    assert "ci" not in classify_path("src/ci/runner.py")


# --- a comment line quoted when no definition is named ----------------------------------------------------------------

_ASSERT = """module.exports = function (chai, util) {
  var assert = chai.assert;

  /**
   * ### .increasesButNotBy(function, object, property, [message])
   *
   * Asserts that a function does not increase a property by an amount.
   */
  assert.increasesButNotBy = increasesButNotBy;
};
"""


def test_comment_only_change_quotes_its_line() -> None:
    after = _ASSERT.replace("property, [message])", "property, delta, [message])")
    text = " ".join(analysed({"lib/interface/assert.js": (_ASSERT, after)}, "docs: fix missing arguments").summary)
    assert "Comments and docstrings only in `lib/interface/assert.js`" in text
    assert "delta, [message]" in text


def test_reindented_comment_is_not_quoted() -> None:
    after = _ASSERT.replace("   * Asserts that", "   *   Asserts that")
    text = " ".join(analysed({"lib/interface/assert.js": (_ASSERT, after)}, "docs: fix JSDoc indentation").summary)
    assert "Comments and docstrings only in `lib/interface/assert.js`" in text
    assert "→" not in text
