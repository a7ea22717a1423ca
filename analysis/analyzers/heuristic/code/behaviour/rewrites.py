"""Rewritten branch conditions: a block moved with its test changed is a behaviour change, not a move."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines as _changed  # removed and added lines, stripped

#: a line that opens a branch or loop on a condition, in the C family, Python, Go, Rust, Ruby, Kotlin or Swift
_CONDITION = re.compile(r"^(\}\s*)?(if|else\s+if|elif|elsif|while|unless|until|guard|when|case|switch|match)\b\s*\(?\S")


def conditions_rewritten(patches: Iterable[str | None]) -> list[tuple[str, str]]:
    """(old, new) branch conditions that did not come back as they were, when a condition is both removed and added:
    the lines around them may only have moved, but the code now decides differently."""
    removed, added = Counter(), Counter()
    for patch in patches:
        old, new = _changed(patch)
        removed.update(ln for ln in old if ln)
        added.update(ln for ln in new if ln)
    gone = [ln for ln in (removed - added) if _CONDITION.match(ln)]
    came = [ln for ln in (added - removed) if _CONDITION.match(ln)]
    return list(zip(gone, came))
