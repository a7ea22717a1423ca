"""A release commit whose code changes read as upkeep: what it regenerates or restamps beside the version.

A commit titled as a release ("Bumped v4.16.0", "Release cluster-v0.7.0", no ``feat:``/``fix:`` of the author's)
publishes changes made and judged in their own commits. When the title's words name no fix or feature (the change
reads as a refactor or a chore), no public symbol or signature moves, no setting is removed or given another value
and no security signal shows, the product lines it carries are the release's own bookkeeping: a generated file
built anew from code changed before (a serializer, a single header), a values schema regenerated with the keys the
release documents. ``release_bookkeeping`` reads the plainer releases whose lines only move version numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.analyzers.heuristic.lowering import interface_touched
from analysis.analyzers.heuristic.release import release_titled

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: the kinds a release's own upkeep reads as (the title's words name no fix and no feature)
_UPKEEP_TYPES = ("refactor", "chore")
#: prefixes a release is filed under by its author when it has one
_RELEASE_PREFIXES = (None, "chore", "build", "release")


def release_regenerated(e: Evidence, change_type: str) -> bool:
    """Titled as a release, read as upkeep, and nothing the interface, settings or security rules read: the code it
    carries is regenerated or restamped for the release."""
    return bool(e.behaviour and release_titled(e) and change_type in _UPKEEP_TYPES
                and e.prefix_type in _RELEASE_PREFIXES and not e.breaking_marker
                and not (interface_touched(e) or e.config_breaks or e.security_signals or e.security_words
                         or e.dependencies or e.changelog))
