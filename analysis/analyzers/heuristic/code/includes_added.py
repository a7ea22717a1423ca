"""C and C++ files that only gain ``#include`` lines: a missing declaration brought in, the same code compiled."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_C_FILES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx")
_INCLUDE = re.compile(r"^#\s*include\s*[<\"][^>\"]+[>\"]\s*(?://.*)?$")


def includes_added_only(files: Iterable[FileChange]) -> bool:
    """Every file is C or C++ and its hunks add ``#include`` lines (blank lines aside) and remove nothing: a header
    that was missing included, so the code builds everywhere; no statement, declaration or macro changes."""
    files = list(files)
    if not files:
        return False
    for f in files:
        if not f.path.lower().endswith(_C_FILES):
            return False
        removed, added = changed_lines(f.patch)
        added = [line for line in added if line]
        if any(removed) or not added or not all(_INCLUDE.match(line) for line in added):
            return False
    return True
