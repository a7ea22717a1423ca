"""From Slack and Discord a repository is always a GitHub repository: folders on the bot's machine are never read.

Issue 10, item 1: ``now tests/fakes 2026-11-29`` from Slack posted digests of the bot's own git
history; ``explain <sha> analysis/sources`` worked; ``now secret/notgit`` and ``now secret/nothere``
answered differently. Here the real ``digestbot run`` gets signed slash commands in a working directory
holding exactly such folders, and the discord.py client gets the same through the fake gateway.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import discord
import pytest

from tests.bot_process import SlackBot
from tests.conftest import GitRepo
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack

DAY = datetime(2026, 11, 29, 10, tzinfo=timezone.utc)


@pytest.fixture
def workdir(tmp_path):
    """A working directory with git repositories at tests/fakes and analysis/sources, and secret/notgit."""
    work = tmp_path / "work"
    repo = GitRepo(work)
    sha = repo.commit("feat: private work on the bot's machine", DAY,
                      {"tests/fakes/a.py": "x = 1\n", "analysis/sources/b.py": "y = 2\n"})
    (work / "secret" / "notgit").mkdir(parents=True)
    return work, sha


def _github_lookups(gh: FakeGitHub, name: str) -> int:
    return gh.count(f"/repos/{name}")


def test_slack_names_are_github_repositories_never_folders(workdir, tmp_path):
    work, sha = workdir
    with FakeGitHub() as gh, FakeSlack(token="xoxb-hardening") as slack, \
            SlackBot(slack, tmp_path / "data", work, gh.url, DIGESTBOT_SLACK_ADMINS="UADMIN") as bot:
        answer = bot.command("now tests/fakes 2026-11-29 force")
        assert "tests/fakes was not found" in answer
        assert _github_lookups(gh, "tests/fakes") >= 1

        answer = bot.command(f"explain {sha[:7]} analysis/sources")
        assert "analysis/sources was not found" in answer
        assert _github_lookups(gh, "analysis/sources") >= 1

        answer = bot.command("subscribe analysis/sources", user="UADMIN")
        assert "analysis/sources was not found" in answer

        # a folder that is not a git repository and one that does not exist: the same kind of answer
        notgit = bot.command("now secret/notgit 2026-11-29 force")
        nothere = bot.command("now secret/nothere 2026-11-29 force")
        assert notgit.replace("notgit", "X") == nothere.replace("nothere", "X")
        assert _github_lookups(gh, "secret/notgit") >= 1 and _github_lookups(gh, "secret/nothere") >= 1

        bot.drain()
        assert slack.posts == []  # no digest of the machine's git history went out
    assert bot.proc.returncode == 0



@pytest.fixture
def _restore_discord_globals():
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


def test_discord_names_are_github_repositories_never_folders(workdir, tmp_path, monkeypatch, _restore_discord_globals):
    from adapters.discord.bot import DiscordAdapter
    from bot.core.service import BotCore
    from bot.settings import Settings
    from bot.store import TinyStore
    from tests.fakes.discord_server import EVERYONE_PERMS, MANAGE_CHANNELS, TOKEN, FakeDiscord

    work, sha = workdir
    monkeypatch.chdir(work)
    with FakeGitHub() as gh, FakeDiscord() as fake:
        settings = Settings(data_dir=tmp_path / "data", github_api_url=gh.url, discord_token=TOKEN,
                            discord_api_url=fake.api_url)
        core = BotCore(settings, TinyStore(settings.data_dir))

        async def ask(subcommand: str, options: dict, permissions: int = int(EVERYONE_PERMS)) -> str:
            interaction = fake.invoke("digest", subcommand, options, permissions=permissions)
            await fake.wait_until(lambda: interaction.followups, timeout=30)
            return interaction.followups[0]["content"]

        async def scenario():
            adapter = DiscordAdapter(settings, core)
            await adapter.start()
            try:
                now = {"date": "2026-11-29", "force": True}  # force: the channel follows none of them
                assert "tests/fakes was not found" in await ask("now", {"repo": "tests/fakes", **now})
                assert "analysis/sources was not found" in await ask("explain", {"sha": sha[:7],
                                                                                 "repo": "analysis/sources"})
                assert "analysis/sources was not found" in await ask(
                    "subscribe", {"repo": "analysis/sources"}, permissions=int(EVERYONE_PERMS) | MANAGE_CHANNELS)
                notgit = await ask("now", {"repo": "secret/notgit", **now})
                nothere = await ask("now", {"repo": "secret/nothere", **now})
                assert notgit.replace("notgit", "X") == nothere.replace("nothere", "X")
            finally:
                await adapter.stop()

        asyncio.run(scenario())
        assert fake.messages == []
        for name in ("tests/fakes", "analysis/sources", "secret/notgit", "secret/nothere"):
            assert _github_lookups(gh, name) >= 1, name


def test_the_console_still_reads_local_folders(workdir, tmp_path, monkeypatch):
    from bot.core.chat import ChannelRef, CommandContext, DigestResponse
    from bot.core.service import BotCore
    from bot.settings import Settings
    from bot.store import TinyStore

    work, _ = workdir
    monkeypatch.chdir(work)
    core = BotCore(Settings(data_dir=tmp_path / "data"), TinyStore(tmp_path / "data"))
    ctx = CommandContext(channel=ChannelRef("console", "local", "console"), user="me")
    [response] = asyncio.run(core.handle_command(ctx, "now tests/fakes 2026-11-29"))
    assert isinstance(response, DigestResponse)
    assert [r.commit.title for r in response.digest.commits] == ["feat: private work on the bot's machine"]


def test_a_member_naming_a_path_is_told_about_names_before_anything_is_echoed(tmp_path):
    from bot.core.chat import ChannelRef, CommandContext
    from bot.core.service import BotCore
    from bot.settings import Settings
    from bot.store import TinyStore

    core = BotCore(Settings(data_dir=tmp_path / "data"), TinyStore(tmp_path / "data"))
    member = CommandContext(channel=ChannelRef("slack", "T1", "C1"), user="U1", can_manage=True, admin=False)
    [answer] = asyncio.run(core.handle_command(member, "now ../../etc 2026-11-29"))
    assert answer.error and answer.text.startswith("bad repository name '../../etc'; use owner/name")
    [answer] = asyncio.run(core.handle_command(member, "now o/r 2026-11-29"))
    assert answer.text == "this channel does not follow o/r; add 'force' to post its digest anyway"
