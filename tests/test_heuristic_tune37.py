"""Rules of the tuning round on the thirty-seventh set (issue 8, tune37), each on a small snippet: a chart released
as a minor because the application it deploys (its top-level ``image.tag``) moves to the next minor series is
medium; a sidecar's image, or a chart patch release, stays routine."""

from __future__ import annotations

from tests.facts_support import analysed

_CHART = """apiVersion: v2
name: app
version: {version}
appVersion: 0.27.0
"""

_VALUES = """replicaCount: 1
image:
  repository: docker.io/example/app
  tag: {tag}
gateway:
  image:
    repository: docker.io/nginx
    tag: {gateway}
"""


def _bump(chart: tuple[str, str], tag: tuple[str, str], gateway: tuple[str, str]):
    return analysed({
        "charts/app/Chart.yaml": (_CHART.format(version=chart[0]), _CHART.format(version=chart[1])),
        "charts/app/values.yaml": (_VALUES.format(tag=tag[0], gateway=gateway[0]),
                                   _VALUES.format(tag=tag[1], gateway=gateway[1])),
    }, "feat(app): update docker.io/example/app to v0.28.0 (#900)")


def test_chart_minor_with_its_application_minor_is_medium() -> None:
    assert _bump(("5.6.0", "5.7.0"), ("0.27.0", "0.28.0"), ("1.27", "1.27")).importance == "medium"


def test_sidecar_minor_or_chart_patch_stays_low() -> None:
    assert _bump(("5.6.0", "5.7.0"), ("0.27.0", "0.27.0"), ("1.27.0", "1.29.0")).importance == "low"
    assert _bump(("5.6.0", "5.6.1"), ("0.27.0", "0.28.0"), ("1.27", "1.27")).importance == "low"
