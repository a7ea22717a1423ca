"""Inline code spans for the heuristic's sentences: one line, bounded, never able to break out of the span."""

from __future__ import annotations

import os
import re

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.message import clip
from analysis.facts.value_window import changed_window

#: a one-file change this small quotes its line (clipped to this many characters) in the summary
TINY_LINES = 2
TINY_CHARS = 80
#: a version pinned to a full commit (a GitHub Action's ``@<40 hex>``), said by its first twelve digits as git does
_COMMIT_PIN = re.compile(r"^[0-9a-f]{40}$")
#: an image's content digest (``@sha256:`` and 64 hex digits)
_DIGEST = re.compile(r"(@?sha256:)([0-9a-f]{64})\b")


#: a dotted key or symbol path (``properties.cluster.properties.monitoring``, ``steps[Set up Helm].uses``)
_PATH = re.compile(r"^[\w.@+~-]+(?:/[\w.@+~-]+)+$")  # a file path: folders and a name, no URL scheme, no space
_DOTTED = re.compile(r"^[\w$-]+(?:\[[^\].]*\])*(?:\.[\w$-]+(?:\[[^\].]*\])*)+$")


def code(text: str | None, limit: int = R.MAX_SYMBOL) -> str:
    """``text`` as inline code, one line, bounded, with no backtick to break out of it."""
    text = (text or "").replace("`", "'")
    return "`" + (_dotted_clip(text, limit) or _path_clip(text, limit) or clip(text, limit)) + "`"


def _path_clip(text: str, limit: int) -> str | None:
    """A long file path cut in its middle, its first folder and its file name kept
    (``dialects/…/mixins/AlterTableAlterColumnMixin.kt``): a cut at the end loses the name and may leave a bare
    ``Mixin.`` that reads as a whole one."""
    limit -= 1  # as ``clip`` counts: at most ``limit - 1`` characters
    if len(text) <= limit or not _PATH.match(text):
        return None
    return _middle_clip(text, limit, "/", "/…/")


def code_line(text: str, limit: int = TINY_CHARS) -> str:
    """A quoted line as inline code: cut at a word as ``code`` does, unless that leaves next to nothing of it (a
    list item whose first word is a long link, ``* [`x`](https://…)``, cut to ``*…``): then cut at ``limit``."""
    quoted = code(text, limit)
    if len(text) > limit and len(quoted) - 3 < limit // 3:
        return "`" + " ".join(text.replace("`", "'").split())[: limit - 1].rstrip() + "…`"
    return quoted


def _dotted_clip(text: str, limit: int) -> str | None:
    """A long dotted path cut in its middle, its first part and its last ones kept: the key added is its last
    part (``…instrumentation.properties.pgStatStatements``), which a cut at the end would leave out."""
    if len(text) <= limit or not _DOTTED.match(text):
        return None
    return _middle_clip(text, limit, ".", ".…")


def _middle_clip(text: str, limit: int, sep: str, joiner: str) -> str | None:
    """``text``'s first part, ``joiner``, then as many of its last parts as fit in ``limit``; None when even the
    first and the last do not fit."""
    parts = text.split(sep)
    tail = parts[-1]
    if len(parts[0]) + len(tail) + len(joiner) > limit:
        return None
    for part in reversed(parts[1:-1]):
        if len(parts[0]) + len(part) + len(tail) + len(joiner) + 1 > limit:
            break
        tail = f"{part}{sep}{tail}"
    return f"{parts[0]}{joiner}{tail}"


def code_pair(old: str, new: str, limit: int = R.MAX_SYMBOL) -> tuple[str, str]:
    """Two values as inline code; when both would be clipped to the same text, the part where they differ."""
    window = changed_window(old, new, (old, new), limit)
    pair = code(window[0], limit), code(window[1], limit)
    if pair[0] == pair[1] and old != new:  # a long token changed (a URL's path): cut at words, both end before it
        pair = code(window[0], len(window[0]) + 2), code(window[1], len(window[1]) + 2)  # the window is bounded
    elif old != new:
        # a side cut at a word before anything of its own shows (``!interest.is_never() &&…`` for the line that
        # now calls ``$crate::__macro_support::__is_enabled(..)``): cut inside that long token instead
        same = len(os.path.commonprefix(list(window)))
        pair = tuple(code(text, len(text) + 2) if len(text) > same and len(shown.strip("`").rstrip("…")) <= same
                     else shown for text, shown in zip(window, pair))  # type: ignore[assignment]
    return pair


def pinned(version: str | None) -> str | None:
    """A version as a reader compares it: a full commit id cut to twelve digits, an image digest likewise
    (``10.4.1@sha256:23967dd2d46c…`` rather than its 64)."""
    if version and _COMMIT_PIN.match(version):
        return version[:12]
    return _DIGEST.sub(lambda m: m.group(1) + m.group(2)[:12], version) if version else version
