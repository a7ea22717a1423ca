"""A CMake build's options taken away: ``option(NAME "..." OFF)`` removed and not declared again, so builders' ``-DNAME=``
settings stop applying."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_CMAKE = re.compile(r"(^|/)(CMakeLists\.txt|[^/]+\.cmake)$", re.IGNORECASE)
#: an option declared: ``option(EXPAT_UNICODE "Use UTF-16 ..." OFF)``, ``cmake_dependent_option(NAME ...)``
_OPTION = re.compile(r"^\s*(?:cmake_dependent_)?option\s*\(\s*(\w+)\b", re.IGNORECASE)


def _declared(lines: Iterable[str]) -> set[str]:
    return {m.group(1) for line in lines if (m := _OPTION.match(line))}


def cmake_options_removed(files: Iterable[FileChange]) -> list[str]:
    """The options a CMake file stops declaring (removed lines' ``option(NAME`` with no added line declaring NAME in
    any of the commit's CMake files), the files deleted whole aside (a build moved elsewhere declares them there)."""
    removed: set[str] = set()
    added: set[str] = set()
    for f in files:
        if not _CMAKE.search(f.path) or f.status == "removed":
            continue
        old, new = changed_lines(f.patch)
        removed |= _declared(old)
        added |= _declared(new)
    return sorted(removed - added)
