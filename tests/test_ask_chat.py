"""`/digest ask` through the real client libraries: a signed Slack slash command and a Discord interaction."""

from __future__ import annotations

import asyncio
import re

import discord
import pytest

from adapters.discord.bot import DiscordAdapter
from bot.core.service import BotCore
from bot.core.subscriptions import Subscription
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.discord_server import CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.fakes.discord_server import TOKEN as DISCORD_TOKEN
from tests.fakes.payloads import strings_in
from tests.fakes.slack_server import FakeSlack, post_signed, slash_command_body
from tests.test_slack_adapter import SECRET, TOKEN, running, settled
from tests.test_weekly_chat import AFTER, github  # noqa: F401 - the fixture

PINGS = re.compile(r"<!(?:channel|here|everyone)|<@U")


async def digested(core: BotCore, sub: Subscription) -> None:
    """The days' digests, as the bot posted them: what ask answers from."""
    core.subscriptions.save(sub)
    for day in ("2026-02-09", "2026-02-11", "2026-02-12"):
        await core.digest_for(sub, day)


def test_slack_ask_answers_with_links_and_says_when_nothing_matches(tmp_path, github):  # noqa: F811
    with FakeSlack(token=TOKEN) as slack:
        settings = Settings(data_dir=tmp_path / "data", github_api_url=github.url, slack_api_url=slack.url,
                            slack_bot_token=TOKEN, slack_signing_secret=SECRET, llm_model=None)
        core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: AFTER)

        async def scenario():
            await digested(core, Subscription(platform="slack", workspace="T0001", channel="C0001", repo="o/r"))
            async with running(settings, core) as (adapter, session, url):
                for n, text in enumerate(["ask what about the cache layer?", "ask kubernetes operator",
                                          "ask token since 2026-02-30"]):
                    body = slash_command_body(text, response_url=slack.response_url(f"k{n}"))
                    status, answer, _ = await post_signed(session, url, SECRET, body)
                    assert status == 200, answer
                    await settled(adapter, lambda n=n: len(slack.responses) + len(slack.posts) > n)

        asyncio.run(scenario())
        cache, nothing = slack.posts
        text = "\n".join(strings_in(cache))
        assert "feat: add the cache layer" in text and "no model is configured" in text
        sha = re.search(r"<[^|>]+/o/r/commit/([0-9a-f]{40})\|([0-9a-f]{7})>", text)
        assert sha and sha.group(1).startswith(sha.group(2))  # a link to the commit it relies on
        assert "Nothing stored answers this" in "\n".join(strings_in(nothing))
        assert not PINGS.search("\n".join(strings_in(slack.posts)))
        [(_, error)] = slack.responses
        assert "bad date" in error["text"] and "Usage: /digest ask QUESTION" in error["text"]


@pytest.fixture(autouse=True)
def _restore_discord_globals():
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


def test_discord_ask_finds_the_commit_and_stays_inert(tmp_path, github):  # noqa: F811
    with FakeDiscord() as fake:
        settings = Settings(data_dir=tmp_path, github_api_url=github.url, discord_token=DISCORD_TOKEN,
                            discord_api_url=fake.api_url)
        core = BotCore(settings, TinyStore(tmp_path), clock=lambda: AFTER)

        async def scenario():
            await digested(core, Subscription(platform="discord", workspace=GUILD_ID, channel=CHANNEL_ID, repo="o/r"))
            adapter = DiscordAdapter(settings, core)
            await adapter.start()
            try:
                asked = fake.invoke("digest", "ask", {"question": "token auth", "since": "2026-02-01"})
                await fake.wait_until(lambda: asked.followups, timeout=30)
            finally:
                await adapter.stop()

        asyncio.run(scenario())
        [answer] = fake.messages
        text = "\n".join(strings_in(answer["body"]))
        assert "Question: token auth" in text and "since 2026-02-01" in text
        assert re.search(r"\[[0-9a-f]{7}\]\(http[^)]+/o/r/commit/[0-9a-f]{40}\)", text)
        for part in strings_in(answer["body"]):
            assert "@everyone" not in part and "@here" not in part and not re.search(r"<[@#!]", part), part
        assert answer["body"]["allowed_mentions"] == {"parse": []}
