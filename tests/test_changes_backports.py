"""A backport or cherry-pick of a change of the same day is that change landed again, not a change of its own
(aio-libs/aiohttp 2026-02-20: "Strip function def from code example (#12101)" and its two copies "[PR #12101/e458a830
backport][3.13] ..." and "[3.14]"): it folds into its origin's entry, listed under it, and is analysed once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.changes import backport_origin, fold
from analysis.models import Commit, CommitReport, Digest, FileChange
from analysis.renderers.markdown import render_markdown

AT = datetime(2026, 2, 20, 8, tzinfo=timezone.utc)
PATCH = "@@ -1,3 +1,2 @@\n-def example():\n     client.get(url)\n+client.get(url)\n"


def _commit(name: str, hours: int, message: str, path: str = "docs/cookbook.rst") -> Commit:
    return Commit(sha=name * 40, author="Dev", committed_at=AT + timedelta(hours=hours), message=message,
                  parents=["0" * 40],
                  files=[FileChange(path=path, status="modified", additions=1, deletions=2,
                                    patch=PATCH)], details_loaded=True)


def _day() -> list[Commit]:
    """Newest first: two backport-bot copies of e's change, a cherry-pick -x of it, and an unrelated fix."""
    return [_commit("d", 4, "[PR #12101/eeeeeeee backport][3.13] Strip function def from code example (#12102)"),
            _commit("c", 3, "[PR #12101/eeeeeeee backport][3.14] Strip function def from code example (#12103)"),
            _commit("b", 2, "Strip it on the LTS branch\n\n(cherry picked from commit " + "e" * 40 + ")"),
            _commit("e", 1, "Strip function def from code example (#12101)"),
            _commit("a", 0, "Fix multipart injection (#12104)", "src/formdata.py")]


def test_copies_of_a_change_of_the_day_fold_into_it_in_the_day_order():
    changes = fold(_day())
    assert [c.commit.sha[0] for c in changes] == ["e", "a"]
    assert [i.sha[0] for i in changes[0].includes] == ["d", "c", "b"] and changes[0].pr == 12101
    assert changes[1].includes == ()


def test_a_copy_whose_origin_is_not_of_the_day_is_a_change_of_its_own():
    day = [c for c in _day() if c.sha[0] != "e"]
    assert [c.commit.sha[0] for c in fold(day)] == ["d", "c", "b", "a"]


def test_the_origin_is_read_from_the_bot_title_and_the_cherry_pick_trailer_only():
    assert backport_origin(_day()[0]) == "eeeeeeee" and backport_origin(_day()[2]) == "e" * 40
    for message in ("Backport the fix", "Fix (#1)\n\ncherry picked from the release notes", "[PR #1 backport] x"):
        assert backport_origin(_commit("x", 0, message)) is None


def test_the_digest_shows_the_change_once_with_its_copies_under_it():
    changes = fold(_day())
    analyzer = HeuristicAnalyzer()
    reports = [CommitReport(commit=c.commit, analysis=analyzer.analyze_sync(c.commit, "en"), includes=list(c.includes),
                            pr=c.pr) for c in changes]
    text = render_markdown(Digest(repo="o/r", date="2026-02-20", timezone="UTC", commits=reports), "en")
    assert text.count("Strip function def from code example (#12101)") >= 1
    assert "`ddddddd`" in text and "`ccccccc`" in text and "`bbbbbbb`" in text
    assert text.count("Documentation only") == 1
