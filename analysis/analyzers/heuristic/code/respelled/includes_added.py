"""C and C++ files that only gain ``#include`` lines: a missing declaration brought in, the same code compiled."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_C_FILES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx")
_INCLUDE = re.compile(r"^#\s*include\s*[<\"][^>\"]+[>\"]\s*(?://.*)?$")


def lines_added(files: Iterable[FileChange], suffixes: tuple[str, ...] = _C_FILES) -> list[list[str]] | None:
    """The non-blank lines each file's hunks add, when every file ends with one of ``suffixes`` (C or C++ by
    default) and no hunk removes a line (None otherwise, or when there are no files)."""
    out = []
    for f in files:
        if not f.path.lower().endswith(suffixes):
            return None
        removed, added = changed_lines(f.patch)
        if any(removed):
            return None
        out.append([text for text in added if text])
    return out or None


def includes_added_only(files: Iterable[FileChange]) -> bool:
    """Every file is C or C++ and its hunks add ``#include`` lines (blank lines aside) and remove nothing: a header
    that was missing included, so the code builds everywhere; no statement, declaration or macro changes."""
    return lines_added_only(files, _C_FILES, _INCLUDE)


def lines_added_only(files: Iterable[FileChange], suffixes: tuple[str, ...], line: re.Pattern[str]) -> bool:
    """Every file ends with one of ``suffixes`` and its hunks only add lines matching ``line`` (blank lines aside),
    removing nothing."""
    added = lines_added(files, suffixes)
    return added is not None and all(lines and all(line.match(text) for text in lines) for lines in added)


#: a preprocessor conditional's opening, alternative or end (``#ifdef HAVE_CONFIG_H``, ``#endif``)
_CONDITIONAL = re.compile(r"^#\s*(if|ifdef|ifndef|elif|else|endif)\b")


def includes_guarded_only(files: Iterable[FileChange]) -> bool:
    """Every file is C or C++ and its hunks only add ``#include`` lines and preprocessor conditionals that enclose
    nothing but ``#include`` lines (``#ifdef HAVE_CONFIG_H`` around the configure-generated header), removing
    nothing, and at least one such conditional: which headers a build pulls in, the code compiled the same."""
    if lines_added(files) is None:
        return False
    guarded = False
    for f in files:
        inside = False
        for line in (f.patch or "").splitlines():
            if line.startswith(("@@", "+++", "---")):
                inside = False
                continue
            text = line[1:].strip()
            if line.startswith("+") and _CONDITIONAL.match(text):
                guarded = True
                inside = not re.match(r"^#\s*endif\b", text)
            elif line.startswith("+") and text and not _INCLUDE.match(text):
                return False
            elif inside and text and not _INCLUDE.match(text):
                return False
    return guarded
