"""Interface files (a CRD, a schema) whose change only moves the versions they are stamped with."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.code.hunks import changed_lines

#: a dotted version (``v0.17.2``, ``1.118.0``): what a generator or an upstream release stamps into a file
_DOTTED = re.compile(r"\bv?\d+(?:\.\d+)+\b")
#: a YAML or shell comment line: an upstream file's provenance (``# Source: ...``, ``# Version: 0.17.0``)
_COMMENT = re.compile(r"^\s*#")


def version_stamps_only(path: str, patch: str | None) -> bool:
    """Every changed line of a YAML interface file is a comment, or comes back with only a dotted version changed
    (``controller-gen.kubebuilder.io/version: v0.15.0`` -> ``v0.17.2``): the file is copied anew from an upstream
    release, and no field, type or validation of what it describes changes. At least one such version moves."""
    if not path.lower().endswith((".yaml", ".yml")):
        return False
    removed, added = changed_lines(patch)
    removed = [ln for ln in removed if ln and not _COMMENT.match(ln)]
    added = [ln for ln in added if ln and not _COMMENT.match(ln)]
    return (bool(removed) and len(removed) == len(added)
            and all(old != new and _DOTTED.search(new) and _DOTTED.sub("#", old) == _DOTTED.sub("#", new)
                    for old, new in zip(removed, added)))
