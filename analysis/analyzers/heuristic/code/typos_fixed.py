"""Misspelt words corrected: every changed line of the code is its old self with a word or two spelt right.

A help text's ``hexidecimal`` made ``hexadecimal``, a comment's ``recieve`` made ``receive``: the same program, whatever
the title calls the change ("goreport + minor fixes"). Each removed line pairs with the added line in its place, the
two differing only in lower-case words of five letters or more, each changed by at most two letters (a word swapped
for another word, ``enable`` for ``disable``, is a change of meaning and is not read as a spelling).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

_TOKEN = re.compile(r"[A-Za-z]+|\d+|\s+|.")
_WORD = re.compile(r"[a-z]{5,}")
#: letters a spelling correction changes at most in one word
MAX_EDITS = 2


def _distance(a: str, b: str) -> int:
    """Levenshtein distance of two short words."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def _respelt(old: str, new: str) -> bool:
    """The two lines are the same tokens but for words spelt anew (at least one)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(a) != len(b):
        return False
    changed = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return bool(changed) and all(
        _WORD.fullmatch(x) and _WORD.fullmatch(y) and x[0] == y[0] and _distance(x, y) <= MAX_EDITS
        for x, y in changed)


def _pairs(patch: str) -> list[tuple[str, str]] | None:
    """Each run of removed lines with the run of added lines after it, line by line; ``None`` when a run's lengths
    differ (lines added or dropped, not respelt)."""
    pairs: list[tuple[str, str]] = []
    removed: list[str] = []
    added: list[str] = []

    def close() -> bool:
        if len(removed) != len(added):
            return False
        pairs.extend(zip(removed, added, strict=True))
        removed.clear()
        added.clear()
        return True

    for line in patch.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            if added and not close():
                return None
            removed.append(line[1:])
        elif line.startswith("+"):
            added.append(line[1:])
        elif not close():
            return None
    return pairs if close() else None


def typos_fixed_only(files: Iterable[FileChange]) -> bool:
    """Every file's changed lines are misspelt words corrected, nothing else (and some file changes)."""
    seen = False
    for f in files:
        pairs = _pairs(f.patch or "")
        if not pairs or not all(_respelt(old, new) for old, new in pairs):
            return False
        seen = True
    return seen
