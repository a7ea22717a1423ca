"""TypeScript generics whose type parameter default is replaced: what callers who never pass it infer changes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.analyzers.heuristic.code.hunks import changed_lines

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

_TS_FILES = (".ts", ".tsx", ".mts", ".cts")
#: a type written as a default: a keyword type or a named (generic) type, ``any``, ``unknown``, ``AnyObject``
_TYPE = r"(?:any|unknown|never|object|string|number|boolean|undefined|null|\{\}|[A-Z][\w.]*(?:<[^=]*>)?(?:\[\])?)"
#: a type parameter with its default, inside ``<...>`` (``create<TType = any>(``) or alone on its line of a long
#: parameter list (``  TType = any,``)
_INLINE = re.compile(rf"[<,]\s*(?P<name>[A-Z]\w*)(?:\s+extends\s+[^=<>,]+)?\s*=\s*(?P<type>{_TYPE})\s*(?=[,>])")
_ALONE = re.compile(rf"^(?P<name>[A-Z]\w*)(?:\s+extends\s+[^=]+?)?\s*=\s*(?P<type>{_TYPE})\s*,?$")


def type_defaults_replaced(e: Evidence) -> list[tuple[str, str, str]]:
    """(parameter, old default, new default) of the type parameters whose default a TypeScript file of public
    symbols replaces in place (``TType = any`` -> ``TType = unknown``): every caller that leaves it out gets
    another type, and code that compiled may not (``unknown`` admits no property access)."""
    public = {f.path for f in e.of("symbol_modified", "signature_changed") if e.is_public(f)}
    out = []
    for f in e.behaviour:
        if not f.path.lower().endswith(_TS_FILES) or f.path not in public:
            continue
        removed, added = changed_lines(f.patch)
        if len(removed) != len(added):
            continue
        for old, new in zip(removed, added):
            before, after = _defaults(old), _defaults(new)
            out += [(name, before[name], after[name]) for name in before
                    if name in after and before[name] != after[name]]
    return list(dict.fromkeys(out))


def _defaults(line: str) -> dict[str, str]:
    alone = _ALONE.match(line)
    if alone:
        return {alone.group("name"): alone.group("type")}
    return {m.group("name"): m.group("type") for m in _INLINE.finditer(line)}
