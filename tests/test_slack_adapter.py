"""SlackAdapter end to end on the real core: bolt's AsyncApp over HTTP and Socket Mode, signed requests, fake Slack and GitHub.

The unit-level tests (a recording core) are in ``test_slack_adapter_unit.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from datetime import UTC, datetime

import aiohttp
import pytest

from adapters.slack.app import SlackAdapter
from bot.core.chat import ChannelRef
from bot.core.subscriptions import Subscription
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack, event_body, post_signed, slash_command_body

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-test"
HOSTILE = "fix: <!channel> @everyone *bold* ``` | <@U123>"
PINGS = re.compile(r"<!(?:channel|here|everyone)|<@U")


@pytest.fixture
def slack():
    with FakeSlack(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def github():
    with FakeGitHub() as gh:
        gh.add_repo("o/r")
        day = datetime(2026, 2, 14, 10, tzinfo=UTC)
        gh.add_commit("o/r", message="feat: add the cache layer\n\nfaster", author_name="Ann",
                      committed_at=day, files=[{"filename": "src/cache.py", "status": "added", "additions": 80,
                                                "deletions": 0, "patch": "@@ -0,0 +1 @@\n+cache = {}"}])
        gh.add_commit("o/r", message=HOSTILE, author_name="<@U999> Mallory", committed_at=day.replace(hour=11),
                      files=[{"filename": "docs/a_b.md", "status": "modified", "additions": 1, "deletions": 1,
                              "patch": "@@ -1 +1 @@\n-a\n+b"}])
        yield gh


def make_settings(tmp_path, slack: FakeSlack, github_url: str = "http://127.0.0.1:9", **extra) -> Settings:
    return Settings(data_dir=tmp_path / "data", github_api_url=github_url, slack_api_url=slack.url,
                    slack_bot_token=TOKEN, slack_signing_secret=SECRET, llm_model=None, **extra)


def real_core(settings: Settings):
    from bot.core.service import BotCore

    return BotCore(settings, TinyStore(settings.data_dir))


@contextlib.asynccontextmanager
async def running(settings: Settings, core):
    adapter = SlackAdapter(settings, core, port=0, host="127.0.0.1")
    await adapter.start()
    try:
        async with aiohttp.ClientSession() as session:
            yield adapter, session, f"http://127.0.0.1:{adapter.port}/slack/events"
    finally:
        await adapter.stop()


async def wait_for(predicate, timeout: float = 10.0) -> None:
    """Poll until ``predicate()`` holds; the timeout only guards against a hang (nothing is timed)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


async def settled(adapter: SlackAdapter, predicate, timeout: float = 30.0) -> None:
    """Wait until ``predicate()`` holds and every command the adapter started has finished."""
    await wait_for(lambda: predicate() and not adapter._tasks, timeout)


def command(slack: FakeSlack, text: str, key: str = "cmd", **kwargs) -> str:
    return slash_command_body(text, response_url=slack.response_url(key), **kwargs)


def test_socket_mode_end_to_end(tmp_path, slack):
    from urllib.parse import parse_qsl

    from tests.fakes.slack_server import FakeSocketMode

    settings = make_settings(tmp_path, slack, slack_app_token=slack.app_token)

    async def scenario():
        socket = await FakeSocketMode().start()
        slack.socket_url = socket.url
        adapter = SlackAdapter(settings, real_core(settings))
        await adapter.start()
        try:
            await asyncio.wait_for(socket.connected.wait(), 10)
            payload = dict(parse_qsl(command(slack, "list", key="sock")))
            await socket.send_slash_command(payload, envelope_id="env-42")
            await wait_for(lambda: (socket.acks or socket.late_acks) and slack.responses)
        finally:
            await adapter.stop()
            await socket.stop()
        assert socket.late_acks == [] and socket.acks[0]["envelope_id"] == "env-42"  # within Slack's 3 s
        key, body = slack.responses[0]
        assert key == "sock" and "follows no repository" in body["text"]

    asyncio.run(scenario())


