"""Stricter validation: a public function's guard now rejects inputs it accepted (a new rejecting condition)."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: a title that says inputs are now turned away ("Deny leap second if ...", "Reject empty names", "Validate port")
VALIDATION_TITLE = re.compile(r"^\W*(deny|denies|reject|rejects|disallow|disallows|forbid|forbids|prohibit|"
                              r"refuse|refuses|validate|validates)\b", re.I)
#: a condition: an ``if``/``elif``/``unless`` line, or a continued one (``|| (nano >= 1e9 && sec != 59)``)
_CONDITION = re.compile(r"^\s*(?:\}?\s*(?:else\s+)?if\b|elif\b|unless\b|\|\||&&|or\b|and\b|\()")
#: what a guard does with an input it turns away
_REJECTS = re.compile(r"\breturn\s+(?:None|false)\b|\breturn\s+(?:[^;\n]*,\s*)?(?:fmt\.Errorf|errors\.New|Err|err)\b|"
                      r"\bErr\(|\bthrow\b|\braise\b|\bbail!")
#: how many lines after a changed condition its rejecting statement may stand
_REACH = 5


def rejecting_condition(patches: Iterable[str | None]) -> bool:
    """A condition line is added whose branch (within a few lines after it, added or unchanged) rejects the input:
    returns None / an error, throws or raises."""
    for patch in patches:
        lines = [ln for ln in (patch or "").splitlines() if not ln.startswith(("+++", "---", "\\"))]
        for i, line in enumerate(lines):
            if not line.startswith("+") or not _CONDITION.match(line[1:]):
                continue
            after = [ln for ln in lines[i:i + _REACH + 1] if not ln.startswith(("-", "@@"))]
            if any(_REJECTS.search(ln[1:]) for ln in after):
                return True
    return False
