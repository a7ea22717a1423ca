"""Trait bounds a public generic item gains: a type callers passed may no longer meet what it now requires."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.analyzers.heuristic.noticed import noticed_parts

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence
    from analysis.models import Fact

_ADDED = "bounds added "
_RELAXED = "bounds relaxed "
_CALLABLE = ("function", "method")


def _trait(bound: str) -> str:
    """``T: serde_core::Serialize`` -> ``T: Serialize``, ``S: Sum<S>`` -> ``S: Sum``: a bound's parameter and its
    trait's last name, generic arguments aside."""
    name, _, trait = bound.partition(": ")
    return f"{name}: {re.sub(r'<.*', '', trait).rsplit('::', 1)[-1]}"


def _bounds(parts: list[str], prefix: str) -> set[str]:
    return {_trait(b) for part in parts if part.startswith(prefix)
            for b in re.split(r", (?=[\w']+: )", part.removeprefix(prefix))}


def bounds_added(e: Evidence) -> list[Fact]:
    """Public product functions and methods changed in place whose type parameters gain a trait bound
    (``Q: Equivalent<K>`` where ``K: Borrow<Q>`` was asked): the signature callers compile against changed, and a
    generic caller or an argument type that met the old bounds but not the new one stops compiling. The same trait
    reached by another path or spelt with its default argument (``serde::Serialize`` as ``serde_core::Serialize``,
    ``Sum`` as ``Sum<S>``) is the bound it was; a type's own bounds are most often those its constructors asked."""
    out = []
    for f in e.of("symbol_modified"):
        parts = noticed_parts(f)
        if (e.is_public(f) and e.in_product(f) and (f.text or "").split(",")[0] in _CALLABLE
                and _bounds(parts, _ADDED) - _bounds(parts, _RELAXED)):
            out.append(f)
    return out