def test_a_digest_still_fetching_is_acknowledged_and_posted_when_done(tmp_path, slack, github):
    settings = make_settings(tmp_path, slack, github.url)

    async def scenario():
        async with running(settings, real_core(settings)) as (adapter, session, url):
            held = github.hold("/repos/o/r")  # GitHub answers nothing until released
            # 'force': the channel does not follow o/r
            status, text, _ = await post_signed(session, url, SECRET, command(slack, "now o/r 2026-02-14 force"))
            assert status == 200, text  # acknowledged within Slack's deadline while GitHub still holds the digest
            await asyncio.to_thread(held.wait_arrived)
            assert slack.posts == [] and slack.responses == []
            held.release()
            await settled(adapter, lambda: len(slack.posts) >= 3)
        assert len(slack.posts) == 3 and slack.responses == []

    asyncio.run(scenario())


def test_help_is_acked_and_posted_to_the_response_url(tmp_path, slack):
    settings = make_settings(tmp_path, slack)

    async def scenario():
        async with running(settings, real_core(settings)) as (_, session, url):
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "help", key="help1"))
            assert status == 200
            await wait_for(lambda: slack.responses)
        key, body = slack.responses[0]
        assert key == "help1" and body["response_type"] == "ephemeral"
        assert "/digest subscribe" in body["text"] and body["blocks"]
        assert slack.posts == []

    asyncio.run(scenario())


def test_wrong_signature_and_stale_timestamp_are_rejected(tmp_path, slack):
    settings = make_settings(tmp_path, slack)

    async def scenario():
        async with running(settings, real_core(settings)) as (adapter, session, url):
            status, _, _ = await post_signed(session, url, "not-the-secret", command(slack, "help", key="forged"))
            assert status == 401
            stale = int(time.time()) - 10 * 60
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "help", key="stale"),
                                             timestamp=stale)
            assert status == 401
            async with session.post(url, data=command(slack, "help", key="unsigned")) as resp:  # unsigned
                assert resp.status == 401
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "help", key="ok"))  # control
            assert status == 200
            await settled(adapter, lambda: slack.responses)
        assert [key for key, _ in slack.responses] == ["ok"]

    asyncio.run(scenario())


def test_digest_now_posts_summary_and_thread_replies(tmp_path, slack, github):
    settings = make_settings(tmp_path, slack, github.url)

    async def scenario():
        async with running(settings, real_core(settings)) as (adapter, session, url):
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "subscribe o/r", key="sub"))
            assert status == 200
            await wait_for(lambda: slack.responses)
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "now o/r 2026-02-14"))
            assert status == 200
            await settled(adapter, lambda: len(slack.posts) >= 3)  # the command has finished: nothing more comes
        posts = slack.posts
        assert len(posts) == 3  # summary + one reply per commit
        summary, replies = posts[0], posts[1:]
        assert summary["channel"] == "C0001" and "thread_ts" not in summary
        assert summary["blocks"][0]["type"] == "header" and "2026-02-14" in summary["blocks"][0]["text"]["text"]
        assert all(r["thread_ts"] == summary["ts"] for r in replies)
        for post in posts:
            assert "link_names" not in post
            assert not PINGS.search(post["text"]), post["text"]
            for block in post["blocks"]:
                assert not PINGS.search(json.dumps(block))
        texts = "\n".join(p["text"] for p in posts)
        assert "add the cache layer" in texts and "&lt;!channel&gt;" in texts and "&lt;@U123&gt;" in texts
        assert "*bold*" not in texts and "```" not in texts
        order = [r["text"] for r in replies]
        assert [t.startswith("🔴") or t.startswith("🟡") or t.startswith("🟢") for t in order] == [True, True]
        levels = "🔴🟡🟢"
        assert sorted(order, key=lambda t: levels.index(t[0])) == order

    asyncio.run(scenario())


