"""The user documentation now says a case raises an error where it said something else happened ("Files included
using this option will overwrite ..." -> "Attempting to overwrite ... will raise an error"), while the code gains a
``raise``: what users' configurations or calls did before (silently, perhaps wrongly) now fails."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: a sentence saying the case fails: "will raise an error", "raises a ValueError", "is an error", "will fail"
_FAILS = re.compile(r"\b(will|now|must)?\s*(raises?|throws?)\s+(an?\s+)?\w*(error|exception)\b|\bwill\s+(fail|error)\b"
                    r"|\bis\s+(now\s+)?an\s+error\b|\b(error|exception)\s+(is|will\s+be)\s+(raised|thrown)\b", re.I)


def errors_now_documented(docs: Iterable[FileChange]) -> bool:
    """A documentation file rewrites a line so that it now says the case fails, and none of its removed lines said
    so: the behaviour documented for users changed to an error (a line added with a new error beside untouched
    text is left out: documenting an error that was always there)."""
    for f in docs:
        removed, added = changed_lines(f.patch)
        if removed and any(_FAILS.search(line) for line in added) and not any(_FAILS.search(line) for line in removed):
            return True
    return False
