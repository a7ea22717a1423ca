"""The posting fence: two instances posting one digest never post a message twice (bot/core/coordination/posting.py).

The job queue puts back the job of a worker whose heartbeat is late; a starved worker is not a dead one, and
it wakes up beside the instance that took its job. Here two BotCores, each on its own PostgresStore and its
own event loop and thread, post the same digest through the real Slack adapter to one fake Slack: one
waits for the other; and a holder whose loop freezes past the lease's ttl is taken over and stops at its
next message. Then the fence's own rules on in-memory leases with a hand-driven clock.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from datetime import UTC, datetime

import pytest

from adapters.slack.app import SlackAdapter
from bot.core.chat import ChannelRef, CommandContext, DigestResponse
from bot.core.coordination.posting import NO_FENCE, PostingBusy, PostingFence, PostingTakenOver, fence_for
from bot.core.ledger import ledger_key
from bot.core.service import BotCore
from bot.core.subscriptions import Subscription
from bot.settings import Settings
from bot.store.leases import MemoryLeases
from bot.store.postgres_store import PostgresStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack
from tests.test_exactly_once_readback import COMMITS, SECRET, TOKEN, add_commits

DAY = "2026-02-14"
TTL = 1.0  # the lease's seconds (DIGESTBOT_QUEUE_STALLED_SECONDS): a holder frozen longer is taken over


class Instance:
    """One bot instance in its own thread: a BotCore and a SlackAdapter on their own store and event loop."""

    def __init__(self, name: str, pg_url: str, slack: FakeSlack, github: FakeGitHub):
        self.name = name
        self.settings = Settings(github_api_url=github.url, slack_api_url=slack.url, slack_bot_token=TOKEN,
                                 slack_signing_secret=SECRET, queue_stalled_seconds=TTL)
        self.store = PostgresStore(pg_url, max_connections=4)
        self.core = BotCore(self.settings, self.store)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None

    def post(self, sub: Subscription) -> None:
        """Publish ``sub``'s digest of DAY in a thread of its own (``join`` waits; ``error`` is what it raised)."""
        self.thread = threading.Thread(target=lambda: asyncio.run(self._post(sub)), name=self.name)
        self.thread.start()

    async def _post(self, sub: Subscription) -> None:
        self.loop = asyncio.get_running_loop()
        adapter = SlackAdapter(self.settings, self.core, port=0, host="127.0.0.1")
        await adapter.start()
        try:
            ctx = CommandContext(channel=sub.channel_ref, user="scheduler")
            digest = await self.core.digest_for(sub, DAY)
            await self.core.publish(adapter, ctx, DigestResponse(digest, ledger_key=key_of(sub)))
        except Exception as error:  # noqa: BLE001 - the test reads it
            self.error = error
        finally:
            await adapter.stop()

    def join(self) -> None:
        self.thread.join(60)
        assert not self.thread.is_alive()
        self.store.close()


def key_of(sub: Subscription) -> str:
    return ledger_key(sub.channel_ref, sub.repo, DAY)


@pytest.fixture
def day():
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        add_commits(github, datetime(2026, 2, 14, 8, tzinfo=UTC))
        sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo="acme/widget")
        yield slack, github, sub


def posted_once(slack: FakeSlack) -> None:
    """One summary and one reply per commit in its thread, no text twice."""
    twice = [text[:60] for text, n in Counter(p["text"] for p in slack.posts).items() if n > 1]
    assert not twice, f"posted twice: {twice}"
    assert len(slack.posts) == 1 + COMMITS
    summary = slack.posts[0]
    assert not summary.get("thread_ts")
    assert all(p.get("thread_ts") == summary["ts"] for p in slack.posts[1:])


