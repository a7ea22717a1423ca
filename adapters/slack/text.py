"""Slack mrkdwn text: make untrusted strings inert, turn our Markdown into mrkdwn, split within limits.

Escaping choice (documented here because Slack has no escape character for markup):

* ``&``, ``<``, ``>`` become ``&amp;``, ``&lt;``, ``&gt;`` everywhere (Slack's own rule), so
  ``<!channel>``, ``<!here>``, ``<!everyone>``, ``<@U123>``, ``<#C1>`` and ``<url|text>`` cannot form.
* ``@channel``/``@here``/``@everyone`` typed as plain words get a zero-width space after the ``@``
  (they do not ping without ``link_names`` anyway; this also keeps old clients from linking them).
* mrkdwn markers ``*``, ``_``, ``~`` at a word boundary, and every backtick outside a code span, are
  replaced by look-alike characters (∗ ˍ ∼ ˋ): Slack only opens or closes bold, italic and strike at
  word boundaries, so ``snake_case`` and ``a*b`` stay untouched and readable, while ``*bold*`` or a
  stray fence cannot change the formatting of what follows. A lone run of one marker apart from any
  word (``'***'``, `` -- ~~ ``) has nothing to format and stays as written.
* A balanced single-line code span (`` `like_this` ``) in untrusted text is kept as a code span:
  Slack shows its content literally, and it cannot leak past its closing backtick.
"""

from __future__ import annotations

import re

from analysis.renderers.inert_text import defang_links, strip_invisible

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
TEXT_LIMIT = 40000
MAX_BLOCKS = 50

_LOOKALIKE = {"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"}
_WS = re.compile(r"\s+")
_CODE_SPAN = re.compile(r"(?<!`)`([^`\n]*[^`\s][^`\n]*)`(?!`)")
_MARKER = re.compile(r"[*_~`]")
_MARKER_RUN = re.compile(r"\*+|_+|~+")
_BROADCAST = re.compile(r"@(?=(?:channel|here|everyone)\b)", re.IGNORECASE)
_ZWSP = "\u200b"


def entities(text: str) -> str:
    """Slack's three escapes; the only characters Slack itself decodes."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _isolated_runs(text: str) -> list[range]:
    """Runs of one marker (``***``, ``__``) that stand apart from any word: they hold no text to format."""
    runs = []
    for run in _MARKER_RUN.finditer(text):
        before = text[run.start() - 1] if run.start() else " "
        after = text[run.end()] if run.end() < len(text) else " "
        if not (_word_char(before) or _word_char(after) or before in _LOOKALIKE or after in _LOOKALIKE):
            runs.append(range(run.start(), run.end()))
    return runs


def _defuse_markers(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Replace mrkdwn markers that could open or close formatting with look-alikes.

    An isolated run of a marker in ``keep`` stays as written: Slack shows it literally as long as no
    other run of the same marker could pair with it (the caller counts them).
    """
    out = []
    literal = {i for run in _isolated_runs(text) if text[run.start] in keep for i in run}
    for i, ch in enumerate(text):
        if ch in _LOOKALIKE:
            inner = ch != "`" and 0 < i < len(text) - 1 and _word_char(text[i - 1]) and _word_char(text[i + 1])
            out.append(ch if inner or i in literal else _LOOKALIKE[ch])
        else:
            out.append(ch)
    return "".join(out)


def _lone_markers(segments: list[str]) -> frozenset[str]:
    """The markers with exactly one isolated run across ``segments``: nothing to pair with, kept literal."""
    counts: dict[str, int] = {}
    for segment in segments:
        for run in _isolated_runs(segment):
            counts[segment[run.start]] = counts.get(segment[run.start], 0) + 1
    return frozenset(marker for marker, n in counts.items() if n == 1)


def _prose(text: str, keep: frozenset[str] = frozenset()) -> str:
    return _BROADCAST.sub("@" + _ZWSP, _defuse_markers(entities(text), keep))


def inline(text: object) -> str:
    """Untrusted text on one line, inert in mrkdwn; balanced code spans are kept as code."""
    text = _WS.sub(" ", strip_invisible(text)).strip()
    spans = list(_CODE_SPAN.finditer(text))
    bounds = [0] + [i for m in spans for i in (m.start(), m.end())] + [len(text)]
    prose = [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]
    keep = _lone_markers(prose)
    out = []
    for n, segment in enumerate(prose):
        out.append(_prose(segment, keep))
        if n < len(spans):
            out.append("`" + entities(spans[n].group(1)) + "`")
    return defang_links("".join(out))


