"""SlackRenderer and slack_text: Slack's limits on big digests, hostile text made inert, lossless splitting."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from adapters.slack.render import SlackRenderer
from adapters.slack.text import inline, markdown_to_mrkdwn, split_mrkdwn
from analysis.models import Analysis, Commit, CommitReport, Digest, Insights, Risk
from bot.core.chat import ChatRenderer, ExplainResponse, TextResponse
from tests.fakes.slack_server import HEADER_LIMIT, MAX_BLOCKS, SECTION_LIMIT, TEXT_LIMIT, block_errors

HOSTILE = "<!channel> @everyone *bold* ``` | <@U123>"
HOSTILE_ANALYSIS = "<!here> <@U999|boss> <#C123> _it_ ~gone~ `ok` ``` <https://evil.example|click> & co"
PINGS = re.compile(r"<!(?:channel|here|everyone)|<@U|<#C|<https?://evil")


def report(i: int, importance: str = "high", message: str | None = None, bullets: int = 3,
           bullet_len: int = 60, analysis_text: str | None = None) -> CommitReport:
    sha = f"{i:07x}" + "a" * 33
    commit = Commit(sha=sha, author=f"Dev {i}", committed_at=datetime(2026, 2, 14, 12, tzinfo=UTC)
                    - timedelta(minutes=i), message=message or f"feat: change number {i}\n\nbody",
                    url=f"https://github.com/o/r/commit/{sha}")
    word = analysis_text or f"bullet{i}"
    summary = [f"{word} {j} " + "x" * bullet_len for j in range(bullets)]
    analysis = Analysis(change_type="feature", importance=importance, summary=summary,
                        impact=[f"src/mod_{i}.py: {word}"], insights=Insights(security=word),
                        risks=[Risk(risk=word, impact=word, mitigation=word)], recommendations=[word])
    return CommitReport(commit=commit, analysis=analysis)


def digest(reports: list[CommitReport]) -> Digest:
    return Digest(repo="o/r", date="2026-02-14", timezone="UTC", repo_url="https://github.com/o/r",
                  commits=reports)


def all_text(messages) -> str:
    return "\n".join(block["text"]["text"] for m in messages for block in m.body["blocks"] if "text" in block)


def assert_within_limits(messages) -> None:
    for message in messages:
        body = message.body
        assert "link_names" not in body and "channel" not in body and "thread_ts" not in body
        assert body["text"] and len(body["text"]) <= TEXT_LIMIT
        assert block_errors(body["blocks"]) == [], body["blocks"]
        assert len(body["blocks"]) <= MAX_BLOCKS
        for block in body["blocks"]:
            if block["type"] == "actions":  # a commit's buttons: checked by block_errors
                continue
            limit = HEADER_LIMIT if block["type"] == "header" else SECTION_LIMIT
            assert len(block["text"]["text"]) <= limit


def test_renderer_is_a_chat_renderer():
    assert isinstance(SlackRenderer(), ChatRenderer)
    assert SlackRenderer.target == "slack"


def test_sixty_commits_with_long_analyses_stay_within_limits_and_lose_nothing():
    levels = ["high", "medium", "low"]
    reports = [report(i, levels[i % 3], bullets=16, bullet_len=900) for i in range(60)]
    messages = SlackRenderer().digest_messages(digest(reports), "en")
    assert_within_limits(messages)
    assert messages[0].thread is False and all(m.thread for m in messages[1:])
    summary = messages[0].body
    assert summary["blocks"][0]["type"] == "header" and "2026-02-14" in summary["blocks"][0]["text"]["text"]
    summary_text = all_text(messages[:1])
    assert "60 commits" in summary_text and "o/r" in summary_text
    for r in reports:  # every commit listed in the summary with short SHA, title and author
        assert f"`{r.commit.short_sha}` {inline(r.commit.title)} — {inline(r.commit.author)}" in summary_text
    # each analysis (16 x ~900 characters) needs more than one reply: split, not cut
    replies = messages[1:]
    assert len(replies) > 60
    text = all_text(replies)
    for r in reports:
        for bullet in r.analysis.summary:
            assert inline(bullet) in text
    # highest importance first: every high commit's reply precedes every medium one, then low
    order = [next(r.analysis.importance for r in reports if f"`{r.commit.short_sha}`" in m.body["text"])
             for m in replies]
    assert order == sorted(order, key=levels.index)
    assert json.loads(json.dumps([m.to_preview() for m in messages]))  # plain JSON payloads


def test_a_single_huge_bullet_is_split_across_sections_and_replies_without_loss():
    words = " ".join(f"w{n}" for n in range(12000))  # ~70 000 characters in one bullet
    r = report(1, bullets=0)
    r.analysis.summary = [words]
    messages = SlackRenderer().commit_messages(r, "en", None)
    assert_within_limits(messages)
    assert len(messages) >= 6
    joined = re.sub(r"\s+", " ", all_text(messages))
    assert all(f"w{n} " in joined + " " for n in range(0, 12000, 97))
    assert "(2/" in messages[1].body["text"]


def test_hostile_commit_message_and_analysis_cannot_ping_or_break_markup():
    bad = report(1, message=HOSTILE + "\n\nbody", analysis_text=HOSTILE_ANALYSIS)
    bad.commit.author = "<@U42> *x*"
    messages = SlackRenderer().digest_messages(digest([bad]), "en")
    assert_within_limits(messages)
    for message in messages:
        for text in [message.body["text"]] + [b["text"]["text"] for b in message.body["blocks"]
                                              if "text" in b and b["text"]["type"] == "mrkdwn"]:
            assert not PINGS.search(text), text
            assert "@everyone" not in text and "@here" not in text.replace("<!here", "")
            assert "*bold*" not in text and "_it_" not in text and "~gone~" not in text
            assert "```" not in text
    text = all_text(messages)
    assert "&lt;!channel&gt;" in text and "&lt;@U123&gt;" in text and "&lt;#C123&gt;" in text
    assert "`ok`" in text  # a balanced code span stays a code span
    assert "&amp; co" in text


def test_inline_keeps_word_internal_markers_and_defuses_boundaries():
    assert inline("snake_case and a*b") == "snake_case and a*b"
    assert "*" not in inline("*loud*") and "_" not in inline("_x_") and "~" not in inline("~s~")
    assert inline("line one\n\nline two") == "line one line two"


def test_split_mrkdwn_keeps_code_blocks_and_entities_whole():
    text = "intro\n```\n" + "\n".join("&lt;tag&gt; " * 20 for _ in range(60)) + "\n```\nend"
    chunks = split_mrkdwn(text, 500)
    assert all(len(c) <= 500 for c in chunks) and len(chunks) > 5
    for chunk in chunks:
        assert chunk.count("```") % 2 == 0  # every part opens and closes its own block
        assert not re.search(r"&(?!amp;|lt;|gt;)", chunk)
    assert "".join(chunks).count("&lt;tag&gt;") == 60 * 20


def test_markdown_to_mrkdwn():
    out = markdown_to_mrkdwn("# Help\n- **now** [docs](https://x.example/a?b=1&c=2) `keep **this**`\n<!channel>")
    assert out.splitlines()[0] == "*Help*"
    assert "• *now* <https://x.example/a?b=1&amp;c=2|docs> `keep **this**`" in out
    assert "&lt;!channel&gt;" in out


def test_text_message_and_explain():
    renderer = SlackRenderer()
    message = renderer.text_message(TextResponse("**Unknown** repo <@U1>", error=True))
    assert_within_limits([message])
    assert "&lt;@U1&gt;" in message.body["text"] and "*Unknown*" in message.body["text"]
    long = renderer.text_message(TextResponse("line\n" * 20000))
    assert_within_limits([long])
    assert "more characters not shown" in long.body["text"]
    explain = renderer.explain_messages(ExplainResponse(report(3, bullets=40, bullet_len=900), repo="o/r",
                                                         repo_url="https://github.com/o/r"))
    assert_within_limits(explain)
    assert explain[0].thread is False and all(m.thread for m in explain[1:]) and len(explain) > 1
    assert "<https://github.com/o/r|o/r>" in explain[0].body["blocks"][0]["text"]["text"]


def test_empty_day_and_note():
    messages = SlackRenderer().digest_messages(digest([]), "zh", note="晚了 3 小时 <!here>")
    assert len(messages) == 1
    text = all_text(messages)
    assert "本日没有提交" in text and "&lt;!here&gt;" in text


@pytest.mark.parametrize("count", [1500])
def test_summary_of_hundreds_of_commits_continues_in_the_thread(count):
    reports = [report(i, "low", message="x" * 300, bullets=1, bullet_len=5) for i in range(count)]
    messages = SlackRenderer().digest_messages(digest(reports), "en")
    assert_within_limits(messages)
    assert len(messages) > count + 1  # the list goes on in the summary's thread
    listed = all_text(m for m in messages if "• `" in m.body["text"])
    assert all(f"`{r.commit.short_sha}`" in listed for r in reports)
