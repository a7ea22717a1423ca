"""Lines an earlier change of the same day added: code no release has had yet, churned again.

A maintainer lands a change in the evening and, an hour later, another that fixes its compile error by putting back
the macro it had replaced, or restores the call its debug edit commented out, or switches its new loop back to the
old comparison. Read alone, the later change "rewrites the scheduler loop". Read with its day, it reworks lines that
nothing released had, and mostly puts back what the day had before: users get the day's net change (which the
earlier change's own analysis rates), not this one. ``analysis.earlier_additions`` does this for the symbols the
facts name; this module does it for lines, from the patches alone.

For one change, per file, the lines it removes are matched against the lines the changes before it on the branch's
first-parent line (``analysis.earlier_additions.day_line``) added to that file and did not remove again; the lines
it adds, against the lines those changes removed (put back). The walk stops at a release on the line (lines added
before it were released). Lines with nothing of their own are left out: blank ones, bare punctuation or a bare
keyword (``}``, ``return;``, ``else {``) and comment lines (a commented-out call is no code). Bounded: a change
removing more than ``MAX_REMOVED`` such lines is not matched, and at most ``MAX_LINE`` earlier changes are read
(only those touching a path the change removes lines from need their patches).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from analysis.models import Commit, FileChange
from analysis.release_titles import RELEASE_TITLES

#: a change removing more content lines than this is a rewrite of its own: not matched (and the walk stays cheap)
MAX_REMOVED = 400
#: the earlier changes read, nearest first
MAX_LINE = 30

#: lines a comment starts (``// x``, ``/* x``, `` * x``, ``# x``, ``-- x``); ``#include`` and ``#define`` are code
_COMMENT = re.compile(r"^(//|/\*|\*|#(\s|$|!)|--\s|<!--|;;)")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+")
#: words that say nothing of their own on a line by themselves
_BARE = frozenset({"return", "break", "continue", "else", "end", "fi", "done", "pass", "default", "try", "do",
                   "then", "esac", "endif", "finally", "begin"})


@dataclass(frozen=True)
class FileRework:
    """What one change does to one file's lines, against the day before it."""

    removed: int  #: content lines removed (a rewritten line is removed and added)
    added: int  #: content lines added
    restored: int  #: of the added lines, those the day's earlier changes had removed: put back
    #: every removed line (at least one) was added by the day's earlier changes: the short SHAs that added them,
    #: the one that added most first; empty when a line removed was there before the day
    earlier: tuple[str, ...] = ()


@dataclass(frozen=True)
class DayRework:
    """A change's files read against its day (``earlier_lines``)."""

    files: dict[str, FileRework] = field(default_factory=dict)
    #: the earlier changes it takes back whole (every content line they added removed, every one removed put back):
    #: a revert, whatever its title says
    undone: tuple[str, ...] = ()


def content(line: str) -> str | None:
    """The line as matched (its spaces at either end dropped), or None when it carries nothing of its own."""
    text = line.strip()
    if not text or _COMMENT.match(text):
        return None
    words = _WORD.findall(text)
    if not words or all(w in _BARE for w in words):
        return None
    return text


def _lines(patch: str | None, sign: str) -> list[str]:
    out = []
    for raw in (patch or "").splitlines():
        if raw.startswith(sign) and not raw.startswith(sign * 3):
            text = content(raw[1:])
            if text is not None:
                out.append(text)
    return out


def removed_lines(change: FileChange) -> list[str]:
    """The content lines ``change`` removes (or rewrites: a rewritten line is removed and added)."""
    return _lines(change.patch, "-")


def added_lines(change: FileChange) -> list[str]:
    return _lines(change.patch, "+")


def worth_walking(commit: Commit) -> bool:
    """A change of the branch's own (no merge) removing content lines, not too many, with every patch at hand."""
    if len(commit.parents) > 1:
        return False  # a merge brings in a branch's work: its lines are judged as that work
    removed = 0
    for f in commit.files:
        if (f.deletions or f.additions) and f.patch is None:
            return False
        removed += len(removed_lines(f))
    return 0 < removed <= MAX_REMOVED


def paths_reworked(commit: Commit) -> set[str]:
    """The paths ``commit`` removes content lines from: the earlier changes that matter touched one of them."""
    return {f.path for f in commit.files if removed_lines(f)}


def _released(commit: Commit) -> bool:
    return bool(RELEASE_TITLES.match(commit.title))


def walked(line: Iterable[Commit], commit: Commit) -> list[Commit]:
    """Of the day's line before ``commit`` (nearest first), the changes whose patches the reading needs: those up to
    the nearest release (exclusive) touching a path ``commit`` touches, at most ``MAX_LINE`` read."""
    wanted = {f.path for f in commit.files}
    out = []
    for n, other in enumerate(line):
        if n >= MAX_LINE or _released(other):
            break
        if wanted & {f.path for f in other.files}:
            out.append(other)
    return out


def earlier_lines(commit: Commit, line: Sequence[Commit]) -> DayRework:
    """``commit``'s files read against the day's earlier changes ``line`` (nearest first, ``day_line``; their
    patches needed only for ``walked``)."""
    if not worth_walking(commit):
        return DayRework()
    line = walked(line, commit)
    wanted = {f.path for f in commit.files}
    pools: dict[str, Counter[str]] = {path: Counter() for path in wanted}  # added by the day, still there
    gone: dict[str, Counter[str]] = {path: Counter() for path in wanted}  # removed by the day
    source: dict[tuple[str, str], str] = {}
    for other in reversed(line):  # oldest first: a line added, then removed again, is gone
        for f in other.files:
            if f.path not in pools:
                continue
            for text in removed_lines(f):
                gone[f.path][text] += 1
                if pools[f.path][text] > 0:
                    pools[f.path][text] -= 1
            for text in added_lines(f):
                pools[f.path][text] += 1
                source[(f.path, text)] = other.short_sha  # the latest change that added it
    files: dict[str, FileRework] = {}
    removed_by_path = {f.path: Counter(removed_lines(f)) for f in commit.files}
    added_by_path = {f.path: Counter(added_lines(f)) for f in commit.files}
    for f in commit.files:
        removed, added = removed_by_path[f.path], added_by_path[f.path]
        if not removed and not added:
            continue
        restored = sum(min(n, gone[f.path][text]) for text, n in added.items())
        earlier: tuple[str, ...] = ()
        if removed and all(pools[f.path][text] >= n for text, n in removed.items()):
            by: Counter[str] = Counter()
            for text, n in removed.items():
                by[source[(f.path, text)]] += n
            earlier = tuple(sha for sha, _ in by.most_common())
        files[f.path] = FileRework(sum(removed.values()), sum(added.values()), restored, earlier)
    undone = tuple(other.short_sha for other in line if _takes_back(other, removed_by_path, added_by_path))
    return DayRework(files, undone)


def _takes_back(other: Commit, removed: dict[str, Counter[str]], added: dict[str, Counter[str]]) -> bool:
    """The change's lines take back all of ``other``'s: what it added removed, what it removed put back."""
    touched = False
    for f in other.files:
        mine_removed, mine_added = removed.get(f.path, Counter()), added.get(f.path, Counter())
        theirs_added, theirs_removed = Counter(added_lines(f)), Counter(removed_lines(f))
        if theirs_added - mine_removed or theirs_removed - mine_added:
            return False
        touched = touched or bool(theirs_added or theirs_removed)
    return touched
