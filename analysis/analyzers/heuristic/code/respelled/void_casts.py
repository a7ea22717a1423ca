"""C and C++ files that only gain ``(void)name;`` statements: an unused variable or parameter marked as used."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.perf import CPP_SOURCES, HEADERS
from analysis.analyzers.heuristic.code.respelled.includes_added import lines_added_only
from analysis.models import FileChange

#: ``(void)s;``, ``(void) unused_arg;  // for NDEBUG``, ``static_cast<void>(x);``: the value is discarded
_VOID_CAST = re.compile(r"^(\(\s*void\s*\)\s*|static_cast<\s*void\s*>\s*)\(?\s*[A-Za-z_]\w*\s*\)?\s*;\s*"
                        r"(//.*|/\*.*\*/)?$")


def void_casts_only(files: Iterable[FileChange]) -> bool:
    """Every file is C or C++ and its hunks only add ``(void)name;`` lines (blank lines aside), removing nothing: a
    name the compiler warned was unused (a parameter read only by an ``assert`` compiled out under ``NDEBUG``) is
    marked used. The statement evaluates nothing: the same code runs."""
    return lines_added_only(files, CPP_SOURCES + HEADERS, _VOID_CAST)
