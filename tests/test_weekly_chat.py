"""`/digest week` through the real client libraries: a signed Slack slash command and a Discord interaction."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta, timezone

import discord
import pytest

from adapters.discord.bot import DiscordAdapter
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.discord_server import EVERYONE_PERMS, MANAGE_CHANNELS, FakeDiscord
from tests.fakes.discord_server import TOKEN as DISCORD_TOKEN
from tests.fakes.github_server import FakeGitHub
from tests.fakes.payloads import strings_in
from tests.fakes.slack_server import FakeSlack, post_signed, slash_command_body
from tests.test_slack_adapter import SECRET, TOKEN, running, settled

MONDAY = datetime(2026, 2, 9, 10, tzinfo=timezone.utc)  # ISO week 2026-W07
AFTER = datetime(2026, 2, 18, 12, tzinfo=timezone.utc)
HOSTILE = "fix: <!channel> @everyone @here <@U123> <@&456> *bold* ``` ||x||"


@pytest.fixture
def github():
    with FakeGitHub() as gh:
        gh.add_repo("o/r")
        gh.add_commit("o/r", message="feat: add the cache layer", author_name="Ann", committed_at=MONDAY,
                      files=[{"filename": "src/cache.py", "status": "added", "additions": 80, "deletions": 0,
                              "patch": "@@ -0,0 +1 @@\n+cache = {}"}])
        gh.add_commit("o/r", message=HOSTILE, author_name="Mallory <!here>", committed_at=MONDAY + timedelta(days=2),
                      files=[{"filename": "src/auth/token.py", "status": "modified", "additions": 40, "deletions": 5,
                              "patch": "@@ -1 +1 @@\n-a\n+b"}])
        gh.add_commit("o/r", message="docs: readme", author_name="Dev", committed_at=MONDAY + timedelta(days=3),
                      files=[{"filename": "README.md", "status": "modified", "additions": 2, "deletions": 1,
                              "patch": "@@ -1 +1 @@\n-a\n+b"}])
        yield gh


def test_slack_week_posts_a_summary_with_the_report_and_chart(tmp_path, github):
    with FakeSlack(token=TOKEN) as slack:
        settings = Settings(data_dir=tmp_path / "data", github_api_url=github.url, slack_api_url=slack.url,
                            slack_bot_token=TOKEN, slack_signing_secret=SECRET, llm_model=None)
        core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: AFTER)

        async def scenario():
            async with running(settings, core) as (adapter, session, url):
                for n, text in enumerate(["subscribe o/r lang zh", "week o/r 2026-W07", "week o/r 2026-W99"]):
                    body = slash_command_body(text, response_url=slack.response_url(f"k{n}"))
                    status, answer, _ = await post_signed(session, url, SECRET, body)
                    assert status == 200, answer
                    await settled(adapter, lambda n=n: len(slack.responses) + len(slack.posts) > n)

        asyncio.run(scenario())
        [post] = slack.posts  # one summary message
        assert post["blocks"][0]["text"]["text"].startswith("每周汇总（2026-W07，2026-02-09 至 2026-02-15）")
        text = "\n".join(strings_in(post))
        assert "本周共 3 个变更（3 个提交）" in text and "贡献者" in text and "Mallory" in text
        assert not re.search(r"<!(?:channel|here|everyone)|<@U", text)  # untrusted text never pings
        [share] = slack.uploads
        names = {f["name"] for f in share["files"]}
        assert names == {"week-o-r-2026-W07.md", "chart-o-r-2026-W07.png"}
        assert share["thread_ts"] == post["ts"]
        errors = [body["text"] for _, body in slack.responses if "bad week" in body["text"]]
        assert len(errors) == 1 and "Usage: /digest week [REPO] [YYYY-Www]" in errors[0]


@pytest.fixture(autouse=True)
def _restore_discord_globals():
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


def test_discord_week_posts_one_inert_summary(tmp_path, github):
    with FakeDiscord() as fake:
        settings = Settings(data_dir=tmp_path, github_api_url=github.url, discord_token=DISCORD_TOKEN,
                            discord_api_url=fake.api_url)
        core = BotCore(settings, TinyStore(tmp_path), clock=lambda: AFTER)

        async def scenario():
            adapter = DiscordAdapter(settings, core)
            await adapter.start()
            try:
                member = fake.invoke("digest", "week", {"repo": "o/r"})  # not followed here, not a manager
                await fake.wait_until(lambda: member.followups)
                manager = int(EVERYONE_PERMS) | MANAGE_CHANNELS
                week = fake.invoke("digest", "week", {"repo": "o/r", "week": "2026-W07"}, permissions=manager)
                await fake.wait_until(lambda: week.followups, timeout=30)
                bad = fake.invoke("digest", "week", {"week": "2026-W7x"}, permissions=manager)
                await fake.wait_until(lambda: bad.followups)
            finally:
                await adapter.stop()
            return member, bad

        member, bad = asyncio.run(scenario())
        assert "does not follow o/r" in member.followups[0]["content"]
        assert "Usage: /digest week" in bad.followups[0]["content"]
        [summary] = fake.messages
        embed = summary["body"]["embeds"][0]
        assert embed["title"] == "Weekly Roll-up (2026-W07, 2026-02-09 to 2026-02-15)"
        assert "3 changes (3 commits) that week" in embed["description"]
        for text in strings_in(summary["body"]):
            assert "@everyone" not in text and "@here" not in text and not re.search(r"<[@#!]", text), text
            assert "```" not in text and "||x||" not in text, text
        assert summary["body"]["allowed_mentions"] == {"parse": []}
