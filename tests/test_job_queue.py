"""Due digests as procrastinate jobs on a real PostgreSQL: deferred once by several instances, posted once, retried.

Each "instance" here is a PostgresStore, a BotCore, the Slack adapter on the fake Slack and a DigestScheduler
with its own JobQueue (worker in the test's event loop), all on one database, as ``digestbot run`` wires them.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import psycopg

from bot.core.ledger import ledger_key
from bot.core.subscriptions import Subscription, SubscriptionBook
from bot.store.postgres_store import PostgresStore
from bot.store.queue_schema import QUEUE_SCHEMA
from scheduler.queue import DigestRetry, JobQueue
from tests.cluster_support import COMMITS, TOKEN, Instance, add_commits, due_just_now, jobs, settings_for, settle
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack
from tests.postgres_server import PostgresServer


def test_two_instances_deferring_one_due_digest_make_one_job_and_one_post(pg_url, tmp_path):
    slot, day = due_just_now()
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        add_commits(github, "acme/widget", datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC))
        settings = settings_for(pg_url, tmp_path, slack, github)
        sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo="acme/widget",
                           at=slot.strftime("%H:%M"), created_at=slot - timedelta(days=2))
        key = ledger_key(sub.channel_ref, sub.repo, day)

        async def scenario():
            a, b = Instance(settings), Instance(settings)
            SubscriptionBook(a.store).save(sub)
            await asyncio.gather(a.start(), b.start())  # both catch the slot up at start, at the same time
            try:
                outcomes = await asyncio.gather(a.scheduler.catchup_task, b.scheduler.catchup_task)
                # and both crons fire as well: still the one job
                again = await asyncio.gather(a.scheduler.run_job(sub.key), b.scheduler.run_job(sub.key))
                await settle(lambda: [row[1] for row in jobs(pg_url)] == ["succeeded"], "the job to finish")
                return outcomes, again, a.core.ledger.is_done(key)
            finally:
                await asyncio.gather(a.stop(), b.stop())

        outcomes, again, done = asyncio.run(scenario())
    assert sorted(outcome for [(_, _, outcome)] in outcomes) == ["deferred", "deferred-before"]
    assert again == ["deferred-before", "deferred-before"]
    assert done
    assert jobs(pg_url) == [("digestbot.post_digest", "succeeded", 1, key)]  # one job, run once
    assert len(slack.posts) == 1 + COMMITS
    assert all(n == 1 for n in Counter(p["text"] for p in slack.posts).values())


def test_a_failing_digest_is_retried_with_backoff_and_the_channel_told_once(pg_url, tmp_path):
    slot, day = due_just_now()
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        settings = settings_for(pg_url, tmp_path, slack, github)
        sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo="acme/gadget",
                           at=slot.strftime("%H:%M"), created_at=slot - timedelta(days=2))

        async def scenario():
            one = Instance(settings, first_retry_wait=0.3, poll_seconds=0.2)
            SubscriptionBook(one.store).save(sub)
            await one.start()  # acme/gadget is not on GitHub yet: the first attempt fails
            try:
                await settle(lambda: any(row[2] >= 1 for row in jobs(pg_url)), "the first attempt to fail")
                add_commits(github, "acme/gadget", datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC))
                await settle(lambda: [row[1] for row in jobs(pg_url)] == ["succeeded"], "the retried job")
            finally:
                await one.stop()

        asyncio.run(scenario())
    [(task, status, attempts, _)] = jobs(pg_url)
    assert status == "succeeded" and attempts >= 2  # failed, then ran again
    notices = [p for p in slack.posts if "could not be posted" in p["text"]]
    assert len(notices) == 1 and "tries again within 30 minutes" in notices[0]["text"]
    assert len(slack.posts) == 1 + 1 + COMMITS


def test_retry_backoff_doubles_up_to_its_cap_and_stops_past_the_catch_up_window():
    class Job:
        call_string = "post_digest"

        def __init__(self, attempts, late_hours):
            self.attempts = attempts
            self.task_kwargs = {"timestamp": int(time.time() - late_hours * 3600)}

    retry = DigestRetry(catchup_hours=12, first_wait=30, max_wait=1800)

    def wait(attempts, late_hours=1.0, exception=RuntimeError("x")):
        """The retry's delay in seconds, known to the precision of the clock readings around the decision."""
        before = datetime.now(UTC)
        decision = retry.get_retry_decision(exception=exception, job=Job(attempts, late_hours))
        after = datetime.now(UTC)
        if decision is None:
            return None
        low, high = (decision.retry_at - after).total_seconds(), (decision.retry_at - before).total_seconds()
        return next((s for s in (0, 30, 60, 120, 240, 480, 960, 1800) if low <= s <= high), (low, high))

    assert [wait(n) for n in range(8)] == [30, 60, 120, 240, 480, 960, 1800, 1800]
    assert wait(0, late_hours=13) is None
    assert wait(3, late_hours=20, exception=asyncio.CancelledError()) == 0  # at once, even when late


