"""Per (repository, day) commit counts by importance, recorded whenever a digest is built, and the 14-day series.

A day with no record (the bot was not running, or the repository was followed only lately) is
estimated once: the missing days' commits are listed (one listing for all of them) and classified by the heuristic from the message only (no
file details, no LLM), and the estimate is stored marked as such so the chart can say "estimated".
A later real digest of that day replaces the estimate.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Literal

from analysis.changes import fold, titled
from analysis.day import DayWindow, parse_zone
from analysis.errors import DigestError
from analysis.models import IMPORTANCE_ORDER, Digest
from bot.store import Store

log = logging.getLogger(__name__)

DAILY_TABLE = "daily_stats"
SERIES_DAYS = 14

Origin = Literal["recorded", "estimated", "missing"]
#: counts by importance of the days the series has no record of (raise DigestError if unknown)
Estimator = Callable[[list[date]], dict[date, dict[str, int]]]


@dataclass(frozen=True)
class DayCount:
    """Commits of one day by importance, and where the numbers come from."""

    day: date
    high: int = 0
    medium: int = 0
    low: int = 0
    origin: Origin = "recorded"

    @property
    def total(self) -> int:
        return self.high + self.medium + self.low


def _key(repo: str, day: str | date) -> str:
    return f"{repo.lower()}|{day if isinstance(day, str) else day.isoformat()}"


def record(store: Store, digest: Digest) -> None:
    """Remember the digest's counts for (repo, day); a real digest always replaces an estimate."""
    stats = digest.stats
    store.put(DAILY_TABLE, _key(digest.repo, digest.date), {
        "high": stats.high, "medium": stats.medium, "low": stats.low, "timezone": digest.timezone,
        "estimated": False, "at": datetime.now(timezone.utc).isoformat(timespec="seconds")})


def _count(value: dict, day: date) -> DayCount:
    return DayCount(day, int(value.get("high", 0)), int(value.get("medium", 0)), int(value.get("low", 0)),
                    "estimated" if value.get("estimated") else "recorded")


def series(store: Store, repo: str, end_day: date | str, *, days: int = SERIES_DAYS,
           estimate: Estimator | None = None) -> list[DayCount]:
    """The ``days`` days ending with ``end_day`` (oldest first): recorded counts, else estimates, else missing."""
    end = date.fromisoformat(end_day) if isinstance(end_day, str) else end_day
    wanted = [end - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    found = store.get_many(DAILY_TABLE, [_key(repo, day) for day in wanted])  # one round trip, not one a day
    stored = {day: found.get(_key(repo, day)) for day in wanted}
    missing = [day for day, value in stored.items() if value is None]
    estimates: dict[date, dict[str, int]] = {}
    if missing and estimate is not None:
        try:
            estimates = estimate(missing)
        except DigestError as error:
            log.info("no estimate of %s's commits before %s: %s", repo, end, error)
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        keep = [(_key(repo, day), {**estimates[day], "estimated": True, "at": now})
                for day in missing if day in estimates and day < end]  # a past day no longer changes
        if keep:
            store.put_many(DAILY_TABLE, keep)
    out = []
    for day in wanted:
        if stored[day] is not None:
            out.append(_count(stored[day], day))
        elif day in estimates:
            out.append(DayCount(day, origin="estimated",
                                **{level: int(estimates[day].get(level, 0)) for level in IMPORTANCE_ORDER}))
        else:
            out.append(DayCount(day, origin="missing"))
    return out


@dataclass(frozen=True)
class SpanWindow(DayWindow):
    """Several consecutive days as one window, so one listing covers every day to estimate."""

    days: int = 1

    @property
    def end(self) -> datetime:
        return datetime.combine(self.day + timedelta(days=self.days), time(0), tzinfo=self.zone)


def source_estimator(source, zone: str, branch: str | None = None) -> Estimator:
    """An ``Estimator`` listing the days' commits from ``source`` at once; each day's changes (merges folded,
    as in a digest) classified by their message only."""
    from analysis.analyzers.heuristic import HeuristicAnalyzer

    heuristic = HeuristicAnalyzer()
    tz = parse_zone(zone)

    def estimate(days: list[date]) -> dict[date, dict[str, int]]:
        first, last = min(days), max(days)
        window = SpanWindow(first, tz, days=(last - first).days + 1)
        counts = {day: {level: 0 for level in IMPORTANCE_ORDER} for day in days}
        listed: dict[date, list] = {}
        for commit in source.list_commits(window, branch):
            listed.setdefault(commit.committed_at.astimezone(tz).date(), []).append(commit)
        for day, commits in listed.items():
            for change in fold(commits) if day in counts else ():  # changes, as the day's digest counts them
                bare = titled(change.commit).model_copy(update={"files": [], "details_loaded": False})
                counts[day][heuristic.analyze_sync(bare, "en").importance] += 1
        return counts

    return estimate
