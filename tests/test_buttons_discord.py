"""Digest buttons on Discord end to end: discord.py against the fake Discord, the real core, a fake GitHub.

A digest posted by ``/digest now`` carries the four buttons on each commit reply; pressing one arrives
as INTERACTION_CREATE type 3 through the fake gateway, is deferred within the fake's 3-second deadline
and answered: Explain in depth lists the heuristic's facts in the thread, the feedback buttons record
a vote through the feedback book, Mute asks (ephemeral, with
Confirm / Cancel buttons) and only a channel manager may confirm, and a button still works on a new
connection after a restart.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone

import pytest

from adapters.discord.bot import DiscordAdapter
from bot.core.actions import ButtonAction, encode_action
from bot.core.chat import ChannelRef
from bot.core.service import BotCore
from bot.core.subscriptions import Subscription
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.discord_server import CHANNEL_ID, EVERYONE_PERMS, GUILD_ID, MANAGE_CHANNELS, TOKEN, FakeDiscord
from tests.fakes.github_server import FakeGitHub
from tests.test_discord_adapter import _restore_discord_globals  # noqa: F401 - autouse: discord.py's globals back

MEMBER = int(EVERYONE_PERMS)
MANAGER = MEMBER | MANAGE_CHANNELS
CHANNEL = ChannelRef("discord", GUILD_ID, CHANNEL_ID)
PATCH = "@@ -0,0 +1,3 @@\n+def refresh_token(user):\n+    '''Renew the @everyone token.'''\n+    return user\n"


@pytest.fixture
def world(tmp_path):
    with FakeGitHub() as gh, FakeDiscord() as fake:
        gh.add_repo("o/r")
        day = datetime(2026, 2, 14, tzinfo=timezone.utc)
        sha = gh.add_commit("o/r", message="feat: refresh tokens", committed_at=day.replace(hour=3),
                            files=[{"filename": "src/auth/token.py", "status": "added", "additions": 3,
                                    "patch": PATCH},
                                   {"filename": "docs/auth.md", "status": "modified", "additions": 1,
                                    "deletions": 1, "patch": "@@ -1 +1 @@\n-a\n+b"}])
        settings = Settings(data_dir=tmp_path, github_api_url=gh.url, discord_token=TOKEN,
                            discord_api_url=fake.api_url)
        core = BotCore(settings, TinyStore(tmp_path))
        core.subscriptions.save(Subscription(platform="discord", workspace=GUILD_ID, channel=CHANNEL_ID, repo="o/r"))
        yield core, fake, sha


def buttons_of(message: dict) -> dict[str, str]:
    """label -> custom_id of the buttons on a posted message."""
    return {b["label"]: b["custom_id"] for row in message["body"].get("components") or [] for b in row["components"]}


async def press(fake: FakeDiscord, message_id: str, custom_id: str, **kwargs):
    interaction = fake.press(message_id, custom_id, **kwargs)
    await fake.wait_until(lambda: interaction.followups or interaction.expired, timeout=20)
    assert interaction.callbacks[0]["type"] == 5 and not interaction.expired  # deferred within 3 s
    return interaction


def test_discord_buttons_act_and_survive_a_restart(world):
    core, fake, sha = world

    async def scenario():
        adapter = DiscordAdapter(core.settings, core)
        await adapter.start()
        try:
            now = fake.invoke("digest", "now", {"repo": "o/r", "date": "2026-02-14"})
            await fake.wait_until(lambda: now.followups, timeout=30)
            reply = next(m for m in fake.messages if buttons_of(m))
            buttons = buttons_of(reply)
            assert list(buttons) == ["Explain in depth", "Not important here", "More important here",
                                     "Mute these paths"]
            assert all(len(c) <= 100 and sha in c for c in buttons.values())
            thread = reply["channel_id"]
            assert thread in fake.threads  # the reply is in the digest's thread

            # Explain in depth, heuristic: every fact of the commit, inert, in the thread
            before = len(fake.messages)
            await press(fake, reply["id"], buttons["Explain in depth"])
            await fake.wait_until(lambda: len(fake.messages) > before)
            facts = fake.messages[before:]
            assert {m["channel_id"] for m in facts} == {thread}
            text = json.dumps([m["body"] for m in facts], ensure_ascii=False)
            assert "refresh_token" in text and "src/auth/token.py" in text and "@everyone" not in text

            # feedback: any member; recorded for this channel by the feedback book
            less = await press(fake, reply["id"], buttons["Not important here"], permissions=MEMBER)
            assert less.followups[0]["content"].startswith("Noted:") and less.followups[0]["flags"] & 64
            votes = core.feedback.votes(CHANNEL.key, "o/r")
            assert [(v.sha, v.vote) for v in votes] == [(sha, "less")]
            more = await press(fake, reply["id"], buttons["More important here"], permissions=MEMBER)
            assert "matters more" in more.followups[0]["content"]
            assert [v.vote for v in core.feedback.votes(CHANNEL.key, "o/r")] == ["more"]  # the member changed it

            # Mute as a member: refused like /digest subscribe, nothing changed
            refused = await press(fake, reply["id"], buttons["Mute these paths"], permissions=MEMBER)
            assert "not allowed" in refused.followups[0]["content"]
            assert core.subscriptions.get(CHANNEL, "o/r").paths == []

            # Mute as a manager: an ephemeral question with Confirm / Cancel, then confirmed
            asked = await press(fake, reply["id"], buttons["Mute these paths"], permissions=MANAGER)
            question = asked.followups[0]
            assert question["flags"] & 64 and "src/auth/" in question["content"] and "docs/" in question["content"]
            answers = {b["label"]: b["custom_id"] for b in question["components"][0]["components"]}
            question_id = next(i for i, m in fake.followup_messages.items() if m["content"] == question["content"])
            cancelled = await press(fake, question_id, answers["Cancel"], permissions=MANAGER)
            assert cancelled.followups[0]["content"] == "Nothing was muted."
            assert core.subscriptions.get(CHANNEL, "o/r").paths == []
            confirmed = await press(fake, question_id, answers["Confirm"], permissions=MANAGER)
            assert "Muted" in confirmed.followups[0]["content"]
            muted = core.subscriptions.get(CHANNEL, "o/r")
            assert sorted(muted.paths) == ["!docs/", "!src/auth/"]
            assert (await core.digest_for(muted, "2026-02-14")).commits == []  # every path it touches is muted
        finally:
            await adapter.stop()

        # a new connection (the bot restarted): the old message's button still works
        again = DiscordAdapter(core.settings, core)
        await again.start()
        try:
            answer = await press(fake, reply["id"], buttons["Mute these paths"], permissions=MANAGER)
            assert "already muted" in answer.followups[0]["content"]
        finally:
            await again.stop()
        assert not fake.rejected

    asyncio.run(scenario())


def test_discord_button_for_a_repository_not_followed_is_refused(world):
    core, fake, sha = world
    forged = encode_action(ButtonAction("mute", "evil/repo", sha), 100)

    async def scenario():
        adapter = DiscordAdapter(core.settings, core)
        await adapter.start()
        try:
            # a message carrying a button of our shape for a repository this channel does not follow
            message = fake._message(CHANNEL_ID, {"content": "x", "components": [
                {"type": 1, "components": [{"type": 2, "style": 2, "label": "x", "custom_id": forged}]}]})
            fake.messages.append({"channel_id": CHANNEL_ID, "id": message["id"], "body": {}, "files": [],
                                  "message": message})
            answer = await press(fake, message["id"], forged, permissions=MANAGER)
            assert "does not follow `evil/repo`" in answer.followups[0]["content"]
        finally:
            await adapter.stop()
        assert [s.repo for s in core.subscriptions.in_channel(CHANNEL)] == ["o/r"]
        assert core.subscriptions.get(CHANNEL, "evil/repo") is None

    asyncio.run(scenario())
