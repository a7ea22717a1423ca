"""A panicking call replaced by its fallible form, the failure handed to the caller (Rust's ``_opt``/``checked_``
variants with ``?`` or ``ok_or``, ``unwrap()``/``expect()`` dropped for ``?``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines

#: a call by name (``dt.timestamp_nanos(``)
_CALL = re.compile(r"\b([a-z_]\w*)\s*\(")
#: the failure handed on: ``?``, ``ok_or(..)``, ``ok_or_else(..)``, ``map_err(..)``
_PROPAGATED = re.compile(r"\?|\.ok_or(_else)?\(|\.map_err\(")
_UNWRAP = re.compile(r"\.(unwrap|expect)\(")
#: the panicking call itself, and the ways of handing the failure on, with their (one level of nested) arguments
_UNWRAP_CALL = re.compile(r"\.(?:unwrap\(\)|expect\((?:[^()]|\([^()]*\))*\))")
_HANDED_ON = re.compile(r"\?|\.(?:ok_or(?:_else)?|map_err)\((?:[^()]|\([^()]*\))*\)")


def _fallible_names(name: str) -> tuple[str, ...]:
    return f"{name}_opt", f"checked_{name}", f"try_{name}", f"{name}_checked"


def panics_handed_on(patches: Iterable[str | None]) -> bool:
    """A removed line calls something whose added counterpart calls its fallible variant, or a removed line unwraps
    an expression that an added line hands on instead (the same expression with ``?``/``ok_or``/``map_err``)."""
    for patch in patches:
        removed, added = changed_lines(patch)
        propagating = [line for line in added if _PROPAGATED.search(line)]
        if not propagating:
            continue
        called = {m.group(1) for line in removed for m in _CALL.finditer(line)}
        if any(variant in line for name in called for variant in _fallible_names(name) for line in propagating):
            return True
        if any(_same_call(old, new) for old in removed if _UNWRAP.search(old) for new in propagating):
            return True
    return False


def _same_call(removed: str, added: str) -> bool:
    """``added`` is ``removed`` with its ``unwrap()``/``expect(..)`` replaced by handing the failure on (``?``,
    ``ok_or(..)``, ``map_err(..)``): the same expression, no longer panicking (not an ``unwrap_or_default()``)."""
    def bare(line: str, pattern: re.Pattern) -> str:
        return re.sub(r"\s+", "", pattern.sub("", line))
    return bare(removed, _UNWRAP_CALL) == bare(added, _HANDED_ON)
