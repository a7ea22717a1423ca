"""Feedback end to end on the real core, store, heuristic and console adapter, two channels on one repository.

Channel A votes "more" on the documentation changes of one day, as the buttons do (``core.feedback.record``
with what the channel was shown); A's next digest then shows a documentation change one level higher,
says so, counts it in its stats and contents, and attaches a report that agrees; channel B, following the
same repository, is shown the analyzer's level. ``list`` shows A's lesson, ``forget`` clears it, and
``/metrics`` counts A's votes and how many disagreed with the analyzer.
"""

from __future__ import annotations

import asyncio
import io
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.core.chat import ChannelRef, CommandContext
from bot.core.feedback.rule import LESSON_COMMITS
from bot.core.feedback.votes import analyzer_importance
from bot.core.service import BotCore
from bot.observe import metrics
from bot.settings import Settings
from bot.store import TinyStore

DAY1, DAY2 = "2026-11-27", "2026-11-28"
NOW = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)
MARK_EN = "adjusted by this channel's feedback"
MARK_ZH = "重要程度已根据本频道对"


def at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00")


@pytest.fixture
def repo(git_repo):
    git_repo.commit("feat: the first app", at("2026-11-26", 9), {"src/app.py": "def run():\n    return 1\n"})
    for n in range(LESSON_COMMITS):
        git_repo.commit(f"docs: explain step {n}", at(DAY1, 9 + n), {f"docs/step{n}.md": f"# Step {n}\n\nDo {n}.\n"})
    git_repo.commit("docs: explain the last step", at(DAY2, 9), {"docs/last.md": "# Last\n\nDone.\n"})
    git_repo.commit("fix: run returns two", at(DAY2, 10), {"src/app.py": "def run():\n    return 2\n"})
    return git_repo


class Channel:
    """One console channel on the shared core: its commands' answers and posts go to its own output."""

    def __init__(self, core: BotCore, settings: Settings, name: str):
        self.core, self.out = core, io.StringIO()
        self.ctx = CommandContext(ChannelRef("console", "local", name), "member")
        self.console = ConsoleAdapter(settings, core, stdin=io.StringIO(""), stdout=self.out)
        self.attachments = Path(settings.data_dir) / "attachments"

    async def say(self, text: str) -> str:
        start = len(self.out.getvalue())
        for response in await self.core.handle_command(self.ctx, text):
            await self.core.publish(self.console, self.ctx, response)
        return self.out.getvalue()[start:]

    def attached_report(self, posted: str) -> str:
        name = re.search(r"attached: (digest-\S+\.md)", posted).group(1)
        return (self.attachments / name).read_text(encoding="utf-8")


def summary_of(posted: str) -> str:
    return posted.split("--- message", 2)[1]


