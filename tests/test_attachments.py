"""The full report and the chart travel with the summary message only: Slack upload flow, Discord multipart, console.

Real clients (slack_sdk, discord.py) against the fake servers, the real core building digests from a
fake GitHub; exactly-once is checked by publishing the same digest twice.
"""

from __future__ import annotations

import asyncio
import io
import json
import struct
from datetime import datetime, timedelta, timezone

import discord
import pytest

from analysis.renderers.markdown import render_markdown
from bot.core.chat import ChannelRef, CommandContext, DigestResponse
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack

DAY = datetime(2026, 2, 14, tzinfo=timezone.utc)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REPORT_NAME = "digest-o-r-2026-02-14.md"
CHART_NAME = "chart-o-r-2026-02-14.png"
PUBLIC = "https://digest.example.test/base"


@pytest.fixture
def github():
    with FakeGitHub() as gh:
        gh.add_repo("o/r")
        gh.add_commit("o/r", message="feat: add the cache layer", author_name="Ann", committed_at=DAY.replace(hour=9),
                      files=[{"filename": "src/cache.py", "status": "added", "additions": 80, "deletions": 0,
                              "patch": "@@ -0,0 +1 @@\n+cache = {}"}])
        gh.add_commit("o/r", message="docs: <script>x</script> typo", author_name="Bo",
                      committed_at=DAY.replace(hour=10),
                      files=[{"filename": "README.md", "status": "modified", "additions": 1, "deletions": 1,
                              "patch": "@@ -1 +1 @@\n-a\n+b"}])
        for back in (1, 3):  # earlier days the bot never saw: the chart estimates them
            gh.add_commit("o/r", message=f"fix: older bug {back}", author_name="Cy",
                          committed_at=DAY.replace(hour=12) - timedelta(days=back),
                          files=[{"filename": "src/x.py", "status": "modified", "additions": 1, "deletions": 1,
                                  "patch": "@@ -1 +1 @@\n-a\n+b"}])
        yield gh


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    return struct.unpack(">II", data[16:24])


async def digest_response(core, ctx) -> DigestResponse:
    [response] = await core.handle_command(ctx, "now o/r 2026-02-14")
    assert isinstance(response, DigestResponse), response
    return response


# --- Slack -------------------------------------------------------------------------------------------
def test_slack_uploads_report_and_chart_into_the_summary_thread_once(tmp_path, github):
    from adapters.slack.app import SlackAdapter
    from bot.core.service import BotCore

    with FakeSlack(token="xoxb-test") as slack:
        settings = Settings(data_dir=tmp_path / "data", github_api_url=github.url, slack_api_url=slack.url,
                            slack_bot_token="xoxb-test", slack_signing_secret="s" * 32, public_url=PUBLIC)
        core = BotCore(settings, TinyStore(settings.data_dir))
        ctx = CommandContext(channel=ChannelRef("slack", "T0001", "C0042"), user="U1")

        async def scenario():
            adapter = SlackAdapter(settings, core, port=0, host="127.0.0.1")
            await adapter.start()
            try:
                response = await digest_response(core, ctx)
                await core.publish(adapter, ctx, response)
                first = (len(slack.posts), len(slack.uploads))
                # asked again: refused; the same digest published again (a retry): nothing posted or uploaded
                [again] = await core.handle_command(ctx, "now o/r 2026-02-14")
                assert "already posted" in again.text
                await core.publish(adapter, ctx, response)
                return response, first
            finally:
                await adapter.stop()

        response, first = asyncio.run(scenario())

    summary = slack.posts[0]
    assert first == (len(slack.posts), len(slack.uploads)) == (3, 1)
    [share] = slack.uploads
    assert share["channel_id"] == "C0042" and share["thread_ts"] == summary["ts"]
    files = {f["name"]: f["content"] for f in share["files"]}
    assert set(files) == {REPORT_NAME, CHART_NAME}
    assert files[REPORT_NAME].decode() == render_markdown(response.digest, "en")
    assert "&lt;script&gt;" in files[REPORT_NAME].decode()
    assert png_size(files[CHART_NAME]) == (800, 360)
    # bytes went up before the summary was posted, and were shared right after it, before the replies
    methods = [m for m, _, _ in slack.calls if m != "auth.test"]
    assert methods[:5] == ["files.getUploadURLExternal", "files.getUploadURLExternal", "chat.postMessage",
                           "files.completeUploadExternal", "chat.postMessage"]
    # the summary links the web page
    link = f"<{PUBLIC}/reports/o/r/2026-02-14|"
    assert any(link in b["text"]["text"] for b in summary["blocks"] if b["type"] == "section")
    assert not any(link in p["text"] for p in slack.posts[1:])


