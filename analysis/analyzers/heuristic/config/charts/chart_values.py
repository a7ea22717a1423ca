"""Chart values a template stops or starts reading: a ``.Values.x.y`` key only the removed (or added) lines use."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import FileChange

#: a chart value a Helm template reads (``.Values.schema.traceTtl``, ``$.Values.image.tag``)
_VALUES_REF = re.compile(r"\.Values((?:\.[A-Za-z_][\w-]*)+)")
#: what a template renders into manifests (``NOTES.txt`` is the message shown after an install: no manifest)
_TEMPLATE_EXTS = (".yaml", ".yml", ".tpl")


def _template(path: str) -> bool:
    parts = path.lower().split("/")
    return "templates" in parts[:-1] and parts[-1].endswith(_TEMPLATE_EXTS)


def _reads(files: Iterable[FileChange]) -> tuple[dict[str, None], dict[str, None]]:
    """The ``.Values`` keys (``schema.traceTtl``) the removed and the added template lines read, in order."""
    removed: dict[str, None] = {}
    added: dict[str, None] = {}
    for f in files:
        if not _template(f.path) or not f.patch:
            continue
        patch = parse_patch(f.path, f.patch)
        for side, lines in ((removed, patch.removed), (added, patch.added)):
            for line in lines:
                side.update((m.group(1).lstrip("."), None) for m in _VALUES_REF.finditer(line.text))
    return removed, added


def dropped_values(files: Iterable[FileChange]) -> list[str]:
    """The ``.Values`` keys read by removed template lines and by none of the added ones, anywhere in the change:
    installs that set them lose what they set (a values key removed, however the values file comments it)."""
    removed, added = _reads(files)
    # a key read under a longer or shorter path still (``.Values.a`` → ``.Values.a.b``) is renamed, not dropped
    return ["." + k for k in removed
            if not any(a == k or a.startswith(k + ".") or k.startswith(a + ".") for a in added)]


def values_read_anew(files: Iterable[FileChange]) -> list[str]:
    """The ``.Values`` keys the added template lines read and no removed line did (``imagePullSecrets`` in a
    DaemonSet's new ``{{- with .Values.imagePullSecrets }}``): what an install can now set that it could not."""
    removed, added = _reads(files)
    return [k for k in added if k not in removed]