def test_a_channels_votes_change_what_it_is_shown_and_not_another_channels(tmp_path, repo):
    settings = Settings(data_dir=tmp_path / "data")
    seen: dict = {}

    async def scenario():
        core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: NOW)
        a, b = Channel(core, settings, "A"), Channel(core, settings, "B")
        for channel in (a, b):
            await channel.say(f"subscribe {repo.path} lang en")
        sub = core.subscriptions.get(a.ctx.channel, str(repo.path))
        voted = await core.digest_for(sub, DAY1)  # what A was shown that day, as the buttons' messages carry it
        seen["acks"] = [core.feedback.record(a.ctx.channel.key, sub.repo, r.commit.sha, "more", user="member",
                                             importance=analyzer_importance(r), change_type=r.analysis.change_type,
                                             paths=[f.path for f in r.commit.files]) for r in voted.commits]
        seen["before"] = {r.analysis.importance for r in voted.commits}
        for name, channel in (("a", a), ("b", b)):
            seen[name] = await channel.say(f"now {repo.path} {DAY2}")
            seen[name + "_report"] = channel.attached_report(seen[name])  # now: the console reuses the file name
            seen[name + "_list"] = await channel.say("list")
            last_docs = repo.git("log", "-1", "--format=%H", "--grep=last step")
            seen[name + "_explain"] = await channel.say(f"explain {last_docs} {repo.path}")
        seen["cached"] = {r.commit.title: r.analysis.importance for r in (await core.digest_for(sub, DAY2)).commits}
        seen["forgot"] = await a.say(f"forget {repo.path}")
        seen["a_after"] = await a.say(f"now {repo.path} {DAY2} force")
        seen["a_list_after"] = await a.say("list")

    asyncio.run(scenario())
    assert seen["before"] == {"low"}  # the heuristic rates documentation low
    acks = seen["acks"]
    assert "one level higher" in acks[-1] and "one level higher" in acks[0] and acks[0] != acks[-1]

    # A: the documentation change is shown medium, says why, and the stats and contents follow
    assert MARK_EN in seen["a"] and "🟡 Medium 2 | 🟢 Low 0" in summary_of(seen["a"])
    assert re.search(r"### 🟡 Medium importance changes \(2\)\n(- .*\n)*- `\w+` .*explain the last step", seen["a"])
    assert MARK_EN in seen["a_report"] and "🟡 Medium 2 | 🟢 Low 0" in seen["a_report"]
    assert MARK_EN in seen["a_explain"] and "🟡 Medium" in seen["a_explain"]
    # B follows the same repository and taught nothing: the analyzer's level, no marker
    assert MARK_EN not in seen["b"] + seen["b_report"] + seen["b_explain"]
    assert "🟡 Medium 1 | 🟢 Low 1" in summary_of(seen["b"]) and "🟡 Medium 1 | 🟢 Low 1" in seen["b_report"]
    assert re.search(r"### 🟢 Low importance changes \(1\)\n- `\w+` .*explain the last step", seen["b"])
    # the cached analysis, shared by every channel, was not changed
    assert seen["cached"]["docs: explain the last step"] == "low"

    assert "learnt from this channel's feedback" in seen["a_list"] and "changes in `docs/`" in seen["a_list"]
    assert "one level higher" in seen["a_list"] and "learnt" not in seen["b_list"]
    assert f"Forgot {LESSON_COMMITS} feedback vote(s)" in seen["forgot"]
    assert MARK_EN not in seen["a_after"] and "learnt" not in seen["a_list_after"]

    # /metrics: A's votes, each "more" on a low change, so each disagreed with the analyzer
    text = metrics.render()[0].decode()
    for name in ("digestbot_feedback_votes_total", "digestbot_feedback_disagreements_total"):
        line = re.search(rf'^{name}\{{channel="console:local:A",vote="more"\}} (\S+)$', text, re.M)
        assert line and float(line.group(1)) >= LESSON_COMMITS, name
    assert 'channel="console:local:B"' not in text


def test_the_marker_is_written_in_the_subscriptions_language(tmp_path, repo):
    settings = Settings(data_dir=tmp_path / "data")

    async def scenario():
        core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: NOW)
        a = Channel(core, settings, "Z")
        await a.say(f"subscribe {repo.path} lang zh")
        sub = core.subscriptions.get(a.ctx.channel, str(repo.path))
        acks = [core.feedback.record(a.ctx.channel.key, sub.repo, r.commit.sha, "more", user="member",
                                     importance=r.analysis.importance, change_type=r.analysis.change_type,
                                     paths=[f.path for f in r.commit.files])
                for r in (await core.digest_for(sub, DAY1)).commits]
        return acks, await a.say(f"now {repo.path} {DAY2}")

    acks, posted = asyncio.run(scenario())
    assert acks[-1].startswith("已记录") and "提高一级" in acks[-1]
    assert MARK_ZH in posted and MARK_EN not in posted and "🟡中 2 | 🟢低 0" in summary_of(posted)


def test_forget_needs_the_right_to_manage_subscriptions(tmp_path):
    settings = Settings(data_dir=tmp_path / "data")

    async def scenario():
        core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: NOW)
        ctx = CommandContext(ChannelRef("slack", "T1", "C1"), "U1", can_manage=False)
        core.feedback.record(ctx.channel.key, "acme/widget", "a" * 40, "less", user="U1", importance="high",
                             change_type="docs", paths=["docs/a.md"])
        refused = await core.handle_command(ctx, "forget acme/widget")
        allowed = await core.handle_command(CommandContext(ctx.channel, "U2"), "forget Acme/Widget")
        path = await core.handle_command(CommandContext(ctx.channel, "U2"), "forget /etc")
        return refused, allowed, path

    refused, allowed, path = asyncio.run(scenario())
    assert refused[0].error and "not allowed" in refused[0].text
    assert "Forgot 1 feedback vote(s)" in allowed[0].text
    assert path[0].error and "owner/name" in path[0].text
