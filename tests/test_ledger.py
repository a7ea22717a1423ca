"""Exactly-once posting through the core's ledger, with a digest whose order changed between runs."""

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from adapters.console import ConsoleRenderer
from analysis.errors import RemoteFailure
from analysis.models import Analysis, Commit, CommitReport, Digest
from bot.core.chat import ChannelRef, CommandContext, DigestResponse
from bot.core.service import BotCore
from bot.store import TinyStore

CHANNEL = ChannelRef("console", "local", "c1")


class FlakyAdapter:
    """Records posts; raises on the post numbered ``fail_at`` (1-based), as a crash mid-post would."""

    platform = "console"
    supports_threads = True

    def __init__(self, fail_at: int | None = None):
        self.renderer = ConsoleRenderer()
        self.posts: list[tuple[str, str | None, str]] = []
        self.fail_at = fail_at

    async def send(self, channel, message, thread_id=None):
        if self.fail_at is not None and len(self.posts) + 1 == self.fail_at:
            raise RemoteFailure("the chat service went away")
        message_id = f"m{len(self.posts) + 1}-{id(self)}"
        self.posts.append((message_id, thread_id, message.key))
        return message_id

    async def start(self): ...

    async def stop(self): ...


def _digest(importances: list[str]) -> Digest:
    base = datetime(2026, 2, 14, 12, tzinfo=timezone.utc)
    reports = [CommitReport(commit=Commit(sha=f"{n:x}" * 40, author="a", message=f"fix: {n}",
                                          committed_at=base - timedelta(minutes=n)),
                            analysis=Analysis(change_type="fix", importance=imp, summary=[f"s{n}"]))
               for n, imp in enumerate(importances, start=1)]
    return Digest(repo="o/r", date="2026-02-14", timezone="UTC", commits=reports)


@pytest.fixture
def core(tmp_path, settings):
    return BotCore(settings, TinyStore(tmp_path / "data"))


def test_resume_after_crash_posts_each_commit_once_even_if_the_order_changed(core):
    ctx = CommandContext(channel=CHANNEL, user="u")
    first = FlakyAdapter(fail_at=3)  # summary and one reply, then the crash
    response = DigestResponse(_digest(["high", "low", "low"]), ledger_key="k1")
    with pytest.raises(RemoteFailure):
        asyncio.run(core.publish(first, ctx, response))
    assert [key for _, _, key in first.posts] == ["summary/0", "1" * 40 + "/0"]
    # the rebuilt digest ranks the commits differently (say, an LLM answer came back this time)
    second = FlakyAdapter()
    asyncio.run(core.publish(second, ctx, DigestResponse(_digest(["low", "high", "medium"]), ledger_key="k1")))
    summary_id = first.posts[0][0]
    assert sorted(key for _, _, key in second.posts) == ["2" * 40 + "/0", "3" * 40 + "/0"]
    assert all(thread == summary_id for _, thread, _ in second.posts)
    # finished: never again, unless forced
    third = FlakyAdapter()
    asyncio.run(core.publish(third, ctx, DigestResponse(_digest(["low"] * 3), ledger_key="k1")))
    assert third.posts == []
    asyncio.run(core.publish(third, ctx, DigestResponse(_digest(["low"] * 3), ledger_key="k1", force=True)))
    assert len(third.posts) == 4


def test_posting_locks_do_not_pile_up(core):
    ctx = CommandContext(channel=CHANNEL, user="u")
    for day in range(5):
        asyncio.run(core.publish(FlakyAdapter(), ctx, DigestResponse(_digest(["low"]), ledger_key=f"day{day}")))
    assert core._post_locks == {}  # noqa: SLF001 - one lock per digest being posted, none left after
