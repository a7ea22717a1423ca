"""A Rust item given ``#[doc(hidden)]`` with its ``pub`` kept: the facts count only documented items as public, so
the item reads "no longer public", yet every ``use`` and call of it compiles and runs as before (rusqlite hiding its
deprecated ``execute_named``/``query_named`` from the docs). The documentation drops it; callers lose nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import Fact, FileChange

_HIDDEN = re.compile(r"^\s*#\[doc\s*\(\s*hidden\s*\)\]\s*$")
#: what may sit between the attribute and the item: other attributes, comments
_ASIDE = re.compile(r"^\s*(?:#\[|//)")
#: an item declared ``pub`` (not ``pub(crate)``): its name in ``name``
_PUB_ITEM = re.compile(r"^\s*pub\s+(?:(?:const|async|unsafe|extern\s+\"\w+\")\s+)*"
                       r"(?:fn|struct|enum|trait|type|const|static|mod|union|macro)\s+(?P<name>\w+)")


def hidden_only(fact: Fact, files: Iterable[FileChange]) -> bool:
    """``fact`` (a Rust symbol "no longer public") is an item whose unchanged ``pub`` line the patch only puts
    under an added ``#[doc(hidden)]``."""
    if not fact.path.endswith(".rs"):
        return False
    name = (fact.symbol or "").split("::")[-1].split(".")[-1]
    patch = next((f.patch for f in files if f.path == fact.path), None)
    for hunk in parse_patch(fact.path, patch).hunks:
        lines = hunk.lines
        for i, line in enumerate(lines):
            if line.kind != "+" or not _HIDDEN.match(line.text):
                continue
            for after in lines[i + 1:]:
                if after.kind == "-":
                    break  # the item's line rewritten: its reach may have changed with it
                m = _PUB_ITEM.match(after.text)
                if m:
                    if m.group("name") == name and after.kind == " ":
                        return True
                    break
                if not _ASIDE.match(after.text):
                    break
    return False
