"""The part of a long changed text value that differs, when its clipped forms before and after read the same."""

from __future__ import annotations

import difflib
import os
from typing import Any

#: characters kept before the first difference of a one-line value
_LEAD = 40


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _lines_window(old: str, new: str) -> tuple[str, str] | None:
    """The lines that differ in two multi-line texts (an embedded YAML list: the ``image:`` line whose tag moved),
    each side with ``…`` where lines are left out; None when one side has no changed line of its own."""
    a = [_collapse(line) for line in old.splitlines() if line.strip()]
    b = [_collapse(line) for line in new.splitlines() if line.strip()]
    blocks = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not blocks or any(tag != "replace" for tag, *_ in blocks):
        return None
    first, last = blocks[0], blocks[-1]

    def side(lines: list[str], start: int, end: int, spans: list[tuple[int, int]]) -> str:
        body = " … ".join(" ".join(lines[i:j]) for i, j in spans)
        return ("…" if start > 0 else "") + body + ("…" if end < len(lines) else "")

    return (side(a, first[1], last[2], [(op[1], op[2]) for op in blocks]),
            side(b, first[3], last[4], [(op[3], op[4]) for op in blocks]))


def _chars_window(old: str, new: str, limit: int) -> tuple[str, str]:
    """Both texts from a little before their first difference (at a word start), ``…`` marking what is cut. The
    lead, with the step back to a word start, takes at most half of ``limit``: a lead of 60 characters in a 60-wide
    window cut ``…let_unit_value)]`` → ``…let_unit_value,…`` before the ``clippy::unreachable`` it appends."""
    a, b = _collapse(old), _collapse(new)
    common = len(os.path.commonprefix([a, b]))
    lead = min(_LEAD, limit // 3)
    start = max(0, common - lead)
    if start:  # at the start of a word when one begins nearby, else inside the token (a long regex, a URL)
        back = a.rfind(" ", max(0, start - lead // 2), start)
        if back >= 0:
            start = back + 1
        elif start <= lead // 2:  # the text's own start is in reach: nothing cut (not ``…erest.is_never()``)
            start = 0
        else:  # the next word start before the difference (not ``…on, clippy::let_unit_value)]``)
            ahead = a.find(" ", start, common)
            start = ahead + 1 if ahead >= 0 else start

    return ("…" if start else "") + a[start:], ("…" if start else "") + b[start:]


def changed_window(old: Any, new: Any, rendered: tuple[str, str], limit: int) -> tuple[str, str]:
    """``rendered`` (the two values as one line each, clipped at ``limit``) unless both are different strings and
    one was clipped: then the differing part of each, clipped to ``limit`` characters, ``…`` where text is left
    out on either side (a long multi-line value cut before its change would read the same before and after)."""
    if not isinstance(old, str) or not isinstance(new, str) or old == new:
        return rendered
    if max(len(_collapse(old)), len(_collapse(new))) <= limit:
        return rendered
    multi_line = "\n" in old.strip() and "\n" in new.strip()
    pair = _clipped(_lines_window(old, new), limit) if multi_line else None
    if pair is None or pair[0] == pair[1]:
        pair = _clipped(_chars_window(old, new, limit), limit)
    return pair  # type: ignore[return-value]


def _clipped(pair: tuple[str, str] | None, limit: int) -> tuple[str, str] | None:
    if pair is None:
        return None
    a, b = (t if len(t) <= limit else t[: limit - 1].rstrip(" …") + "…" for t in pair)
    return a, b
