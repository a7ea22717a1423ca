"""Whole members of a class moved to another place in it ("Sort members"): the same declarations, in another order."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from analysis.models import FileChange

#: languages whose members are declared in braces and whose order in a class or file does not matter to the compiler
_BRACED = (".java", ".kt", ".cs", ".scala", ".swift", ".go", ".ts", ".tsx")
#: a comment's line (a doc comment's ``/**``, `` * ...``, ``*/``, ``//``)
_COMMENT = re.compile(r"^(//|/\*|\*)")
#: a line that opens a declaration: an annotation, or a modifier or keyword that begins one
_DECLARES = re.compile(r"^(@\w+|(public|protected|private|internal|static|final|synchronized|abstract|override|"
                       r"open|default|fun|func|val|var|const|void|class|interface|enum|record|export|async|"
                       r"function|type)\b)")


def _code(line: str) -> bool:
    return bool(line.strip()) and not _COMMENT.match(line.strip())


def _runs(patch: str, sign: str) -> list[list[str]]:
    """The runs of consecutive ``sign`` lines (``-`` or ``+``) of a patch, without their sign (the other side's lines
    do not break a run)."""
    runs: list[list[str]] = []
    current: list[str] = []
    other = "+" if sign == "-" else "-"
    for raw in patch.splitlines():
        if raw.startswith(sign) and not raw.startswith(sign * 3):
            current.append(raw[1:])
        elif raw.startswith(other) and not raw.startswith(other * 3):
            continue
        elif current:
            runs.append(current)
            current = []
    return runs + ([current] if current else [])


def _whole_members(run: list[str]) -> bool:
    """A run's code opens with a declaration and ends with the brace that closes it, at the same indentation."""
    code = [ln for ln in run if _code(ln)]
    if not code:
        return True  # comments or blank lines only: re-flowed beside the move
    first, last = code[0], code[-1]
    indent = len(first) - len(first.lstrip())
    return bool(_DECLARES.match(first.strip())) and last.strip() == "}" and len(last) - len(last.lstrip()) == indent


def members_moved_only(files: Iterable[FileChange]) -> bool:
    """Every file is of a braced language and its code lines removed come back added, the same lines (comments and
    blank lines aside: a doc comment re-flowed on the way), each removed or added run of code a whole member
    (a method from its annotation to its closing brace): members sorted or moved, no statement reordered."""
    files = list(files)
    if not files:
        return False
    for f in files:
        if not f.path.lower().endswith(_BRACED) or not f.patch:
            return False
        removed = [ln.strip() for run in _runs(f.patch, "-") for ln in run if _code(ln)]
        added = [ln.strip() for run in _runs(f.patch, "+") for ln in run if _code(ln)]
        if not removed or Counter(removed) != Counter(added):
            return False
        if not all(_whole_members(run) for sign in "-+" for run in _runs(f.patch, sign)):
            return False
    return True
