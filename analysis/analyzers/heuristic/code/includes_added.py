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
    return lines_added_only(files, _C_FILES, _INCLUDE)


def lines_added_only(files: Iterable[FileChange], suffixes: tuple[str, ...], line: re.Pattern[str]) -> bool:
    """Every file ends with one of ``suffixes`` and its hunks only add lines matching ``line`` (blank lines aside),
    removing nothing."""
    files = list(files)
    if not files:
        return False
    for f in files:
        if not f.path.lower().endswith(suffixes):
            return False
        removed, added = changed_lines(f.patch)
        added = [text for text in added if text]
        if any(removed) or not added or not all(line.match(text) for text in added):
            return False
    return True
