"""APScheduler wiring: one cron job per subscription, catch-up of missed digests at start.

APScheduler only decides *when*; what a run posts is ``scheduler.due.post_due_digest`` and
the ledger makes every post happen once, across restarts and crashes. With a job queue
(``scheduler.queue``, several instances on PostgreSQL) a due digest is deferred as a job instead,
and whichever instance's worker takes it calls ``run_queued``.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from analysis.errors import DigestError
from analysis.week import last_full_week
from bot.core.chat import ChatAdapter, TextResponse
from bot.core.coordination.posting import PostingBusy, PostingTakenOver
from bot.core.digests.weekly import post_due_week, week_key
from bot.core.ledger import ledger_key
from bot.core.limits import pools
from bot.core.subscriptions import Subscription
from bot.store import StoreCorrupt
from scheduler.builds import SharedBuilds
from scheduler.due import last_slot, parse_at, plan_catchup, post_due_digest
from scheduler.weekly_jobs import catch_up_weekly, last_weekly_slot, schedule_weekly, unschedule_weekly

if TYPE_CHECKING:
    from bot.core.service import BotCore
    from scheduler.queue import JobQueue

log = logging.getLogger(__name__)

#: channels served at the same time; one slow channel or repository does not hold up the others
DEFAULT_CONCURRENCY = 8
#: a scheduled run that starts later than this (event loop busy, clock jump) says it is late
LATE_AFTER = timedelta(minutes=10)
#: how often digests that failed (GitHub down, chat API errors) are tried again, within the catch-up window
RETRY_EVERY_MINUTES = 30
RETRY_JOB_ID = "digestbot:retry-failed"


def trigger_for(sub: Subscription) -> CronTrigger:
    """Daily at ``sub.at`` in the subscription's own zone (wall-clock time, so DST-correct)."""
    hour, minute = parse_at(sub.at)
    return CronTrigger(hour=hour, minute=minute, timezone=ZoneInfo(sub.tz))


