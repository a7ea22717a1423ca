"""``run_bot`` with Slack and Discord in one process, sharing one core and one store."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import aiohttp
import discord
import pytest

from bot.runtime import configured_adapters, run_bot
from bot.settings import Settings
from tests.fakes.discord_server import TOKEN as DISCORD_TOKEN
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack, post_signed, slash_command_body

SECRET = "runtime-signing-secret"
SLACK_TOKEN = "xoxb-runtime"


@pytest.fixture(autouse=True)
def _restore_discord_globals():
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


def test_adapters_follow_credentials(tmp_path):
    assert configured_adapters(Settings(data_dir=tmp_path)) == ["console"]
    both = Settings(data_dir=tmp_path, slack_bot_token="x", slack_signing_secret="s", discord_token="d")
    assert configured_adapters(both) == ["slack", "discord"]
    assert configured_adapters(Settings(data_dir=tmp_path, slack_bot_token="x")) == ["console"]


def test_slack_and_discord_in_one_process(tmp_path, unused_port):
    with FakeGitHub() as gh, FakeSlack(token=SLACK_TOKEN) as slack, FakeDiscord() as fake_discord:
        gh.add_repo("o/r")
        gh.add_commit("o/r", message="feat: shared engine", author_name="Ann",
                      committed_at=datetime(2026, 2, 14, 8, tzinfo=timezone.utc),
                      files=[{"filename": "src/engine.py", "status": "added", "additions": 10, "deletions": 0,
                              "patch": "@@ -0,0 +1 @@\n+x"}])
        settings = Settings(data_dir=tmp_path / "data", github_api_url=gh.url, slack_api_url=slack.url,
                            slack_bot_token=SLACK_TOKEN, slack_signing_secret=SECRET,
                            discord_token=DISCORD_TOKEN, discord_api_url=fake_discord.api_url)

        async def scenario():
            stop = asyncio.Event()
            bot = asyncio.create_task(run_bot(settings, port=unused_port, stop=stop))
            try:
                await fake_discord.wait_until(lambda: fake_discord.syncs >= 1, timeout=20)
                async with aiohttp.ClientSession() as session:
                    for _ in range(100):  # the Slack HTTP server starts before Discord is READY
                        try:
                            body = slash_command_body("now o/r 2026-02-14 force", response_url=slack.response_url("a"))
                            response = await post_signed(session, f"http://127.0.0.1:{unused_port}/slack/events",
                                                         SECRET, body)
                            break
                        except aiohttp.ClientConnectionError:
                            await asyncio.sleep(0.1)
                    assert response[0] == 200
                now = fake_discord.invoke("digest", "now", {"repo": "o/r", "date": "2026-02-14", "force": True})
                await fake_discord.wait_until(lambda: now.followups and len(fake_discord.messages) >= 2, timeout=30)
                for _ in range(300):
                    if len(slack.posts) >= 2:
                        break
                    await asyncio.sleep(0.05)
            finally:
                stop.set()
                await asyncio.wait_for(bot, 20)

        asyncio.run(scenario())
        # each platform got its own digest: a summary and one reply in its thread
        assert [p.get("thread_ts") is not None for p in slack.posts[:2]] == [False, True]
        assert len(fake_discord.messages) == 2
        assert fake_discord.messages[1]["channel_id"] == fake_discord.messages[0]["id"]
        # one collection and analysis served both: the commit's details were fetched once
        assert gh.count("/repos/o/r/commits/") == 1


@pytest.fixture
def unused_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
