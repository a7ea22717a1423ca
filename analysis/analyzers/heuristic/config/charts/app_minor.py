"""A chart's own minor release that moves the application it deploys to its next minor series."""

from __future__ import annotations

import re

from analysis.models import Fact

#: major and minor of a version (``v0.28.0``, ``1.7.0``), with any prefix and suffix aside
_MAJOR_MINOR = re.compile(r"^v?(\d+)\.(\d+)(?:\.\d+)*(?:[-+][\w.-]*)?$")


def _minor_raised(before: str | None, after: str | None) -> bool:
    """``after`` opens the next minor series of ``before``'s major (``0.27.0`` -> ``0.28.0``, ``1.6.8`` -> ``1.7.0``)."""
    old, new = _MAJOR_MINOR.match((before or "").strip()), _MAJOR_MINOR.match((after or "").strip())
    return bool(old and new) and old[1] == new[1] and int(new[2]) > int(old[2])


#: the chart's own application image, as ``helm create`` scaffolds it: the top-level ``image`` (``image.tag``), not a
#: sidecar's or a companion's (``gateway.image.tag``)
_APP_IMAGE = ("image", "image.tag")


def app_minor_release(facts: list[Fact], pins: list[Fact]) -> bool:
    """The chart's own ``version`` (``Chart.yaml``) opens a new minor series and its application's default image
    (the top-level ``image.tag``) does too (kroki chart 5.6.0 -> 5.7.0 with ``image.tag`` 0.27.0 -> 0.28.0): the
    project releases the chart as a feature release because the application every install runs moves by a minor
    version, not a routine refresh of a sidecar's or companion's image."""
    chart = [f for f in facts if f.kind == "config_value_changed" and f.path.rsplit("/", 1)[-1] == "Chart.yaml"
             and f.symbol == "version"]
    return (any(_minor_raised(f.before, f.after) for f in chart)
            and any(_minor_raised(_tag(p.before), _tag(p.after)) for p in pins if p.symbol in _APP_IMAGE))


def _tag(value: str | None) -> str:
    """The tag of an image reference (``nginx:1.25.3``), or the value itself."""
    value = (value or "").strip()
    return value.rsplit(":", 1)[1] if ":" in value else value


def _minors_skipped(before: str | None, after: str | None) -> bool:
    """``after`` is at least two minor series past ``before`` in the same major (``v0.14.0`` -> ``v0.16.0``)."""
    old, new = _MAJOR_MINOR.match((before or "").strip()), _MAJOR_MINOR.match((after or "").strip())
    return bool(old and new) and old[1] == new[1] and int(new[2]) >= int(old[2]) + 2


def app_minors_skipped(pins: list[Fact]) -> bool:
    """The chart's application image (the top-level ``image.tag``) moves across two minor series or more at once
    (Atlantis ``v0.14.0`` -> ``v0.16.0``): every install runs a server with two releases' changes, whatever patch
    number the chart itself takes."""
    return any(_minors_skipped(_tag(p.before), _tag(p.after)) for p in pins if p.symbol in _APP_IMAGE)
