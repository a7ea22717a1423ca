"""SlackAdapter at unit level: construction, modes, and what it hands a (recording) core; Slack itself is the fake.

The end-to-end tests, on the real core, are in ``test_slack_adapter.py``.
"""

from __future__ import annotations

import asyncio

import pytest

from adapters.slack.app import SlackAdapter
from analysis.errors import BadInput
from bot.core.chat import ChatAdapter, TextResponse
from tests.fakes.slack_server import FakeSlack, event_body, post_signed
from tests.test_slack_adapter import SECRET, TOKEN, command, make_settings, running, wait_for


@pytest.fixture
def slack():
    with FakeSlack(token=TOKEN) as fake:
        yield fake


class RecordingCore:
    """A Core test double recording what the adapter hands it; ``gate`` (when given) holds every command."""

    def __init__(self, gate: asyncio.Event | None = None):
        self.gate, self.contexts = gate, []

    async def handle_command(self, ctx, text):
        self.contexts.append((ctx, text))
        if self.gate is not None:
            await self.gate.wait()
        return [TextResponse(f"done: {text}")]

    async def publish(self, adapter, ctx, response):  # pragma: no cover - not reached
        raise AssertionError("unexpected publish")


def test_adapter_is_a_chat_adapter(tmp_path, slack):
    adapter = SlackAdapter(make_settings(tmp_path, slack), RecordingCore())
    assert isinstance(adapter, ChatAdapter)
    assert adapter.platform == "slack" and adapter.supports_threads and adapter.mode == "http"


def test_missing_signing_secret_is_refused(tmp_path, slack):
    settings = make_settings(tmp_path, slack).model_copy(update={"slack_signing_secret": None})
    with pytest.raises(BadInput, match="SLACK_SIGNING_SECRET"):
        SlackAdapter(settings, RecordingCore())


def test_app_token_selects_socket_mode(tmp_path, slack):
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    settings = make_settings(tmp_path, slack, slack_app_token="xapp-1-test").model_copy(
        update={"slack_signing_secret": None})
    adapter = SlackAdapter(settings, RecordingCore())
    assert adapter.mode == "socket" and adapter.web_app is None

    async def build():
        handler = adapter.make_socket_handler()
        assert isinstance(handler, AsyncSocketModeHandler) and handler.app is adapter.app
        assert handler.client.app_token == "xapp-1-test"
        assert handler.client.web_client.base_url == slack.url  # apps.connections.open goes to SLACK_API_URL
        await handler.client.close()

    asyncio.run(build())


def test_a_command_still_running_is_acknowledged_and_answered_when_done(tmp_path, slack):
    async def scenario():
        core = RecordingCore(gate=asyncio.Event())
        async with running(make_settings(tmp_path, slack, slack_admins=["UADMIN"]), core) as (_, session, url):
            # the core holds the command until the ack is back: the ack cannot have waited for it
            status, text, _ = await post_signed(session, url, SECRET, command(slack, "now o/r", user_id="U1"))
            assert status == 200, text
            assert slack.responses == [] and len(core.contexts) == 1
            core.gate.set()
            await wait_for(lambda: slack.responses)
        ctx, text = core.contexts[0]
        assert text == "now o/r" and ctx.channel.key == "slack:T0001:C0001" and ctx.user == "U1"
        assert ctx.can_manage is False  # DIGESTBOT_SLACK_ADMINS lists someone else
        assert slack.responses[0][1]["response_type"] == "ephemeral"
        assert "done: now o/r" in slack.responses[0][1]["text"]

    asyncio.run(scenario())


def test_mention_context_carries_the_thread_and_the_user(tmp_path, slack):
    core = RecordingCore()

    async def scenario():
        async with running(make_settings(tmp_path, slack), core) as (_, session, url):
            event = {"type": "app_mention", "user": "U7", "text": "<@UBOT> digest list", "ts": "200.000002",
                     "thread_ts": "100.000001", "channel": "C0002", "event_ts": "200.000002"}
            status, _, _ = await post_signed(session, url, SECRET, event_body(event), json_body=True)
            assert status == 200
            await wait_for(lambda: slack.ephemerals)
        ctx, text = core.contexts[0]
        assert text == "list" and ctx.thread == "100.000001" and ctx.channel.channel == "C0002"
        assert ctx.can_manage is True  # no DIGESTBOT_SLACK_ADMINS: everyone manages

    asyncio.run(scenario())
