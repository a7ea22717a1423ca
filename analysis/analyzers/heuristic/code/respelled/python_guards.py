"""Python conditions that lose a ``sys.version_info >= (3, N) and`` guard: a check every supported interpreter
passes, retired, the rest of the condition kept."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: a lower-bound check of the running interpreter, joined to the rest of a condition by ``and``
_FLOOR_GUARD = re.compile(r"\bsys\.version_info\s*(>=|>)\s*\(\s*\d+\s*(,\s*\d+\s*)*,?\s*\)\s+and\s+")


def version_guards_retired_only(files: Iterable[FileChange]) -> bool:
    """Every file is Python and each changed line comes back in its place without a ``sys.version_info >= (3, 7)
    and`` in front of the rest of its condition (``if sys.version_info >= (3, 7) and sys.breakpointhook == ...:``
    -> ``if sys.breakpointhook == ...:``): the project's oldest supported Python passed the check already, so every
    interpreter it runs on takes the same branch as before. At least one file; blank lines aside."""
    seen = False
    for f in files:
        if not f.path.lower().endswith((".py", ".pyi")):
            return False
        old, new = changed_lines(f.patch)
        removed = [ln for ln in old if ln]
        added = [ln for ln in new if ln]
        if not removed or len(removed) != len(added):
            return False
        if not all(_FLOOR_GUARD.search(was) and _FLOOR_GUARD.sub("", was, count=1) == now
                   for was, now in zip(removed, added)):
            return False
        seen = True
    return seen
