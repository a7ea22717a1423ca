"""A Helm chart's release notes for Artifact Hub (``annotations["artifacthub.io/changes"]`` in ``Chart.yaml``): the
entries its new value lists, read as the chart's own words about the change, not as a setting changed."""

from __future__ import annotations

import re

from analysis.models import Fact

#: the annotation Artifact Hub reads a chart version's changes from
CHANGES_KEY = 'annotations["artifacthub.io/changes"]'
#: one entry of the annotation's list, its lines joined: ``- kind: added description: Disable ...``
_ENTRY = re.compile(r"-\s*kind:\s*(?P<kind>\w+)\s+description:\s*(?P<text>.+?)\s*(?=(?:-\s*kind:|links:)|$)")
#: kinds a reader must not miss; the others (added, changed, fixed) the description says itself
_TELLING_KINDS = {"removed", "deprecated", "security"}


def is_chart_notes(fact: Fact) -> bool:
    """A fact setting a chart's Artifact Hub changes annotation (its value is the new version's notes)."""
    return (fact.kind in ("config_value_changed", "config_key_added") and fact.symbol == CHANGES_KEY
            and fact.path.rsplit("/", 1)[-1] == "Chart.yaml" and bool(fact.after))


def chart_notes(fact: Fact) -> list[str]:
    """The entries of the annotation's new value, each its description (``... (removed)`` for a telling kind);
    none when the value is not a list of kinds and descriptions."""
    out = []
    for match in _ENTRY.finditer(fact.after or ""):
        text = match.group("text").strip().strip("\"'")
        kind = match.group("kind").lower()
        out.append(f"{text} ({kind})" if kind in _TELLING_KINDS else text)
    return out
