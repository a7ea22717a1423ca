"""SlackAdapter end to end: bolt's real AsyncApp over HTTP and Socket Mode, signed requests, a fake Slack Web API."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from datetime import UTC, datetime

import aiohttp
import pytest

from adapters.slack import SlackAdapter
from bot.chat import ChatAdapter, DigestResponse, TextResponse
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
    from bot.core import BotCore

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
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def command(slack: FakeSlack, text: str, key: str = "cmd", **kwargs) -> str:
    return slash_command_body(text, response_url=slack.response_url(key), **kwargs)


class SlowCore:
    """A Core test double whose commands take a while (unit level: the ack must not wait for them)."""

    def __init__(self, delay: float):
        self.delay, self.contexts = delay, []

    async def handle_command(self, ctx, text):
        self.contexts.append((ctx, text))
        await asyncio.sleep(self.delay)
        return [TextResponse(f"done: {text}")]

    async def publish(self, adapter, ctx, response):  # pragma: no cover - not reached
        raise AssertionError("unexpected publish")


def test_adapter_is_a_chat_adapter(tmp_path, slack):
    adapter = SlackAdapter(make_settings(tmp_path, slack), SlowCore(0))
    assert isinstance(adapter, ChatAdapter)
    assert adapter.platform == "slack" and adapter.supports_threads and adapter.mode == "http"


def test_missing_signing_secret_is_refused(tmp_path, slack):
    from analysis.errors import BadInput

    settings = make_settings(tmp_path, slack).model_copy(update={"slack_signing_secret": None})
    with pytest.raises(BadInput, match="SLACK_SIGNING_SECRET"):
        SlackAdapter(settings, SlowCore(0))


def test_app_token_selects_socket_mode(tmp_path, slack):
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    settings = make_settings(tmp_path, slack, slack_app_token="xapp-1-test").model_copy(
        update={"slack_signing_secret": None})
    adapter = SlackAdapter(settings, SlowCore(0))
    assert adapter.mode == "socket" and adapter.web_app is None

    async def build():
        handler = adapter.make_socket_handler()
        assert isinstance(handler, AsyncSocketModeHandler) and handler.app is adapter.app
        assert handler.client.app_token == "xapp-1-test"
        assert handler.client.web_client.base_url == slack.url  # apps.connections.open goes to SLACK_API_URL
        await handler.client.close()

    asyncio.run(build())


def test_socket_mode_end_to_end(tmp_path, slack):
    from urllib.parse import parse_qsl

    from tests.fakes.slack_server import FakeSocketMode

    core = SlowCore(0)
    settings = make_settings(tmp_path, slack, slack_app_token=slack.app_token)

    async def scenario():
        socket = await FakeSocketMode().start()
        slack.socket_url = socket.url
        adapter = SlackAdapter(settings, core)
        await adapter.start()
        try:
            await asyncio.wait_for(socket.connected.wait(), 10)
            payload = dict(parse_qsl(command(slack, "list", key="sock")))
            await socket.send_slash_command(payload, envelope_id="env-42")
            await wait_for(lambda: socket.acks and slack.responses)
        finally:
            await adapter.stop()
            await socket.stop()
        assert socket.acks[0]["envelope_id"] == "env-42"
        assert core.contexts[0][1] == "list"
        assert slack.responses[0][0] == "sock" and "done: list" in slack.responses[0][1]["text"]

    asyncio.run(scenario())


def test_slow_command_is_acked_at_once_and_answered_later(tmp_path, slack):
    core = SlowCore(1.5)

    async def scenario():
        async with running(make_settings(tmp_path, slack, slack_admins=["UADMIN"]), core) as (_, session, url):
            status, text, took = await post_signed(session, url, SECRET, command(slack, "now o/r", user_id="U1"))
            assert status == 200 and took < 1.0
            assert slack.responses == []
            await wait_for(lambda: slack.responses)
        ctx, text = core.contexts[0]
        assert text == "now o/r" and ctx.channel.key == "slack:T0001:C0001" and ctx.user == "U1"
        assert ctx.can_manage is False  # DIGESTBOT_SLACK_ADMINS lists someone else
        assert slack.responses[0][1]["response_type"] == "ephemeral"
        assert "done: now o/r" in slack.responses[0][1]["text"]

    asyncio.run(scenario())


def test_help_is_acked_fast_and_posted_to_the_response_url(tmp_path, slack):
    settings = make_settings(tmp_path, slack)

    async def scenario():
        async with running(settings, real_core(settings)) as (_, session, url):
            status, _, took = await post_signed(session, url, SECRET, command(slack, "help", key="help1"))
            assert status == 200 and took < 1.0
            await wait_for(lambda: slack.responses)
        key, body = slack.responses[0]
        assert key == "help1" and body["response_type"] == "ephemeral"
        assert "/digest subscribe" in body["text"] and body["blocks"]
        assert slack.posts == []

    asyncio.run(scenario())


def test_wrong_signature_and_stale_timestamp_are_rejected(tmp_path, slack):
    settings = make_settings(tmp_path, slack)
    core = SlowCore(0)

    async def scenario():
        async with running(settings, core) as (_, session, url):
            status, _, _ = await post_signed(session, url, "not-the-secret", command(slack, "help"))
            assert status == 401
            stale = int(time.time()) - 10 * 60
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "help"), timestamp=stale)
            assert status == 401
            async with session.post(url, data=command(slack, "help")) as resp:  # unsigned
                assert resp.status == 401
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "help"))  # control
            assert status == 200
            await wait_for(lambda: core.contexts)
        assert len(core.contexts) == 1

    asyncio.run(scenario())


def test_digest_now_posts_summary_and_thread_replies(tmp_path, slack, github):
    settings = make_settings(tmp_path, slack, github.url)

    async def scenario():
        async with running(settings, real_core(settings)) as (adapter, session, url):
            status, _, _ = await post_signed(session, url, SECRET, command(slack, "subscribe o/r", key="sub"))
            assert status == 200
            await wait_for(lambda: slack.responses)
            status, _, took = await post_signed(session, url, SECRET, command(slack, "now o/r 2026-02-14"))
            assert status == 200 and took < 1.0
            await wait_for(lambda: len(slack.posts) >= 3, timeout=30)
            await asyncio.sleep(0.3)  # nothing more arrives
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
                assert not PINGS.search(block["text"]["text"])
        texts = "\n".join(p["text"] for p in posts)
        assert "add the cache layer" in texts and "&lt;!channel&gt;" in texts and "&lt;@U123&gt;" in texts
        assert "*bold*" not in texts and "```" not in texts
        order = [r["text"] for r in replies]
        assert [t.startswith("🔴") or t.startswith("🟡") or t.startswith("🟢") for t in order] == [True, True]
        levels = "🔴🟡🟢"
        assert sorted(order, key=lambda t: levels.index(t[0])) == order

    asyncio.run(scenario())


def test_mention_in_a_thread_answers_there(tmp_path, slack):
    core = SlowCore(0)
    settings = make_settings(tmp_path, slack)

    async def scenario():
        async with running(settings, core) as (_, session, url):
            event = {"type": "app_mention", "user": "U7", "text": "<@UBOT> digest list", "ts": "200.000002",
                     "thread_ts": "100.000001", "channel": "C0002", "event_ts": "200.000002"}
            status, _, _ = await post_signed(session, url, SECRET, event_body(event), json_body=True)
            assert status == 200
            await wait_for(lambda: slack.ephemerals)
        ctx, text = core.contexts[0]
        assert text == "list" and ctx.thread == "100.000001" and ctx.channel.channel == "C0002"
        posted = slack.ephemerals[0]
        assert posted["channel"] == "C0002" and posted["user"] == "U7" and posted["thread_ts"] == "100.000001"

    asyncio.run(scenario())


def test_rate_limit_burst_loses_and_duplicates_nothing(tmp_path, slack):
    from adapters.slack_render import SlackRenderer
    from analysis.models import Digest
    from tests.test_slack_render import report

    settings = make_settings(tmp_path, slack)
    digest = Digest(repo="o/r", date="2026-02-14", timezone="UTC",
                    commits=[report(i, "high") for i in range(4)])
    expected = SlackRenderer().digest_messages(digest, "en")

    core = real_core(settings)

    class PublishingCore(SlowCore):
        """The real BotCore's publishing of a digest built here (no GitHub needed)."""

        async def handle_command(self, ctx, text):
            return [DigestResponse(digest, ledger_key="slack:T0001:C0001:o/r:2026-02-14")]

        async def publish(self, adapter, ctx, response):
            await core.publish(adapter, ctx, response)

    async def scenario():
        async with running(settings, PublishingCore(0)) as (_, session, url):
            slack.rate_limit(times=2, retry_after=1)
            started = time.monotonic()
            status, _, took = await post_signed(session, url, SECRET, command(slack, "now"))
            assert status == 200 and took < 1.0
            await wait_for(lambda: len(slack.posts) >= len(expected), timeout=30)
            elapsed = time.monotonic() - started
            await asyncio.sleep(0.3)
        assert elapsed >= 2.0  # Retry-After was honoured twice
        assert [p["text"] for p in slack.posts] == [m.body["text"] for m in expected]  # once each, in order
        assert sum(1 for _, _, status in slack.calls if status == 429) == 2
        assert all(p["thread_ts"] == slack.posts[0]["ts"] for p in slack.posts[1:])

    asyncio.run(scenario())


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
