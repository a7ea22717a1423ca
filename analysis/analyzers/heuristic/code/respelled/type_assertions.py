"""TypeScript files that only gain or drop type assertions (``(e as Error).message`` for ``e.message``): the compiler
erases them, the JavaScript it emits is the same."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines, code_tokens, hunk_blocks
from analysis.models import FileChange

_TS_EXTS = (".ts", ".tsx", ".mts", ".cts")
#: ``x as Error``, ``y as unknown as T[]``, ``z as Map<string, T>``, ``v as const``: an assertion after a value
_ASSERTION = re.compile(r"(?<=[\w$)\]])\s+as\s+(?:const\b|[A-Za-z_$][\w$.]*(?:<[^<>;=]*>)?(?:\[\])*)")
#: a value alone in parentheses that are not a call's: ``(e)`` once ``(e as Error)`` lost its assertion
_WRAPPED = re.compile(r"(?<![\w$)\]])\(\s*([\w$.]+)\s*\)")
#: import and export lines, whose ``as`` renames
_MODULE_LINE = re.compile(r"^\s*(import|export)\b")


def _erased(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if not _MODULE_LINE.match(line):
            prev = None
            while prev != line:
                prev, line = line, _WRAPPED.sub(r"\1", _ASSERTION.sub("", line))
        out.append(line)
    return out


def _assertions_only(f: FileChange) -> bool | None:
    """None when the file is not TypeScript or a hunk's code differs beyond assertions; else whether some assertion
    was added or dropped (False: the code was only laid out anew)."""
    if not f.path.lower().endswith(_TS_EXTS) or not f.patch:
        return None
    differs = False
    for block in hunk_blocks(f.patch):
        removed, added = changed_lines(block)
        plain_old, plain_new = code_tokens(removed, f.path), code_tokens(added, f.path)
        old, new = code_tokens(_erased(removed), f.path), code_tokens(_erased(added), f.path)
        if old is None or old != new:
            return None
        differs = differs or plain_old != plain_new
    return differs


def type_assertions_only(files: Iterable[FileChange]) -> bool:
    """Every file is TypeScript whose hunks hold the same code tokens in the same order once type assertions are
    erased, and some file adds or drops one (a caught ``unknown`` error read as ``(e as Error).message`` for a newer
    compiler): the emitted JavaScript runs as before."""
    seen = [_assertions_only(f) for f in files]
    return bool(seen) and None not in seen and any(seen)
