"""A chart whose ``appVersion`` opens a new major series of the application it deploys."""

from __future__ import annotations

import re

from analysis.models import Fact

#: the major of a version (``v7.0.3``, ``31.0.5``), a quote or an image's name before it aside
_MAJOR = re.compile(r"^v?(\d+)\.\d+")
#: a "major" this large is a year: a calendar version (Home Assistant's ``2024.12.5`` -> ``2025.1.0``) moves it
#: every January, no new major series with breaking changes of its own
_YEAR = 1970


def _major(value: str | None) -> int | None:
    """The major number of a version or of an image reference's tag (``nginx:1.25.3``), or ``None``."""
    text = (value or "").strip().strip("\"'")
    match = _MAJOR.match(text.rsplit(":", 1)[-1])
    return int(match[1]) if match else None


def app_major_raised(facts: list[Fact], classes: dict[str, set[str]]) -> list[Fact]:
    """A chart's ``appVersion`` (``Chart.yaml``, not a test's or an example's chart) raised to a new major
    (fairwinds-insights ``6.11.0`` -> ``7.0.3``, nextcloud ``30.0.10`` -> ``31.0.5``): the application every install
    runs by default moves across a major release, with the breaking changes and migrations its project announces
    for it, whatever patch number the chart itself takes (a minor series opened reads medium, ``app_minor``). A
    calendar version's new year (``2024.12.5`` -> ``2025.1.0``) is no such major."""
    found = []
    for f in facts:
        if (f.kind == "config_value_changed" and f.symbol == "appVersion"
                and f.path.rsplit("/", 1)[-1] == "Chart.yaml"
                and not classes.get(f.path, set()) & {"test", "example"}):
            old, new = _major(f.before), _major(f.after)
            if old is not None and new is not None and new > old and not (_YEAR <= old and _YEAR <= new):
                found.append(f)
    return found
