"""One entry per change: a day's merge commits fold in the commits they bring in; pull requests are numbered.

The rule (``fold``): walk the day's commits children first. A merge not yet folded into another is a
change of its own; it folds in every commit of the day reachable from its other parents but not from
its first parent (walking only through the day's commits). A merge folded that way (a back-merge of
the main branch into the feature branch, say) is not a change of its own, and the main-branch commits
it brought into the branch stay with the main branch. A back-merge whose branch is merged on a later day
(its message says it merges the main branch into another) is no change either, and folds nothing: what
it brings in is the main branch's own changes. Every other commit is a change by itself, except a backport
or cherry-pick whose message names a change of the same day as its origin ("(cherry picked from commit X)",
"[PR #N/X backport][3.14]"): the same change landed on another branch, it folds into its origin's entry.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analysis.models import Commit

#: GitHub's merge message for a pull request: the title is the body's first line
MERGE_PULL_REQUEST = re.compile(r"^Merge pull request #(\d+) from \S+")
#: a squash or rebase merge on GitHub ends its title with the pull request's number
SQUASHED_PULL_REQUEST = re.compile(r"\(#(\d+)\)\s*$")
#: git's message for merging the main line into another branch: "Merge branch 'main' into fix/x", "Merge
#: remote-tracking branch 'upstream/master' into feature" (without "into", git merged into the main line itself)
#: a backport's or cherry-pick's message naming the commit it copies: git's ``cherry-pick -x`` trailer, the
#: "[PR #N/<sha> backport][branch]" title of backport bots (patchback, miss-islington's "(cherry picked ...)")
BACKPORT_ORIGIN = re.compile(r"\(cherry picked from commit ([0-9a-f]{7,40})\)|^\[PR #\d+/([0-9a-f]{7,40}) backport\]",
                             re.MULTILINE)
BACK_MERGE = re.compile(r"^Merge (?:remote-tracking )?branch '(?:[\w.-]+/)?(?:main|master|trunk|develop|dev)'"
                        r"(?: of \S+)? into (?!(?:[\w.-]+/)?(?:main|master|trunk)\b)\S")


@dataclass(frozen=True)
class Change:
    """One entry of a digest: ``commit`` (a merge, or a lone commit) and the day's commits it brings in."""

    commit: Commit
    #: the folded commits, newest first
    includes: tuple[Commit, ...] = ()
    pr: int | None = None

    @property
    def commits(self) -> tuple[Commit, ...]:
        return (self.commit, *self.includes)


def pull_request(commit: Commit) -> int | None:
    """The pull request number the message names (a merge of one, titled or not, or a squash merge), else None."""
    merge_lines = commit.message.splitlines() if len(commit.parents) > 1 else [commit.title]
    for line in merge_lines:
        if match := MERGE_PULL_REQUEST.match(line.strip()):
            return int(match.group(1))
    match = SQUASHED_PULL_REQUEST.search(commit.title)
    return int(match.group(1)) if match else None


def titled(commit: Commit) -> Commit:
    """``commit`` titled by its pull request: a GitHub merge's body starts with the pull request's title.

    The title ends with the pull request's number, "(#N)", as a squash merge's does (the heading and the table name
    the pull request whatever the branch's commits are titled). The merge line moves to the end of the message, so
    nothing is lost; other commits are returned as they are.
    """
    match = MERGE_PULL_REQUEST.match(commit.title)
    if not match or not commit.body:
        return commit
    first, newline, rest = commit.body.partition("\n")
    if not SQUASHED_PULL_REQUEST.search(first):
        first = f"{first.rstrip()} (#{match.group(1)})"
    return commit.model_copy(update={"message": f"{first}{newline}{rest}\n\n{commit.title}"})


def change_author(commit: Commit, includes: Iterable[Commit]) -> str:
    """Who wrote a change: the one author of the commits a merge folds in (the pull request's author, not the
    maintainer who merged it); the commit's own author otherwise (a lone commit, several authors, none folded)."""
    authors = {c.author for c in includes if len(c.parents) < 2 and c.author}
    return authors.pop() if len(authors) == 1 else commit.author


def without_pull_request(title: str) -> str:
    """``title`` less the "(#N)" a squash merge or a titled merge ends it with."""
    return SQUASHED_PULL_REQUEST.sub("", title).rstrip()


