"""Chinese typesetting of assembled sentences: spaces only between CJK and Latin text."""

from __future__ import annotations

import re

#: CJK ideographs (a space between two of them is never right)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: full-width punctuation: CJK symbols (、。「」), full-width forms (（）：；，！？) and Chinese quotes
_PUNCT = "\u3000-\u303f\uff00-\uffef\u201c\u201d"
_SPACES = re.compile(rf"(?<=[{_PUNCT}])[ \t]+|[ \t]+(?=[{_PUNCT}])|(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_CODE_SPAN = re.compile(r"(`[^`\n]*`)")


def tidy_spacing(text: str) -> str:
    """``text`` without the spaces next to full-width punctuation or between two CJK characters; code spans kept."""
    parts = _CODE_SPAN.split(text)
    return "".join(part if n % 2 else _SPACES.sub("", part) for n, part in enumerate(parts))

