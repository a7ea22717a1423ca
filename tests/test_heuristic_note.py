"""The digest says once, not per commit, that analyses are heuristic; empty insight dimensions are left out."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from adapters.discord.render import DiscordRenderer
from adapters.slack.render import SlackRenderer
from analysis.models import Analysis, Commit, CommitReport, Digest, Insights
from analysis.renderers.markdown import render_markdown

NOTE = {"en": "analyses are heuristic", "zh": "个分析为启发式"}


def digest(analyzers: list[str], insights: Insights | None = None) -> Digest:
    reports = []
    for i, name in enumerate(analyzers):
        commit = Commit(sha=f"{i:040x}", author="Dev", message=f"Change {i}",
                        committed_at=datetime(2026, 5, 16, 9, i, tzinfo=timezone.utc))
        analysis = Analysis(change_type="fix", importance="medium", summary=[f"summary {i}"], analyzer=name,
                            insights=insights or Insights())
        reports.append(CommitReport(commit=commit, analysis=analysis))
    return Digest(repo="pallets/click", date="2026-05-16", timezone="UTC", commits=reports)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_says_it_once_after_the_stats_line(lang):
    text = render_markdown(digest(["heuristic", "llm:m", "heuristic"]), lang)
    assert text.count(NOTE[lang]) == 1
    assert text.index(NOTE[lang]) > text.index("📊")
    assert ("2 of 3" if lang == "en" else "2/3") in text
    assert NOTE[lang] not in render_markdown(digest(["llm:m", "llm:m"]), lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_slack_and_discord_summaries_say_it_once(lang):
    d = digest(["heuristic", "heuristic"])
    slack = SlackRenderer().digest_messages(d, lang)
    discord = DiscordRenderer().digest_messages(d, lang)
    for messages in (slack, discord):
        summary = json.dumps(messages[0].body, ensure_ascii=False)
        rest = json.dumps([m.body for m in messages[1:]], ensure_ascii=False)
        assert summary.count(NOTE[lang]) >= 1 and NOTE[lang] not in rest
    assert NOTE[lang] not in json.dumps(SlackRenderer().digest_messages(digest(["llm:m"]), lang)[0].body,
                                        ensure_ascii=False)


def test_empty_insight_dimensions_are_left_out_and_compatibility_is_shown():
    only = Insights(compatibility="`Choice.__init__` loses `case_sensitive`")
    d = digest(["heuristic"], only)
    text = render_markdown(d, "en")
    assert "| **Compatibility** |" in text and "**Architecture**" not in text and "**Security**" not in text
    slack = json.dumps([m.body for m in SlackRenderer().digest_messages(d, "en")])
    discord = json.dumps([m.body for m in DiscordRenderer().digest_messages(d, "en")])
    for payload in (slack, discord):
        assert "Compatibility" in payload and "Architecture" not in payload and "Performance" not in payload
    empty = render_markdown(digest(["heuristic"]), "en")
    assert "Technical insights" not in empty and "| Dimension |" not in empty


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_explained_commit_and_the_console_say_it_too(lang):
    from adapters.console import ConsoleRenderer
    from analysis.renderers.markdown import render_explain_markdown

    d = digest(["heuristic"])
    assert render_explain_markdown(d.commits[0], lang).count(NOTE[lang]) == 1
    assert NOTE[lang] not in render_explain_markdown(digest(["llm:m"]).commits[0], lang)
    console = ConsoleRenderer().digest_messages(d, lang)
    assert NOTE[lang] in console[0].body["text"] and all(NOTE[lang] not in m.body["text"] for m in console[1:])
