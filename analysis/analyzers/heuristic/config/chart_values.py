"""Chart values a template stops reading: a ``.Values.x.y`` key the removed lines used and no added line uses."""

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


def dropped_values(files: Iterable[FileChange]) -> list[str]:
    """The ``.Values`` keys read by removed template lines and by none of the added ones, anywhere in the change:
    installs that set them lose what they set (a values key removed, however the values file comments it)."""
    removed: dict[str, None] = {}
    added: set[str] = set()
    for f in files:
        if not _template(f.path) or not f.patch:
            continue
        patch = parse_patch(f.path, f.patch)
        for line in patch.removed:
            removed.update((m.group(1), None) for m in _VALUES_REF.finditer(line.text))
        for line in patch.added:
            added.update(m.group(1) for m in _VALUES_REF.finditer(line.text))
    # a key read under a longer or shorter path still (``.Values.a`` → ``.Values.a.b``) is renamed, not dropped
    return [k for k in removed if not any(a == k or a.startswith(k + ".") or k.startswith(a + ".") for a in added)]