def test_a_second_instance_waits_for_the_first_and_finds_the_digest_done(day, pg_url):
    slack, github, sub = day
    a, b = Instance("a", pg_url, slack, github), Instance("b", pg_url, slack, github)
    started = threading.Event()
    slack.after_post = lambda post: started.set()
    slack.latency = 0.2  # A is still posting when B comes
    a.post(sub)
    assert started.wait(30)
    b.post(sub)  # A holds the fence: B waits, then reads the ledger A finished
    a.join()
    b.join()
    assert a.error is None and b.error is None, (a.error, b.error)
    posted_once(slack)
    assert PostgresStore(pg_url).get("ledger", key_of(sub))["done"]


def test_a_holder_frozen_past_the_ttl_is_taken_over_and_stops_at_its_next_post(day, pg_url):
    slack, github, sub = day
    a, b = Instance("a", pg_url, slack, github), Instance("b", pg_url, slack, github)

    def after_post(post: dict) -> None:
        if len(slack.posts) == 1:
            b.post(sub)  # B starts while A holds the fence
        if len(slack.posts) == 2 and a.loop is not None:
            a.loop.call_soon_threadsafe(time.sleep, 4 * TTL)  # A's loop freezes (a starved instance)

    slack.after_post = after_post
    a.post(sub)
    a.join()
    b.join()
    assert isinstance(a.error, PostingTakenOver), a.error
    assert "taken over by another instance" in str(a.error)
    assert b.error is None, b.error
    posted_once(slack)
    ledger = PostgresStore(pg_url).get("ledger", key_of(sub))
    assert ledger["done"]  # A, woken, did not write its stale entry over B's


# --- the fence's rules, on in-memory leases ---------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_fence_checks_until_its_lease_is_taken_and_then_refuses():
    clock = Clock()
    leases = MemoryLeases(clock=clock)

    async def scenario():
        async with PostingFence(leases, "k", "a", ttl=30, wait=1) as fence:
            await fence.check()
            clock.now = 31  # A stalled past its ttl: B takes the lease
            assert leases.take("post:k", "b", 30)
            with pytest.raises(PostingTakenOver):
                await fence.check()
        assert leases.holder("post:k") == "b"  # A's exit does not free B's lease

    asyncio.run(scenario())


def test_a_fence_held_elsewhere_for_longer_than_the_wait_fails_in_one_sentence():
    leases = MemoryLeases()
    assert leases.take("post:k", "other-instance", 60)

    async def scenario():
        async with PostingFence(leases, "k", "a", ttl=60, wait=0.2):
            pass

    with pytest.raises(PostingBusy, match=r"^this digest is being posted by another instance .* tried again later$"):
        asyncio.run(scenario())


def test_a_fence_taken_after_its_holder_releases_it():
    leases = MemoryLeases()

    async def scenario():
        first = PostingFence(leases, "k", "a", ttl=60, wait=5)
        await first.__aenter__()
        second = PostingFence(leases, "k", "a", ttl=60, wait=5)  # same instance, another attempt: waits too
        waiting = asyncio.ensure_future(second.__aenter__())
        done, _ = await asyncio.wait([waiting], timeout=0.2)
        assert not done  # still waiting for the first to let go
        await first.__aexit__(None, None, None)
        await asyncio.wait_for(waiting, 5)
        assert leases.holder("post:k") == second.holder
        await second.__aexit__(None, None, None)
        assert leases.holder("post:k") is None

    asyncio.run(scenario())


def test_a_ledger_key_is_fenced_for_ten_ttls_of_waiting_and_a_preview_is_not():
    leases = MemoryLeases()
    fence = fence_for(leases, "slack:T1:C1|acme/widget|2026-02-14", "instance", 30)
    assert isinstance(fence, PostingFence) and fence.name == "post:slack:T1:C1|acme/widget|2026-02-14"
    assert fence.wait == 300 and fence.holder.startswith("instance#")

    async def scenario():
        async with fence_for(leases, None, "instance", 30) as preview:  # no ledger key: posted outside the ledger
            await preview.check()
        return preview

    assert asyncio.run(scenario()) is NO_FENCE
