"""Exactly once across the window between a successful post and its ledger write (issue 10, item 4).

The installed ``digestbot run`` posts a caught-up digest to the fake Slack and SIGKILLs itself right after
a post, before recording it (DIGESTBOT_TEST_CRASH_AFTER_POSTS); the restarted bot reads the thread back
(messages carry their key in Slack ``metadata``) and posts each reply body once. The same with the
ledger write failing with ENOSPC, on Slack and Discord, in process.
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord
import pytest

from bot.core.subscriptions import Subscription, SubscriptionBook
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack

DIGESTBOT = str(Path(sys.executable).with_name("digestbot"))
TOKEN, SECRET = "xoxb-test", "readback-signing-secret"
COMMITS = 6


def add_commits(github: FakeGitHub, day: datetime, count: int = COMMITS) -> None:
    github.add_repo("acme/widget")
    for i in range(count):
        github.add_commit("acme/widget", message=f"feat(part{i}): rework part {i} of the pipeline",
                          author_name="Ann", committed_at=day + timedelta(minutes=10 * i),
                          files=[{"filename": f"src/part{i}.py", "status": "modified", "additions": 3 + i,
                                  "deletions": 1, "patch": f"@@ -1 +1,{3 + i} @@\n-x\n+y{i}"}])


def environment(data: Path, slack: FakeSlack, github: FakeGitHub, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "DIGESTBOT_", "GITHUB_"))}
    env.update(DIGESTBOT_DATA_DIR=str(data), PYTHONUNBUFFERED="1", SLACK_BOT_TOKEN=TOKEN,
               SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=slack.url, GITHUB_API_URL=github.url,
               DIGESTBOT_HTTP_HOST="127.0.0.1", **extra)
    return env


def ledger_done(data: Path) -> bool:
    return [value.get("done") for _, value in TinyStore(data).items("ledger")] == [True]


def reply_bodies(slack: FakeSlack) -> Counter:
    return Counter(p["text"] for p in slack.posts)


@pytest.mark.parametrize("crash_after", [1, 3])  # the summary itself unrecorded; a reply unrecorded
def test_sigkill_between_post_and_ledger_write_posts_no_reply_twice(tmp_path, crash_after):
    now = datetime.now(UTC)
    slot = (now - timedelta(minutes=2)).replace(second=0, microsecond=0)  # today's run just passed: caught up
    day = slot.date() - timedelta(days=1)
    data = tmp_path / "data"
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        add_commits(github, datetime(day.year, day.month, day.day, 8, tzinfo=UTC))
        SubscriptionBook(TinyStore(data)).save(Subscription(
            platform="slack", workspace="T0001", channel="C0001", repo="acme/widget", at=slot.strftime("%H:%M"),
            tz="UTC", created_at=now - timedelta(days=1)))
        log = open(tmp_path / "stderr.txt", "wb")
        # run 1: killed right after a post (the summary; or the summary and two replies), before recording it
        first = subprocess.run([DIGESTBOT, "run", "--port", "0"], env=environment(
            data, slack, github, DIGESTBOT_TEST_CRASH_AFTER_POSTS=str(crash_after)), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=log, timeout=90)
        assert first.returncode == -9, (tmp_path / "stderr.txt").read_text()[-2000:]
        assert len(slack.posts) == crash_after
        assert not ledger_done(data)

        # run 2: resumes; every reply body is posted exactly once
        second = subprocess.Popen([DIGESTBOT, "run", "--port", "0"], env=environment(data, slack, github),
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 90
            while not ledger_done(data):
                assert second.poll() is None, (tmp_path / "stderr.txt").read_text()[-2000:]
                assert time.monotonic() < deadline, "the digest was not finished in time"
                time.sleep(0.1)
        finally:
            second.terminate()
            second.wait(30)
        log.close()
    twice = [text[:80] for text, n in reply_bodies(slack).items() if n > 1]
    assert not twice, f"posted twice: {twice}"
    summary = slack.posts[0]
    assert len(slack.posts) == 1 + COMMITS
    assert all(p.get("thread_ts") == summary["ts"] for p in slack.posts[1:])
    assert "Traceback" not in (tmp_path / "stderr.txt").read_text()


class DiskFills(TinyStore):
    """A store whose ledger write fails with ENOSPC once ``full()`` says so (a full disk after a post)."""

    def __init__(self, data_dir, full):
        super().__init__(data_dir)
        self.full, self.failed = full, 0

    def put(self, table, key, value):
        if table == "ledger" and self.full():
            self.failed += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        super().put(table, key, value)


async def _post_twice(core, adapter, ctx, sub, day: str, store: DiskFills) -> None:
    """Publish the digest with the disk filling after a post, then again once there is room."""
    from bot.core.chat import DigestResponse
    from bot.core.ledger import ledger_key

    response = DigestResponse(await core.digest_for(sub, day), ledger_key=ledger_key(ctx.channel, sub.repo, day))
    with pytest.raises(OSError):
        await core.publish(adapter, ctx, response)
    assert store.failed == 1
    store.full = lambda: False  # room again: the retry (the scheduler's, or a member's "now") resumes
    await core.publish(adapter, ctx, response)
    assert core.ledger.is_done(response.ledger_key)


def test_enospc_between_post_and_ledger_write_on_slack_posts_no_reply_twice(tmp_path):
    from adapters.slack.app import SlackAdapter
    from bot.core.chat import ChannelRef, CommandContext
    from bot.core.service import BotCore
    from bot.settings import Settings

    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        add_commits(github, datetime(2026, 2, 14, 8, tzinfo=UTC))
        settings = Settings(data_dir=tmp_path, github_api_url=github.url, slack_api_url=slack.url,
                            slack_bot_token=TOKEN, slack_signing_secret=SECRET)
        store = DiskFills(tmp_path, full=lambda: len(slack.posts) == 3)
        core = BotCore(settings, store)
        sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo="acme/widget")

        async def scenario():
            adapter = SlackAdapter(settings, core, port=0, host="127.0.0.1")
            await adapter.start()
            try:
                ctx = CommandContext(channel=ChannelRef("slack", "T0001", "C0001"), user="U1")
                await _post_twice(core, adapter, ctx, sub, "2026-02-14", store)
            finally:
                await adapter.stop()

        asyncio.run(scenario())
    assert len(slack.posts) == 1 + COMMITS
    assert not [text for text, n in reply_bodies(slack).items() if n > 1]


def test_enospc_between_post_and_ledger_write_on_discord_posts_no_reply_twice(tmp_path):
    from adapters.discord.bot import DiscordAdapter
    from bot.core.chat import ChannelRef, CommandContext
    from bot.core.service import BotCore
    from bot.settings import Settings
    from tests.fakes.discord_server import CHANNEL_ID, GUILD_ID, FakeDiscord
    from tests.fakes.discord_server import TOKEN as DISCORD_TOKEN

    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    try:
        with FakeDiscord() as fake, FakeGitHub() as github:
            add_commits(github, datetime(2026, 2, 14, 8, tzinfo=UTC))
            settings = Settings(data_dir=tmp_path, github_api_url=github.url, discord_token=DISCORD_TOKEN,
                                discord_api_url=fake.api_url)
            store = DiskFills(tmp_path, full=lambda: len(fake.messages) == 4)
            core = BotCore(settings, store)
            sub = Subscription(platform="discord", workspace=GUILD_ID, channel=CHANNEL_ID, repo="acme/widget")

            async def scenario():
                adapter = DiscordAdapter(settings, core)
                await adapter.start()
                try:
                    ctx = CommandContext(channel=ChannelRef("discord", GUILD_ID, CHANNEL_ID), user="1")
                    await _post_twice(core, adapter, ctx, sub, "2026-02-14", store)
                finally:
                    await adapter.stop()

            asyncio.run(scenario())
            bodies = Counter(json.dumps(m["body"].get("embeds", [])[:1][0].get("description", ""), sort_keys=True)
                             for m in fake.messages)
            summary_id = fake.messages[0]["id"]
            assert len(fake.messages) == 1 + COMMITS and not fake.rejected
            assert all(m["channel_id"] == summary_id for m in fake.messages[1:])
            assert not [text for text, n in bodies.items() if n > 1]
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


def test_sigkill_between_post_and_ledger_write_on_discord_posts_no_reply_twice(tmp_path):
    """The same as on Slack with the installed bot on the fake Discord: the thread's history is read back."""
    from tests.fakes.discord_server import CHANNEL_ID, GUILD_ID, FakeDiscord
    from tests.fakes.discord_server import TOKEN as DISCORD_TOKEN

    now = datetime.now(UTC)
    slot = (now - timedelta(minutes=2)).replace(second=0, microsecond=0)
    day = slot.date() - timedelta(days=1)
    data = tmp_path / "data"
    with FakeDiscord() as fake, FakeGitHub() as github:
        add_commits(github, datetime(day.year, day.month, day.day, 8, tzinfo=UTC))
        SubscriptionBook(TinyStore(data)).save(Subscription(
            platform="discord", workspace=GUILD_ID, channel=CHANNEL_ID, repo="acme/widget",
            at=slot.strftime("%H:%M"), tz="UTC", created_at=now - timedelta(days=1)))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "DIGESTBOT_", "GITHUB_"))}
        env.update(DIGESTBOT_DATA_DIR=str(data), PYTHONUNBUFFERED="1", DISCORD_TOKEN=DISCORD_TOKEN,
                   DISCORD_API_URL=fake.api_url, GITHUB_API_URL=github.url)
        log = open(tmp_path / "stderr.txt", "wb")
        first = subprocess.run([DIGESTBOT, "run"], env={**env, "DIGESTBOT_TEST_CRASH_AFTER_POSTS": "3"},
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, timeout=90)
        assert first.returncode == -9, (tmp_path / "stderr.txt").read_text()[-2000:]
        assert len(fake.messages) == 3 and not ledger_done(data)
        second = subprocess.Popen([DIGESTBOT, "run"], env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 90
            while not ledger_done(data):
                assert second.poll() is None, (tmp_path / "stderr.txt").read_text()[-2000:]
                assert time.monotonic() < deadline, "the digest was not finished in time"
                time.sleep(0.1)
        finally:
            second.terminate()
            second.wait(30)
        log.close()
        messages = list(fake.messages)
    bodies = Counter(json.dumps([{k: v for k, v in e.items() if k != "footer"} for e in m["body"]["embeds"]],
                                sort_keys=True) for m in messages)
    assert not [b[:80] for b, n in bodies.items() if n > 1], "a reply body was posted twice"
    assert len(messages) == 1 + COMMITS
    assert all(m["channel_id"] == messages[0]["id"] for m in messages[1:])
    assert "Traceback" not in (tmp_path / "stderr.txt").read_text()
