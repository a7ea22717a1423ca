"""Discord renderer: limits on a large digest, splitting without loss, hostile text defused, mentions off."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest

from adapters.discord import text as dt
from adapters.discord.render import DiscordRenderer, embed_size
from analysis.models import Analysis, Commit, CommitReport, Coverage, Digest, Insights, Risk
from bot.core.chat import ExplainResponse, TextResponse
from tests.fakes.discord_server import check_message_body
from tests.fakes.payloads import strings_in  # noqa: E402

HOSTILE = "@everyone @here <@123> <@&456> <#789> **x** ``` ||spoiler|| _u_ ~~s~~ > quote # head"
LEVELS = ("low", "high", "medium")


def _analysis(i: int, words: int) -> Analysis:
    text = " ".join(f"w{i}_{n}" for n in range(words))
    return Analysis(
        change_type="feature", importance=LEVELS[i % 3],
        summary=[f"point {k} of commit {i}: {text}" for k in range(3)],
        impact=[f"src/mod{i}.py: {text[:600]}"],
        insights=Insights(architecture=text[:900], performance="p", security=HOSTILE, maintainability="m"),
        risks=[Risk(risk=f"risk {i}", impact=text[:400], mitigation="review")],
        recommendations=[text[:1500]],
        coverage=Coverage(files_total=40, files_seen=20, unseen=[f"dir/file_{n}.py" for n in range(20)]),
    )


def _digest(n: int = 60, words: int = 700) -> Digest:
    base = datetime(2026, 2, 14, 20, 0, tzinfo=timezone.utc)
    reports = []
    for i in range(n):
        title = f"commit {i} " + ("very long title " * 30 if i % 7 == 0 else "short")
        commit = Commit(sha=f"{i:040x}", author=f"Author Number {i}", committed_at=base - timedelta(minutes=i),
                        message=f"{title}\n\nbody {HOSTILE}")
        reports.append(CommitReport(commit=commit, analysis=_analysis(i, words)))
    return Digest(repo="o/r", date="2026-02-14", timezone="Asia/Shanghai", repo_url="https://github.com/o/r",
                  commits=reports)


def _text(bodies) -> str:
    return "".join("".join(strings_in(b.get("embeds", []))) + b.get("content", "") for b in bodies)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def big():
    digest = _digest()
    return digest, DiscordRenderer().digest_messages(digest, "en", note="Late by 3 hours @everyone")


def test_every_body_within_discord_limits_and_mentions_off(big):
    _, messages = big
    assert len(messages) > 61  # long analyses needed more than one message each
    for message in messages:
        body = message.body
        assert body["allowed_mentions"] == {"parse": []}
        check_message_body(body)  # the fake Discord's own limits: raises on any excess
        assert len(body.get("embeds", [])) <= dt.EMBEDS_PER_MESSAGE
        assert sum(embed_size(e) for e in body.get("embeds", [])) <= dt.EMBED_TOTAL_LIMIT
        for embed in body.get("embeds", []):
            assert dt.dlen(embed.get("title", "")) <= dt.EMBED_TITLE_LIMIT
            assert dt.dlen(embed.get("description", "")) <= dt.EMBED_DESCRIPTION_LIMIT
            assert len(embed.get("fields", [])) <= dt.EMBED_FIELDS_LIMIT
    json.dumps([m.to_preview() for m in messages])  # plain JSON, as preview prints it


def test_summary_first_lists_every_commit_grouped(big):
    digest, messages = big
    assert messages[0].thread is False
    assert all(m.thread for m in messages[1:])
    summary = messages[0].body["embeds"][0]
    assert summary["title"] == "Daily Update Report (2026-02-14)"
    assert "o/r" in summary["description"] and "60 commits" in summary["description"]
    # the summary may continue at the start of the thread; together they list every short SHA once
    summary_bodies = [m.body for m in messages if "Daily" in json.dumps(m.body) or not m.thread]
    listed = _text(summary_bodies)
    for report in digest.commits:
        assert f"`{report.commit.short_sha}`" in listed
    high = listed.index("High importance")
    assert high < listed.index("Medium importance") < listed.index("Low importance")


def test_thread_replies_highest_importance_first_and_nothing_lost(big):
    digest, messages = big
    replies = [m.body for m in messages if m.thread and m.body["embeds"][0].get("fields")]
    icons = [b["embeds"][0]["title"][0] for b in replies]
    order = {"🔴": 0, "🟡": 1, "🟢": 2}
    assert [order[i] for i in icons] == sorted(order[i] for i in icons)
    assert len(replies) == 60
    all_text = _squash(_text([m.body for m in messages]))
    for report in digest.commits:
        a = report.analysis
        for piece in a.summary + a.recommendations + [a.insights.architecture, report.commit.title]:
            assert _squash(dt.escape(piece)) in all_text, piece[:40]


def test_long_analysis_split_across_messages_without_loss():
    digest = _digest(n=1, words=3000)
    messages = DiscordRenderer().digest_messages(digest, "zh")
    replies = [m.body for m in messages[1:]]
    assert len(replies) >= 2
    text = _squash(_text(replies))
    for item in digest.commits[0].analysis.summary:
        assert _squash(dt.escape(item)) in text
    for body in replies:
        check_message_body(body)


def test_hostile_commit_message_and_analysis_are_inert():
    digest = _digest(n=3, words=5)
    for report in digest.commits:
        report.commit.message = HOSTILE + "\nmore"
        report.commit.author = "<@1> @everyone"
        report.analysis.summary = [HOSTILE]
        report.analysis.recommendations = ["[click](https://evil.example) " + HOSTILE]
    messages = DiscordRenderer().digest_messages(digest, "en", note="@here look")
    for text in strings_in([m.body for m in messages]):
        assert "@everyone" not in text and "@here" not in text
        assert not re.search(r"<[@#]", text)
        assert "**x**" not in text and "```" not in text and "||" not in text
        assert not re.search(r"(?<!\\)\[click\]", text)
    joined = _text([m.body for m in messages])
    assert "\\*\\*x\\*\\*" in joined and "\\|\\|spoiler\\|\\|" in joined


def test_escape_and_defuse():
    escaped = dt.escape(HOSTILE)
    assert "@\u200beveryone" in escaped and "@\u200bhere" in escaped
    assert "<\u200b@123\\>" in escaped and "<\u200b@&456\\>" in escaped and "<\u200b\\#789\\>" in escaped
    assert "\\`\\`\\`" in escaped and "\\_u\\_" in escaped and "\\~\\~s\\~\\~" in escaped
    assert "\n" not in dt.escape("a\n# heading\r\n> quote")
    assert dt.escape("a\\*") == "a\\\\\\*"


@pytest.mark.parametrize("limit", [10, 50, 2000])
def test_split_text_bounds_and_reassembly(limit):
    text = "\n".join(["word " * 30, "x" * 5000, "", "tail\\*escaped " * 20, "🔴" * 30])
    parts = dt.split_text(text, limit)
    assert all(dt.dlen(p) <= limit for p in parts)
    assert _squash("".join(parts)) == _squash(text)
    for part in parts:
        trailing = len(part) - len(part.rstrip("\\"))
        assert trailing % 2 == 0  # never separates a backslash from what it escapes


def test_explain_and_text_messages():
    renderer = DiscordRenderer()
    report = _digest(n=1, words=2500).commits[0]
    messages = renderer.explain_messages(ExplainResponse(report=report, repo="o/r", repo_url=None, lang="en"))
    assert messages[0].thread is False and len(messages) >= 2
    for m in messages:
        check_message_body(m.body)
    short = renderer.text_message(TextResponse("hello @everyone"))
    assert short.body == {"content": "hello @\u200beveryone", "allowed_mentions": {"parse": []}}
    long = renderer.text_message(TextResponse("line\n" * 1500))
    check_message_body(long.body)
    assert long.body["embeds"]
    bodies = renderer.text_bodies("y " * 3000)
    assert len(bodies) == 3 and all(b["allowed_mentions"] == {"parse": []} for b in bodies)