def test_the_queue_schema_is_applied_once_by_instances_starting_together(pg_url):
    stores = []

    async def open_two():
        stores.extend(await asyncio.gather(*(asyncio.to_thread(PostgresStore, pg_url) for _ in range(3))))

    asyncio.run(open_two())
    for store in stores:
        store.close()
    with psycopg.connect(pg_url) as conn:
        applied = [row[0] for row in conn.execute(f"select name from {QUEUE_SCHEMA}.applied")]
        public = conn.execute("select count(*) from information_schema.tables where table_schema = 'public'")
        assert public.fetchone()[0] == 0  # nothing of the queue's lands in public
        assert conn.execute(f"select to_regclass('{QUEUE_SCHEMA}.procrastinate_jobs')").fetchone()[0] is not None
    assert "00.00.00_01_initial.sql" in applied and len(applied) == len(set(applied))


def test_a_day_is_deferred_once_even_after_a_later_day_and_old_marks_are_cleaned_up(pg_url):
    """procrastinate keeps one mark per id; with one id per (channel, repository, day), a late second catch-up of
    an earlier day still finds its mark. Marks older than any catch-up can reach are deleted."""
    sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo="acme/widget")
    recent = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    old = recent - timedelta(days=30)
    days = [(recent - timedelta(days=1), "yesterday"), (recent, "today"), (recent - timedelta(days=1), "yesterday"),
            (old, "long-ago")]

    async def unused(*args) -> str:
        raise AssertionError("no worker runs in this test")

    async def scenario():
        PostgresStore(pg_url).close()  # the schema
        queue = JobQueue(pg_url, unused, catchup_hours=12)
        await queue.app.open_async()
        try:
            created = [await queue.defer("day", sub, day, due, f"{sub.key}|{day}") for due, day in days]
            await queue.clean_up()
            return created
        finally:
            await queue.app.close_async()

    assert asyncio.run(scenario()) == [True, True, False, True]
    assert [row[3].rsplit("|", 1)[1] for row in jobs(pg_url)] == ["yesterday", "today", "long-ago"]
    with psycopg.connect(pg_url) as conn:
        marks = conn.execute(f"select count(*) from {QUEUE_SCHEMA}.procrastinate_periodic_defers").fetchone()[0]
    assert marks == 2  # the long-ago mark is gone; yesterday's and today's stay


