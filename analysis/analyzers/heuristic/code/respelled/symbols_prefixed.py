"""C headers that only gain macros mapping a name onto the same name with a prefix (``#define fill _lib_fill``): a
library namespacing its symbols for the linker; every caller's source stays the same, so does what runs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.respelled.includes_added import lines_added
from analysis.models import FileChange

_HEADERS = (".h", ".hh", ".hpp", ".hxx")
_PREFIXING = re.compile(r"^#\s*define\s+(?P<name>[A-Za-z_]\w*)\s+(?P<target>[A-Za-z_]\w*)\s*(?://.*|/\*.*\*/)?$")


def symbols_prefixed_only(files: Iterable[FileChange]) -> bool:
    """Every file is a C/C++ header whose hunks only add ``#define name prefix_name`` lines (blank lines aside, no
    line removed): each name is re-spelt for the linker under the library's prefix, no declaration or statement
    changes."""
    added = lines_added(files, _HEADERS)
    if not added:
        return False
    for lines in added:
        if not lines:
            return False
        for text in lines:
            m = _PREFIXING.match(text)
            if not m or m.group("target") == m.group("name") or not m.group("target").endswith(m.group("name")):
                return False
    return True
