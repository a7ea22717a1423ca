"""Python statements indented into or out of a block: the same lines, run under other conditions (the brace
languages' twin is ``rescoped``).

In Python the indentation is the block: ``teardown.close()`` dedented out of an ``else:`` runs in both branches now,
though each line reads as before. A hunk whose code is the same once spacing is dropped, line for line, but whose
lines stand at other block levels changes behaviour; a uniform re-indent (tabs to spaces, two to four) keeps every
line's level and a formatter's re-wrapping changes the lines themselves, so neither is read so.
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import FileChange

_PYTHON = (".py", ".pyi", ".pyw")


def _levels(lines: list[str]) -> list[tuple[int, str]]:
    """(block level, code without spacing) of each code line (comments and blank lines left out); the level is the
    rank of the line's indentation among the hunk's, so a uniform re-indent keeps it."""
    code = [(len(ln) - len(ln.lstrip()), "".join(ln.split())) for ln in lines
            if ln.strip() and not ln.lstrip().startswith("#")]
    widths = sorted({width for width, _ in code})
    return [(widths.index(width), text) for width, text in code]


def blocks_moved(files: Iterable[FileChange]) -> list[str]:
    """The Python files one of whose hunks keeps its code line for line but moves lines to another block level."""
    out = []
    for f in files:
        if not f.path.endswith(_PYTHON) or not f.patch:
            continue
        for hunk in parse_patch(f.path, f.patch).hunks:
            before = _levels([ln.text for ln in hunk.lines if ln.kind != "+"])
            after = _levels([ln.text for ln in hunk.lines if ln.kind != "-"])
            if before != after and [t for _, t in before] == [t for _, t in after]:
                out.append(f.path)
                break
    return out
