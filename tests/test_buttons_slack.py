"""Digest buttons on Slack end to end: signed ``block_actions`` through the real bolt app (HTTP and Socket Mode).

A digest posted by a signed ``/digest now`` carries an ``actions`` block on each commit reply (checked
by the fake Slack as Slack checks it); pressing a button is the ``payload=`` form Slack signs, acked
within the fake's 3 seconds, answered by the core: the heuristic's facts in the thread, feedback
acknowledged to the presser, Mute asked (ephemeral, Confirm / Cancel) and confirmed by an admin only.
A bad signature is refused before anything runs; a button for a repository the channel does not follow
(or a value whose kind disagrees with its action_id) is refused in a sentence.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from datetime import UTC, datetime
from urllib.parse import parse_qsl

import pytest

from adapters.slack.app import SlackAdapter
from bot.core.actions import ButtonAction, encode_action
from bot.core.chat import ChannelRef
from bot.core.service import BotCore
from bot.core.subscriptions import Subscription
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack, FakeSocketMode, block_actions_body, post_signed
from tests.test_guards import ADMIN, GH_TOKEN, SECRET, SlackChat
from tests.test_guards import SLACK_TOKEN as TOKEN
from tests.test_guards import slack_bot as guarded_slack_bot

MEMBER = "U0MEMBER"
CHANNEL = ChannelRef("slack", "T0001", "C0001")
PATCH = "@@ -0,0 +1,3 @@\n+def refresh_token(user):\n+    '''Renew the <!channel> token.'''\n+    return user\n"


@pytest.fixture
def github():
    with FakeGitHub(tokens={GH_TOKEN}) as gh:
        gh.add_repo("o/r")
        gh.sha = gh.add_commit("o/r", message="feat: refresh tokens", committed_at=datetime(2026, 2, 14, 10, tzinfo=UTC),
                               files=[{"filename": "src/auth/token.py", "status": "added", "additions": 3,
                                       "patch": PATCH}])
        yield gh


class Chat(SlackChat):
    """test_guards' signed Slack, pressing buttons too; each request awaited until its work is over."""

    async def press(self, element: dict, message: dict | None, *, user: str = MEMBER, ephemeral: bool = False,
                    secret: str = SECRET) -> tuple[int, list[dict]]:
        """Press ``element`` (a posted button) on ``message``; (HTTP status, the response_url answers)."""
        self._n += 1
        key = f"press{self._n}"
        before = self._events()
        body = block_actions_body(element, response_url=self.slack.response_url(key), user_id=user,
                                  message=message, ephemeral=ephemeral)
        status, _, _ = await post_signed(self.session, self.url, secret, body)
        deadline = time.monotonic() + 20  # a hang guard only: nothing is timed
        while status == 200 and not (self._events() > before and not self.adapter._tasks):
            assert time.monotonic() < deadline, "no answer"
            await asyncio.sleep(0.02)
        return status, [b for k, b in self.slack.responses if k == key]


@contextlib.asynccontextmanager
async def slack_bot(tmp_path, github):
    """test_guards' Slack bot (admins: ADMIN) with this channel following o/r."""
    async with guarded_slack_bot(tmp_path, github, []) as (chat, core):
        core.subscriptions.save(Subscription(platform="slack", workspace="T0001", channel="C0001", repo="o/r"))
        yield Chat(chat.slack, chat.adapter, chat.session, chat.url), core


def buttons_of(post: dict) -> dict[str, dict]:
    """label -> button element of a posted message's actions blocks."""
    return {e["text"]["text"]: e for b in post.get("blocks") or [] if b["type"] == "actions" for e in b["elements"]}


