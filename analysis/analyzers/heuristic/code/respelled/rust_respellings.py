"""Rust lines spelt anew with the same meaning: an iterator's ``.cloned()`` written ``.copied()`` (and its
``Cloned`` adapter type ``Copied``), a parameter or local renamed on the way."""

from __future__ import annotations

import re
from collections import Counter

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.analyzers.heuristic.code.respelled.locals_renamed import renamed_alike

#: ``copied()`` compiles only for ``Copy`` items, and for those yields the very values ``cloned()`` did
_ONE_WAY = ((re.compile(r"\.cloned\(\)"), ".copied()"), (re.compile(r"\bCloned\b"), "Copied"))
#: names a line declares: ``let x``, ``let mut x``, a function's parameters ``fn f(self, c: C)``
_LET = re.compile(r"\blet\s+(?:mut\s+)?([a-z_]\w*)")
_FN = re.compile(r"\bfn\s+\w+\s*(?:<[^(]*>)?\s*\((?P<params>[^)]*)")
_PARAM = re.compile(r"(?:^|,)\s*(?:mut\s+)?([a-z_]\w*)\s*:")


def _one_way(line: str) -> str:
    for pattern, replacement in _ONE_WAY:
        line = pattern.sub(replacement, line)
    return line


def _declared(lines: list[str]) -> set[str]:
    names = {m.group(1) for line in lines for m in _LET.finditer(line)}
    for line in lines:
        if (fn := _FN.search(line)):
            names |= {m.group(1) for m in _PARAM.finditer(fn.group("params"))}
    return names


def rust_respelled_only(patch: str | None, path: str) -> bool:
    """A Rust file whose changed lines come back the same once ``.cloned()`` is read as ``.copied()`` (``Cloned`` as
    ``Copied``, in a ``use`` line too), and some such line changed: the same values, taken by copy."""
    if not path.endswith(".rs"):
        return False
    removed, added = changed_lines(patch)
    removed, added = [line for line in removed if line], [line for line in added if line]
    respelled = [_one_way(line) for line in removed]
    if not removed or respelled == removed:
        return False
    return Counter(respelled) == Counter(added) or renamed_alike(respelled, added, _declared)
