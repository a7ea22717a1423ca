"""A package's own major version raised by the commit that makes the breaking change (not by its release)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.analyzers.heuristic.code.side_files import side_manifest
from analysis.analyzers.heuristic.config.builds.dependency_changes import major_bump
from analysis.analyzers.heuristic.release import release_titled

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence


def own_major_with_dependency(e: Evidence) -> bool:
    """The package's own manifest raises its major version (a chart's ``version`` 13.2.6 -> 14.0.0) in the commit
    that also moves a dependency it installs across a major (an ``etcd`` subchart 11.x.x -> 12.x.x): by semantic
    versioning the project itself tells its users this upgrade breaks what they had. A release commit's title
    ("Release 5.0.0") publishes changes judged in their own commits: not this."""
    if not e.major_bumps or release_titled(e):
        return False
    return any(f.kind == "config_value_changed" and f.symbol == "version" and "build" in e.classes.get(f.path, set())
               and not side_manifest(e.classes[f.path]) and _stable(f.before) and major_bump(f.before, f.after)
               for f in e.facts)


def _stable(version: str | None) -> bool:
    """A version past ``0.x``: its major is a promise to users (a ``0.x`` -> ``1.0`` is a first stable release)."""
    head = (version or "").strip().lstrip("v").split(".", 1)[0]
    return head.isdigit() and int(head) >= 1
