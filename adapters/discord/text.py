"""Discord text helpers: defuse mentions, escape markdown in untrusted text, measure and split within limits.

Pure functions, no discord import. Lengths are measured in UTF-16 code units (``dlen``), which is
never less than the code-point count Discord may use, so a part that fits here fits there.
"""

from __future__ import annotations

import re

from analysis.renderers.inert_text import strip_invisible

ZWSP = "\u200b"

CONTENT_LIMIT = 2000
EMBED_TITLE_LIMIT = 256
EMBED_DESCRIPTION_LIMIT = 4096
EMBED_FIELDS_LIMIT = 25
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
AUTHOR_NAME_LIMIT = 256
EMBED_TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10
THREAD_NAME_LIMIT = 100

NO_MENTIONS: dict = {"parse": []}

_MARKDOWN = re.compile(r"([\\*_~`|>#\[\]])")
#: a code span of single backticks, not touching other backticks: runs like ``` are escaped instead, so
#: Discord's own reading of multi-backtick spans can never put escaped and unescaped text the wrong side
_CODE_SPAN = re.compile(r"(?<!`)`([^`\n]{1,300})`(?!`)")
_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
_ANGLE = re.compile(r"<")
_WS = re.compile(r"\s+")


def dlen(text: str) -> int:
    """Length as Discord's limits count it, conservatively (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def defuse(text: str) -> str:
    """Make ``@everyone``/``@here`` and ``<@id>``, ``<@&id>``, ``<#id>``, ``<t:..>``, ``</cmd:id>`` inert."""
    text = _MASS_MENTION.sub(lambda m: "@" + ZWSP + m.group(1), str(text))
    return _ANGLE.sub("<" + ZWSP, text)


def escape(text: str) -> str:
    """Untrusted text on one line: whitespace collapsed, markdown escaped, mentions defused.

    A balanced inline code span (`` `name` ``) stays a code span: inside one Discord renders nothing
    (no links, emphasis or mentions), so names like `Client.request` read as code, not as \\`Client.request\\`.
    """
    text = _WS.sub(" ", strip_invisible(text)).strip()
    parts = _CODE_SPAN.split(text)  # odd indexes: the code spans' contents
    return "".join(defuse(_MARKDOWN.sub(r"\\\1", part)) if i % 2 == 0 else f"`{defuse(part)}`"
                   for i, part in enumerate(parts))


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``limit`` units with a visible ellipsis (never mid escape)."""
    if dlen(text) <= limit:
        return text
    return _cut(text, limit - dlen(ellipsis)) + ellipsis


def _cut(text: str, limit: int) -> str:
    """The longest prefix of ``text`` within ``limit`` that does not end inside an escape or a pair."""
    lo, hi = 0, min(len(text), limit)
    while hi > lo and dlen(text[:hi]) > limit:
        hi -= 1
    cut = hi
    if 0 < cut < len(text):
        # do not separate a backslash from the character it escapes
        backslashes = len(text[:cut]) - len(text[:cut].rstrip("\\"))
        if backslashes % 2 == 1:
            cut -= 1
    return text[:cut]


def split_text(text: str, limit: int) -> list[str]:
    """Split ``text`` into parts of at most ``limit`` units, at line breaks, else spaces, else anywhere.

    Joining the parts with the separator they were cut at gives back ``text``: nothing is lost.
    """
    if limit < 2:
        raise ValueError("limit too small")
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = line if not current else current + "\n" + line
        if dlen(candidate) <= limit:
            current = candidate
            continue
        if current:
            parts.append(current)
            current = ""
        while dlen(line) > limit:
            head = _cut(line, limit)
            space = head.rfind(" ")
            if space > limit // 2:
                head = head[:space + 1]
            parts.append(head.rstrip(" ") or head)
            line = line[len(head):]
        current = line
    if current or not parts:
        parts.append(current)
    return parts
