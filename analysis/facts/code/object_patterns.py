"""JS/TS destructured parameters (``{ windowsPathsNoEscape = false }: Options = {}``) read as the fields callers
pass: an option added is one more field, not the whole pattern renamed or retyped. Shared by the symbol reader's
signature descriptions and the analyzers' signature comparison."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: one field of a JS/TS object pattern: ``name``, ``name = default``, ``name: alias = default`` (a nested pattern or
#: ``...rest`` is not one)
_FIELD = re.compile(r"^([A-Za-z_$][\w$]*)\s*(?::\s*[A-Za-z_$][\w$]*\s*)?(?:=\s*(.+))?$", re.DOTALL)


def pattern_fields(parts: Iterable[str]) -> list[tuple[str, str | None, str]] | None:
    """(name, default, text) of each field of an object pattern, given its text between the braces split at the
    top-level commas (``parts``, each stripped, none empty); None when there is no field or one does not read
    plainly (a nested pattern, ``...rest``)."""
    fields = [_FIELD.match(part) for part in parts]
    if not fields or not all(fields):
        return None
    return [(m.group(1), m.group(2).strip() if m.group(2) else None, m.group(0)) for m in fields if m is not None]


def split_top_level(text: str) -> list[str]:
    """``text`` split at the commas outside brackets and strings (each part as written, blanks kept)."""
    parts, depth, start, quote = [], 0, 0, ""
    for at, char in enumerate(text):
        if quote:
            quote = "" if char == quote and text[at - 1] != "\\" else quote
        elif char in "'\"`":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    return [*parts, text[start:]]
