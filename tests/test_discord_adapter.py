"""Discord adapter end to end: discord.py's real client against the fake Discord, the real core, a fake GitHub."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import datetime, timezone

import discord
import pytest

from adapters.discord.bot import DiscordAdapter, command_text
from analysis.errors import RemoteFailure
from analysis.models import Analysis, Commit, CommitReport, Digest, Insights, Risk
from bot.core.chat import ChannelRef, CommandContext, DigestResponse
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.discord_server import CHANNEL_ID, EVERYONE_PERMS, GUILD_ID, MANAGE_CHANNELS, TOKEN, FakeDiscord
from tests.fakes.github_server import FakeGitHub
from tests.fakes.payloads import strings_in

HOSTILE = "fix: @everyone @here <@123> <@&456> <#789> **x** ``` ||spoiler||"
MEMBER = int(EVERYONE_PERMS)
MANAGER = MEMBER | MANAGE_CHANNELS


@pytest.fixture(autouse=True)
def _restore_discord_globals():
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest.fixture
def world(tmp_path):
    with FakeGitHub() as gh, FakeDiscord() as fake:
        gh.add_repo("o/r")
        day = datetime(2026, 2, 14, tzinfo=timezone.utc)
        gh.add_commit("o/r", message=HOSTILE + "\n\nbody <@&1>", author_name="Mallory @here",
                      committed_at=day.replace(hour=3),
                      files=[{"filename": "src/auth/token.py", "status": "modified", "additions": 40,
                              "deletions": 5, "patch": "@@ -1 +1 @@\n-a\n+b"}])
        gh.add_commit("o/r", message="docs: readme", author_name="Dev", committed_at=day.replace(hour=5),
                      files=[{"filename": "README.md", "status": "modified", "additions": 2, "deletions": 1,
                              "patch": "@@ -1 +1 @@\n-a\n+b"}])
        gh.add_commit("o/r", message="feat: new scheduler", author_name="Dev", committed_at=day.replace(hour=7),
                      files=[{"filename": "bot/scheduler.py", "status": "added", "additions": 300, "deletions": 0,
                              "patch": "@@ -0,0 +1 @@\n+x"}])
        settings = Settings(data_dir=tmp_path, github_api_url=gh.url, discord_token=TOKEN,
                            discord_api_url=fake.api_url)
        core = BotCore(settings, TinyStore(tmp_path))
        yield settings, core, fake


def _assert_inert(bodies):
    for text in strings_in(bodies):
        assert "@everyone" not in text and "@here" not in text, text
        assert not re.search(r"<[@#]", text), text
        assert "**x**" not in text and "```" not in text and "||" not in text, text


def test_commands_end_to_end(world):
    settings, core, fake = world

    async def scenario():
        adapter = DiscordAdapter(settings, core)
        await adapter.start()
        try:
            # connected: IDENTIFY with our token, heartbeats acknowledged, the command tree synced
            await fake.wait_until(lambda: fake.heartbeats >= 1)
            assert fake.identified[0]["token"] == TOKEN
            assert fake.syncs == 1
            group = fake.commands[0]
            assert group["name"] == "digest"
            assert {o["name"] for o in group["options"]} == {"subscribe", "unsubscribe", "list", "now",
                                                             "explain", "week", "ask", "help"}

            # /digest help: deferred at once, answered by an ephemeral follow-up
            help_ = fake.invoke("digest", "help")
            await fake.wait_until(lambda: help_.followups)
            # deferred within Discord's 3 s (the fake refuses a later callback with 10062 and marks it expired)
            assert help_.callbacks[0]["type"] == 5 and not help_.expired
            assert "subscribe REPO" in help_.followups[0]["content"]
            assert help_.followups[0]["flags"] & 64
            assert help_.followups[0]["allowed_mentions"] == {"parse": []}

            # /digest now o/r 2026-02-14 (not followed here: a member needs 'force'): summary with an embed,
            # a thread on it, one reply per commit
            now = fake.invoke("digest", "now", {"repo": "o/r", "date": "2026-02-14", "force": True})
            await fake.wait_until(lambda: now.followups, timeout=30)
            assert now.callbacks[0]["type"] == 5 and not now.expired
            assert not fake.rejected
            summary = fake.messages[0]
            assert summary["channel_id"] == CHANNEL_ID
            embed = summary["body"]["embeds"][0]
            assert embed["title"] == "Daily Update Report (2026-02-14)"
            assert "o/r" in embed["description"] and "3 commits" in embed["description"]
            assert list(fake.threads) == [summary["id"]]
            replies = [m for m in fake.messages[1:]]
            assert len(replies) == 3 and all(m["channel_id"] == summary["id"] for m in replies)
            titles = [m["body"]["embeds"][0]["title"] for m in replies]
            assert any("new scheduler" in t for t in titles) and any("readme" in t for t in titles)
            order = {"🔴": 0, "🟡": 1, "🟢": 2}
            assert [order[t[0]] for t in titles] == sorted(order[t[0]] for t in titles)
            _assert_inert([m["body"] for m in fake.messages])
            assert all(m["body"]["allowed_mentions"] == {"parse": []} for m in fake.messages)

            # subscribe without Manage Channels: refused by the core, nothing stored
            channel = ChannelRef("discord", GUILD_ID, CHANNEL_ID)
            refused = fake.invoke("digest", "subscribe", {"repo": "o/r", "at": "09:00", "tz": "Asia/Shanghai"},
                                  permissions=MEMBER)
            await fake.wait_until(lambda: refused.followups)
            assert "not allowed" in refused.followups[0]["content"]
            assert core.subscriptions.in_channel(channel) == []

            # with Manage Channels: stored with its options; the confirmation is posted to the channel
            posted = len(fake.messages)
            ok = fake.invoke("digest", "subscribe", {"repo": "o/r", "at": "09:30", "tz": "Asia/Shanghai",
                                                     "ignore_bots": True}, permissions=MANAGER)
            await fake.wait_until(lambda: ok.followups)
            subs = core.subscriptions.in_channel(channel)
            assert [(s.repo, s.tz) for s in subs] == [("o/r", "Asia/Shanghai")]
            assert any("o/r" in m["body"]["content"] for m in fake.messages[posted:])

            listed = fake.invoke("digest", "list")
            await fake.wait_until(lambda: listed.followups)
            assert "o/r" in listed.followups[0]["content"]
        finally:
            await adapter.stop()

    asyncio.run(scenario())


def test_hostile_llm_analysis_through_adapter(world):
    settings, core, fake = world
    commit = Commit(sha="f" * 40, author="eve", committed_at=datetime(2026, 2, 14, 3, tzinfo=timezone.utc),
                    message=HOSTILE)
    analysis = Analysis(change_type="security", importance="high", analyzer="llm:fake/model",
                        summary=[HOSTILE, "see [here](https://evil.example) @everyone"],
                        impact=["<@&456>: pings the role"], insights=Insights(security=HOSTILE * 50),
                        risks=[Risk(risk=HOSTILE, impact="@here", mitigation="<#789>")],
                        recommendations=["x" * 5000 + " " + HOSTILE])
    digest = Digest(repo="o/r", date="2026-02-14", timezone="UTC",
                    commits=[CommitReport(commit=commit, analysis=analysis)])
    ctx = CommandContext(channel=ChannelRef("discord", GUILD_ID, CHANNEL_ID), user="1")
    core.settings.max_commit_chars = 100_000  # what is checked here is the split; the cap is in test_post_caps

    async def scenario():
        adapter = DiscordAdapter(settings, core)
        await adapter.start()
        try:
            await core.publish(adapter, ctx, DigestResponse(digest, lang="en"))
        finally:
            await adapter.stop()

    asyncio.run(scenario())
    assert not fake.rejected
    assert len(fake.messages) >= 3  # the long analysis took more than one thread reply
    _assert_inert([m["body"] for m in fake.messages])
    assert "x" * 4000 in json.dumps([m["body"] for m in fake.messages])  # split, not dropped


def test_bad_token_is_a_remote_failure(world, tmp_path):
    settings, core, fake = world
    bad = settings.model_copy(update={"discord_token": "wrong"})

    async def scenario():
        with pytest.raises(RemoteFailure) as info:
            await DiscordAdapter(bad, core).start()
        assert "wrong" not in str(info.value)

    asyncio.run(scenario())
    assert not fake.identified


def test_command_text_quotes_values():
    assert command_text("subscribe", "o/r", at="09:00", tz="Asia/Shanghai", paths="src/*, docs",
                        ignore_authors=None, ignore_bots=True, quiet=False) == \
        "subscribe o/r at 09:00 tz Asia/Shanghai paths 'src/*, docs' ignore-bots"
    assert command_text("now", "o/r", None, "force") == "now o/r force"
