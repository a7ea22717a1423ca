"""Scheduling across instances on one PostgreSQL database: the job queue and the schedule sync, started together.

The runtime imports this module always; procrastinate and psycopg are imported only when a database is
configured, so an instance on TinyDB does not load them (about 11 MB resident).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.jobs import DEFAULT_CONCURRENCY

if TYPE_CHECKING:
    from bot.settings import Settings
    from bot.store import Store
    from scheduler.jobs import DigestScheduler


async def start_shared(scheduler: "DigestScheduler", settings: "Settings", store: "Store",
                       platforms: list[str]) -> list:
    """Give ``scheduler`` a job queue (this instance's worker runs on ``platforms``) and keep its jobs in step
    with the subscriptions in the database. Call before ``scheduler.start()``; returns the parts to ``stop``."""
    from scheduler.queue import JobQueue
    from scheduler.sync import ScheduleSync

    queue = JobQueue(settings.database_url, scheduler.run_queued, catchup_hours=settings.catchup_hours,
                     stalled_seconds=settings.queue_stalled_seconds, concurrency=DEFAULT_CONCURRENCY)
    await queue.start(platforms)
    scheduler.queue = queue
    sync = ScheduleSync(settings.database_url, store, scheduler, resync_seconds=settings.schedule_resync_seconds)
    try:
        await sync.start()
    except BaseException:
        await queue.stop()
        raise
    return [queue, sync]
