"""Public signatures whose only change is parameters renamed in place, in a language whose callers may name them.

Python keyword and Kotlin named arguments let a caller write a parameter's name, so a rename stays a signature
change in the facts (positional languages drop it there, ``facts/code/positional.py``). Yet each renamed parameter
keeps its place, type and default: every positional call compiles and behaves as before, only calls that spell the
old name break. That is a change callers may have to follow, not one that breaks the API they use: no reason on its
own to read a change as high.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence
    from analysis.analyzers.signatures import Param
    from analysis.models import Fact

#: a parameter's own name (``value``, Python's ``*args``), not a receiver or pattern (Rust's ``&mut self``)
_PLAIN_NAME = re.compile(r"^\**[A-Za-z_][\w]*$")


def _rest(param: Param) -> str:
    """A parameter's text after its name: its type and default (``obj: T`` -> ``: T``)."""
    return param.text.removeprefix(param.name)


def _alike(old: Param, new: Param) -> bool:
    return (bool(_PLAIN_NAME.match(old.name)) and bool(_PLAIN_NAME.match(new.name)) and old.default == new.default
            and old.optional == new.optional and _rest(old).strip() == _rest(new).strip())


def renamed_in_place(e: Evidence) -> list[Fact]:
    """The signature changes of ``e.api_breaks`` that are renamed parameters alone, each kept in its place with
    its type and default (read from the signature's parameters on both sides)."""
    found = []
    for fact, delta in e.signature_deltas:
        if (fact.kind != "signature_changed" or not fact.text
                or not all(part.startswith("renames ") for part in fact.text.split("; "))):
            continue
        if not delta.parsed or len(delta.added) != len(delta.removed) or not delta.added:
            continue
        if (delta.defaults or delta.retyped or delta.retypes or delta.returns or delta.keyword_only
                or delta.positional_only or delta.const_dropped or delta.receiver_narrowed or delta.slot_retyped):
            continue
        if all(_alike(old, new) for old, new in zip(delta.removed, delta.added)):
            found.append(fact)
    return found


def breaks_beyond_renames(e: Evidence) -> list[Fact]:
    """``e.api_breaks`` without the signatures whose parameters were only renamed in place."""
    renamed = {id(f) for f in renamed_in_place(e)}
    return [f for f in e.api_breaks if id(f) not in renamed]