def fold(commits: list[Commit], keeps: Callable[[Commit], bool] | None = None) -> list[Change]:
    """The day's changes, newest first, from its commits (newest first, with ``parents``).

    ``keeps`` (an author filter) judges a change by the commits it brings in that are not merges
    (by its own commit when it brings in none): a bot's pull request merged by a person is left out
    when bots are, a person's pull request merged by a bot is kept.
    """
    index = {c.sha: i for i, c in enumerate(commits)}
    order = _children_first(commits, index)
    reach = _ancestors(order, index)  # bit i set: commits[i] is reachable
    folded = back_merges = 0
    sides: dict[str, list[int]] = {}
    for commit in order:
        if folded >> index[commit.sha] & 1 or len(commit.parents) < 2:
            continue
        if BACK_MERGE.match(commit.title):  # its branch is merged later: the main line's commits stay its own
            back_merges |= 1 << index[commit.sha]
            continue
        side = _union(reach, commit.parents[1:]) & ~_union(reach, commit.parents[:1]) & ~folded
        folded |= side
        sides[commit.sha] = _bits(side)
    changes = [Change(commit, tuple(commits[j] for j in sides.get(commit.sha, ())), pull_request(commit))
               for i, commit in enumerate(commits) if not (folded | back_merges) >> i & 1]
    changes = _fold_backports(changes, index)
    return [change for change in changes if keeps is None or _kept(change, keeps)]


def backport_origin(commit: Commit) -> str | None:
    """The SHA (or its prefix) of the commit a backport or cherry-pick names as the one it copies, else None."""
    match = BACKPORT_ORIGIN.search(commit.message)
    return (match.group(1) or match.group(2)) if match else None


def _fold_backports(changes: list[Change], index: dict[str, int]) -> list[Change]:
    """Lone commits that copy another change of the day folded into that change's entry, in the day's order."""
    by_sha = {change.commit.sha: n for n, change in enumerate(changes)}
    into: dict[int, list[Commit]] = {}
    for change in changes:
        origin = backport_origin(change.commit)
        if not origin or change.includes or len(change.commit.parents) > 1:
            continue
        target = next((n for sha, n in by_sha.items() if sha.startswith(origin) and sha != change.commit.sha), None)
        if target is not None and not backport_origin(changes[target].commit):
            into.setdefault(target, []).append(change.commit)
    if not into:
        return changes
    moved = {c.sha for copies in into.values() for c in copies}
    out = []
    for n, change in enumerate(changes):
        if change.commit.sha in moved:
            continue
        if n in into:
            includes = sorted((*change.includes, *into[n]), key=lambda c: index[c.sha])
            change = Change(change.commit, tuple(includes), change.pr)
        out.append(change)
    return out


def _kept(change: Change, keeps: Callable[[Commit], bool]) -> bool:
    authored = [c for c in change.commits if len(c.parents) < 2] or [change.commit]
    return any(keeps(c) for c in authored)


def _ancestors(order: list[Commit], index: dict[str, int]) -> dict[str, int]:
    """Each commit's ancestors among the day's commits, itself included, as a bit set over the day's list.

    ``order`` has children first, so walking it backwards meets every parent before its children; only
    the day's commits are walked (a commit outside the day ends the walk there).
    """
    reach: dict[str, int] = {}
    for commit in reversed(order):
        reach[commit.sha] = (1 << index[commit.sha]) | _union(reach, commit.parents)
    return reach


def _union(reach: dict[str, int], shas: Iterable[str]) -> int:
    mask = 0
    for sha in shas:
        mask |= reach.get(sha, 0)
    return mask


def _bits(mask: int) -> list[int]:
    """The positions set in ``mask``, lowest first (newest commit first)."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def _children_first(commits: list[Commit], index: dict[str, int]) -> list[Commit]:
    """The commits in an order where each comes before its parents; newest first where the graph allows."""
    children = {c.sha: 0 for c in commits}
    for commit in commits:
        for parent in set(commit.parents):
            if parent in children:
                children[parent] += 1
    ready = [index[c.sha] for c in commits if children[c.sha] == 0]
    heapq.heapify(ready)
    ordered = []
    while ready:
        commit = commits[heapq.heappop(ready)]
        ordered.append(commit)
        for parent in set(commit.parents):
            if parent in children:
                children[parent] -= 1
                if children[parent] == 0:
                    heapq.heappush(ready, index[parent])
    return ordered
