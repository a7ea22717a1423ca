"""Chinese typesetting of assembled sentences: spaces only between CJK and Latin text, English quotes joined cleanly."""

from __future__ import annotations

import re

from analysis.renderers.inert_text import CODE_SPAN_GROUP

#: CJK ideographs (a space between two of them is never right)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: full-width punctuation: CJK symbols (、。「」), full-width forms (（）：；，！？) and Chinese quotes
_PUNCT = "\u3000-\u303f\uff00-\uffef\u201c\u201d"
_FULL_WIDTH = "\u3000-\u303f\uff00-\uffef"
_QUOTES = "\u201c\u201d"  # curly quotes: full-width in Chinese text, ordinary ones in quoted English
_SPACES = re.compile(rf"(?<=[{_FULL_WIDTH}])[ \t]+|[ \t]+(?=[{_FULL_WIDTH}])|(?<=[{_CJK}])[ \t]+(?=[{_CJK}{_QUOTES}])"
                     rf"|(?<=[{_QUOTES}])[ \t]+(?=[{_CJK}])")
_CODE_SPAN = CODE_SPAN_GROUP
_HAS_CJK = re.compile(rf"[{_CJK}{_PUNCT}]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: an English sentence's end, and the full-width stop that takes its place before Chinese text
_ASCII_STOPS = {".": "。", "!": "！", "?": "？", ";": "；", ":": "："}
_WIDE_STOPS = tuple("。！？；：")


def tidy_spacing(text: str) -> str:
    """``text`` without the spaces next to full-width punctuation or between two CJK characters; code spans kept."""
    parts = _CODE_SPAN.split(text)
    return "".join(part if n % 2 else _SPACES.sub("", part) for n, part in enumerate(parts))


def is_english(text: str) -> bool:
    """Quoted English prose (a commit message's sentence): no CJK, and words outside its code spans."""
    prose = _CODE_SPAN.sub("", text)
    return not _HAS_CJK.search(prose) and bool(_LATIN_WORD.search(prose))


def join_sentences(parts: list[str]) -> str:
    """Sentences run together the Chinese way; English ones quoted from a message keep ``. `` between them.

    A part ending without a stop gets ``。``; an English stop before a Chinese part becomes its full-width
    form (``uninstalled).修改`` reads ``uninstalled)。修改``), never doubled.
    """
    parts = [part.strip() for part in parts if part.strip()]
    out = []
    for n, part in enumerate(parts):
        if n == len(parts) - 1 or part.endswith(_WIDE_STOPS):
            out.append(part)
        elif is_english(part) and is_english(parts[n + 1]):
            out.append(part + (" " if part[-1] in _ASCII_STOPS else ". "))
        elif part[-1] in _ASCII_STOPS:
            out.append(part[:-1] + _ASCII_STOPS[part[-1]])
        else:
            out.append(part + "。")
    return "".join(out)
