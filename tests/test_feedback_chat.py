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
from bot.core.feedback import analyzer_importance
from bot.core.feedback_rule import LESSON_COMMITS
from bot.core.service import BotCore
from bot.observe import metrics
from bot.settings import Settings
from bot.store import TinyStore

DAY1, DAY2 = "2026-11-27", "2026-11-28"
NOW = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)
MARK_EN = "adjusted by this channel's feedback"
MARK_ZH = "已根据本频道的反馈调整"


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

    async def scenario():
        core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: NOW)
        a, b = Channel(core, settings, "A"), Channel(core, settings, "B")
        for channel, lang in ((a, "en"), (b, "en")):
            await channel.say(f"subscribe {repo.path} lang {lang}")
        sub = core.subscriptions.get(a.ctx.channel, str(repo.path))
        voted = await core.digest_for(sub, DAY1)  # what A was shown that day, as the buttons' messages carry it
        acks = [core.feedback.record(a.ctx.channel.key, sub.repo, r.commit.sha, "more", user="member",
                                     importance=analyzer_importance(r), change_type=r.analysis.change_type,
                                     paths=[f.path for f in r.commit.files]) for r in voted.commits]
        before = {r.commit.title: r.analysis.importance for r in voted.commits}
        a_posted = await a.say(f"now {repo.path} {DAY2}")
        a_report = a.attached_report(a_posted)  # read now: the console saves B's under the same name
        b_posted = await b.say(f"now {repo.path} {DAY2}")
        b_report = b.attached_report(b_posted)
        a_list, b_list = await a.say("list"), await b.say("list")
        forgot = await a.say(f"forget {repo.path}")
        a_after = await a.say(f"now {repo.path} {DAY2} force")
        return before, acks, a_posted, b_posted, a_report, b_report, a_list, b_list, forgot, a_after, \
            await a.say("list"), core

    before, acks, a_posted, b_posted, a_report, b_report, a_list, b_list, forgot, a_after, a_list_after, core = \
        asyncio.run(scenario())
    assert set(before.values()) == {"low"}, before  # the heuristic rates documentation low
    assert "one level higher" in acks[-1] and "one level higher" in acks[0] and acks[0] != acks[-1]

    # A: the documentation change is shown medium, says why, and the stats and contents follow
    assert MARK_EN in a_posted and "🟡 Medium 2 | 🟢 Low 0" in summary_of(a_posted)
    assert re.search(r"### 🟡 Medium importance changes \(2\)\n(- .*\n)*- `\w+` .*explain the last step", a_posted)
    assert MARK_EN in a_report and "🟡 Medium 2 | 🟢 Low 0" in a_report
    # B follows the same repository and taught nothing: the analyzer's level, no marker
    assert MARK_EN not in b_posted and MARK_EN not in b_report
    assert "🟡 Medium 1 | 🟢 Low 1" in summary_of(b_posted) and "🟡 Medium 1 | 🟢 Low 1" in b_report
    assert re.search(r"### 🟢 Low importance changes \(1\)\n- `\w+` .*explain the last step", b_posted)
    # the cached analysis, shared by every channel, was not changed
    cached = [r for r in asyncio.run(core.digest_for(core.subscriptions.get(ChannelRef("console", "local", "A"),
                                                                            str(repo.path)), DAY2)).commits]
    assert {r.commit.title: r.analysis.importance for r in cached}["docs: explain the last step"] == "low"

    assert "learnt from this channel's feedback" in a_list and "changes in `docs/`" in a_list
    assert "one level higher" in a_list and "learnt" not in b_list
    assert f"Forgot {LESSON_COMMITS} feedback vote(s)" in forgot
    assert MARK_EN not in a_after and "learnt" not in a_list_after

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
