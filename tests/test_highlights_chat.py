"""The day's highlights in the chat summary message (Slack, Discord): labelled in the digest's language, inert, bounded."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest

from adapters.discord.render import DiscordRenderer
from adapters.slack.render import SlackRenderer
from analysis.models import Analysis, Commit, CommitReport, Digest
from tests.fakes.payloads import strings_in

AT = datetime(2026, 2, 14, 9, tzinfo=timezone.utc)
LABELS = {"zh": "今日要点", "en": "Highlights of the day"}


def digest(highlights: list[str]) -> Digest:
    reports = [CommitReport(commit=Commit(sha=f"{n:040x}", author="Ann", message=f"fix: thing {n}", committed_at=AT),
                            analysis=Analysis(change_type="fix", importance="medium", summary=[f"point {n}"]))
               for n in range(1, 3)]
    return Digest(repo="o/r", date="2026-02-14", timezone="UTC", repo_url="https://github.com/o/r", commits=reports,
                  highlights=highlights)


def summary_text(renderer, day: Digest, lang: str) -> str:
    summary = next(m for m in renderer.digest_messages(day, lang) if not m.thread)
    return "\n".join(strings_in(summary.body))


@pytest.mark.parametrize("renderer", [SlackRenderer(), DiscordRenderer()], ids=["slack", "discord"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_message_opens_with_the_highlights(renderer, lang):
    bullets = ["路由改由算子负责 (abc1234)", "Three fixes to the CRD handling", "`spec.replicas` defaults to 2"]
    text = summary_text(renderer, digest(bullets), lang)
    assert LABELS[lang] in text and LABELS["en" if lang == "zh" else "zh"] not in text
    assert "路由改由算子负责 (abc1234)" in text and "Three fixes to the CRD handling" in text
    assert text.index(LABELS[lang]) < text.index("Three fixes")
    assert LABELS[lang] not in summary_text(renderer, digest([]), lang)  # none on a quiet day: no empty heading


@pytest.mark.parametrize("renderer", [SlackRenderer(), DiscordRenderer()], ids=["slack", "discord"])
def test_highlights_are_inert_bounded_and_at_most_five(renderer):
    hostile = "Ship it @everyone <!here> <@U123> <@123> ``` **bold**"
    bullets = [hostile, "x" * 3000, *[f"bullet {n}" for n in range(3, 9)]]
    messages = renderer.digest_messages(digest(bullets), "en")
    summary = next(m for m in messages if not m.thread)
    raw = json.dumps(summary.body, ensure_ascii=False)
    assert "Ship it" in raw and "bullet 5" in raw and "bullet 6" not in raw  # the first five only
    assert "x" * 401 not in raw and "x" * 300 in raw  # a long bullet is shortened in chat
    for text in strings_in(summary.body):
        assert "@everyone" not in text and "<!here>" not in text
        assert not re.search(r"<@U?\d", text)
