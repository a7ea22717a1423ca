"""TypeScript files that only gain or drop type annotations (``(state, line)`` typed ``(state: StateBlock, line:
number): boolean``, ``import type``, a ``type``/``interface`` declared, ``Ruler`` made ``Ruler<Args>``): the compiler
erases every one of them, the JavaScript it emits is the same. A codebase moved from JavaScript to TypeScript pass by
pass is mostly this."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from analysis.analyzers.heuristic.code.hunks import changed_lines, code_tokens, hunk_blocks
from analysis.models import FileChange

_TS_EXTS = (".ts", ".tsx", ".mts", ".cts")
#: lines the compiler drops whole: a type-only import or re-export
_TYPE_IMPORT = re.compile(r"^\s*(?:import|export)\s+type\b")
#: a type alias or interface declared (exported or not): erased with every line up to its end
_TYPE_DECL = re.compile(r"^\s*(?:export\s+)?(?:declare\s+)?(?:type\s+[A-Za-z_$][\w$]*\b(?:<[^=]*>)?\s*=|interface\s)")
#: tokens a type is written with: names, literals, ``|``, ``&``, ``[]``, ``<>``, ``=>``, ``keyof``, ``...``
_TYPE_TOKEN = re.compile(r"^(?:[A-Za-z_$][\w$]*|\d+|'[^']*'|\"[^\"]*\"|[|&\[\]<>(),.?:{};=]|=>|\.\.\.)$")


def _declarations_dropped(lines: list[str]) -> list[str]:
    """The lines without type-only imports and without type alias or interface declarations (to their end)."""
    out, depth, inside = [], 0, False
    for line in lines:
        if not inside and _TYPE_IMPORT.match(line):
            continue
        if not inside and _TYPE_DECL.match(line):
            inside, depth = True, 0
        if inside:
            depth += line.count("{") + line.count("(") + line.count("[") - line.count("}") - line.count(")") \
                - line.count("]")
            if depth <= 0 and not line.rstrip().endswith(("=", "|", "&", ",", "{", "(", "[", "<")):
                inside = False
            continue
        out.append(line)
    return out


_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")


def _type_run(new: list[str], j1: int, j2: int) -> bool:
    """``new[j1:j2]``, inserted, is a run the compiler erases: an annotation (``: number`` after a name or a
    closing bracket), a generic's ``<Args, Result>`` after a name, a non-null ``!`` or an ``as T`` assertion. Any
    other insertion (a ``:`` into a regular expression, a ``?`` making a parameter optional, ``?? fallback``) is
    code or a type users of published typings see."""
    run, before, after = new[j1:j2], new[j1 - 1] if j1 else "", new[j2] if j2 < len(new) else ""
    if run == ["!"]:
        return (bool(_NAME.match(before)) or before in (")", "]")) and after not in ("=", "(")
    if len(run) < 2 or not (_NAME.match(before) or before in (")", "]")):
        return False
    if run[0] == "<" and (run[-1] != ">" or not _NAME.match(before)):
        return False
    if run[0] not in (":", "<", "as"):
        return False
    arrows = all(run[i + 1:i + 2] == [">"] for i, t in enumerate(run) if t == "=")  # a function type's ``=>``
    return all(_TYPE_TOKEN.match(t) for t in run) and arrows


def _annotations_only(f: FileChange) -> bool | None:
    """None when the file is not TypeScript source (a ``.d.ts`` declaration file is what typings publish) or a hunk's
    code differs beyond type annotations added; else whether some annotation was added to code (type imports and
    declarations alone are allowed but not counted: a type re-exported or aliased is the package's typing API)."""
    low = f.path.lower()
    if not low.endswith(_TS_EXTS) or low.endswith((".d.ts", ".d.mts", ".d.cts")) or not f.patch:
        return None
    differs = False
    for block in hunk_blocks(f.patch):
        removed, added = changed_lines(block)
        old = code_tokens(_declarations_dropped(removed), f.path)
        new = code_tokens(_declarations_dropped(added), f.path)
        if old is None or new is None:
            return None
        for op, _i1, _i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            if op != "insert" or not _type_run(new, j1, j2):
                return None
            differs = True
    return differs


def ts_annotations_only(files: Iterable[FileChange]) -> bool:
    """Every file is TypeScript whose hunks hold the same code tokens in the same order once type annotations,
    type-only imports and type declarations are erased, and some file annotates code that had none: the emitted
    JavaScript runs as before."""
    seen = [_annotations_only(f) for f in files]
    return bool(seen) and None not in seen and any(seen)
