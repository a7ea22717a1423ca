"""C and C++ enumerators inserted mid-enum in a header: every implicit value after them shifts by one."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.perf import HEADERS as _HEADERS  # C/C++ header suffixes, one list
from analysis.models import FileChange

_HUNK = re.compile(r"^@@ [^@]* @@(?P<heading>.*)$")
#: a bare enumerator, its value implicit: ``ImGuiCol_CheckMark,  // comment``
_ENUMERATOR = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*(?P<comma>,?)\s*(//.*|/\*.*)?$")
_ENUM_OPEN = re.compile(r"\benum\b")
#: the count or bound an enum ends with (``ImGuiCol_COUNT``, ``FOO_LAST``): its value moving is what appending does
_SENTINEL = re.compile(r"(^|_)(COUNT|LAST|MAX|END|NUM|SIZE|SENTINEL)(_|$)|^NUM_|Count$", re.I)


def _hunks(patch: str) -> Iterable[tuple[str, list[str]]]:
    heading, lines = "", []
    for line in patch.splitlines():
        match = _HUNK.match(line)
        if match:
            if lines:
                yield heading, lines
            heading, lines = match.group("heading"), []
        elif line[:1] in (" ", "+", "-"):
            lines.append(line)
    if lines:
        yield heading, lines


def _in_enum(heading: str, before: list[str]) -> bool:
    """The hunk sits in an enum: its heading names one, or a context line above opens one."""
    return bool(_ENUM_OPEN.search(heading)) or any(_ENUM_OPEN.search(line) for line in before)


def shifted_enumerators(files: Iterable[FileChange]) -> list[str]:
    """Enumerators a header inserts before unchanged ones of the same enum, none with an explicit value: the
    enumerators after them (not only a trailing count) take other values, so code compiled against the old header
    (a binding, a saved setting, another library) reads one as another."""
    found: list[str] = []
    for f in files:
        if not f.path.endswith(_HEADERS) or not f.patch:
            continue
        for heading, lines in _hunks(f.patch):
            for i, line in enumerate(lines):
                match = _ENUMERATOR.match(line[1:]) if line.startswith("+") else None
                if not match or not match.group("comma") or "=" in line or not _in_enum(heading, lines[:i]):
                    continue
                after = [ln[1:] for ln in lines[i + 1:] if ln.startswith(" ") and ln[1:].strip()]
                later = _ENUMERATOR.match(after[0]) if after else None
                if later and not _SENTINEL.search(later.group("name")):
                    found.append(match.group("name"))
    return list(dict.fromkeys(found))
