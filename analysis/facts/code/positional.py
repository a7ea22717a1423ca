"""Parameter renames where callers pass arguments by position alone: no caller's concern.

In C, C++, Go, Rust, Java and TypeScript/JavaScript a call site never names a parameter (no ``name=value``), so a
parameter renamed in place (same position, type and default) compiles and behaves as before for every caller: the
body's change, not the signature's. Python's keyword arguments and Kotlin's named arguments do name them, and a
JavaScript object pattern (``function f({ a, b })``) binds the keys callers pass: those renames stay changes.
"""

from __future__ import annotations

from analysis.facts.code.rules.base import Param

#: families whose calls pass arguments by position only (no ``name=value`` at a call site)
POSITIONAL_ONLY = frozenset({"c", "go", "rust", "java", "js"})


def _same(text: str | None, other: str | None) -> bool:
    return " ".join((text or "").split()) == " ".join((other or "").split())


def _renamed_alike(old: Param, new: Param) -> bool:
    """``new`` is ``old`` under another name only: same type and default, the same optional marker (TS ``a?``),
    and neither an object pattern, whose names are the keys callers pass."""
    if old.name.lstrip().startswith("{") or new.name.lstrip().startswith("{"):
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