def test_slack_buttons_http(tmp_path, github):
    async def scenario():
        async with slack_bot(tmp_path, github) as (chat, core):
            slack = chat.slack
            await chat.run("now o/r 2026-02-14")
            reply = next(p for p in slack.posts if buttons_of(p))
            buttons = buttons_of(reply)
            assert list(buttons) == ["Explain in depth", "Not important here", "More important here",
                                     "Mute these paths"]
            assert all(github.sha in b["value"] and b["action_id"].startswith("digest_") for b in buttons.values())

            # a bad signature: 401 before bolt parses anything; nothing is answered or changed
            status, answers = await chat.press(buttons["Mute these paths"], reply, user=ADMIN, secret="wrong")
            assert status == 401 and answers == []

            # Explain in depth (heuristic): every fact, as code, posted in the digest's thread
            before = len(slack.posts)
            status, _ = await chat.press(buttons["Explain in depth"], reply)
            assert status == 200
            facts = slack.posts[before:]
            assert facts and {p["thread_ts"] for p in facts} == {reply["thread_ts"]}
            text = json.dumps(facts)
            assert "refresh_token" in text and "src/auth/token.py" in text and "<!channel>" not in text

            # feedback: any member, acknowledged to the presser only
            status, answers = await chat.press(buttons["Not important here"], reply)
            assert status == 200 and answers[0]["text"].startswith("Noted:")
            assert answers[0]["response_type"] == "ephemeral" and answers[0]["replace_original"] is False
            status, answers = await chat.press(buttons["More important here"], reply)
            assert "matters more" in answers[0]["text"]
            assert [(v.sha, v.vote) for v in core.feedback.votes(CHANNEL.key, "o/r")] == [(github.sha, "more")]

            # Mute: refused to a member (subscribe's permission), asked to an admin, then cancelled / confirmed
            status, answers = await chat.press(buttons["Mute these paths"], reply, user=MEMBER)
            assert "not allowed" in answers[0]["text"] and core.subscriptions.get(CHANNEL, "o/r").paths == []
            status, answers = await chat.press(buttons["Mute these paths"], reply, user=ADMIN)
            question = answers[0]
            assert question["response_type"] == "ephemeral" and "`src/auth/`" in question["text"]
            choices = buttons_of(question)
            assert set(choices) == {"Confirm", "Cancel"} and choices["Confirm"]["style"] == "danger"
            status, answers = await chat.press(choices["Cancel"], None, user=ADMIN, ephemeral=True)
            assert answers[0]["text"] == "Nothing was muted." and answers[0]["replace_original"] is True
            status, answers = await chat.press(choices["Confirm"], None, user=MEMBER, ephemeral=True)
            assert "not allowed" in answers[0]["text"] and core.subscriptions.get(CHANNEL, "o/r").paths == []
            status, answers = await chat.press(choices["Confirm"], None, user=ADMIN, ephemeral=True)
            assert answers[0]["text"].startswith("Muted") and answers[0]["replace_original"] is True
            assert core.subscriptions.get(CHANNEL, "o/r").paths == ["!src/auth/"]

            # forged values: a repository this channel does not follow; a kind its action_id does not name
            forged = {**buttons["Mute these paths"], "value": encode_action(ButtonAction("mute", "evil/r", github.sha))}
            status, answers = await chat.press(forged, reply, user=ADMIN)
            assert "does not follow `evil/r`" in answers[0]["text"]
            mismatched = {**buttons["Not important here"], "value": buttons["Mute these paths"]["value"]}
            status, answers = await chat.press(mismatched, reply, user=ADMIN)
            assert "not one of ours" in answers[0]["text"]
            assert not slack.refused

    asyncio.run(scenario())


def test_slack_button_over_socket_mode(tmp_path, github):
    async def scenario():
        with FakeSlack(token=TOKEN) as slack:
            settings = Settings(data_dir=tmp_path / "data", github_api_url=github.url, github_token=GH_TOKEN,
                                slack_api_url=slack.url, slack_bot_token=TOKEN, slack_app_token=slack.app_token,
                                llm_model=None)
            core = BotCore(settings, TinyStore(settings.data_dir))
            core.subscriptions.save(Subscription(platform="slack", workspace="T0001", channel="C0001", repo="o/r"))
            socket = await FakeSocketMode().start()
            slack.socket_url = socket.url
            adapter = SlackAdapter(settings, core)
            await adapter.start()
            try:
                await asyncio.wait_for(socket.connected.wait(), 10)
                value = encode_action(ButtonAction("less", "o/r", github.sha))
                body = block_actions_body({"action_id": "digest_less", "value": value},
                                          response_url=slack.response_url("sock"), message={"ts": "1.000002"})
                payload = json.loads(dict(parse_qsl(body))["payload"])
                await socket.send_interactive(payload, envelope_id="env-b")
                deadline = time.monotonic() + 20
                while not (slack.responses and socket.acks + socket.late_acks):
                    assert time.monotonic() < deadline
                    await asyncio.sleep(0.02)
            finally:
                await adapter.stop()
                await socket.stop()
        assert socket.late_acks == [] and socket.acks[0]["envelope_id"] == "env-b"  # within Slack's 3 s
        assert slack.responses[0][1]["text"].startswith("Noted:")

    asyncio.run(scenario())
