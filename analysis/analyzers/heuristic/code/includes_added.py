"""C and C++ files that only gain ``#include`` lines: a missing declaration brought in, the same code compiled."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_C_FILES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx")
_INCLUDE = re.compile(r"^#\s*include\s*[<\"][^>\"]+[>\"]\s*(?://.*)?$")


def c_lines_added(files: Iterable[FileChange]) -> list[list[str]] | None:
    """The non-blank lines each file's hunks add, when every file is C or C++ and no hunk removes a line (None
    otherwise, or when there are no files)."""
    out = []
    for f in files:
        if not f.path.lower().endswith(_C_FILES):
            return None
        removed, added = changed_lines(f.patch)
        if any(removed):
            return None
        out.append([line for line in added if line])
    return out or None


def includes_added_only(files: Iterable[FileChange]) -> bool:
    """Every file is C or C++ and its hunks add ``#include`` lines (blank lines aside) and remove nothing: a header
    that was missing included, so the code builds everywhere; no statement, declaration or macro changes."""
    added = c_lines_added(files)
    return added is not None and all(lines and all(_INCLUDE.match(line) for line in lines) for lines in added)
