"""Release bookkeeping: a commit whose product lines only move version numbers publishes changes made before it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import re

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.code.hunks import versions_only

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: a line that names the version it sets (``__version__``, ``const Version``, ``VERSION =``, ``"version":``)
_NAMES_VERSION = re.compile(r"version", re.I)


def release_bookkeeping(e: Evidence) -> bool:
    """Every product file the commit changes only moves a version number (``const Version = "v1.12.0"``), beside
    docs, changelogs, manifests and rebuilt bundles, with no API, setting, dependency or security fact: a release.
    The changelog lines it adds quote the changes it releases, made and judged in their own commits, so they say
    nothing of this one (a quoted "feat:" or "prevent a panic" is no feature or crash fix here)."""
    if (not e.behaviour or e.api_breaks or e.api_added or e.contract_changes or e.config or e.installed
            or e.security_signals):
        return False
    # a release says so somewhere: changelog lines, a manifest's own version, a release title (not a minimum
    # version checked in code, ``MIN_VERSION = "1.2"`` -> ``"1.3"``, which changes what the code accepts)
    released = (e.changelog or any(f.kind == "config_value_changed" and f.symbol == "version" for f in e.facts)
                or R.RELEASE_TITLE.match(e.title))
    return bool(released) and all(versions_only(f.patch) and _names_version(f.patch) for f in e.behaviour)


def _names_version(patch: str | None) -> bool:
    """Every changed line names a version (a default ``5.0`` -> ``10.0`` moves a number, not a release)."""
    lines = [ln for ln in (patch or "").splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    return bool(lines) and all(_NAMES_VERSION.search(ln) for ln in lines)


#: keys of a package manifest that only stamp a release: its own version and notes for a package index
_STAMP_KEYS = re.compile(r"^(version|annotations(\[.*\])?(\..*)?)$")


def version_stamp(e: Evidence, path: str) -> bool:
    """The build manifest at ``path`` only moves the package's own version (and release notes kept in it, such as a
    chart's ``artifacthub.io/changes`` annotation): the bump a repository's rules ask beside every change."""
    facts = [f for f in e.facts if f.path == path]
    return ("build" in e.classes.get(path, set()) and bool(facts)
            and all(f.kind == "config_value_changed" and _STAMP_KEYS.match(f.symbol or "") for f in facts)
            and any(f.symbol == "version" for f in facts))
