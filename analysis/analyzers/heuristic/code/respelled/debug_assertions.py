"""Rust files whose changed lines are only ``debug_assert!`` statements: checks a release build compiles out."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: one whole ``debug_assert!(...);`` (``_eq``/``_ne`` too) on its line, a trailing comment allowed
_DEBUG_ASSERT = re.compile(r"^debug_assert(_eq|_ne)?!\s*\(.*\)\s*;\s*(//.*)?$")
#: a line comment: words beside the assertion
_COMMENT = re.compile(r"^//")


def debug_assertions_only(files: Iterable[FileChange]) -> bool:
    """Every file is Rust and every line its hunks add or remove (blank lines and comments aside) is a whole
    ``debug_assert!`` statement, at least one changed: an assertion only debug builds evaluate (``cargo build
    --release`` compiles it out), so what users' release builds run is the same code; a wrong one trips the
    project's own tests and debug runs, not the program users ship."""
    seen = False
    for f in files:
        if not f.path.lower().endswith(".rs"):
            return False
        removed, added = changed_lines(f.patch)
        lines = [text for text in removed + added if text and not _COMMENT.match(text)]
        if not all(_DEBUG_ASSERT.match(text) for text in lines):
            return False
        seen |= bool(lines)
    return seen
