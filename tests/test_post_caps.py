"""Caps on what a digest posts (issue 10, item 9): text per commit, replies per digest, on Slack, Discord, console.

The probe: a 100 KB title became 25 Discord messages; a 2,000-commit day became 2,001 Slack messages.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from adapters.console import ConsoleRenderer
from adapters.discord.render import DiscordRenderer
from adapters.slack.render import SlackRenderer
from analysis.models import Analysis, Commit, CommitReport, Digest, Insights, Risk
from bot.core.chat import ChannelRef, CommandContext, DigestResponse, OutboundMessage
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.discord_server import check_message_body
from tests.fakes.slack_server import block_errors

IMPORTANCE = ["high", "medium", "low"]


def _report(i: int, title: str | None = None, words: int = 20) -> CommitReport:
    sha = f"{i:08x}" + "c" * 32
    commit = Commit(sha=sha, author=f"Dev {i}", message=(title or f"feat: change {i}") + "\n\nbody",
                    committed_at=datetime(2026, 2, 14, 12, tzinfo=UTC) - timedelta(seconds=i))
    text = " ".join(f"word{j}" for j in range(words))
    analysis = Analysis(change_type="feature", importance=IMPORTANCE[i % 3], summary=[text] * 3, impact=[text],
                        insights=Insights(security=text), risks=[Risk(risk=text, impact=text, mitigation=text)],
                        recommendations=[text])
    return CommitReport(commit=commit, analysis=analysis)


def _digest(reports: list[CommitReport]) -> Digest:
    return Digest(repo="acme/widget", date="2026-02-14", timezone="UTC", repo_url="https://github.com/acme/widget",
                  commits=reports)


class Recorder:
    """A chat adapter that keeps what it is asked to post (the renderer under test makes the bodies)."""

    platform = "slack"
    supports_threads = True

    def __init__(self, renderer):
        self.renderer = renderer
        self.sent: list[OutboundMessage] = []

    async def send(self, channel, message, thread_id=None) -> str:
        self.sent.append(message)
        return f"m{len(self.sent)}"


def _post(renderer, digest: Digest, tmp_path, **settings) -> list[OutboundMessage]:
    core = BotCore(Settings(data_dir=tmp_path, **settings), TinyStore(tmp_path))
    adapter = Recorder(renderer)
    ctx = CommandContext(channel=ChannelRef("slack", "T1", "C1"), user="U1")
    asyncio.run(core.publish(adapter, ctx, DigestResponse(digest, ledger_key="k")))
    return adapter.sent


RENDERERS = [SlackRenderer(), DiscordRenderer(), ConsoleRenderer()]
IDS = ["slack", "discord", "console"]


def _text(message: OutboundMessage) -> str:
    from tests.fakes.payloads import strings_in

    return "\n".join(strings_in(message.body))


@pytest.mark.parametrize("renderer", RENDERERS, ids=IDS)
def test_a_huge_title_and_analysis_are_one_reply(renderer, tmp_path):
    huge = "feat: " + "x" * 100_000
    sent = _post(renderer, _digest([_report(0, title=huge, words=20_000)]), tmp_path)
    replies = [m for m in sent if m.thread]
    assert len(replies) == 1, [m.key for m in sent]
    assert len(_text(replies[0])) < 12_000
    assert "…" in _text(replies[0])  # shown as cut


@pytest.mark.parametrize("renderer", RENDERERS, ids=IDS)
def test_a_day_of_many_commits_gets_the_most_important_threads_and_one_listing(renderer, tmp_path):
    commits = 300
    sent = _post(renderer, _digest([_report(i) for i in range(commits)]), tmp_path, max_replies=50)
    keys = [m.key for m in sent]
    own = [k for k in keys if k and not k.startswith(("summary/", "overflow/"))]
    assert len(own) == 50 and keys.count("overflow/0") == 1 and keys[-1] == "overflow/0"
    # the 50 with replies are the most important ones: 100 commits are high, so all 50 are high
    high = {_report(i).commit.sha for i in range(commits) if IMPORTANCE[i % 3] == "high"}
    assert {k.split("/")[0] for k in own} <= high
    summary = "\n".join(_text(m) for m in sent if m.key.startswith("summary/"))
    assert "50 most important of 300 changes" in summary and "other 250" in summary
    listing = _text(sent[-1])
    assert "Other changes (250)" in listing and "see the attached report" in listing
    assert len(sent) <= 50 + 4  # summary (and its continuation), 50 replies, one listing
    for message in sent:
        if isinstance(renderer, SlackRenderer):
            assert block_errors(message.body["blocks"]) == []
        if isinstance(renderer, DiscordRenderer):
            check_message_body(message.body)


def test_the_cap_is_a_setting_and_a_small_day_is_not_capped(tmp_path):
    assert Settings(data_dir=tmp_path).max_replies == 50
    sent = _post(SlackRenderer(), _digest([_report(i) for i in range(5)]), tmp_path, max_replies=5)
    assert [m.key for m in sent if m.key == "overflow/0"] == []
    assert "most important" not in _text(sent[0])


def test_capping_keeps_a_changes_folded_commits_and_pull_request():
    from datetime import datetime, timezone

    from analysis.models import Analysis, Commit, CommitReport, Digest
    from analysis.renderers.post_caps import cap_digest

    def commit(sha: str, title: str) -> Commit:
        return Commit(sha=sha * 40, author="A", committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc), message=title)

    merged = CommitReport(commit=commit("a", "Merge pull request #7 from x/y"), pr=7,
                          analysis=Analysis(change_type="feature", importance="high", summary=["s" * 9000]),
                          includes=[commit("b", "one"), commit("c", "two")])
    digest = Digest(repo="o/r", date="2026-02-14", timezone="UTC", commits=[merged])
    capped = cap_digest(digest, 500)
    assert capped.commits[0].pr == 7 and [c.sha[0] for c in capped.commits[0].includes] == ["b", "c"]
    assert capped.stats == digest.stats and capped.stats.commits == 3
    assert len(capped.commits[0].analysis.summary[0]) < 9000
