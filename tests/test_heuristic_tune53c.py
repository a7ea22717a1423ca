"""Rules of the tuning round on changes labelled high that the analyzer read lower (issue 8, tune53c), each on a small
snippet: a chart's ``appVersion`` raised to a new major of the application it deploys reads high (a minor series
opened stays below)."""

from __future__ import annotations

from tests.facts_support import analysed

# --- a chart's application raised to a new major --------------------------------------------------------------------

_CHART = """apiVersion: v2
name: insights-agent
description: Fairwinds Insights agent
version: 0.3.9
appVersion: 6.11.0
"""


def _bumped(version: str, app: str) -> dict[str, tuple[str, str]]:
    after = _CHART.replace("version: 0.3.9", f"version: {version}").replace("appVersion: 6.11.0", f"appVersion: {app}")
    return {"charts/insights-agent/Chart.yaml": (_CHART, after)}


def test_app_version_major_raised_is_high_a_patch_or_minor_is_not() -> None:
    assert analysed(_bumped("0.3.10", "7.0.3"), "update insights version").importance == "high"
    assert analysed(_bumped("0.3.10", "v7.0.3"), "update insights version").importance == "high"
    assert analysed(_bumped("0.3.10", "6.11.4"), "update insights version").importance == "low"
    assert analysed(_bumped("0.3.10", "6.12.0"), "update insights version").importance != "high"


def test_app_version_major_of_a_test_chart_is_not_high() -> None:
    after = _CHART.replace("appVersion: 6.11.0", "appVersion: 7.0.3")
    assert analysed({"charts/agent/Chart.yaml": (_CHART, after)}, "update agent").importance == "high"
    result = analysed({"test/fixtures/chart/Chart.yaml": (_CHART, after)}, "update test chart")
    assert result.importance != "high"