class DigestScheduler:
    """Keeps one APScheduler job per subscription and serves due digests with bounded concurrency."""

    def __init__(self, core: "BotCore", adapters: dict[str, ChatAdapter], *,
                 concurrency: int = DEFAULT_CONCURRENCY, scheduler: AsyncIOScheduler | None = None,
                 queue: "JobQueue | None" = None):
        self.core = core
        self.adapters = adapters
        self.concurrency = concurrency
        #: set (several instances on PostgreSQL): due digests become jobs that any instance's worker runs
        self.queue = queue
        grace = max(60, int(core.settings.catchup_hours * 3600))
        self.scheduler = scheduler or AsyncIOScheduler(
            timezone=timezone.utc,
            # coalesce: a run delayed past its next one posts once; grace: a late run (busy
            # loop, suspended host) still posts within the catch-up window, never later
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace})
        self.builds = SharedBuilds(core)
        self._limit: asyncio.Semaphore | None = None
        self._subs: dict[str, Subscription] = {}
        self._tasks: set[asyncio.Task] = set()
        self._told: set[tuple[str, str]] = set()  # (subscription, day) whose failure the channel was told
        self.catchup_task: asyncio.Task | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Rebuild the jobs from the store, follow changes, start catching up missed digests.

        Must run inside the event loop. A corrupt subscriptions or ledger file raises
        ``StoreCorrupt`` here, before anything is posted.
        """
        subs = self.core.subscriptions.all()
        for sub in subs:
            try:
                self._schedule(sub)
            except Exception:  # noqa: BLE001 - one bad record must not stop every other channel's digest
                log.exception("subscription %s cannot be scheduled; skipped", sub.key)
        self.core.on_change.append(self._on_change)
        # a digest that failed is not left until the next restart: the catch-up runs again
        self.scheduler.add_job(self._retry_failed, "interval", minutes=RETRY_EVERY_MINUTES, id=RETRY_JOB_ID,
                               name="retry failed digests", replace_existing=True)
        self.scheduler.start()
        log.info("scheduler started with %d subscriptions", len(subs))
        self.catchup_task = self._spawn(self.catch_up())
        self.weekly_catchup_task = self._spawn(catch_up_weekly(self))

    async def _retry_failed(self) -> None:
        if self.catchup_task is not None and not self.catchup_task.done():
            return  # the start-up catch-up is still at work
        self.catchup_task = self._spawn(self.catch_up())

    @property
    def alive(self) -> bool:
        """For the health check: APScheduler runs and its event loop is open."""
        loop = getattr(self.scheduler, "_eventloop", None)
        queue_ok = self.queue is None or self.queue.alive
        return bool(self.scheduler.running) and not (loop is not None and loop.is_closed()) and queue_ok

    def shutdown(self) -> None:
        if self._on_change in self.core.on_change:
            self.core.on_change.remove(self._on_change)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        for task in list(self._tasks):
            task.cancel()

    def _spawn(self, coro) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # -- jobs --------------------------------------------------------------------------------

    def _schedule(self, sub: Subscription) -> None:
        self._subs[sub.key] = sub
        self.scheduler.add_job(self.run_job, trigger_for(sub), args=[sub.key], id=sub.key,
                               name=f"digest {sub.key}", replace_existing=True)
        schedule_weekly(self.scheduler, sub, self.run_weekly_job)

    def _unschedule(self, key: str) -> None:
        self._subs.pop(key, None)
        try:
            self.scheduler.remove_job(key)
        except JobLookupError:
            pass
        unschedule_weekly(self.scheduler, key)

    def follow(self, key: str, sub: Subscription | None) -> bool:
        """Make the jobs of subscription ``key`` match ``sub`` as stored now (None: removed); True if they changed.

        For changes made through another instance (``scheduler.sync``); this instance's own go through
        ``_on_change`` at once.
        """
        if sub is None:
            if key not in self._subs:
                return False
            self._unschedule(key)
            log.info("job %s removed (changed elsewhere)", key)
            return True
        if self._subs.get(key) == sub:
            return False
        self._schedule(sub)
        log.info("job %s scheduled at %s %s (changed elsewhere)", key, sub.at, sub.tz)
        return True

    def known(self) -> set[str]:
        """The subscriptions this instance has jobs for."""
        return set(self._subs)

    def _on_change(self, sub: Subscription, removed: bool) -> None:
        if removed:
            self._unschedule(sub.key)
            log.info("job %s removed", sub.key)
            return
        if sub.created_at is None:
            sub = sub.model_copy(update={"created_at": self.core.clock()})
            self.core.subscriptions.save(sub)
        self._schedule(sub)
        log.info("job %s scheduled at %s %s", sub.key, sub.at, sub.tz)

    def job(self, key: str):
        return self.scheduler.get_job(key)

    async def run_job(self, key: str) -> str:
        """What a job runs at its time: the digest of the previous day in the subscription's zone."""
        sub = self._subs.get(key)
        if sub is None:
            return "unsubscribed"
        now = self.core.clock()
        slot = last_slot(sub, now)
        late_by = now - slot.run_at
        if self.queue is not None:
            return await self._defer("day", sub, slot.day, slot.run_at)
        try:
            return await self.serve(sub, slot.day, late_by if late_by > LATE_AFTER else None)
        except asyncio.CancelledError:  # shutting down: the ledger resumes it at the next start
            log.info("digest of %s for %s interrupted by shutdown; resumed at the next start", sub.key, slot.day)
            return "cancelled"

    async def run_weekly_job(self, key: str, week: str | None = None) -> str:
        """What a weekly job runs: the roll-up of ``week`` (default: the last full one), once; a failure is
        logged, not raised."""
        sub = self._subs.get(key)
        adapter = self.adapters.get(sub.platform) if sub is not None else None
        if sub is None or adapter is None:
            return "unsubscribed" if sub is None else "no-adapter"
        if self.queue is not None:
            slot = last_weekly_slot(sub, self.core.clock())
            return await self._defer("week", sub, week or last_full_week(slot, sub.tz), slot)
        async with self._bounded():
            try:
                return await post_due_week(self.core, adapter, sub, week)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - one channel's failure must not stop the others
                log.exception("weekly roll-up of %s in %s failed", sub.repo, sub.channel_ref.key)
                return "failed"

    def _bounded(self) -> asyncio.Semaphore:
        if self._limit is None:
            self._limit = asyncio.Semaphore(self.concurrency)
        return self._limit

    # -- the job queue (several instances) ---------------------------------------------------

    async def _defer(self, kind: str, sub: Subscription, period: str, due: datetime) -> str:
        """Hand a due digest (``kind`` "day") or roll-up ("week") to the job queue: "deferred" or "deferred-before"."""
        lock = ledger_key(sub.channel_ref, sub.repo, period) if kind == "day" else week_key(sub, period)
        try:
            created = await self.queue.defer(kind, sub, period, due, lock)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the database may be away; the catch-up round defers it again
            log.exception("could not defer the job of %s for %s; tried again within %d minutes", sub.key, period,
                          RETRY_EVERY_MINUTES)
            return "failed"
        return "deferred" if created else "deferred-before"

    async def run_queued(self, kind: str, key: str, period: str, timestamp: int, attempts: int) -> str:
        """What a queued job runs (on whichever instance took it): ``key``'s digest of ``period``, once.

        The subscription is read from the store, not from this instance's jobs, which may not have heard
        of it yet. A failure is raised, so the queue retries it; the channel is told at the first one.
        """
        sub = await pools.store_io(self.core.subscriptions.by_key, key)
        if sub is None:
            log.info("job for %s: the subscription is gone; nothing to post", key)
            return "unsubscribed"
        adapter = self.adapters.get(sub.platform)
        if adapter is None:  # workers take only their own platforms' queues
            raise DigestError(f"no {sub.platform} adapter runs on this instance")
        if kind == "week":
            async with self._bounded():
                return await post_due_week(self.core, adapter, sub, period)
        late_by = self.core.clock() - datetime.fromtimestamp(timestamp, timezone.utc)
        async with self._bounded():
            try:
                return await post_due_digest(self.core, adapter, sub, period, builds=self.builds,
                                             late_by=late_by if late_by > LATE_AFTER else None)
            except asyncio.CancelledError:
                raise
            except PostingTakenOver as error:  # this worker stalled and its job runs elsewhere now: not a failure
                log.warning("digest of %s for %s in %s: %s", sub.repo, period, sub.channel_ref.key, error)
                return "taken-over"
            except PostingBusy as error:  # posted elsewhere for long: retried, nothing to tell the channel
                log.warning("digest of %s for %s in %s: %s", sub.repo, period, sub.channel_ref.key, error)
                raise
            except Exception as error:
                log.exception("digest of %s for %s in %s failed (attempt %d); it is retried", sub.repo, period,
                              sub.channel_ref.key, attempts + 1)
                if attempts == 0:
                    await self._tell_channel(adapter, sub, period, error)
                raise

    # -- serving -----------------------------------------------------------------------------

    async def serve(self, sub: Subscription, day: str, late_by: timedelta | None = None) -> str:
        """Post one channel's digest under the concurrency bound; a failure is logged, not raised."""
        adapter = self.adapters.get(sub.platform)
        if adapter is None:
            log.debug("no %s adapter running; %s not served", sub.platform, sub.key)
            return "no-adapter"
        async with self._bounded():
            try:
                return await post_due_digest(self.core, adapter, sub, day, late_by=late_by, builds=self.builds)
            except asyncio.CancelledError:
                raise
            except PostingBusy as error:  # another instance posts it: its digest, not a failure of this one
                log.warning("digest of %s for %s in %s: %s", sub.repo, day, sub.channel_ref.key, error)
                return "elsewhere"
            except Exception as error:  # noqa: BLE001 - one channel's failure must not stop the others
                log.exception("digest of %s for %s in %s failed; it is retried at the next start and every "
                              "%d minutes within the catch-up window", sub.repo, day, sub.channel_ref.key,
                              RETRY_EVERY_MINUTES)
                await self._tell_channel(adapter, sub, day, error)
                return "failed"

    async def _tell_channel(self, adapter: ChatAdapter, sub: Subscription, day: str, error: Exception) -> None:
        """Say once in the channel that its digest failed, so nobody waits for it in silence."""
        told = (sub.key, day)
        if told in self._told:
            return
        self._told.add(told)
        reason = str(error) if isinstance(error, DigestError) and not isinstance(error, StoreCorrupt) \
            else "an error on the bot's side (the details are in its log)"
        again = "within" if self.queue is not None else "every"  # the queue's backoff is capped at as long
        text = (f"The digest of {sub.repo} for {day} could not be posted: {reason}. "
                f"The bot tries again {again} {RETRY_EVERY_MINUTES} minutes.")
        try:
            await adapter.send(sub.channel_ref, adapter.renderer.text_message(TextResponse(text, error=True)))
        except Exception:  # noqa: BLE001 - the channel itself may be what fails
            log.warning("could not tell %s that its digest failed", sub.channel_ref.key, exc_info=True)

    async def catch_up(self) -> list[tuple[str, str, str]]:
        """Post, once, every digest missed while the bot was down and less than the window late.

        Returns (subscription key, day, outcome) for every missed slot, posted or skipped.
        """
        now = self.core.clock()
        hours = self.core.settings.catchup_hours
        plans = []
        for sub in list(self._subs.values()):
            if sub.platform not in self.adapters:
                continue
            done = lambda day, sub=sub: self.core.ledger.is_done(ledger_key(sub.channel_ref, sub.repo, day))  # noqa: E731
            try:
                decisions = plan_catchup(sub, now, catchup_hours=hours, is_done=done)
            except Exception:  # noqa: BLE001
                log.exception("cannot plan the catch-up of %s; skipped", sub.key)
                continue
            for decision in decisions:
                if decision.action == "skip":
                    log.warning("missed digest of %s for %s in %s skipped: %.1f hours late, more than "
                                "DIGESTBOT_CATCHUP_HOURS=%g", sub.repo, decision.slot.day, sub.channel_ref.key,
                                decision.late_by.total_seconds() / 3600, hours)
                plans.append((sub, decision))

        async def one(sub: Subscription, decision) -> tuple[str, str, str]:
            if decision.action == "skip":
                return sub.key, decision.slot.day, "skipped"
            log.info("catching up %s for %s, %s late", sub.key, decision.slot.day, decision.late_by)
            if self.queue is not None:
                return sub.key, decision.slot.day, await self._defer("day", sub, decision.slot.day,
                                                                     decision.slot.run_at)
            return sub.key, decision.slot.day, await self.serve(sub, decision.slot.day, decision.late_by)

        # one subscription's days in order; subscriptions side by side (serve() bounds them)
        by_sub: dict[str, list] = {}
        for sub, decision in plans:
            by_sub.setdefault(sub.key, []).append((sub, decision))

        async def in_order(items) -> list:
            return [await one(sub, decision) for sub, decision in items]

        results = await asyncio.gather(*(in_order(items) for items in by_sub.values()))
        return [item for group in results for item in group]
