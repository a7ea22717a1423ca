"""``/* .. */`` block comments followed line by line through a hunk: a line inside a block the hunk shows opening
(a licence header's ``Copyright 2019 The Authors.``) is comment, not code; ``"/*"`` inside a string opens none."""

from __future__ import annotations

import re

#: a string literal (double, single or back quotes), its delimiters searched for outside it only
STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|`[^`]*`")


def block_comment(line: str, inside: bool) -> tuple[bool, str]:
    """Whether a ``/* .. */`` block is open after ``line`` (``inside``: open before it), and the line's text outside
    block comments, strings kept as written."""
    masked = STRING.sub(lambda m: m.group(0)[0] + "_" * (len(m.group(0)) - 2) + m.group(0)[-1], line)
    start = 0
    if inside:
        end = masked.find("*/")
        if end < 0:
            return True, ""
        start = end + 2
    code = ""
    while True:
        opened = masked.find("/*", start)
        if opened < 0:
            return False, code + line[start:]
        code += line[start:opened]
        closed = masked.find("*/", opened + 2)
        if closed < 0:
            return True, code
        start = closed + 2
