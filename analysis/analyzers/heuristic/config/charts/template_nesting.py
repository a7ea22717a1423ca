"""Helm template lines whose ``indent``/``nindent`` widths change: the YAML they render nests elsewhere."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_WIDTH = re.compile(r"\|\s*n?indent\s+(\d+)")
_TEMPLATE_EXTS = (".yaml", ".yml", ".tpl")


def nesting_changed(files: Iterable[FileChange]) -> list[str]:
    """The templates (``.yaml``/``.tpl`` lines holding ``{{ ... | indent N }}``) whose hunks render values at other
    widths than before (``indent 10`` -> ``nindent 8``): an "indentation fix" there moves keys to another level of
    the manifest (tolerations joining their list instead of mis-nested YAML), a behaviour change, unlike ``indent``
    spelled ``nindent`` at the same width."""
    out = []
    for f in files:
        if not f.path.lower().endswith(_TEMPLATE_EXTS):
            continue
        removed, added = changed_lines(f.patch)
        old = Counter(m.group(1) for line in removed for m in _WIDTH.finditer(line))
        new = Counter(m.group(1) for line in added for m in _WIDTH.finditer(line))
        if old and new and old != new:
            out.append(f.path)
    return out
