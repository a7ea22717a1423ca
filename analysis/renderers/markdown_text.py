"""Make untrusted text (commit messages, paths, LLM output) inert inside Markdown.

Each helper keeps the text on one line where the surrounding syntax needs it, so a
message cannot start a heading, close a table row, open an HTML tag or form a link or
an image: outside code spans, ``\\``, ``[``, ``]``, stray backticks and ``!`` before ``[``
are backslash-escaped, and ``&``, ``<``, ``>`` become entities. Emphasis and balanced code
spans (an LLM's ``**bold**`` and ```code```) are kept; nothing inside a code span is live, so
a code span keeps its text exactly (``Vec<u8>``, ``->``, ``&&``): Markdown shows entities there
literally, so escaping inside a code span would garble it.
"""

from __future__ import annotations

import re

from analysis.renderers.inert_text import strip_invisible

_FENCE = re.compile(r"`{3,}")
_WS = re.compile(r"[ \t]*(?:\r\n|\r|\n)+[ \t]*")
_BACKTICKS = re.compile(r"`+")
_LIVE = re.compile(r"[\\\[\]`]|!(?=\[)")
#: a Markdown code span: a run of backticks, its text, the same run again
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_plain(text: str) -> str:
    return _LIVE.sub(lambda match: "\\" + match.group(0), text)


def _no_links(text: str) -> str:
    """Backslash-escape link and image syntax outside code spans, found as CommonMark finds them.

    An opening run of backticks closes at the next run of the same length; a run with no such
    partner is literal (and escaped here), so the only live backticks left are those of the spans kept.
    """
    out: list[str] = []
    runs = list(_BACKTICKS.finditer(text))
    plain_from = 0
    index = 0
    while index < len(runs):
        opener = runs[index]
        closer = next((j for j in range(index + 1, len(runs)) if len(runs[j].group()) == len(opener.group())), None)
        if closer is None:
            index += 1
            continue
        out.append(_escape_plain(_html(text[plain_from:opener.start()])))
        out.append(text[opener.start():runs[closer].end()])
        plain_from = runs[closer].end()
        index = closer + 1
    out.append(_escape_plain(_html(text[plain_from:])))
    return "".join(out)


def inline(text: str) -> str:
    """Untrusted text inside a paragraph or list item: one line, no HTML, no code fences, no links."""
    text = _WS.sub(" ", strip_invisible(text)).strip()
    return _no_links(_FENCE.sub("``", text))


def cell(text: str) -> str:
    """Untrusted text inside a table cell: pipes escaped, newlines as <br>."""
    lines = [inline(line) for line in str(text).splitlines() if line.strip()]
    return "<br>".join(line.replace("|", "\\|") for line in lines)


def link_text(text: str) -> str:
    """Untrusted text inside ``[...]`` of a link (``inline`` already leaves no bracket live)."""
    return inline(text)


def code(text: str) -> str:
    """Untrusted text (a file path) as a code span, kept exactly: fenced by more backticks than it holds."""
    text = _WS.sub(" ", strip_invisible(text)).strip()
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with '...' as the sample's table of contents does.

    A cut that would fall inside a code span is made before the span, so no half span is left open.
    """
    if len(text) <= limit:
        return text
    cut = limit
    for span in CODE_SPAN.finditer(text):
        if span.start() < limit < span.end():
            cut = span.start()
            break
    return (text[:cut] if cut == limit else text[:cut].rstrip()) + "..."
