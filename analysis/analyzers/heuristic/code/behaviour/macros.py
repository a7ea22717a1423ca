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


#: C and C++ sources and headers, where ``#define`` is the preprocessor's
_C_FAMILY = (".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx", ".inl", ".ipp")


def macros_changed(files: Iterable[FileChange]) -> list[str]:
    """Macros of C and C++ files that the hunks define anew or with another expansion (a formatter's re-wrapping
    is no change): what a change of macros and tables alone changes, by name."""
    out: list[str] = []
    for f in files:
        if not f.path.lower().endswith(_C_FAMILY) or not f.patch:
            continue
        old, new = _defines(_side(f.patch, "+")), _defines(_side(f.patch, "-"))
        out += [name for name, body in new.items() if old.get(name) != body and not _NOT_EXPANDED.search(name)]
    return list(dict.fromkeys(out))


_GUARD = re.compile(r"^\s*#\s*(ifndef\s+(?P<a>\w+)|if\s+!\s*defined\s*\(?\s*(?P<b>\w+)\s*\)?)\s*$")
_ENDIF = re.compile(r"^\s*#\s*endif\b")


def macros_guarded(files: Iterable[FileChange]) -> list[str]:
    """Macros of product headers now defined only when not defined already (``#ifndef X`` / ``#if !defined(X)``
    around the same ``#define X``), and nothing else changed: a compiler's redefinition warning silenced, the same
    expansion wherever it applied."""
    out: list[str] = []
    for f in files:
        if not f.path.lower().endswith(_HEADERS) or not f.patch:
            return []
        added = [ln[1:] for ln in f.patch.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
        removed = [ln[1:] for ln in f.patch.splitlines() if ln.startswith("-") and not ln.startswith("---")]
        guarded = {m.group("a") or m.group("b") for ln in added if (m := _GUARD.match(ln))}
        old, new = _defines(removed), _defines(added)
        rest = [ln for ln in added if not (_GUARD.match(ln) or _ENDIF.match(ln) or _DEFINE.match(ln)) and ln.strip()]
        if not guarded or rest or set(old) != guarded or any(new.get(name) != body for name, body in old.items()):
            return []
        out += sorted(guarded)
    return out


_TOKEN = re.compile(r'^"?[\w.+\-]{1,40}"?$')


def macro_values(files: Iterable[FileChange]) -> dict[str, tuple[str, str]]:
    """The old and new expansion of each redefined macro whose expansions are one number or one short word or string
    (a version, a build number): what the redefinition is, not only that there is one."""
    out: dict[str, tuple[str, str]] = {}
    for f in files:
        if not f.path.lower().endswith(_HEADERS) or not f.patch:
            continue
        old, new = _defines(_side(f.patch, "+")), _defines(_side(f.patch, "-"))
        for name, body in new.items():
            if name in old and old[name] != body and _TOKEN.match(old[name]) and _TOKEN.match(body):
                out.setdefault(name, (old[name], body))
    return out
