"""APScheduler wiring of weekly roll-ups: one cron job per subscription with ``weekly DAY``, beside its daily job.

The job fires on DAY at the subscription's time in its zone and posts the last full ISO week
(``bot.core.weekly.post_due_week``); the ledger's week key makes it post once, across restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.core.subscriptions import Subscription
from scheduler.due import parse_at

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
