"""C and C++ macros redefined in headers: a macro expands in the code that includes the header, users' code too."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.perf import HEADERS as _HEADERS  # C/C++ header suffixes, one list
from analysis.models import FileChange

_DEFINE = re.compile(r"^\s*#\s*define\s+(?P<name>\w+)(?P<params>\([^)]*\))?(?P<body>.*)$")
#: an include guard or a version number: defined once, not expanded in code
_NOT_EXPANDED = re.compile(r"(_H|_HPP|_HXX|_INCLUDED|_GUARD)_*$|VERSION")


def _logical(lines: list[str]) -> list[str]:
    """Lines with their backslash continuations joined: one line per macro definition."""
    out: list[str] = []
    carry = ""
    for line in lines:
        if line.rstrip().endswith("\\"):
            carry += line.rstrip()[:-1] + " "
        else:
            out.append(carry + line)
            carry = ""
    return out + ([carry] if carry else [])


def _defines(lines: list[str]) -> dict[str, str]:
    """Each macro defined on these lines, with its parameters and expansion less all whitespace (a formatter's
    re-spacing or re-wrapping is not a redefinition)."""
    return {m.group("name"): "".join(f"{m.group('params') or ''}{m.group('body')}".split())
            for ln in _logical(lines) if (m := _DEFINE.match(ln))}


def _side(patch: str, dropped: str) -> list[str]:
    """The lines one side of the patch shows (kept lines and its own), hunk by hunk."""
    return [ln[1:] for ln in patch.splitlines() if ln[:1] in (" ", "+", "-") and ln[:1] != dropped
            and not ln.startswith(("+++", "---"))]


def macros_redefined(files: Iterable[FileChange]) -> list[str]:
    """Macros of product headers that the hunks define anew with another expansion, continuation lines included."""
    out: list[str] = []
    for f in files:
        if not f.path.lower().endswith(_HEADERS) or not f.patch:
            continue
        old, new = _defines(_side(f.patch, "+")), _defines(_side(f.patch, "-"))
        out += [name for name, body in new.items() if name in old and old[name] != body
                and not _NOT_EXPANDED.search(name)]
    return out
