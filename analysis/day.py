"""The day a digest covers: [date 00:00, next day 00:00) in an IANA zone, as aware datetimes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from analysis.errors import BadInput


@lru_cache(maxsize=1)
def _zones_by_lower_name() -> dict[str, str]:
    return {zone.lower(): zone for zone in available_timezones()}


def parse_zone(name: str) -> ZoneInfo:
    """An IANA zone by name in any case (``europe/berlin`` is ``Europe/Berlin``), or BadInput naming the bad zone."""
    try:
        if not name or name.startswith("/") or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError, OSError):
        canonical = _zones_by_lower_name().get((name or "").lower())
        if canonical:
            return ZoneInfo(canonical)
        shown = name[:60] + ("..." if len(name or "") > 60 else "")
        raise BadInput(f"unknown time zone {shown!r}; use an IANA name such as UTC or Asia/Shanghai") from None


#: the days a digest can cover: commit dates before the Unix epoch are not real, and a day near year 9999
#: would overflow once turned into UTC and widened by the sources (and GitHub wants four-digit years)
FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(9998, 12, 31)


def parse_date(text: str) -> date:
    """A calendar date written YYYY-MM-DD within [FIRST_DAY, LAST_DAY], or BadInput."""
    try:
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        raise BadInput(f"bad date {text!r}; write it as YYYY-MM-DD") from None
    return check_day(day)


def check_day(day: date) -> date:
    """``day`` if a digest can cover it, else BadInput saying the range."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadInput(f"the date {day.isoformat()} is out of range; give a day between {FIRST_DAY} and {LAST_DAY}")
    return day


@dataclass(frozen=True)
class DayWindow:
    """One calendar day in one zone; ``start`` inclusive, ``end`` exclusive."""

    day: date
    zone: ZoneInfo

    @classmethod
    def of(cls, day: str | date, zone: str | ZoneInfo = "UTC") -> "DayWindow":
        day = parse_date(day) if isinstance(day, str) else check_day(day)
        zone = parse_zone(zone) if isinstance(zone, str) else zone
        return cls(day, zone)

    @property
    def start(self) -> datetime:
        return datetime.combine(self.day, time(0), tzinfo=self.zone)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.day + timedelta(days=1), time(0), tzinfo=self.zone)

    @property
    def start_utc(self) -> datetime:
        return self.start.astimezone(timezone.utc)

    @property
    def end_utc(self) -> datetime:
        return self.end.astimezone(timezone.utc)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def require_begun(self, now: datetime) -> None:
        """BadInput if the day has not begun at ``now``: no digest of it can exist yet."""
        if now < self.start:
            raise BadInput(f"{self.day} has not begun yet in {self.zone_name}; choose a day up to today")

    def is_over(self, now: datetime) -> bool:
        return self.end <= now

    @property
    def zone_name(self) -> str:
        return self.zone.key
