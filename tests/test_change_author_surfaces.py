"""A merged pull request names its author, not the maintainer who merged it, on every surface.

The Markdown table did already (``test_changes_merge_titles``); the Slack and Discord summaries and commit
replies, the console's summary lines and the JSON ``author`` showed the merger. Each renderer is run on one
merge entry whose folded branch commit was written by someone else.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from adapters.console import ConsoleRenderer
from adapters.discord.render import DiscordRenderer
from adapters.slack.render import SlackRenderer
from analysis.changes import titled
from analysis.models import Analysis, Commit, CommitReport, Digest
from analysis.renderers.json_report import digest_json

AT = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)


def _digest() -> Digest:
    entry = titled(Commit(sha="1" * 40, author="Merger", committed_at=AT, parents=["a" * 40, "b" * 40],
                          message="Merge pull request #45 from dev/branch\n\nRemove print"))
    branch = Commit(sha="c" * 40, author="Thayne", message="Remove print", committed_at=AT, parents=["a" * 40])
    report = CommitReport(commit=entry, analysis=Analysis(change_type="chore", importance="low", summary=["x"]),
                          includes=[branch], pr=45)
    return Digest(repo="o/r", date="2026-03-02", timezone="UTC", commits=[report])


def _text(messages) -> str:
    return json.dumps([m.body for m in messages], ensure_ascii=False)


def test_chat_summaries_and_replies_name_the_pull_requests_author():
    digest = _digest()
    report = digest.commits[0]
    slack, discord, console = SlackRenderer(), DiscordRenderer(), ConsoleRenderer()
    surfaces = {
        "slack summary": _text(slack.digest_messages(digest, "en")[:1]),
        "slack reply": _text(slack.commit_messages(report, "en", None)),
        "discord summary": _text(discord.digest_messages(digest, "en")[:1]),
        "discord reply": json.dumps(discord.commit_bodies(report, "en", None, "UTC"), ensure_ascii=False),
        "console summary": _text(console.digest_messages(digest, "en")[:1]),
    }
    for name, text in surfaces.items():
        assert "Thayne" in text and "Merger" not in text, name


def test_json_author_is_the_pull_requests_author():
    assert digest_json(_digest())["commits"][0]["author"] == "Thayne"


def test_a_long_pull_request_author_is_shortened_in_the_discord_summary():
    digest = _digest()
    report = digest.commits[0]
    long_name = "A" * 500
    report.includes[0] = report.includes[0].model_copy(update={"author": long_name})
    summary = _text(DiscordRenderer().digest_messages(digest, "en")[:1])
    assert "A" * 50 in summary and long_name not in summary
