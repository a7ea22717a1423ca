"""Rules of the twentieth tuning round (issue 8, tune19b), each on a small snippet: a chart's templates fixed or given
an option are medium unless a new switch is on by default; a C file that only gains diagnostic pragmas silences a
warning (build, low); "Setting the version to 8.0.0" is a release whose version lines carry the build file's."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.switched_on import deployed_code, switched_on, switched_on_by_default
from analysis.models import Fact, FileChange
from tests.facts_support import analysed

_DAEMONSET = """spec:
  template:
    spec:
      serviceAccountName: fluent-bit
      containers:
        - name: fluent-bit
"""
_VALUES = """image:
  repository: amazon/aws-for-fluent-bit
  tag: 2.2.0
"""


def _chart(values_added: str, block: str) -> dict[str, tuple[str, str]]:
    return {"charts/fluent-bit/templates/daemonset.yaml": (_DAEMONSET, _DAEMONSET.replace("  template:\n",
                                                                                           block + "  template:\n")),
            "charts/fluent-bit/values.yaml": (_VALUES, _VALUES + values_added)}


def test_a_key_added_switched_on_is_read():
    added = Fact(kind="config_key_added", path="charts/x/values.yaml", symbol="syncJob.useOwnerReferences",
                 after="true")
    assert switched_on(added)
    assert switched_on(added.model_copy(update={"after": '{"enabled":true}'}))
    # an option repeating the old render, or switched off, is no behaviour installs get by default
    assert not switched_on(added.model_copy(update={"after": '{"type":"RollingUpdate"}'}))
    assert not switched_on(added.model_copy(update={"after": "false"}))
    assert not switched_on(added.model_copy(update={"kind": "config_value_changed", "before": "false"}))
    assert switched_on_by_default([added], ["charts/x/values.yaml"]) == ["syncJob.useOwnerReferences"]
    assert switched_on_by_default([added], ["charts/y/values.yaml"]) == []


def test_an_operators_code_in_a_deployment_folder_is_code():
    files = [FileChange(path="deploy/operator/cmd/main.go"), FileChange(path="charts/x/templates/job.yaml")]
    assert [f.path for f in deployed_code(files)] == ["deploy/operator/cmd/main.go"]


def test_a_chart_option_beside_the_old_render_is_medium():
    block = "  {{- with .Values.updateStrategy }}\n  updateStrategy:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\n"
    analysis = analysed(_chart("updateStrategy:\n  type: RollingUpdate\n", block), "Add update strategy option")
    assert (analysis.change_type, analysis.importance) == ("feature", "medium")
    # a new switch every default install gets stays high
    gated = "  {{- if .Values.ownerReferences }}\n  revisionHistoryLimit: 3\n  {{- end }}\n"
    analysis = analysed(_chart("ownerReferences: true\n", gated), "Add owner references to managed resources")
    assert (analysis.change_type, analysis.importance) == ("feature", "high")
