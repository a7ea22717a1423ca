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


def _opens_inside(lines: list[str]) -> bool:
    """A hunk side whose first block delimiter is a closing ``*/``: the hunk starts inside a comment it does not show
    opening (a JSDoc block's example lines above its ``*/``)."""
    for line in lines:
        masked = STRING.sub("", line)
        opened, closed = masked.find("/*"), masked.find("*/")
        if closed >= 0 and (opened < 0 or closed < opened):
            return True
        if opened >= 0:
            return False
    return False


def commented_lines(lines: list[tuple[str, str]]) -> set[int]:
    """Indices of a hunk's ``(kind, text)`` lines (kind ``+``, ``-`` or `` ``) that sit wholly inside ``/* .. */``
    blocks, each side read with its context lines (a block opened above the hunk found by its closing ``*/``)."""
    commented: set[int] = set()
    for dropped in ("+", "-"):
        side = [(i, text) for i, (kind, text) in enumerate(lines) if kind != dropped]
        inside = _opens_inside([text for _, text in side])
        for i, text in side:
            was_inside = inside
            inside, outside = block_comment(text, inside)
            if (was_inside or text.lstrip().startswith("/*")) and not outside.strip():
                commented.add(i)
    return commented


def without_block_comments(patch: str | None) -> str:
    """``patch`` without its changed lines that sit wholly inside ``/* .. */`` blocks, each side read with its
    context lines (a block opened above a hunk found by its closing ``*/``): the code lines, as a unified diff."""
    out: list[str] = []
    hunk: list[str] = []

    def flush() -> None:
        commented = {i for i in commented_lines([(raw[:1], raw[1:]) for raw in hunk]) if hunk[i][:1] in "+-"}
        out.extend(raw for i, raw in enumerate(hunk) if i not in commented)
        hunk.clear()

    for raw in (patch or "").splitlines():
        if raw.startswith(("@@", "+++", "---", "diff ", "index ")):
            flush()
            out.append(raw)
        else:
            hunk.append(raw)
    flush()
    return "\n".join(out)
