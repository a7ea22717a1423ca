"""Untrusted text made inert on every surface: invisible controls removed, user input echoed as code, links defanged.

* Bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) can make ``exe.txt`` read as
  ``txt.exe``; zero-width and invisible characters (U+200B, U+2060-U+2064, U+FEFF, U+180E) hide
  differences between names. Both are removed from untrusted text. U+200C and U+200D are kept: they
  join letters in Persian and Indic scripts and emoji sequences, and are invisible only there.
* ``code_span`` shows what a user typed as a code span: nothing inside one is a link or markup.
* ``defang_links`` breaks Markdown's ``[text](url)`` outside code spans, so a link whose text hides its
  target cannot form in a message of ours that quotes something untrusted.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile("[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: a single-backtick code span, as a capturing group (``split`` keeps the spans at odd indexes)
CODE_SPAN_GROUP = re.compile(r"(`[^`\n]*`)")
_CODE_SPAN = CODE_SPAN_GROUP
_WS = re.compile(r"\s+")
ZWSP = "\u200b"


def strip_invisible(text: str) -> str:
    """``text`` without bidi controls and invisible characters (see the module docstring)."""
    return _INVISIBLE.sub("", str(text))


def code_span(text: object, limit: int = 120) -> str:
    """What a user typed, echoed as a one-line code span (no backticks inside, cut at ``limit``)."""
    text = _WS.sub(" ", strip_invisible(str(text))).strip().replace("`", "'")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`{text}`"


def defang_links(text: str) -> str:
    """Markdown links (``[text](url)``) outside code spans broken up, so they show as typed."""
    parts = _CODE_SPAN.split(text)
    for i in range(0, len(parts), 2):  # odd indexes are code spans, inert already
        parts[i] = parts[i].replace("](", "]" + ZWSP + "(")
    return "".join(parts)