def plain(text: object) -> str:
    """Untrusted text for a plain_text object (header): one line, no escaping needed."""
    return _WS.sub(" ", strip_invisible(text)).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the cut shown with an ellipsis."""
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def link(url: str | None, label: str) -> str:
    """A mrkdwn link to our own ``url`` with our own ``label`` (``|`` and ``>`` in the URL escaped)."""
    if not url:
        return label
    safe = entities(url).replace("|", "%7C")
    return f"<{safe}|{label}>"


# --- our Markdown to mrkdwn ----------------------------------------------------------------------
_FENCE_LINE = re.compile(r"^\s*```")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_STRIKE = re.compile(r"~~(.+?)~~")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def _convert_line(line: str) -> str:
    heading = _HEADING.match(line)
    if heading:
        line = f"**{heading.group(1).strip()}**"
    line = _BULLET.sub(lambda m: m.group(1) + "• ", line)
    parts = re.split(r"(`[^`\n]+`)", line)
    for i in range(0, len(parts), 2):  # code spans (odd indexes) stay as they are
        part = _LINK.sub(lambda m: f"<{m.group(2).replace('|', '%7C')}|{m.group(1)}>", parts[i])
        part = _BOLD.sub(lambda m: "*" + (m.group(1) or m.group(2)) + "*", part)
        parts[i] = _STRIKE.sub(r"~\1~", part)
    return "".join(parts)


def markdown_to_mrkdwn(text: str) -> str:
    """Our Markdown (headings, **bold**, lists, [links](url), code) as Slack mrkdwn.

    ``&``, ``<``, ``>`` are escaped first, so any untrusted part of ``text`` cannot ping.
    """
    out, in_fence = [], False
    for line in entities(text).splitlines():
        if _FENCE_LINE.match(line):
            in_fence = not in_fence
            out.append("```")
            continue
        out.append(line if in_fence else _convert_line(line))
    return "\n".join(out)


# --- splitting -------------------------------------------------------------------------------------
_TOKEN = re.compile(r"`[^`\n]*`|&(?:amp|lt|gt);|\s+|[^\s`&]+|.")
_CHAR = re.compile(r"&(?:amp|lt|gt);|.", re.DOTALL)


def _hard_pieces(token: str, limit: int) -> list[str]:
    """A token longer than ``limit`` cut into pieces, never inside an entity; code spans re-opened."""
    code = token.startswith("`") and token.endswith("`") and len(token) >= 2
    body, room = (token[1:-1], limit - 2) if code else (token, limit)
    pieces, cur = [], ""
    for unit in _CHAR.findall(body):
        if len(cur) + len(unit) > room:
            pieces.append(cur)
            cur = ""
        cur += unit
    if cur:
        pieces.append(cur)
    return [f"`{p}`" for p in pieces] if code else pieces


def _split_line(line: str, limit: int) -> list[str]:
    parts, cur = [], ""
    for token in _TOKEN.findall(line):
        pieces = [token] if len(token) <= limit else _hard_pieces(token, limit)
        for piece in pieces:
            if cur and len(cur) + len(piece) > limit:
                parts.append(cur.rstrip())
                cur = piece.lstrip()
            else:
                cur += piece
    if cur.strip():
        parts.append(cur.rstrip())
    return parts or [""]


def split_mrkdwn(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """``text`` in chunks of at most ``limit`` characters, cut at lines, then words; nothing dropped.

    A code block (```) cut in two is closed at the end of one chunk and re-opened in the next.
    """
    room = limit - 4  # space to close a code block
    chunks: list[str] = []
    cur: list[str] = []
    size, in_fence = 0, False

    def flush() -> None:
        nonlocal cur, size
        if cur:
            chunks.append("\n".join(cur) + ("\n```" if in_fence else ""))
        cur, size = (["```"], 3) if in_fence else ([], 0)

    for line in text.split("\n"):
        for piece in _split_line(line, room - 4) if len(line) > room - 4 else [line]:
            added = len(piece) + (1 if cur else 0)
            if cur and size + added > room:
                flush()
                added = len(piece) + (1 if cur else 0)
            cur.append(piece)
            size += added
        if _FENCE_LINE.match(line):
            in_fence = not in_fence
    if cur and any(part.strip() for part in cur):
        chunks.append("\n".join(cur))
    return chunks or [""]
