"""A public symbol the same day added and a later change removes or reshapes: no release had it (viper 2025-10-08).

The pure walk over the day's first-parent line (``analysis.earlier_additions``), the heuristic reading it, and the
digest service handing it over from a real local repository.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.day import DayWindow
from analysis.earlier_additions import earlier_additions, may_touch_earlier
from analysis.facts import derive_facts
from analysis.models import Commit, Fact
from analysis.sources.local_git import LocalGitSource
from bot.core.digests.service import DigestService
from tests.facts_support import analysis_text, commit_of

AT = datetime(2026, 2, 14, 9, tzinfo=timezone.utc)

_BASE = "package config\n\nfunc Load() error { return nil }\n"
_WITH_ERROR = _BASE + "\n// LookupError says no file was found.\ntype LookupError struct {\n\tName string\n}\n\n" \
    "func (e LookupError) Error() string { return e.Name }\n"


def _commit(n: int, parent: int | None, facts: list[Fact]) -> tuple[Commit, list[Fact]]:
    return Commit(sha=f"{n:02d}" * 20, author="Ann", message=f"change {n}", committed_at=AT,
                  parents=[f"{parent:02d}" * 20] if parent is not None else []), facts


def test_the_walk_follows_first_parents_within_the_day_only():
    added = Fact(kind="symbol_added", path="errors.go", symbol="LookupError", public=True)
    private = Fact(kind="symbol_added", path="errors.go", symbol="lookup", public=False)
    day = [_commit(1, 0, [added, private]), _commit(2, 1, []), _commit(3, 2, []), _commit(4, 9, [])]
    assert earlier_additions(day, day[2][0]) == {"LookupError": "0101010"}
    assert earlier_additions(day, day[0][0]) == {}  # nothing of the day before the first
    assert earlier_additions(day, day[3][0]) == {}  # another line (a parent outside the day)
    moved = [Fact(kind="symbol_added", path="lookup.go", symbol="LookupError", public=True),
             Fact(kind="symbol_removed", path="errors.go", symbol="LookupError", public=True)]
    day = [_commit(1, 0, moved), _commit(2, 1, [])]
    assert earlier_additions(day, day[1][0]) == {}  # moved to another file: as released as before
    assert may_touch_earlier([Fact(kind="symbol_removed", path="errors.go", symbol="LookupError")])
    assert not may_touch_earlier([added])


def test_a_symbol_the_day_added_removed_again_breaks_no_user():
    commit, texts = commit_of({"errors.go": (_WITH_ERROR, _BASE)}, "refactor: drop the lookup error")
    facts = derive_facts(commit, texts)
    alone = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=facts))
    assert alone.importance == "high" and "every import or call breaks" in analysis_text(alone)
    after = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(
        facts=facts, added_earlier={"LookupError": "abc1234"}))
    text = analysis_text(after)
    assert after.importance != "high"
    assert "`LookupError`, `LookupError.Error` came in earlier the same day (`abc1234`)" in text \
        or "`LookupError` came in earlier the same day (`abc1234`)" in text
    assert "every import or call breaks" not in text


def _digest(git_repo, store, first_day: datetime):
    git_repo.commit("chore: start", AT - timedelta(days=3), {"config.go": _BASE})
    git_repo.commit("feat: add a lookup error", first_day, {"config.go": _WITH_ERROR})
    git_repo.commit("refactor: drop the lookup error", AT + timedelta(hours=2), {"config.go": _BASE})
    source = LocalGitSource(git_repo.path)
    digest = asyncio.run(DigestService(store, HeuristicAnalyzer()).build(source, DayWindow.of("2026-02-14", "UTC")))
    return {report.commit.title: report.analysis for report in digest.commits}


def test_the_digest_tells_the_heuristic_what_the_day_added(git_repo, store):
    analyses = _digest(git_repo, store, AT)
    dropped = analyses["refactor: drop the lookup error"]
    assert dropped.importance != "high"
    assert "came in earlier the same day" in analysis_text(dropped)


def test_a_symbol_released_before_the_day_still_breaks_callers(git_repo, store):
    analyses = _digest(git_repo, store, AT - timedelta(days=1))  # added the day before: a release may have it
    dropped = analyses["refactor: drop the lookup error"]
    assert dropped.importance == "high"
    assert "every import or call breaks" in analysis_text(dropped)


def _explain(git_repo, store, first_at: datetime, later_at: datetime, tz: str = "UTC"):
    git_repo.commit("chore: start", first_at - timedelta(days=3), {"config.go": _BASE})
    git_repo.commit("feat: add a lookup error", first_at, {"config.go": _WITH_ERROR})
    later = git_repo.commit("refactor: drop the lookup error", later_at, {"config.go": _BASE})
    source = LocalGitSource(git_repo.path)
    return asyncio.run(DigestService(store, HeuristicAnalyzer()).explain(source, later, "en", tz=tz)).analysis


def test_a_commit_explained_alone_walks_its_day_back(git_repo, store):
    """`explain` and alerts analyse one commit before any digest of its day (and cache it): the walk back along
    its first parents hands over what the day added, as the digest would."""
    dropped = _explain(git_repo, store, AT, AT + timedelta(hours=2))
    assert dropped.importance != "high"
    assert "`LookupError` came in earlier the same day" in analysis_text(dropped)


def test_the_day_of_an_explained_commit_is_the_channels(git_repo, store):
    """23:00 and 02:00 UTC are two days in UTC but one (07:00 and 10:00) in Asia/Shanghai."""
    late, early = AT.replace(hour=23) - timedelta(days=1), AT.replace(hour=2)
    assert _explain(git_repo, store, late, early, tz="UTC").importance == "high"


def test_the_day_of_an_explained_commit_in_another_zone(git_repo, store):
    late, early = AT.replace(hour=23) - timedelta(days=1), AT.replace(hour=2)
    dropped = _explain(git_repo, store, late, early, tz="Asia/Shanghai")
    assert dropped.importance != "high"
    assert "came in earlier the same day" in analysis_text(dropped)


def test_each_zone_reads_the_commit_in_its_own_day(git_repo, store):
    """The analysis cache is shared by every channel: a channel in UTC explaining the commit first must not decide
    what a channel in Asia/Shanghai (whose day holds the 23:00 addition) is shown, nor the other way round."""
    late, early = AT.replace(hour=23) - timedelta(days=1), AT.replace(hour=2)
    git_repo.commit("chore: start", late - timedelta(days=3), {"config.go": _BASE})
    git_repo.commit("feat: add a lookup error", late, {"config.go": _WITH_ERROR})
    later = git_repo.commit("refactor: drop the lookup error", early, {"config.go": _BASE})
    source, service = LocalGitSource(git_repo.path), DigestService(store, HeuristicAnalyzer())
    in_utc = asyncio.run(service.explain(source, later, "en", tz="UTC")).analysis
    in_shanghai = asyncio.run(service.explain(source, later, "en", tz="Asia/Shanghai")).analysis
    assert in_utc.importance == "high"
    assert in_shanghai.importance != "high" and "came in earlier the same day" in analysis_text(in_shanghai)
    assert asyncio.run(service.explain(source, later, "en", tz="UTC")).analysis.importance == "high"  # cached
    assert service.cache_hits == 1
    assert len([key for key, _ in store.items("analyses") if key.startswith(later)]) == 2  # one per zone
