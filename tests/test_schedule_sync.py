"""A subscription changed through one instance changes the others' schedules: LISTEN/NOTIFY, then the timed resync.

Two instances on one real PostgreSQL database; members subscribe, move and unsubscribe through instance A
and instance B's APScheduler jobs follow. The NOTIFY test gives B a resync interval far beyond its wait,
so only the notification can have done it; the resync test turns the trigger off, so only the timer can.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import psycopg

from bot.core.chat import ChannelRef, CommandContext
from bot.core.subscriptions import Subscription, SubscriptionBook
from tests.cluster_support import TOKEN, Instance, add_commits, settings_for, settle
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack

CHANNEL = ChannelRef("slack", "T0001", "C0042")
KEY = "slack:T0001:C0042|acme/widget"


def local_run(instance: Instance, key: str) -> tuple[int, int] | None:
    """(hour, minute) of ``key``'s next daily run on ``instance``, in Europe/Berlin; None: no job."""
    job = instance.scheduler.job(key)
    if job is None:
        return None
    when = job.next_run_time.astimezone(ZoneInfo("Europe/Berlin"))
    return when.hour, when.minute


def test_subscribe_move_and_unsubscribe_through_one_instance_reach_the_other(pg_url, tmp_path):
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        add_commits(github, "acme/widget", datetime(2026, 2, 14, 8, tzinfo=UTC), count=1)
        settings = settings_for(pg_url, tmp_path, slack, github)

        async def scenario():
            a, b = Instance(settings), Instance(settings, resync_seconds=3600)
            await asyncio.gather(a.start(), b.start())
            await asyncio.wait_for(b.sync.listening.wait(), 20)
            ctx = CommandContext(channel=CHANNEL, user="U1")
            try:
                assert local_run(b, KEY) is None
                [answer] = await a.core.handle_command(ctx, "subscribe acme/widget at 07:30 tz Europe/Berlin")
                assert "Subscribed" in answer.text
                await settle(lambda: local_run(b, KEY) == (7, 30), "B to schedule the new subscription")

                await a.core.handle_command(ctx, "subscribe acme/widget at 18:05 tz Europe/Berlin weekly fri")
                await settle(lambda: local_run(b, KEY) == (18, 5), "B to move the job")
                assert b.scheduler.job(KEY + "|weekly") is not None
                assert b.scheduler.known() == {KEY}

                await a.core.handle_command(ctx, "unsubscribe acme/widget")
                await settle(lambda: local_run(b, KEY) is None, "B to drop the job")
                assert b.scheduler.job(KEY + "|weekly") is None and b.scheduler.known() == set()
            finally:
                await asyncio.gather(a.stop(), b.stop())

        asyncio.run(scenario())


def test_a_change_whose_notification_is_lost_arrives_with_the_next_resync(pg_url, tmp_path):
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        settings = settings_for(pg_url, tmp_path, slack, github)

        async def scenario():
            b = await Instance(settings, resync_seconds=0.5).start()
            await asyncio.wait_for(b.sync.listening.wait(), 20)
            try:
                with psycopg.connect(pg_url, autocommit=True) as conn:  # no NOTIFY for the next write
                    conn.execute("alter table digestbot.subscriptions disable trigger subscriptions_changed")
                SubscriptionBook(b.store).save(Subscription(platform="slack", workspace="T0001", channel="C0042",
                                                            repo="acme/widget", at="06:15", tz="Europe/Berlin"))
                await settle(lambda: local_run(b, KEY) == (6, 15), "the resync to schedule it")
            finally:
                await b.stop()

        asyncio.run(scenario())


def test_every_write_to_a_subscription_is_notified_with_its_key(pg_url, tmp_path):
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        settings = settings_for(pg_url, tmp_path, slack, github)
        book = SubscriptionBook(Instance(settings).store)
        with psycopg.connect(pg_url, autocommit=True) as listener:
            listener.execute("listen digestbot_subscriptions")
            sub = Subscription(platform="slack", workspace="T0001", channel="C0042", repo="acme/widget")
            book.save(sub)
            book.save(sub.model_copy(update={"at": "10:00"}))
            book.remove(CHANNEL, "acme/widget")
            payloads = [note.payload for note in listener.notifies(timeout=10, stop_after=3)]
        book.store.close()
    assert payloads == [KEY, KEY, KEY]
