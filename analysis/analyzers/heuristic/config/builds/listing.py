"""A package manifest's listing metadata: what a package index shows, not what is built or deployed.

A chart's ``icon``, ``description``, ``home``, ``keywords``, ``sources``, ``maintainers`` and ``annotations`` (the
changes Artifact Hub lists), or a ``package.json``'s ``homepage``, ``repository``, ``bugs``, ``author``: a broken icon
URL mended there is fixed on the listing page, and nobody who installs the package gets anything else.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: manifest keys (dotted, indexed) a package index displays
_LISTING_KEYS = re.compile(r"^(icon|description|home|homepage|keywords|sources|maintainers|annotations|author|"
                           r"contributors|repository|bugs|funding)(\[.*\])?(\..*)?$")
_CHANGED = ("config_value_changed", "config_key_added", "config_key_removed")


def listing_only(e: Evidence, path: str) -> bool:
    """The build manifest at ``path`` changes only keys a package index lists (and no version)."""
    facts = [f for f in e.facts if f.path == path]
    return ("build" in e.classes.get(path, set()) and bool(facts)
            and all(f.kind in _CHANGED and _LISTING_KEYS.match(f.symbol or "") for f in facts))