def test_a_weekly_roll_up_due_on_two_instances_is_one_job_and_one_post(pg_url, tmp_path):
    from bot.core.commands import WEEKDAYS

    slot, day = due_just_now()
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        add_commits(github, "acme/widget", datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC))
        settings = settings_for(pg_url, tmp_path, slack, github)
        sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo="acme/widget",
                           at=slot.strftime("%H:%M"), weekly=WEEKDAYS[slot.weekday()], created_at=slot - timedelta(days=8))

        async def scenario():
            a, b = Instance(settings), Instance(settings)
            SubscriptionBook(a.store).save(sub)
            await asyncio.gather(a.start(), b.start())  # both catch up the day's digest and the week's roll-up
            try:
                weekly = await asyncio.gather(a.scheduler.weekly_catchup_task, b.scheduler.weekly_catchup_task)
                await settle(lambda: [row[1] for row in jobs(pg_url)] == ["succeeded"] * 2, "both jobs")
                return weekly
            finally:
                await asyncio.gather(a.stop(), b.stop())

        weekly = asyncio.run(scenario())
    assert sorted(outcome for [(_, _, outcome)] in weekly) == ["deferred", "deferred-before"]
    assert sorted(row[0] for row in jobs(pg_url)) == ["digestbot.post_digest", "digestbot.post_week"]
    summaries = [p for p in slack.posts if not p.get("thread_ts")]
    assert len(summaries) == 2  # the day's digest and the week's roll-up, once each
    assert sum("Weekly" in p["text"] or "Roll-up" in p["text"] for p in summaries) == 1


def test_the_worker_and_the_listener_come_back_after_a_database_restart(tmp_path):
    """A database restart cuts the worker's heartbeat and listener connections (procrastinate's worker then stops
    itself); the digest due after it is still posted, and a subscription changed after it still followed."""
    server = PostgresServer().start()  # its own server: the session's is shared with the other tests
    slot, day = due_just_now()
    try:
        with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
            add_commits(github, "acme/widget", datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC))
            settings = settings_for(server.url(), tmp_path, slack, github)
            sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo="acme/widget",
                               at=slot.strftime("%H:%M"), created_at=slot - timedelta(days=2))

            async def scenario():
                one = await Instance(settings, resync_seconds=3600, stalled_seconds=3).start()
                try:
                    await asyncio.wait_for(one.sync.listening.wait(), 20)
                    await asyncio.to_thread(server.restart)
                    await settle(lambda: not one.sync.listening.is_set() or one.queue._worker.done(), "the cut")
                    await asyncio.wait_for(one.sync.listening.wait(), 20)  # the listener is back
                    SubscriptionBook(one.store).save(sub)  # heard by NOTIFY; deferred by the catch-up round
                    await settle(lambda: one.scheduler.job(sub.key) is not None, "the subscription to be followed")
                    assert await one.scheduler.catch_up() == [(sub.key, day, "deferred")]
                    await settle(lambda: one.core.ledger.is_done(ledger_key(sub.channel_ref, sub.repo, day)),
                                 "the digest to be posted by the restarted worker")
                    return one.queue.alive
                finally:
                    await one.stop()

            assert asyncio.run(scenario())
    finally:
        server.stop()
    assert len(slack.posts) == 1 + COMMITS


def test_a_digest_cut_short_by_a_shutdown_is_finished_at_once_by_another_instance(pg_url, tmp_path):
    slot, day = due_just_now()
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        add_commits(github, "acme/widget", datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC))
        slack.latency = 0.3  # a slow Slack: the digest is still posting when A is told to stop
        settings = settings_for(pg_url, tmp_path, slack, github)
        sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo="acme/widget",
                           at=slot.strftime("%H:%M"), created_at=slot - timedelta(days=2))
        key = ledger_key(sub.channel_ref, sub.repo, day)

        async def scenario():
            a = Instance(settings, shutdown_grace=0.1)
            SubscriptionBook(a.store).save(sub)
            await a.start()  # A alone defers and takes the job
            await settle(lambda: len(slack.posts) >= 1, "A to start posting")
            b = await Instance(settings, poll_seconds=0.2).start()
            try:
                await a.stop()  # SIGTERM's path: the running digest is cancelled and handed back at once
                await settle(lambda: b.core.ledger.is_done(key), "B to finish the digest")
            finally:
                await b.stop()

        asyncio.run(scenario())
    [(_, status, attempts, _)] = jobs(pg_url)
    assert status == "succeeded" and attempts == 2
    assert len(slack.posts) == 1 + COMMITS
    assert all(n == 1 for n in Counter(p["text"] for p in slack.posts).values())
    assert all(p.get("thread_ts") == slack.posts[0]["ts"] for p in slack.posts[1:])
