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


def _fallible_names(name: str) -> tuple[str, ...]:
    return f"{name}_opt", f"checked_{name}", f"try_{name}", f"{name}_checked"


def panics_handed_on(patches: Iterable[str | None]) -> bool:
    """A removed line calls something (or unwraps it) whose added counterpart calls the fallible variant or drops the
    unwrap, and hands the failure on instead of panicking."""
    for patch in patches:
        removed, added = changed_lines(patch)
        propagating = [line for line in added if _PROPAGATED.search(line)]
        if not propagating:
            continue
        called = {m.group(1) for line in removed for m in _CALL.finditer(line)}
        if any(variant in line for name in called for variant in _fallible_names(name) for line in propagating):
            return True
        if any(_UNWRAP.search(line) for line in removed) and not any(_UNWRAP.search(line) for line in added):
            return True
    return False