def test_mention_in_a_thread_answers_there(tmp_path, slack):
    settings = make_settings(tmp_path, slack)

    async def scenario():
        async with running(settings, real_core(settings)) as (_, session, url):
            event = {"type": "app_mention", "user": "U7", "text": "<@UBOT> digest list", "ts": "200.000002",
                     "thread_ts": "100.000001", "channel": "C0002", "event_ts": "200.000002"}
            status, _, _ = await post_signed(session, url, SECRET, event_body(event), json_body=True)
            assert status == 200
            await wait_for(lambda: slack.ephemerals)
        posted = slack.ephemerals[0]
        assert posted["channel"] == "C0002" and posted["user"] == "U7" and posted["thread_ts"] == "100.000001"
        assert "follows no repository" in posted["text"]

    asyncio.run(scenario())


def test_rate_limit_burst_loses_and_duplicates_nothing(tmp_path, slack, github):
    settings = make_settings(tmp_path, slack, github.url)

    async def scenario():
        async with running(settings, real_core(settings)) as (adapter, session, url):
            # the fake refuses every call until Retry-After has passed: a client that did not wait gets more 429s
            slack.rate_limit(times=2, retry_after=1)
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "now o/r 2026-02-14 force"))
            assert status == 200
            await settled(adapter, lambda: len(slack.posts) >= 3)
        assert sum(1 for _, _, status in slack.calls if status == 429) == 2  # Retry-After was honoured twice
        texts = [p["text"] for p in slack.posts]
        assert len(texts) == 3 and len(set(texts)) == 3  # once each
        assert "thread_ts" not in slack.posts[0]
        assert all(p["thread_ts"] == slack.posts[0]["ts"] for p in slack.posts[1:])
        assert len(slack.uploads) == 1 and slack.responses == []

    asyncio.run(scenario())


def test_long_answers_keep_to_the_response_url_limits(tmp_path, slack):
    """``list`` of many subscriptions: the answer goes to the response_url within Slack's block limits."""
    settings = make_settings(tmp_path, slack)
    core = real_core(settings)
    names = [f"some-organisation-{n:02d}/a-repository-with-a-long-name-{n:02d}" for n in range(80)]
    for name in names:
        core.subscriptions.save(Subscription(platform="slack", workspace="T0001", channel="C0001", repo=name,
                                             paths=["src/**/*.py", "docs/**"], ignore_authors=["dependabot"]))

    async def scenario():
        async with running(settings, core) as (adapter, session, url):
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "list", key="long"))
            assert status == 200
            await settled(adapter, lambda: slack.responses or slack.refused)

    asyncio.run(scenario())
    assert slack.refused == []
    answered = "\n".join(body["text"] for _, body in slack.responses)
    assert all(name in answered for name in names)


def test_explain_asked_in_a_thread_is_posted_in_that_thread(tmp_path, slack, github):
    settings = make_settings(tmp_path, slack, github.url)
    sha = github.add_commit("o/r", message="perf: faster <!here> loop", author_name="Bo",
                            committed_at=datetime(2026, 2, 14, 12, tzinfo=UTC))

    async def scenario():
        async with running(settings, real_core(settings)) as (_, session, url):
            await post_signed(session, url, SECRET, command(slack, "subscribe o/r", key="sub"))
            await wait_for(lambda: slack.responses)
            event = {"type": "app_mention", "user": "U7", "text": f"<@UBOT> explain {sha[:8]}", "ts": "300.1",
                     "thread_ts": "299.9", "channel": "C0001", "event_ts": "300.1"}
            status, _, _ = await post_signed(session, url, SECRET, event_body(event), json_body=True)
            assert status == 200
            await wait_for(lambda: slack.posts, timeout=30)
        post = slack.posts[0]
        assert post["thread_ts"] == "299.9" and sha[:7] in post["text"]
        assert "&lt;!here&gt;" in post["text"] and "<!here>" not in post["text"]

    asyncio.run(scenario())
