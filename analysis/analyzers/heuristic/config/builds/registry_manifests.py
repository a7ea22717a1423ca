"""A package registry's manifest at the repository's root deleted: the package leaves that registry's users."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: the manifests other package managers than the project's main one install from (Bower, Component, CocoaPods,
#: NuGet, Composer): a JavaScript library's ``bower.json`` beside its ``package.json``
_REGISTRY_MANIFEST = re.compile(r"^(bower\.json|component\.json|composer\.json|[\w.-]+\.podspec|[\w.-]+\.nuspec)$",
                                re.I)


def registry_manifests_removed(files: Iterable[FileChange]) -> list[str]:
    """The registry manifests at the root that the commit deletes: who installs the package through that manager
    gets no manifest (no new releases, or a broken install), whatever the main registry keeps publishing."""
    return [f.path for f in files if f.status == "removed" and "/" not in f.path.strip("/")
            and _REGISTRY_MANIFEST.match(f.path.strip("/"))]
