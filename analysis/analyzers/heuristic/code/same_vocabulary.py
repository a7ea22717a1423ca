"""Code rewritten with the words it already had: no name and no literal that the hunks did not hold before.

A refactor whose added lines use only identifiers that the removed lines or the hunks' context already spell, and
whose string and number literals are the ones removed, rearranges what was there: designated initializers for
field-by-field ones ("Use designated initializer more"), ``final`` put on locals, a seek test restructured, imports
regrouped, a type alias inlined, hand-written ``==`` dropped where the compiler makes it. A behaviour change nearly
always brings a word of its own: a new call, a new constant, a new message or value.

Only a rewrite of some size reads so: a line or two re-ordered or dropped with the same words (an event fired after
the mounting instead of before it, one error constant mapped to another) is the smallest behaviour change there
is, so at least ``MIN_LINES`` product lines must change. And only a rewrite: as many lines added as removed, within
a factor of two. Code taken out brings no word of its own either, yet what it did is gone (a lock no longer taken
in forty methods); code added in the same words calls what was there once more. Every changed file needs its patch
(a file too large for one says nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: the fewest product lines (added plus removed) a rewrite must change to be read by its vocabulary
MIN_LINES = 10
_IDENT = re.compile(r"[A-Za-z_]\w*")
#: a string (double or single quoted, escapes kept) or a number not part of a name or a dotted path
_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|(?<![\w.])\d+(?:\.\d+)?(?![\w.])')


def _context(patch: str) -> list[str]:
    return [line[1:] for line in patch.splitlines() if line.startswith(" ")]


def same_vocabulary(files: Iterable[FileChange]) -> bool:
    """Every file has its patch, at least ``MIN_LINES`` lines change, the lines added and removed are as many within a
    factor of two, the added lines name no identifier that the removed or context lines do not, and the set of
    literals added is the set removed."""
    files = list(files)
    if not files or any(not f.patch for f in files):
        return False
    added: list[str] = []
    known: list[str] = []
    removed: list[str] = []
    for f in files:
        gone, new = changed_lines(f.patch)
        added += new
        removed += gone
        known += gone + _context(f.patch or "")
    lines_added, lines_removed = len([ln for ln in added if ln]), len([ln for ln in removed if ln])
    if lines_added + lines_removed < MIN_LINES or 2 * min(lines_added, lines_removed) < max(lines_added, lines_removed):
        return False
    words = {w for line in known for w in _IDENT.findall(line)}
    if any(w not in words for line in added for w in _IDENT.findall(line)):
        return False
    return ({m for line in added for m in _LITERAL.findall(line)}
            == {m for line in removed for m in _LITERAL.findall(line)})
