"""C and C++ function-local ``static`` variables made automatic: one buffer every call (and thread) shared, now each
call's own."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_C_FILES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx")
#: an indented (function-local) variable declared ``static``: ``static char sbuf[21];``, ``static int n = 0;``;
#: not a function's declaration (a ``(`` before any ``=``)
_STATIC_LOCAL = re.compile(r"^(?P<indent>\s+)static\s+(?P<rest>(?!const\b)[^(=;]+(=[^;]*)?;.*)$")


def static_locals_dropped(files: Iterable[FileChange]) -> bool:
    """A C or C++ file's removed line declares an indented variable ``static`` and an added line declares it the same
    without: a buffer or counter that lived across calls, shared by every thread calling the function, becomes each
    call's own (a data race mended, or state the function kept between calls dropped). ``static const`` tables are
    left out: read-only, sharing them is harmless."""
    for f in files:
        if not f.path.lower().endswith(_C_FILES):
            continue
        removed, added = changed_lines(f.patch, strip=False)
        now = set(added)
        for line in removed:
            m = _STATIC_LOCAL.match(line)
            if m and f"{m.group('indent')}{m.group('rest')}" in now:
                return True
    return False
