"""C and C++ ``static`` variables made automatic or dropped: one buffer or cache every call (and thread) shared, now
each call's own or gone."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_C_FILES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx")
#: an indented (function-local) variable declared ``static``: ``static char sbuf[21];``, ``static int n = 0;``;
#: not a function's declaration (a ``(`` before any ``=``)
_STATIC_LOCAL = re.compile(r"^(?P<indent>\s+)static\s+(?P<rest>(?!const\b)[^(=;]+(=[^;]*)?;.*)$")
#: a file-scope variable declared ``static`` and not ``const``: ``static char dos_initialised = 0;``,
#: ``static int64_t dos_max_unix;`` (its name last before the size, initialiser or ``;``); not a function's declaration
_STATIC_GLOBAL = re.compile(r"^static\s+(?!const\b)[\w\s*]*?\b(?P<name>\w+)\s*(\[[^\]]*\])?\s*(=[^;(]*)?;")


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


def shared_statics_dropped(files: Iterable[FileChange]) -> bool:
    """A C or C++ source removes a file-scope ``static`` variable (not ``const``) with the lines that read or set it,
    and no added line names it: state every caller and thread shared (a cache initialised on first use) is gone,
    each call computing its own. A variable nothing used, removed alone, is left out: that is dead code."""
    for f in files:
        if not f.path.lower().endswith(_C_FILES):
            continue
        removed, added = changed_lines(f.patch, strip=False)
        names = {m.group("name") for line in removed if (m := _STATIC_GLOBAL.match(line))}
        for name in names:
            word = re.compile(rf"\b{re.escape(name)}\b")
            used = any(word.search(line) and not _STATIC_GLOBAL.match(line) for line in removed)
            if used and not any(word.search(line) for line in added):
                return True
    return False
