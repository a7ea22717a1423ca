"""A week's roll-up as plain data: seven days' digests of one repository, and what the week collects from them."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta

from pydantic import BaseModel, Field

from analysis.day import check_day, parse_zone
from analysis.errors import BadInput
from analysis.highlights import _area as area_of  # the day's highlights' areas: the same here
from analysis.models import IMPORTANCE_ORDER, CommitReport, Digest, Fact, Stats

_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)
#: the public API and configuration fact kinds a roll-up collects
API_KINDS = ("symbol_removed", "signature_changed")
CONFIG_KINDS = ("config_key_added", "config_key_removed", "config_value_changed")


def parse_week(text: str) -> str:
    """An ISO week written YYYY-Www (``2026-W48``), canonical, or BadInput."""
    match = _WEEK.match(text or "")
    try:
        if match is None:
            raise ValueError(text)
        monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:
        raise BadInput(f"bad week {str(text)[:20]!r}; write it as YYYY-Www, e.g. 2026-W48") from None
    check_day(monday)
    return week_of(monday)


def week_of(day: date) -> str:
    """The ISO week ``day`` falls in, as YYYY-Www."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_days(label: str) -> list[date]:
    """The seven days (Monday first) of the ISO week ``label``."""
    year, week = (int(part) for part in parse_week(label).split("-W"))
    monday = date.fromisocalendar(year, week, 1)
    return [monday + timedelta(days=n) for n in range(7)]


def last_full_week(now: datetime, zone: str) -> str:
    """The last ISO week that is over in ``zone`` at ``now``: the week before the current one."""
    today = now.astimezone(parse_zone(zone)).date()
    return week_of(today - timedelta(days=today.isoweekday() - 1 + 7))


class Week(BaseModel):
    """One repository's seven days (Monday first) in one zone: the days' digests and the week's highlights."""

    repo: str
    week: str  # YYYY-Www
    timezone: str
    branch: str | None = None
    repo_url: str | None = None
    days: list[Digest] = Field(default_factory=list)
    #: 3 to 5 bullets on the week's themes (the LLM's, else derived from the facts); empty for a quiet week
    highlights: list[str] = Field(default_factory=list)

    @property
    def first_day(self) -> str:
        return self.days[0].date if self.days else ""

    @property
    def last_day(self) -> str:
        return self.days[-1].date if self.days else ""

    @property
    def reports(self) -> list[CommitReport]:
        """Every change of the week, newest day first (newest first inside a day, as digests keep them)."""
        return [report for digest in reversed(self.days) for report in digest.commits]

    @property
    def stats(self) -> Stats:
        counts = Counter(r.analysis.importance for r in self.reports)
        return Stats(total=len(self.reports), commits=sum(r.commit_count for r in self.reports),
                     **{level: counts.get(level, 0) for level in IMPORTANCE_ORDER})

    def by_area(self) -> list[tuple[str, dict[str, list[CommitReport]]]]:
        """The week's changes by area (most changes first), and inside each by theme (change type).

        A change is listed under the area where it changed most lines, so it appears once.
        """
        areas: dict[str, dict[str, list[CommitReport]]] = {}
        for report in self.reports:
            lines: Counter[str] = Counter()
            for f in report.commit.files:
                lines[area_of(f.path)] += f.changes or 1
            area = lines.most_common(1)[0][0] if lines else "-"
            areas.setdefault(area, {}).setdefault(report.analysis.change_type, []).append(report)
        return sorted(areas.items(), key=lambda item: (-sum(len(v) for v in item[1].values()), item[0]))

    def high_by_day(self) -> list[tuple[str, list[CommitReport]]]:
        """Each day's high-importance changes (days without any left out), Monday first."""
        out = []
        for digest in self.days:
            high = [r for r in digest.commits if r.analysis.importance == "high"]
            if high:
                out.append((digest.date, high))
        return out

    def _facts(self, kinds: tuple[str, ...], public_only: bool) -> list[tuple[Fact, CommitReport]]:
        seen: set[tuple] = set()
        out = []
        for report in self.reports:
            for fact in report.analysis.facts:
                if fact.kind not in kinds or (public_only and not fact.public) or not fact.symbol:
                    continue
                key = (fact.kind, fact.path, fact.symbol, fact.before, fact.after)
                if key not in seen:
                    seen.add(key)
                    out.append((fact, report))
        return out

    def api_changes(self) -> list[tuple[Fact, CommitReport]]:
        """Public symbols removed or with a changed signature, from the diff's facts."""
        return self._facts(API_KINDS, public_only=True)

    def config_changes(self) -> list[tuple[Fact, CommitReport]]:
        """Configuration keys added, removed or changed, from the diff's facts."""
        return self._facts(CONFIG_KINDS, public_only=False)

    def contributors(self) -> list[tuple[str, int]]:
        """Authors by the number of commits they wrote this week (folded commits included), most first."""
        counts: Counter[str] = Counter()
        for report in self.reports:
            for commit in [report.commit, *report.includes]:
                counts[commit.author] += 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
