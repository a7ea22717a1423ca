"""A package manifest's listing metadata: what a package index shows, not what is built or deployed.

A chart's ``icon``, ``description``, ``home``, ``keywords``, ``sources``, ``maintainers`` and ``annotations`` (the
changes Artifact Hub lists), or a ``package.json``'s ``homepage``, ``repository``, ``bugs``, ``author``: a broken icon
URL mended there is fixed on the listing page, and nobody who installs the package gets anything else.

A Maven ``pom.xml`` has no key facts; its ``<contributors>``/``<developers>`` entries (a ``<contributor>`` with its
``<name>`` and ``<url>`` added to credit a pull request's author) are read from the hunks: the people the published
POM lists, not what is compiled, packaged or resolved.
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
#: a Maven POM's elements that list people: the entries and the lists that hold them
_PEOPLE = frozenset({"contributor", "contributors", "developer", "developers"})
#: one XML tag on its line: ``<contributor>``, ``</contributor>``, ``<name>Can Yapan</name>``
_TAG_LINE = re.compile(r"^\s*<(?P<close>/)?(?P<tag>[\w.:-]+)[^>]*?(?P<empty>/)?>(?:[^<]*</(?P=tag)>)?\s*$")


def listing_only(e: Evidence, path: str) -> bool:
    """The build manifest at ``path`` changes only keys a package index lists (and no version)."""
    facts = [f for f in e.facts if f.path == path]
    if "build" in e.classes.get(path, set()) and not facts and path.rsplit("/", 1)[-1] == "pom.xml":
        return any(f.path == path and people_only(f.patch) for f in e.files)
    return ("build" in e.classes.get(path, set()) and bool(facts)
            and all(f.kind in _CHANGED and _LISTING_KEYS.match(f.symbol or "") for f in facts))


def people_only(patch: str | None) -> bool:
    """Every line a POM's hunks add or remove lies inside (or is) a ``<contributor>``/``<developer>`` entry or the
    list holding it, as the hunk's own lines nest them, one tag a line; a line outside, or one that is no single
    tag, says something else changed."""
    changed = 0
    old: list[str] = []
    new: list[str] = []
    for line in (patch or "").splitlines():
        if line.startswith("@@"):
            old, new = [], []
            continue
        if line.startswith(("+++", "---")) or not line[:1] in (" ", "+", "-"):
            continue
        sides = [s for s, mark in ((old, "-"), (new, "+")) if line[:1] in (" ", mark)]
        text = line[1:]
        match = _TAG_LINE.match(text)
        if line[:1] != " ":
            changed += 1
            if match is None or not (_PEOPLE & ({match.group("tag")} | set(sides[0]))):
                return False
        if match is None or match.group("empty") or "</" in text and not match.group("close"):
            continue  # text, or an element opened and closed on its line: no nesting
        for side in sides:
            if match.group("close"):
                if side and side[-1] == match.group("tag"):
                    side.pop()
            else:
                side.append(match.group("tag"))
    return changed > 0
