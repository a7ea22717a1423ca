"""Parameter renames where callers pass arguments by position alone: no caller's concern.

In C, C++, Go, Rust, Java and TypeScript/JavaScript a call site never names a parameter (no ``name=value``), so a
parameter renamed in place (same position, type and default) compiles and behaves as before for every caller: the
body's change, not the signature's. Python's keyword arguments and Kotlin's named arguments do name them, and a
JavaScript object pattern (``function f({ a, b })``) binds the keys callers pass: those renames stay changes.
"""

from __future__ import annotations

import re

from analysis.facts.code.rules.base import Param

#: families whose calls pass arguments by position only (no ``name=value`` at a call site)
POSITIONAL_ONLY = frozenset({"c", "go", "rust", "java", "js"})
#: a parameter's own name (a JS rest ``...args``, a Rust ``mut n``, a TS optional ``a?``), not a pattern or a receiver
#: (Rust's ``&mut self`` -> ``&self`` changes the borrow callers hold)
_PLAIN_NAME = re.compile(r"^(?:\.\.\.|mut )?[A-Za-z_$][\w$]*\??$")


#: a Rust lifetime left to elision written out (``Formatter<'_>``, ``&'_ str``): the same type as without it
_ELIDED_LIFETIME = re.compile(r"<'_>|(?<=&)'_\s+|'_\s*,\s*|,\s*'_(?=\s*>)")


def _same(text: str | None, other: str | None) -> bool:
    return (" ".join(_ELIDED_LIFETIME.sub("", text or "").split())
            == " ".join(_ELIDED_LIFETIME.sub("", other or "").split()))


def _renamed_alike(old: Param, new: Param) -> bool:
    """``new`` is ``old`` under another name only: same type and default, the same optional marker (TS ``a?``),
    both plain names (not an object pattern, whose names are the keys callers pass, nor C++'s unnamed ``_``, which
    ``symbols._names_of_a_body_only`` weighs)."""
    if not all(_PLAIN_NAME.match(p.name) and p.name != "_" for p in (old, new)):
        return False
    return (old.name.endswith("?") == new.name.endswith("?") and _same(old.annotation, new.annotation)
            and _same(old.default, new.default))


def renames_only(family: str, before: tuple[Param, ...] | None, after: tuple[Param, ...] | None, change: str) -> bool:
    """``change`` (as ``describe_signature`` words it) is parameter renames alone, in a language whose callers pass
    by position, and each renamed parameter kept its place, type and default: the same call for every caller."""
    if family not in POSITIONAL_ONLY or not change or before is None or after is None or len(before) != len(after):
        return False
    if not all(part.startswith("renames ") for part in change.split("; ")):
        return False
    return all(_renamed_alike(old, new) for old, new in zip(before, after) if old.name != new.name)
