"""Versions a build file's lines move when no dependency fact reads the file (``gradle.properties``' ``VER_X=``).

A dependency update's manifest is most often one the facts parse (package.json, Cargo.toml, a pom, a version
catalog) and its moves are dependency facts. Gradle projects also keep versions as properties
(``VER_MOCKITO=5.21.0``) or in script coordinates (``rewrite('org.openrewrite.recipe:rewrite-migrate-java:3.26.0')``):
there the diff's lines are all there is. A removed line and an added one that differ only in their version numbers
are one version moved, from the removed line's version to the added one's.
"""

from __future__ import annotations

import re

from analysis.facts.patches import parse_patch

#: a dotted version (``5.21.0``, ``7.5.0.202512021534-r``, ``3.0.0-beta.10``)
_VERSION = re.compile(r"\d+(?:\.\d+)+(?:-[\w.]+)?")


def versions_moved(path: str, patch: str | None) -> list[tuple[str, str]]:
    """(before, after) of each version a hunk's removed line moves to on its added counterpart (the lines paired in
    order; lines that differ in anything but their versions are no move)."""
    out = []
    for hunk in parse_patch(path, patch).hunks:
        removed = [ln.text for ln in hunk.lines if ln.kind == "-"]
        added = [ln.text for ln in hunk.lines if ln.kind == "+"]
        for old, new in zip(removed, added, strict=False):
            if old == new or _VERSION.sub("#", old) != _VERSION.sub("#", new):
                continue
            out += [(a, b) for a, b in zip(_VERSION.findall(old), _VERSION.findall(new), strict=False) if a != b]
    return out
