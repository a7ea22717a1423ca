"""A signature changed on a definition the same change makes public: rusqlite's ``fn changes(&self) -> usize``
rewritten ``pub fn changes(&self) -> u64``. No caller outside had it, so none breaks on its new parameters or
return type: the change exposes a call (new API), it does not change one users had. Read from the hunks, where
the removed declaration line lacks the visibility word the added one has (Rust's ``pub``, Java's, Kotlin's or
C#'s ``public``, TypeScript's ``export``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import Fact, FileChange

#: a declaration line opened by a visibility word (``pub(crate)`` is no publication)
_VISIBLE = re.compile(r"^(?:pub(?!\s*\()|public|export)\b")
_COMMENT = re.compile(r"^(?://|/?\*|#)")


def made_public_here(fact: Fact, files: Iterable[FileChange]) -> bool:
    """``fact``'s definition is declared without a visibility word on a removed line and with one on an added line."""
    name = (fact.symbol or "").split("::")[-1].split(".")[-1]
    if not name:
        return False
    declared = re.compile(rf"\b(?:fn|function|def|func|fun)\s+{re.escape(name)}\b|\s{re.escape(name)}\s*[(<]")
    patch = next((f.patch for f in files if f.path == fact.path), None)

    def declares(line: str) -> bool:
        return bool(declared.search(" " + line)) and not _COMMENT.match(line) and not line.startswith("return")

    removed, added = changed_lines(patch)
    old, new = [ln for ln in removed if declares(ln)], [ln for ln in added if declares(ln)]
    return bool(old and new) and not any(_VISIBLE.match(ln) for ln in old) and all(_VISIBLE.match(ln) for ln in new)
