"""Changes that only put one name in place of another in strings and comments (a product renamed in its messages)."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: a string literal or a comment (``"..."``, ``'...'``, ``// ...``, ``/* ...``, ``# ...``, a ``*`` continuation)
_TEXT = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|//.*$|/\*.*$|^\s*\*.*$|#.*$')
_WORD = re.compile(r"[A-Za-z]{3,}")
#: at least this many changed lines: one reworded line is a message edit, not a name put in another's place
MIN_LINES = 2


def _blocks(patch: str) -> Iterable[tuple[list[str], list[str]]]:
    """Each run of removed lines with the added lines right after it."""
    removed: list[str] = []
    added: list[str] = []
    for raw in patch.splitlines() + [" "]:
        if raw.startswith(("---", "+++")):
            continue
        if raw.startswith("-"):
            if added:
                yield removed, added
                removed, added = [], []
            removed.append(raw[1:])
        elif raw.startswith("+"):
            added.append(raw[1:])
        else:
            if removed or added:
                yield removed, added
            removed, added = [], []


def _swaps(old: str, new: str) -> set[tuple[str, str]] | None:
    """The words of ``old`` that ``new`` replaces, lower-cased, when every difference is a word inside a string or a
    comment; None when anything else differs."""
    if _TEXT.sub("", old) != _TEXT.sub("", new):
        return None  # the code around the texts changes
    old_texts, new_texts = _TEXT.findall(old), _TEXT.findall(new)
    if len(old_texts) != len(new_texts):
        return None
    swaps = set()
    for a, b in zip(old_texts, new_texts):
        if _WORD.sub("", a) != _WORD.sub("", b):
            return None  # punctuation or numbers change: a reworded text
        words_a, words_b = _WORD.findall(a), _WORD.findall(b)
        if len(words_a) != len(words_b):
            return None
        swaps |= {(x.lower(), y.lower()) for x, y in zip(words_a, words_b) if x.lower() != y.lower()}
    return swaps


def renamed_in_text_only(patches: Iterable[str | None]) -> bool:
    """Every changed line keeps its code and only has one word of its strings or comments replaced by another, the
    same word by the same other throughout (``redis-server`` -> ``valkey-server``, "with Redis" -> "with Valkey"),
    in a few lines at least: a name put in another's place in messages and comments."""
    swaps: set[tuple[str, str]] = set()
    lines = 0
    for patch in patches:
        for removed, added in _blocks(patch or ""):
            if len(removed) != len(added):
                return False
            for old, new in zip(removed, added):
                found = _swaps(old, new)
                if found is None:
                    return False
                swaps |= found
                lines += 1
    return lines >= MIN_LINES and len(swaps) == 1
