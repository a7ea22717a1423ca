"""The private-repository guard on what a channel gets for a repository it followed before: alerts and ``week``.

A channel that followed ``Acme/Secret`` while DIGESTBOT_ALLOWED_REPOS allowed it (or while it was
public) gets no alert of its new commits (a signed push on Slack, a poll on Discord) and no weekly
roll-up once it is not allowed, as it gets no digest (``tests/test_guards.py``); with a pattern that
allows it (any case) they go out. A public repository's alert in the same run is the control: the
refusal is the guard's, not a broken alert path. Real adapters, core, store and heuristic; fake
GitHub, Slack and Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, timezone

import pytest

from adapters.discord.bot import DiscordAdapter
from bot.core.alerts import AlertService
from bot.core.service import BotCore
from bot.core.subscriptions import Subscription
from bot.store import TinyStore
from scheduler.polling import poll_heads
from tests.fakes import discord_server as fd
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.github_server import FakeGitHub
from tests.test_alerts import GH_TOKEN, PINNED, _file, deliver, dump, push_body, settings_for, slack_with_webhook
from tests.test_discord_adapter import _restore_discord_globals  # noqa: F401 - autouse: discord.py's globals back
from tests.test_guards import ALLOWANCES, REFUSAL, slack_bot

PRIVATE, PUBLIC = "Acme/Secret", "acme/open"
WHEN = datetime(2026, 2, 14, 9, tzinfo=timezone.utc)
HIGH_PRIVATE, HIGH_PUBLIC = "fix!: drop the secret flag", "fix!: drop the open flag"


@pytest.fixture
def github():
    with FakeGitHub(tokens={GH_TOKEN}) as gh:
        gh.add_repo(PRIVATE, private=True)
        gh.add_repo(PUBLIC)
        gh.bases = {repo: gh.add_commit(repo, message="docs: a typo", committed_at=WHEN, files=_file("docs/a.md"))
                    for repo in (PRIVATE, PUBLIC)}
        yield gh


def land(gh: FakeGitHub, repo: str, title: str) -> str:
    return gh.add_commit(repo, message=title, committed_at=WHEN.replace(minute=20), files=_file("src/config.py"))


def followed_before(core: BotCore, platform: str, workspace: str, channel: str) -> None:
    """Both repositories followed with alerts, as a channel did while the private one was allowed."""
    for repo in (PRIVATE, PUBLIC):
        core.subscriptions.save(Subscription(platform=platform, workspace=workspace, channel=channel, repo=repo,
                                             alert="high"))


@pytest.mark.parametrize(("allowed", "may_follow"), ALLOWANCES)
def test_slack_push_of_a_private_repository_alerts_only_when_allowed(tmp_path, github, allowed, may_follow):
    async def scenario():
        async with slack_with_webhook(tmp_path, github, allowed_repos=allowed) as (chat, core, receiver, url):
            followed_before(core, "slack", "T0001", "C0001")
            statuses = []
            for repo, title in ((PRIVATE, HIGH_PRIVATE), (PUBLIC, HIGH_PUBLIC)):
                head = land(github, repo, title)
                statuses.append(await deliver(chat.session, url, push_body(github.bases[repo], head, repo=repo)))
                await receiver.drain()
            return statuses, list(chat.slack.posts)

    statuses, posts = asyncio.run(scenario())
    assert statuses == [202, 202]
    assert sum(HIGH_PUBLIC in dump(p) for p in posts) == 1  # the control: alerts work
    assert sum(HIGH_PRIVATE in dump(p) for p in posts) == (1 if may_follow else 0)
    if not may_follow:
        assert len(posts) == 1 and "secret" not in dump(posts).lower()


@contextlib.asynccontextmanager
async def discord_alerts(tmp_path, github, allowed):
    with FakeDiscord() as fake:
        settings = settings_for(tmp_path, github, discord_token=fd.TOKEN, discord_api_url=fake.api_url,
                                allowed_repos=allowed)  # no webhook secret: GitHub branches are polled
        core = BotCore(settings, TinyStore(settings.data_dir))
        adapter = DiscordAdapter(settings, core)
        await adapter.start()
        try:
            yield fake, core, AlertService(core, {"discord": adapter}, clock=lambda: PINNED)
        finally:
            await adapter.stop()


@pytest.mark.parametrize(("allowed", "may_follow"), ALLOWANCES)
def test_discord_poll_of_a_private_repository_alerts_only_when_allowed(tmp_path, github, allowed, may_follow):
    async def scenario():
        async with discord_alerts(tmp_path, github, allowed) as (fake, core, alerts):
            followed_before(core, "discord", fd.GUILD_ID, fd.CHANNEL_ID)
            first = await poll_heads(alerts)  # learns both heads
            land(github, PRIVATE, HIGH_PRIVATE)
            land(github, PUBLIC, HIGH_PUBLIC)
            moved = await poll_heads(alerts)
            return first, moved, [m["body"] for m in fake.messages]

    first, moved, messages = asyncio.run(scenario())
    assert first == 0 and moved == (2 if may_follow else 1)
    assert sum(HIGH_PUBLIC in dump(m) for m in messages) == 1
    assert sum(HIGH_PRIVATE in dump(m) for m in messages) == (1 if may_follow else 0)
    if not may_follow:
        assert "secret" not in dump(messages).lower()


@pytest.mark.parametrize(("allowed", "may_follow"), ALLOWANCES)
def test_slack_week_of_a_private_repository_followed_before(tmp_path, github, allowed, may_follow):
    async def scenario():
        async with slack_bot(tmp_path, github, allowed) as (chat, core):
            followed_before(core, "slack", "T0001", "C0001")
            answers = await chat.run(f"week {PRIVATE} 2026-W07")  # 2026-02-09 .. 15: the commits' week
            return answers, list(chat.slack.posts)

    answers, posts = asyncio.run(scenario())
    if may_follow:
        assert not any(REFUSAL in a["text"] for a in answers) and "docs: a typo" in dump(posts)
    else:
        assert [a["text"] for a in answers if REFUSAL in a["text"]] != [] and posts == []
