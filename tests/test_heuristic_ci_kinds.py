"""Change types over CI files: a ``chore:`` over workflows is CI, an issue template is no CI file, and a chart's
version stamped beside its CI values does not decide the kind."""

from __future__ import annotations

from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change


def test_a_chore_over_workflows_only_is_ci():
    workflow = change(".github/workflows/stale.yml", ["      - uses: actions/stale@v3"], ["      - uses: actions/stale@v4"])
    assert analyse("chore: Update to stale action v4", [workflow]).change_type == "ci"


def test_issue_templates_are_not_ci_files():
    for path in (".github/ISSUE_TEMPLATE/bug_report.yml", ".github/PULL_REQUEST_TEMPLATE.md",
                 ".github/pull_request_template.md", ".github/DISCUSSION_TEMPLATE/ideas.yml"):
        assert "ci" not in classify_path(path), path
    assert "ci" in classify_path(".github/workflows/ci.yml")
    form = change(".github/ISSUE_TEMPLATE/bug_report.yml", [], ["      - label: Related chart", "        required: true"])
    assert analyse("chore: Require related chart name in issues", [form]).change_type == "chore"


def test_a_chart_version_stamped_beside_ci_values_leaves_the_change_ci():
    chart = change("charts/app/Chart.yaml", ["version: 0.6.1"], ["version: 0.6.2"])
    values = change("charts/app/ci/default-values.yaml", [], ["# chart-testing: the default values"])
    stamp = Fact(kind="config_value_changed", path=chart.path, symbol="version", before="0.6.1", after="0.6.2")
    notes = Fact(kind="config_value_changed", path=chart.path, symbol='annotations["artifacthub.io/changes"]',
                 before="- fixed x", after="- test defaults")
    analysis = analyse("chore(app): Also test with default values", [chart, values], [stamp, notes])
    assert (analysis.change_type, analysis.importance) == ("ci", "low")
    # a chart manifest that moves a dependency beside its CI values is not a version stamp
    dep = Fact(kind="config_value_changed", path=chart.path, symbol="dependencies[redis].version", before="1", after="2")
    assert analyse("chore(app): Also test with default values", [chart, values], [stamp, dep]).change_type != "ci"
