"""New public functions that serve the change itself: helpers the commit's own product code calls, not API news."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.models import Fact

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence


_IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")


def _name(fact: Fact) -> str:
    return re.split(r"::|\.", fact.symbol or "")[-1]


def _added_lines(patch: str | None) -> list[str]:
    return [ln[1:] for ln in (patch or "").splitlines() if ln.startswith("+") and not ln.startswith("+++")]


def helper_api(e: Evidence) -> list[Fact]:
    """New public functions the commit's product code calls from another file than the ones defining or declaring
    them, which neither its title nor its message names: the change (a faster ``unique``, a precise ``length``)
    is what users get, and the function is the library-level helper it is built on (``jv_unique`` declared in a
    public header and called by the builtin). A new function the title names, or that nothing in the commit calls,
    is new API as before."""
    said = f"{e.title}\n{e.paragraph}"
    out = []
    for fact in e.api_extended:
        if (fact.text or "").split(",")[0] not in ("function", "method"):
            continue
        name = _name(fact)
        if not _IDENTIFIER.match(name) or re.search(rf"\b{re.escape(name)}\b", said):
            continue  # an operator (``operator<``) is called by syntax, not by name: no call tells it apart
        defined = {f.path for f in e.facts if f.kind == "symbol_added" and _name(f) == name}
        call = re.compile(rf"\b{re.escape(name)}\s*\(")
        if any(call.search(line) for f in e.behaviour if f.path not in defined for line in _added_lines(f.patch)):
            out.append(fact)
    return out


def _removed_lines(patch: str | None) -> list[str]:
    return [ln[1:] for ln in (patch or "").splitlines() if ln.startswith("-") and not ln.startswith("---")]


def retired_helper(e: Evidence, fact: Fact) -> bool:
    """A public function removed together with its last caller: the commit's product code in another file called
    it and that call is removed in the same commit, no added line of any file names it, and neither the title nor
    the message does (poetry's ``drop_empty_config_category``, gone when ``remove_property`` that called it prunes
    empty tables itself). The twin of ``helper_api``: the helper the change was built on is retired with it, a
    refactor of the caller, not an API users are told to migrate off. A function the title names, or that no
    product code of the commit called, is a removal as before; so is one also removed from another file (a C
    function's declaration in its public header: the library's exported interface), and any removal in a commit that
    adds a public function (a rename, ``from_string`` -> ``from_string_nu``: callers must migrate to the new name)."""
    if (fact.text or "").split(",")[0] not in ("function", "method"):
        return False
    name = _name(fact)
    if not _IDENTIFIER.match(name) or re.search(rf"\b{re.escape(name)}\b", f"{e.title}\n{e.paragraph}"):
        return False
    if any(f.path != fact.path and _name(f) == name for f in e.of("symbol_removed")):
        return False
    if any(e.is_public(f) and (f.text or "").split(",")[0] in ("function", "method") for f in e.of("symbol_added")):
        return False
    word, call = re.compile(rf"\b{re.escape(name)}\b"), re.compile(rf"\b{re.escape(name)}\s*\(")
    if any(word.search(line) for f in e.files for line in _added_lines(f.patch)):
        return False
    return any(call.search(line) for f in e.behaviour if f.path != fact.path for line in _removed_lines(f.patch))
