"""Make untrusted text (commit messages, paths, LLM output) inert inside Markdown.

Each helper keeps the text on one line where the surrounding syntax needs it, so a
message cannot start a heading, close a table row or open an HTML tag.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"`{3,}")
_WS = re.compile(r"[ \t]*(?:\r\n|\r|\n)+[ \t]*")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline(text: str) -> str:
    """Untrusted text inside a paragraph or list item: one line, no HTML, no code fences."""
    text = _WS.sub(" ", str(text)).strip()
    return _FENCE.sub("``", _html(text))


def cell(text: str) -> str:
    """Untrusted text inside a table cell: pipes escaped, newlines as <br>."""
    lines = [inline(line) for line in str(text).splitlines() if line.strip()]
    return "<br>".join(line.replace("|", "\\|") for line in lines)


def link_text(text: str) -> str:
    """Untrusted text inside ``[...]`` of a link."""
    return inline(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with '...' as the sample's table of contents does."""
    return text if len(text) <= limit else text[:limit] + "..."
