"""The richer schema in every renderer: change_type_detail beside the type, the compatibility row, the coverage
note, each in the digest's language (Markdown, Slack, Discord)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest

from adapters.discord.render import DiscordRenderer
from adapters.slack.render import SlackRenderer
from analysis.models import Analysis, Commit, CommitReport, Coverage, Digest, Insights
from analysis.renderers.markdown import render_markdown
from tests.fakes.payloads import strings_in

UNSEEN = [f"pkg/m{n}/file_{n}.go" for n in range(30)]


def digest() -> Digest:
    analysis = Analysis(change_type="fix", change_type_detail="功能增强（OpenAI 参数上限）", importance="high",
                        summary=["修复参数上限"], insights=Insights(compatibility="`max_tokens` 改名为 `max_output_tokens`"),
                        coverage=Coverage(files_total=40, files_seen=10, unseen=UNSEEN))
    commit = Commit(sha="a" * 40, author="Ann", message="fix: cap the output tokens",
                    committed_at=datetime(2026, 2, 14, 9, tzinfo=timezone.utc))
    return Digest(repo="o/r", date="2026-02-14", timezone="UTC", commits=[CommitReport(commit=commit, analysis=analysis)])


def rendered(target: str, lang: str) -> str:
    day = digest()
    if target == "markdown":
        return render_markdown(day, lang)
    renderer = SlackRenderer() if target == "slack" else DiscordRenderer()
    return "\n".join(strings_in([m.body for m in renderer.digest_messages(day, lang)]))


def without_data(text: str) -> str:
    """``text`` without what the model or the commit wrote, nor markup: the renderer's own words remain."""
    for data in ["功能增强（OpenAI 参数上限）", "`max_tokens` 改名为 `max_output_tokens`", "max_tokens",
                 "max_output_tokens", "fix: cap the output tokens", "o/r", *UNSEEN]:
        text = text.replace(data, "")
    return re.sub(r"https?://\S+|\b[0-9a-f]{7,40}\b|\\", "", text)


@pytest.mark.parametrize("target", ["markdown", "slack", "discord"])
def test_detail_compatibility_and_coverage_in_chinese(target):
    text = rendered(target, "zh")
    assert "Bug修复 / 功能增强（OpenAI 参数上限）" in text  # the detail beside the type's name
    assert "兼容性" in text and "改名为" in text
    assert "模型未看到 30 个文件的差异（共 40 个文件）" in text and "等 " in text  # the coverage note, in Chinese
    own = without_data(text)
    for word in ("Compatibility", "did not see", " files", "Bug fix", "Possible impact"):
        assert word not in own, word
    assert not re.search(r"and \d+ more", own)


@pytest.mark.parametrize("target", ["markdown", "slack", "discord"])
def test_detail_compatibility_and_coverage_in_english(target):
    text = rendered(target, "en")
    assert "Fix / 功能增强（OpenAI 参数上限）" in text or "Bug fix / 功能增强（OpenAI 参数上限）" in text
    assert "Compatibility" in text and "The model did not see the diff of 30 of 40 files" in text
    assert "兼容性" not in text and "模型未看到" not in without_data(text)
