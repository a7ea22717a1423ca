"""C and C++ parameters only made ``const``: the calls that compiled still compile, the function does the same."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.evidence import Evidence

_CONST = re.compile(r"\bconst\b")


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", _CONST.sub("", text))


def const_qualified_only(e: Evidence) -> bool:
    """Every signature the change touches keeps its parameters and return type but for ``const`` added to a
    parameter's type (``XMLNode*`` -> ``const XMLNode* const``): const correctness, no public symbol added or removed.
    A caller's pointer to mutable data still converts; a by-value parameter's own ``const`` is not part of the type."""
    deltas = [delta for _, delta in e.signature_deltas]
    return bool(deltas) and not (e.api_breaks or e.api_added or e.contract_changes) and all(
        delta.parsed and delta.retyped and delta.retypes and delta.returns is None
        and not (delta.added or delta.removed or delta.defaults or delta.unwritten)
        and all(_bare(old) == _bare(new) and len(_CONST.findall(new)) > len(_CONST.findall(old))
                for old, new in delta.retypes)
        for delta in deltas)
