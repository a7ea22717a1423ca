"""Code lines that come back with only their comments changed: a trailing ``// FIXME`` added, a comment reworded,
doc comments written above code re-wrapped on the way."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import changed_lines, code_tokens, comment_lines, hunk_blocks, layout_only
from analysis.models import FileChange

_COMMENT_OPENERS = ("//", "/*", "#", "--")


def comments_changed_only(f: FileChange) -> bool:
    """Each changed line comes back in its place with the same code once comments and whitespace are dropped
    (``layout_only`` line by line: lines reordered, an ``#include`` moved, are not it), and some line differs beyond
    whitespace: what changed is comment text, trailing comments included."""
    removed, added = changed_lines(f.patch)
    if not removed or len(removed) != len(added):
        return False
    pairs = list(zip(removed, added))
    differing = [(old, new) for old, new in pairs if old.split() != new.split()]
    # a line that differs holds a comment on one side (not JavaScript's own-property check spelt another way)
    return (bool(differing) and all(layout_only(f"-{old}\n+{new}\n", f.path) for old, new in pairs)
            and all(any(mark in old + new for mark in _COMMENT_OPENERS) for old, new in differing))


def comments_over_rewrapped_code(f: FileChange) -> bool:
    """Comment lines are added or changed, and in each hunk the code lines removed and added hold the same tokens in
    the same order (a C-like language: braces, not indentation, are its syntax): doc comments written while the code
    beside them is only laid out anew (an expression joined onto one line). The code is read with the hunk's
    context lines: a statement moved out of the ``if`` around it (``SWRGlobalState.set(...)`` taken out of
    ``if (!IS_SERVER) {``) holds the same tokens among the changed lines and runs in other cases."""
    if not f.patch or not comment_lines(f.patch, f.path):
        return False
    for block in hunk_blocks(f.patch):
        old, new = code_tokens(_side(block, "+"), f.path), code_tokens(_side(block, "-"), f.path)
        if old is None or old != new:
            return False
    return True


def _side(block: str, dropped: str) -> list[str]:
    """A hunk's lines on one side (context and that side's changed lines), stripped, without its header."""
    return [ln[1:].strip() for ln in block.splitlines()
            if ln[:1] in (" ", "+", "-") and ln[:1] != dropped and not ln.startswith(("+++", "---"))]
