"""Helm charts as dependency manifests: Chart.yaml's subcharts and Chart.lock's pinned versions are dependency
facts; the chart's own version, appVersion and maintainers stay config facts of the manifest."""

from __future__ import annotations

from analysis.facts import derive_facts
from analysis.facts.manifests.helm_charts import chart_dependencies, chart_lines
from analysis.facts.patches import parse_patch
from tests.facts_support import commit_of, fact, facts_of

CHART = """apiVersion: v2
name: prometheus
appVersion: v3.13.0
version: 29.14.0
dependencies:
  - name: alertmanager
    version: "1.40.*"
    repository: https://example.org/charts
  - name: kube-state-metrics
    version: "7.5.*"
    repository: https://example.org/charts
  - name: common
    version: 0.1.0
    repository: file://../common
"""
LOCK = """dependencies:
- name: alertmanager
  repository: https://example.org/charts
  version: 1.40.0
- name: kube-state-metrics
  repository: https://example.org/charts
  version: 7.5.1
digest: sha256:aaaa
generated: "2026-06-19T05:20:47Z"
"""


def _bumped_chart() -> str:
    return CHART.replace("v3.13.0", "v3.13.1").replace("29.14.0", "29.15.0").replace('"7.5.*"', '"7.7.*"')


def _bumped_lock() -> str:
    return (LOCK.replace("1.40.0", "1.40.2").replace("7.5.1", "7.7.0").replace("aaaa", "bbbb")
            .replace("2026-06-19T05:20:47Z", "2026-07-10T17:42:00Z"))


def test_subcharts_are_dependencies_and_the_chart_version_stays_a_key():
    assert facts_of({"charts/prometheus/Chart.yaml": (CHART, _bumped_chart()),
                     "charts/prometheus/Chart.lock": (LOCK, _bumped_lock())}) == [
        fact("config_value_changed", "charts/prometheus/Chart.yaml", symbol="appVersion", before="v3.13.0",
             after="v3.13.1"),
        fact("config_value_changed", "charts/prometheus/Chart.yaml", symbol="version", before="29.14.0",
             after="29.15.0"),
        fact("dependency_changed", "charts/prometheus/Chart.yaml", symbol="kube-state-metrics", before="7.5.*",
             after="7.7.*"),
        fact("dependency_changed", "charts/prometheus/Chart.lock", symbol="alertmanager", before="1.40.0",
             after="1.40.2"),
    ]


def test_the_chart_read_from_its_hunks_alone_gives_the_same_subcharts():
    commit, _ = commit_of({"charts/prometheus/Chart.yaml": (CHART, _bumped_chart())})
    deps = [f for f in derive_facts(commit, None) if f.kind == "dependency_changed"]
    assert [(f.symbol, f.before, f.after) for f in deps] == [("kube-state-metrics", "7.5.*", "7.7.*")]


def test_a_subchart_in_the_same_repository_is_not_a_dependency():
    assert chart_dependencies(CHART) == {"alertmanager": "1.40.*", "kube-state-metrics": "7.5.*"}


def test_a_lock_line_version_belongs_to_the_item_above_it_not_to_the_top_level():
    patch = parse_patch("Chart.lock", "@@ -1,3 +1,3 @@\n - name: a\n-  version: 1.0.0\n+  version: 1.1.0\n"
                                      "-version: 9.9.9\n+version: 9.9.10\n")
    lines = [line for hunk in patch.hunks for line in hunk.lines]
    assert chart_lines(lines, "+") == {"a": {"1.1.0"}} and chart_lines(lines, "-") == {"a": {"1.0.0"}}
