"""APScheduler wiring of weekly roll-ups: one cron job per subscription with ``weekly DAY``, beside its daily job.

The job fires on DAY at the subscription's time in its zone and posts the last full ISO week
(``bot.core.digests.weekly.post_due_week``); the ledger's week key makes it post once, across restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from analysis.week import last_full_week
from bot.core.commands import WEEKDAYS
from bot.core.digests.weekly import week_key
from bot.core.subscriptions import Subscription
from scheduler.due import parse_at

if TYPE_CHECKING:
    from scheduler.jobs import DigestScheduler

log = logging.getLogger(__name__)


def weekly_job_id(key: str) -> str:
    return f"{key}|weekly"


def weekly_trigger(sub: Subscription) -> CronTrigger:
    """On ``sub.weekly`` at ``sub.at`` in the subscription's own zone (wall-clock time, so DST-correct)."""
    hour, minute = parse_at(sub.at)
    return CronTrigger(day_of_week=sub.weekly, hour=hour, minute=minute, timezone=ZoneInfo(sub.tz))


def schedule_weekly(scheduler: BaseScheduler, sub: Subscription, run: Callable[[str], Awaitable[str]]) -> None:
    """Add, move or (no ``weekly`` any more) remove ``sub``'s weekly job."""
    if not sub.weekly:
        unschedule_weekly(scheduler, sub.key)
        return
    scheduler.add_job(run, weekly_trigger(sub), args=[sub.key], id=weekly_job_id(sub.key),
                      name=f"weekly {sub.key}", replace_existing=True)


def unschedule_weekly(scheduler: BaseScheduler, key: str) -> None:
    try:
        scheduler.remove_job(weekly_job_id(key))
        log.info("weekly job of %s removed", key)
    except JobLookupError:
        pass


def last_weekly_slot(sub: Subscription, now: datetime) -> datetime:
    """The latest time at or before ``now`` the weekly job of ``sub`` was due (in its zone)."""
    zone = ZoneInfo(sub.tz)
    local = now.astimezone(zone)
    hour, minute = parse_at(sub.at)
    day = local.date() - timedelta(days=(local.weekday() - WEEKDAYS.index(sub.weekly)) % 7)
    slot = datetime.combine(day, time(hour, minute), tzinfo=zone)
    return slot - timedelta(days=7) if slot > local else slot


async def catch_up_weekly(scheduler: "DigestScheduler") -> list[tuple[str, str, str]]:
    """Post, once, each weekly roll-up missed while the bot was down, if less late than the catch-up window.

    Returns (subscription key, week, outcome) for every roll-up it posted or tried.
    """
    core = scheduler.core
    now, window = core.clock(), timedelta(hours=core.settings.catchup_hours)
    done = []
    for sub in list(scheduler._subs.values()):
        if not sub.weekly or sub.platform not in scheduler.adapters:
            continue
        slot = last_weekly_slot(sub, now)
        week = last_full_week(slot, sub.tz)
        if (sub.created_at is not None and slot < sub.created_at) or now - slot > window \
                or core.ledger.is_done(week_key(sub, week)):
            continue
        log.info("catching up the weekly roll-up of %s for %s", sub.key, week)
        done.append((sub.key, week, await scheduler.run_weekly_job(sub.key, week)))
    return done
