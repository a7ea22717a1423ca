"""Source code under an interface-like directory (``src/proto/``, ``api/``) whose change no client can see.

A directory named ``proto`` or ``api`` usually holds schemas, but it may hold plain code (hyper's HTTP/1 protocol
implementation in ``src/proto/h1/``). There a change is an interface change only when a declaration callers reach
changes: private declarations edited, or Rust attributes (``#[cfg(...)]``, ``#[derive(...)]``) rewritten on items
the crate keeps to itself, change nothing clients compile against.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from analysis.models import Fact

_ATTRIBUTE = re.compile(r"^\s*#!?\[.*\]\s*$")
_DOC_OR_BLANK = re.compile(r"^\s*(//.*)?$")
#: an item declared ``pub`` with no restriction (``pub(crate)``, ``pub(super)`` stay inside the crate)
_EXPORTED = re.compile(r"^\s*pub\s")


def private_declarations_only(facts: Iterable[Fact], is_public: Callable[[Fact], bool]) -> bool:
    """The file's facts name declarations, none of them public."""
    facts = list(facts)
    return bool(facts) and not any(is_public(f) for f in facts)


def private_attributes_only(path: str, patch: str | None) -> bool:
    """A Rust file whose changed lines are all attributes, each run of them attached to an item that is not
    exported (the first line after it that is neither an attribute, a comment nor blank does not start ``pub``)."""
    if not path.endswith(".rs") or not patch:
        return False
    lines = [ln for ln in patch.splitlines() if not ln.startswith(("+++", "---"))]
    changed = [i for i, ln in enumerate(lines) if ln[:1] in "+-" and ln[1:].strip()]
    if not changed:
        return False
    for i in changed:
        if not _ATTRIBUTE.match(lines[i][1:]):
            return False
        item = next((ln[1:] for ln in lines[i + 1:] if not ln.startswith(("@@", "-"))
                     and not _ATTRIBUTE.match(ln[1:]) and not _DOC_OR_BLANK.match(ln[1:])), None)
        if item is None or _EXPORTED.match(item):
            return False
    return True