def test_slack_failed_upload_still_posts_the_digest_exactly_once(tmp_path, github):
    from adapters.slack.app import SlackAdapter
    from bot.core.service import BotCore

    with FakeSlack(token="xoxb-test") as slack:
        settings = Settings(data_dir=tmp_path / "data", github_api_url=github.url, slack_api_url=slack.url,
                            slack_bot_token="xoxb-test", slack_signing_secret="s" * 32)
        core = BotCore(settings, TinyStore(settings.data_dir))
        ctx = CommandContext(channel=ChannelRef("slack", "T0001", "C0042"), user="U1")
        original = slack.handle_upload
        slack.handle_upload = lambda file_id, content: (500, "storage down")

        async def scenario():
            adapter = SlackAdapter(settings, core, port=0, host="127.0.0.1")
            await adapter.start()
            try:
                await core.publish(adapter, ctx, await digest_response(core, ctx))
            finally:
                await adapter.stop()

        asyncio.run(scenario())
        slack.handle_upload = original

    assert len(slack.posts) == 3 and slack.uploads == []
    assert slack.call_count("files.completeUploadExternal") == 0
    assert not any("Full report" in p["text"] for p in slack.posts)  # no DIGESTBOT_PUBLIC_URL: no link


# --- Discord -----------------------------------------------------------------------------------------
def test_discord_sends_the_files_as_attachments_of_the_summary(tmp_path, github):
    from adapters.discord.bot import DiscordAdapter
    from bot.core.service import BotCore
    from tests.fakes.discord_server import CHANNEL_ID, GUILD_ID, TOKEN, FakeDiscord

    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    try:
        with FakeDiscord() as fake:
            settings = Settings(data_dir=tmp_path / "data", github_api_url=github.url, discord_token=TOKEN,
                                discord_api_url=fake.api_url, public_url=PUBLIC)
            core = BotCore(settings, TinyStore(settings.data_dir))
            ctx = CommandContext(channel=ChannelRef("discord", GUILD_ID, CHANNEL_ID), user="1")

            async def scenario():
                adapter = DiscordAdapter(settings, core)
                await adapter.start()
                try:
                    response = await digest_response(core, ctx)
                    await core.publish(adapter, ctx, response)
                    await core.publish(adapter, ctx, response)  # already posted: nothing again
                    return response
                finally:
                    await adapter.stop()

            response = asyncio.run(scenario())
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway

    assert not fake.rejected
    summary, *replies = fake.messages
    assert len(replies) == 2 and all(not m["files"] for m in replies)
    files = dict(summary["files"])
    assert set(files) == {REPORT_NAME, CHART_NAME}
    assert files[REPORT_NAME].decode() == render_markdown(response.digest, "en")
    assert png_size(files[CHART_NAME]) == (800, 360)
    assert summary["body"]["allowed_mentions"] == {"parse": []}
    assert f"({PUBLIC}/reports/o/r/2026-02-14)" in summary["body"]["embeds"][0]["description"]
    assert ("POST", f"/api/v10/channels/{CHANNEL_ID}/messages") in fake.requests


# --- console and preview -----------------------------------------------------------------------------
def test_console_prints_the_attachments_after_the_summary(tmp_path, github):
    from adapters.console import ConsoleAdapter
    from bot.core.service import BotCore

    settings = Settings(data_dir=tmp_path / "data", github_api_url=github.url, public_url=PUBLIC)
    core = BotCore(settings, TinyStore(settings.data_dir))
    out = io.StringIO()
    adapter = ConsoleAdapter(settings, core, stdin=io.StringIO(""), stdout=out)

    async def scenario():
        await adapter.handle_line("/digest now o/r 2026-02-14")

    asyncio.run(scenario())
    text = out.getvalue()
    parts = text.split("--- message ")
    assert len(parts) == 4  # "", the summary, two replies
    summary = parts[1]
    report = render_markdown(asyncio.run(_digest_of(core)), "en").encode()
    assert f"attached: {REPORT_NAME} ({len(report)} bytes)" in summary
    assert f"attached: {CHART_NAME} (" in summary
    assert f"Full report: {PUBLIC}/reports/o/r/2026-02-14" in summary
    assert "attached:" not in "".join(parts[2:])


async def _digest_of(core):
    from bot.core.subscriptions import Subscription

    sub = Subscription(platform="console", workspace="local", channel="console", repo="o/r")
    return await core.digest_for(sub, "2026-02-14")


def test_preview_stays_json_only_with_the_link_and_without_files(tmp_path, github, monkeypatch, capsys):
    from bot.cli import main

    monkeypatch.setenv("GITHUB_API_URL", github.url)
    monkeypatch.setenv("DIGESTBOT_PUBLIC_URL", PUBLIC)
    assert main(["preview", "o/r", "--date", "2026-02-14", "--target", "slack", "--analyzer", "heuristic"]) == 0
    out = capsys.readouterr().out
    payload = json.loads(out)  # the whole output is one JSON document
    assert payload["target"] == "slack"
    assert all(set(m) == {"thread", "body"} for m in payload["messages"])
    assert "attached:" not in out
    assert f"<{PUBLIC}/reports/o/r/2026-02-14|" in json.dumps(payload["messages"][0]["body"])
