"""Due digests as jobs on procrastinate (PostgreSQL), so that any of several instances posts each one once.

With ``DIGESTBOT_DATABASE_URL`` set, APScheduler (in every instance) only decides that a digest is
due; ``JobQueue.defer`` turns it into one procrastinate job per (channel, repository, day), or per
week for a weekly roll-up, and every instance runs a worker in its own event loop that takes jobs
for the platforms it serves (the queue is the platform's name).

- Deferred once: the job goes through procrastinate's ``defer_periodic_job``, which inserts a row
  unique on (task, id, due instant) before the job, the id being the ledger key's hash, so instances
  deferring the same due digest make one job, ever (those rows are kept until no catch-up can
  reach back that far); the queueing lock (the ledger key) refuses a second waiting job for the
  day besides (``AlreadyEnqueued``: fine, one is waiting).
- Run once at a time: the job's lock is the ledger key; the ledger itself makes a finished digest
  ``done-before`` and resumes a half-posted one, with the thread read-back (``BotCore.publish``).
- Retried: a failure is retried with backoff (``DigestRetry``) while the digest is less late than
  ``DIGESTBOT_CATCHUP_HOURS``; a job stopped by a shutdown is retried at once, by any instance.
- Taken over: each worker sends a heartbeat every third of ``DIGESTBOT_QUEUE_STALLED_SECONDS``; every
  instance looks for jobs whose worker's heartbeat is older than that (a SIGKILLed or frozen
  instance) and puts them back in the queue (``recover_stalled``), so another instance resumes them.
  A worker that was only starved wakes up beside it: the posting fence (``bot.core.coordination.posting``,
  a lease on the ledger key renewed before each message) stops it at its next message.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime

import procrastinate
from procrastinate import exceptions as queue_errors
from procrastinate.retry import BaseRetryStrategy, RetryDecision

from bot.core.subscriptions import Subscription
from bot.observe import metrics
from bot.store.queue_schema import QUEUE_SEARCH_PATH

log = logging.getLogger(__name__)

#: the task of each kind of job: a day's digest, a week's roll-up
TASKS = {"day": "digestbot.post_digest", "week": "digestbot.post_week"}
#: seconds before the first retry of a failed digest; each next one waits twice as long, at most MAX_RETRY_WAIT
FIRST_RETRY_WAIT = 30.0
MAX_RETRY_WAIT = 1800.0
#: seconds a shutting-down instance lets its running digests finish before handing them back to the queue
SHUTDOWN_GRACE = 10.0
#: finished jobs are kept this long (hours), for inspection, then deleted
KEEP_FINISHED_HOURS = 72
CLEANUP_EVERY = 3600.0
#: seconds before a worker that stopped (its database connection lost) is started again
RESTART_WAIT = 2.0

#: (kind, subscription key, day or week, due instant in epoch seconds, attempts so far) -> outcome
Handler = Callable[[str, str, str, int, int], Awaitable[str]]


class DigestRetry(BaseRetryStrategy):
    """Backoff (30 s, 1, 2, 4 ... minutes, at most 30 apart) while the digest is less late than the catch-up window."""

    def __init__(self, catchup_hours: float, first_wait: float = FIRST_RETRY_WAIT, max_wait: float = MAX_RETRY_WAIT):
        self.window = catchup_hours * 3600
        self.first_wait, self.max_wait = first_wait, max_wait

    def get_retry_decision(self, *, exception: BaseException, job) -> RetryDecision | None:
        if isinstance(exception, (asyncio.CancelledError, queue_errors.JobAborted)):
            return RetryDecision(retry_in={"seconds": 0})  # a shutdown: another instance carries on now
        late = time.time() - float(job.task_kwargs.get("timestamp", 0))
        if late > self.window:
            log.warning("job %s failed and is now %.1f hours late: not retried", job.call_string, late / 3600)
            return None
        return RetryDecision(retry_in={"seconds": min(self.first_wait * 2 ** job.attempts, self.max_wait)})


def _periodic_id(lock: str) -> str:
    """One id per job ever deferred (procrastinate keeps only the latest instant per id; ids hold 128 characters)."""
    return hashlib.sha256(lock.encode()).hexdigest()[:40]


class JobQueue:
    """The procrastinate app of one instance: defers due digests, runs a worker, recovers stalled jobs."""

    def __init__(self, url: str, handler: Handler, *, catchup_hours: float, stalled_seconds: float = 30.0,
                 concurrency: int = 8, first_retry_wait: float = FIRST_RETRY_WAIT, poll_seconds: float = 2.0,
                 shutdown_grace: float = SHUTDOWN_GRACE):
        connector = procrastinate.PsycopgConnector(conninfo=url, kwargs={"options": QUEUE_SEARCH_PATH},
                                                   min_size=1, max_size=concurrency + 4)
        self.app = procrastinate.App(connector=connector)
        self.handler = handler
        self.stalled_seconds = stalled_seconds
        self.catchup_hours = catchup_hours
        self.concurrency = concurrency
        self.poll_seconds = poll_seconds  # new jobs arrive by NOTIFY; a retry's due time is found by polling
        self.shutdown_grace = shutdown_grace
        retry = DigestRetry(catchup_hours, first_wait=first_retry_wait)
        self.tasks = {kind: self.app.task(name=name, retry=retry, pass_context=True)(self._runner(kind))
                      for kind, name in TASKS.items()}
        self._worker: asyncio.Task | None = None
        self._upkeep: asyncio.Task | None = None

    def _runner(self, kind: str):
        async def run(context, timestamp: int, subscription: str, period: str) -> str:
            return await self.handler(kind, subscription, period, timestamp, context.job.attempts)
        run.__name__ = f"post_{kind}"
        return run

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, platforms: Iterable[str], *, name: str = "digestbot") -> None:
        """Open the queue's connections, start this instance's worker on ``platforms`` and the upkeep loop."""
        await self.app.open_async()
        self._worker = asyncio.create_task(self._work_forever(sorted(platforms), name), name="job queue worker")
        self._upkeep = asyncio.create_task(self._keep_up(), name="job queue upkeep")
        log.info("job queue worker started on %s", ", ".join(sorted(platforms)))

    async def _work_forever(self, queues: list[str], name: str) -> None:
        """procrastinate's worker, started again whenever it stops: it stops itself when a side task (heartbeat,
        listener) loses the database, as in a database restart; its running jobs are then taken over."""
        while True:
            try:
                await self.app.run_worker_async(
                    queues=queues, name=name, concurrency=self.concurrency, install_signal_handlers=False,
                    update_heartbeat_interval=self.stalled_seconds / 3, stalled_worker_timeout=self.stalled_seconds,
                    shutdown_graceful_timeout=self.shutdown_grace, fetch_job_polling_interval=self.poll_seconds)
                log.warning("job queue worker stopped; starting it again in %g s", RESTART_WAIT)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - the database is away: try again
                log.warning("job queue worker failed (%s); starting it again in %g s", type(error).__name__,
                            RESTART_WAIT)
            await asyncio.sleep(RESTART_WAIT)

    @property
    def alive(self) -> bool:
        return self._worker is not None and not self._worker.done()

    async def stop(self) -> None:
        """Stop the worker (running digests get ``shutdown_grace`` seconds, then go back to the queue) and close."""
        for task in (self._upkeep, self._worker):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        await self.app.close_async()

    # -- deferring ---------------------------------------------------------------------------

    async def defer(self, kind: str, sub: Subscription, period: str, due: datetime, lock: str) -> bool:
        """The job of ``sub``'s ``period`` (a day, or a week) due at ``due``, locked by ``lock`` (its ledger key).

        True when this call created it; False when it exists already (deferred by any instance).
        """
        timestamp = int(due.timestamp())
        job = self.tasks[kind].configure(
            lock=lock, queueing_lock=lock, queue=sub.platform,
            task_kwargs={"timestamp": timestamp, "subscription": sub.key, "period": period}).job
        try:
            job_id = await self.app.job_manager.defer_periodic_job(job, periodic_id=_periodic_id(lock),
                                                                   defer_timestamp=timestamp)
        except queue_errors.AlreadyEnqueued:
            job_id = None
        if job_id is None:
            log.debug("job %s for %s exists already", lock, period)
            return False
        log.info("job %d deferred: %s %s", job_id, kind, lock)
        metrics.job_deferred(kind)
        return True

    # -- taking over -------------------------------------------------------------------------

    async def recover_stalled(self) -> int:
        """Put back in the queue the running jobs of workers whose heartbeat stopped; how many."""
        manager = self.app.job_manager
        taken = 0
        for job in await manager.get_stalled_jobs(seconds_since_heartbeat=self.stalled_seconds):
            try:
                await manager.retry_job(job)
            except queue_errors.ProcrastinateException as error:  # another instance took it back first
                log.debug("stalled job %s not retried here: %s", job.id, error)
                continue
            taken += 1
            metrics.job_taken_over()
            log.warning("job %s was running on an instance that stopped answering; it is taken over",
                        job.call_string)
        return taken

    async def clean_up(self) -> None:
        """Delete finished jobs after ``KEEP_FINISHED_HOURS``, and the marks of deferred ones no catch-up reaches."""
        await self.app.job_manager.delete_old_jobs(nb_hours=KEEP_FINISHED_HOURS, include_failed=True)
        horizon = time.time() - self.catchup_hours * 3600 - 2 * 86400
        await self.app.connector.execute_query_async(
            query="delete from procrastinate_periodic_defers where task_name = any(%(tasks)s) "
                  "and defer_timestamp < %(horizon)s", tasks=list(TASKS.values()), horizon=int(horizon))

    async def _keep_up(self) -> None:
        last_cleanup = 0.0
        while True:
            await asyncio.sleep(self.stalled_seconds / 2)
            try:
                await self.recover_stalled()
                if time.monotonic() - last_cleanup > CLEANUP_EVERY:
                    await self.clean_up()
                    last_cleanup = time.monotonic()
            except Exception:  # noqa: BLE001 - the database may be away for a moment; the next round tries again
                log.warning("job queue upkeep failed", exc_info=True)
