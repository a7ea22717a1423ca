"""A back-merge whose feature branch is merged on a later day (pytest-dev/pytest 2026-07-22: "Merge
remote-tracking branch 'upstream/main' into fix/doctest-...") is no change of the day, and the main branch's
commits it brought into the branch stay the main branch's own changes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from analysis.changes import BACK_MERGE, fold
from analysis.models import Commit

AT = datetime(2026, 7, 22, 8, tzinfo=timezone.utc)


def _commit(name: str, parents: list[str], hours: int, message: str | None = None) -> Commit:
    return Commit(sha=name * 40, author="Dev", committed_at=AT + timedelta(hours=hours),
                  message=message or f"change {name}", parents=[p * 40 for p in parents])


def _day(back_title: str) -> list[Commit]:
    """Newest first: main a -> c -> e; the feature branch b (from a) merges main's c in as d."""
    return [_commit("e", ["c"], 5, "Apply warning filters (#14760)"),
            _commit("d", ["b", "c"], 4, back_title),
            _commit("c", ["a"], 3, "Merge pull request #14645 from r/fix-dedup\n\nDeduplicate directory nodes"),
            _commit("b", ["0"], 2, "fix: load doctest namespace outside rootdir"),
            _commit("a", ["0"], 1, "Reject implicit option destination conflicts (#14661)")]


def test_a_back_merge_of_main_on_an_unmerged_branch_is_no_change_and_steals_nothing():
    changes = fold(_day("Merge remote-tracking branch 'upstream/main' into fix/doctest-namespace"))
    assert [c.commit.sha[0] for c in changes] == ["e", "c", "b", "a"]
    assert all(c.includes == () for c in changes)


def test_a_merge_into_the_main_line_still_folds_its_branch():
    changes = fold(_day("Merge branch 'feature' into main"))  # the same graph read the usual way: d's first
    assert [c.commit.sha[0] for c in changes] == ["e", "d", "b"]  # parent b is the line merged into
    assert [i.sha[0] for i in changes[1].includes] == ["c", "a"]


def test_back_merge_messages():
    for title in ("Merge branch 'main' into feature", "Merge remote-tracking branch 'origin/master' into fix/x",
                  "Merge branch 'develop' into feat/login", "Merge branch 'main' of github.com:o/r into topic"):
        assert BACK_MERGE.match(title), title
    for title in ("Merge branch 'develop'", "Merge branch 'develop' into main", "Merge branch 'feature' into dev",
                  "Merge pull request #7 from ann/main", "Merge branch 'release/2.0' into master",
                  "Merge remote-tracking branch 'origin/main' into upstream/master"):
        assert not BACK_MERGE.match(title), title
