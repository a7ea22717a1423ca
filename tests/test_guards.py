"""The guards end to end: private repositories, DIGESTBOT_ALLOWED_REPOS, admins, local paths, from Slack and Discord.

Every path that reaches a repository (``subscribe``, ``now``, ``explain``, a subscription made
before, the web page) is driven through the real adapters (slack-bolt with signed slash commands
against the fake Slack, discord.py against the fake Discord) on the real core, store and heuristic
digest service, with the fake GitHub marking ``Acme/Secret`` private. ``tests/guard_mutations.py``
checks that disabling any of these guards fails a test here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from datetime import datetime, timezone

import aiohttp
import pytest

from adapters.discord.bot import DiscordAdapter
from adapters.slack.app import SlackAdapter
from bot.core.chat import ChannelRef
from bot.core.service import BotCore
from bot.core.subscriptions import Subscription
from bot.settings import Settings
from bot.store import TinyStore
from bot.web.reports import report_routes
from bot.web.server import HttpServer
from tests.fakes import discord_server as fd
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack, post_signed, slash_command_body
from tests.test_discord_adapter import _restore_discord_globals  # noqa: F401 - autouse: discord.py's globals back

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
SLACK_TOKEN = "xoxb-test"
GH_TOKEN = "test-token"
PRIVATE, PUBLIC, DAY = "Acme/Secret", "acme/open", "2026-02-14"
PUBLIC_URL = "https://digests.example"
ADMIN = "UADMIN"
REFUSAL = f"{PRIVATE} is private"
MANAGER = int(fd.EVERYONE_PERMS) | fd.MANAGE_CHANNELS

#: DIGESTBOT_ALLOWED_REPOS -> may a channel follow the private Acme/Secret?
ALLOWANCES = [
    pytest.param([], False, id="none"),
    pytest.param(["other-org/*", "acme/open", "acme/secret-*"], False, id="patterns-that-miss"),
    pytest.param(["acme/*"], True, id="pattern-any-case"),
    pytest.param(["ACME/SECRET"], True, id="exact-other-case"),
]


@pytest.fixture
def github():
    with FakeGitHub(tokens={GH_TOKEN}) as gh:
        when = datetime(2026, 2, 14, 10, tzinfo=timezone.utc)
        gh.add_repo(PRIVATE, private=True)
        gh.add_repo(PUBLIC)
        gh.secret_sha = gh.add_commit(PRIVATE, message="feat: the secret sauce", committed_at=when,
                                      files=[{"filename": "src/sauce.py", "status": "added", "additions": 9,
                                              "patch": "@@ -0,0 +1 @@\n+recipe = 'secret'"}])
        gh.add_commit(PUBLIC, message="docs: the open readme", committed_at=when,
                      files=[{"filename": "README.md", "status": "modified", "additions": 1, "deletions": 1,
                              "patch": "@@ -1 +1 @@\n-a\n+b"}])
        yield gh


def base_settings(tmp_path, github: FakeGitHub, allowed: list[str], **extra) -> Settings:
    return Settings(data_dir=tmp_path / "data", github_api_url=github.url, github_token=GH_TOKEN,
                    allowed_repos=allowed, public_url=PUBLIC_URL, llm_model=None, **extra)


@contextlib.asynccontextmanager
async def report_pages(core: BotCore):
    """The web pages of the core's store, and a function answering a page's HTTP status."""
    server = HttpServer(report_routes(core.store, core.settings), "127.0.0.1", 0)
    await server.start()
    try:
        async with aiohttp.ClientSession() as session:
            async def status(repo: str, day: str = DAY) -> int:
                async with session.get(f"http://127.0.0.1:{server.port}/reports/{repo}/{day}") as resp:
                    return resp.status
            yield status
    finally:
        await server.stop()


def texts(bodies) -> str:
    return json.dumps(bodies, ensure_ascii=False)


# --- Slack --------------------------------------------------------------------------------------------------

class SlackChat:
    """Slash commands signed as Slack signs them, each awaited until the bot has answered it."""

    def __init__(self, slack: FakeSlack, adapter: SlackAdapter, session, url: str):
        self.slack, self.adapter, self.session, self.url = slack, adapter, session, url
        self._n = 0

    def _events(self) -> int:
        return len(self.slack.responses) + len(self.slack.refused) + len(self.slack.posts)

    async def run(self, text: str, *, user: str = ADMIN, channel: str = "C0001") -> list[dict]:
        """Send ``/digest text``; returns the response_url answers it got (posts are in ``slack.posts``)."""
        self._n += 1
        key = f"k{self._n}"
        before = self._events()
        body = slash_command_body(text, response_url=self.slack.response_url(key), user_id=user,
                                  channel_id=channel)
        status, _, _ = await post_signed(self.session, self.url, SECRET, body)
        assert status == 200, f"/digest {text} was not acknowledged in time ({status})"
        for _ in range(3000):  # the command answered (or posted) and its task is over; a hang guard only
            if self._events() > before and not self.adapter._tasks:
                break
            await asyncio.sleep(0.01)
        else:
            raise AssertionError(f"/digest {text} got no answer")
        return [body for k, body in self.slack.responses if k == key]


@contextlib.asynccontextmanager
async def slack_bot(tmp_path, github, allowed):
    with FakeSlack(token=SLACK_TOKEN) as slack:
        settings = base_settings(tmp_path, github, allowed, slack_api_url=slack.url, slack_bot_token=SLACK_TOKEN,
                                 slack_signing_secret=SECRET, slack_admins=[ADMIN])
        core = BotCore(settings, TinyStore(settings.data_dir))
        adapter = SlackAdapter(settings, core, port=0, host="127.0.0.1")
        await adapter.start()
        try:
            async with aiohttp.ClientSession() as session:
                yield SlackChat(slack, adapter, session, f"http://127.0.0.1:{adapter.port}/slack/events"), core
        finally:
            await adapter.stop()


@pytest.mark.parametrize(("allowed", "may_follow"), ALLOWANCES)
def test_slack_private_repository_guard(tmp_path, github, allowed, may_follow):
    channel = ChannelRef("slack", "T0001", "C0001")

    async def scenario():
        async with slack_bot(tmp_path, github, allowed) as (chat, core), report_pages(core) as page_status:
            slack = chat.slack
            # a subscription made before the private repository was (dis)allowed: its digest takes the same path
            core.subscriptions.save(Subscription(platform="slack", workspace="T0001", channel="C0002", repo=PRIVATE))

            answers = await chat.run(f"subscribe {PRIVATE.lower()}")
            subscribed = [s.repo for s in core.subscriptions.in_channel(channel)]
            now_answers = await chat.run(f"now {PRIVATE} {DAY}")
            explain_answers = await chat.run(f"explain {github.secret_sha[:8]} {PRIVATE}")
            before_answers = await chat.run(f"now {DAY}", channel="C0002")
            private_page = await page_status(PRIVATE)
            private_posts = list(slack.posts)

            await chat.run(f"now {PUBLIC} {DAY}")  # the control: a public repository gets a web page
            public_posts = slack.posts[len(private_posts):]
            public_page = await page_status(PUBLIC)

        refusals = [a["text"] for a in answers + now_answers + explain_answers + before_answers
                    if REFUSAL in a["text"]]
        if may_follow:
            assert refusals == []
            assert subscribed == [PRIVATE]  # GitHub's spelling, whatever the case typed
            assert {p["channel"] for p in private_posts} == {"C0001", "C0002"}
            assert "the secret sauce" in texts(private_posts)  # the digests and the explanation were posted
            assert "/reports/" not in texts(private_posts)  # ... without a link to a public page
        else:
            assert len(refusals) == 4 and subscribed == [] and private_posts == []
            assert "secret sauce" not in texts([a for a in slack.responses])
        assert private_page == 404  # a private repository never becomes a web page
        assert public_page == 200 and f"{PUBLIC_URL}/reports/{PUBLIC}/{DAY}" in texts(public_posts)

    asyncio.run(scenario())


def test_slack_admins_alone_change_subscriptions(tmp_path, github):
    channel = ChannelRef("slack", "T0001", "C0001")

    async def scenario():
        async with slack_bot(tmp_path, github, []) as (chat, core):
            refused = await chat.run(f"subscribe {PUBLIC}", user="U0SOMEONE")
            after_refusal = core.subscriptions.in_channel(channel)
            await chat.run(f"subscribe {PUBLIC}")
            after_admin = [s.repo for s in core.subscriptions.in_channel(channel)]
            refused_removal = await chat.run(f"unsubscribe {PUBLIC}", user="U0SOMEONE")
            still = [s.repo for s in core.subscriptions.in_channel(channel)]
            listed = await chat.run("list", user="U0SOMEONE")  # reading is for everyone
        assert "not allowed" in refused[0]["text"] and after_refusal == []
        assert after_admin == [PUBLIC]
        assert "not allowed" in refused_removal[0]["text"] and still == [PUBLIC]
        assert PUBLIC in listed[0]["text"]

    asyncio.run(scenario())


def test_slack_never_opens_a_local_path(tmp_path, github, git_repo):
    git_repo.commit("feat: local only", datetime(2026, 2, 14, 9, tzinfo=timezone.utc), {"local.txt": "x"})
    sha = git_repo.git("rev-parse", "HEAD")
    path = str(git_repo.path)
    channel = ChannelRef("slack", "T0001", "C0001")

    async def scenario():
        async with slack_bot(tmp_path, github, ["*"]) as (chat, core):
            answers = []
            for text in (f"subscribe {path}", f"now {path} {DAY}", f"explain {sha[:8]} {path}"):
                answers += await chat.run(text)
            return answers, list(chat.slack.posts), core.subscriptions.in_channel(channel)

    answers, posts, subs = asyncio.run(scenario())
    assert len(answers) == 3 and all("owner/name" in a["text"] for a in answers), answers
    assert posts == [] and subs == []
    assert "local only" not in texts(answers)


def test_slack_unsigned_and_forged_commands_reach_nothing(tmp_path, github):
    channel = ChannelRef("slack", "T0001", "C0001")

    async def scenario():
        async with slack_bot(tmp_path, github, []) as (chat, core):
            body = slash_command_body(f"subscribe {PUBLIC}", response_url=chat.slack.response_url("x"),
                                      user_id=ADMIN)
            forged, _, _ = await post_signed(chat.session, chat.url, "not-the-secret", body)
            async with chat.session.post(chat.url, data=body,
                                         headers={"Content-Type": "application/x-www-form-urlencoded"}) as resp:
                unsigned = resp.status
            stale, _, _ = await post_signed(chat.session, chat.url, SECRET, body, timestamp=1_700_000_000)
            await chat.run("list")  # a correctly signed command after them: the bot still answers
            return forged, unsigned, stale, core.subscriptions.in_channel(channel), chat.slack.responses

    forged, unsigned, stale, subs, responses = asyncio.run(scenario())
    assert (forged, unsigned, stale) == (401, 401, 401)
    assert subs == [] and [k for k, _ in responses] == ["k1"]


# --- Discord ------------------------------------------------------------------------------------------------

@contextlib.asynccontextmanager
async def discord_bot(tmp_path, github, allowed):
    with FakeDiscord() as fake:
        settings = base_settings(tmp_path, github, allowed, discord_token=fd.TOKEN, discord_api_url=fake.api_url)
        core = BotCore(settings, TinyStore(settings.data_dir))
        adapter = DiscordAdapter(settings, core)
        await adapter.start()
        try:
            yield fake, core
        finally:
            await adapter.stop()


async def interact(fake: FakeDiscord, sub: str, options: dict | None = None, permissions: int = MANAGER):
    """Run ``/digest sub`` and wait for its answer; the interaction (its follow-ups)."""
    interaction = fake.invoke("digest", sub, options or {}, permissions=permissions)
    await fake.wait_until(lambda: interaction.followups, timeout=30)
    assert interaction.callbacks and interaction.callbacks[0]["type"] == 5 and not interaction.expired
    return interaction


def answers_of(*interactions) -> list[str]:
    return [f["content"] for i in interactions for f in i.followups]


@pytest.mark.parametrize(("allowed", "may_follow"), ALLOWANCES)
def test_discord_private_repository_guard(tmp_path, github, allowed, may_follow):
    channel = ChannelRef("discord", fd.GUILD_ID, fd.CHANNEL_ID)

    async def scenario():
        async with discord_bot(tmp_path, github, allowed) as (fake, core), report_pages(core) as page_status:
            sub = await interact(fake, "subscribe", {"repo": PRIVATE.upper()})
            subscribed = [s.repo for s in core.subscriptions.in_channel(channel)]
            now = await interact(fake, "now", {"repo": PRIVATE, "date": DAY})
            explain = await interact(fake, "explain", {"sha": github.secret_sha[:8], "repo": PRIVATE})
            # the channel's own subscription, named by no repository: the same guard
            before = await interact(fake, "now", {"date": DAY, "force": True}) if subscribed else None
            private_page = await page_status(PRIVATE)
            private_messages = [m["body"] for m in fake.messages]

            await interact(fake, "now", {"repo": PUBLIC, "date": DAY})
            public_messages = [m["body"] for m in fake.messages[len(private_messages):]]
            public_page = await page_status(PUBLIC)
        return sub, subscribed, now, explain, before, private_page, private_messages, public_messages, public_page

    (sub, subscribed, now, explain, before, private_page, private_messages, public_messages,
     public_page) = asyncio.run(scenario())
    refusals = [a for a in answers_of(sub, now, explain) if REFUSAL in a]
    if may_follow:
        assert refusals == [] and subscribed == [PRIVATE]
        assert "the secret sauce" in texts(private_messages) and before is not None
        assert "/reports/" not in texts(private_messages)
    else:
        assert len(refusals) == 3 and subscribed == [] and private_messages == []
    assert private_page == 404
    assert public_page == 200 and f"{PUBLIC_URL}/reports/{PUBLIC}/{DAY}" in texts(public_messages)


def test_discord_private_subscription_made_before_is_refused(tmp_path, github):
    """A channel that followed the private repository when it was allowed gets no digest once it is not."""
    async def scenario():
        async with discord_bot(tmp_path, github, []) as (fake, core):
            core.subscriptions.save(Subscription(platform="discord", workspace=fd.GUILD_ID, channel=fd.CHANNEL_ID,
                                                 repo=PRIVATE))
            now = await interact(fake, "now", {"date": DAY})
            explain = await interact(fake, "explain", {"sha": github.secret_sha[:8]})
            return now, explain, list(fake.messages)

    now, explain, messages = asyncio.run(scenario())
    assert all(REFUSAL in a for a in answers_of(now, explain)) and messages == []


def test_discord_local_paths_and_members_without_manage_channels(tmp_path, github, git_repo):
    git_repo.commit("feat: local only", datetime(2026, 2, 14, 9, tzinfo=timezone.utc), {"local.txt": "x"})
    sha = git_repo.git("rev-parse", "HEAD")
    path = str(git_repo.path)
    channel = ChannelRef("discord", fd.GUILD_ID, fd.CHANNEL_ID)

    async def scenario():
        async with discord_bot(tmp_path, github, ["*"]) as (fake, core):
            local = [await interact(fake, "subscribe", {"repo": path}),
                     await interact(fake, "now", {"repo": path, "date": DAY}),
                     await interact(fake, "explain", {"sha": sha[:8], "repo": path})]
            member = await interact(fake, "subscribe", {"repo": PUBLIC}, permissions=int(fd.EVERYONE_PERMS))
            after_member = core.subscriptions.in_channel(channel)
            await interact(fake, "subscribe", {"repo": PUBLIC})
            member_removal = await interact(fake, "unsubscribe", {"repo": PUBLIC},
                                            permissions=int(fd.EVERYONE_PERMS))
            return local, member, after_member, member_removal, core.subscriptions.in_channel(channel), fake

    local, member, after_member, member_removal, subs, fake = asyncio.run(scenario())
    local_answers = answers_of(*local)
    assert len(local_answers) == 3 and all("owner/name" in a for a in local_answers), local_answers
    assert "local only" not in texts(local_answers)
    assert "not allowed" in answers_of(member)[0] and after_member == []
    assert "not allowed" in answers_of(member_removal)[0] and [s.repo for s in subs] == [PUBLIC]
    assert not any("local only" in texts(m["body"]) for m in fake.messages)
