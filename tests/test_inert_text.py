"""Links and direction overrides (issue 10, item 10): user input is echoed as code, untrusted text forms no
masked link, and bidi controls and zero-width characters from commits never reach Slack, Discord or the page.

The probe: ``subscribe acme/widget paths '[Click to re-auth](https://evil.example/login)'`` echoed a working
link to the channel; a title with U+202E reached every platform.
"""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

import pytest

from adapters.discord.render import DiscordRenderer
from adapters.slack.render import SlackRenderer
from analysis.models import Analysis, Commit, CommitReport, Digest, Insights, Risk
from analysis.renderers.html_page import render_page
from analysis.renderers.markdown import render_markdown
from bot.core.chat import ChannelRef, CommandContext, TextResponse
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.payloads import strings_in

EVIL = "[Click to re-auth](https://evil.example/login)"
SHORT_EVIL = "[Re-auth](https://evil.example/x)"  # within the 40 characters an error message quotes
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u2060\ufeff"
SNEAKY = f"fix: safe{BIDI}txt.exe{ZERO_WIDTH} rename"
MASKED_MARKDOWN = re.compile(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\([^)\s]*\)")  # a backslash-escaped bracket is text
SLACK_LINK = re.compile(r"<https?://evil[^>]*>")
CODE_SPAN = re.compile(r"`[^`\n]*`")


def _outside_code(text: str) -> str:
    return CODE_SPAN.sub("", text)


def _answers(command: str, data_dir) -> list[TextResponse]:
    with FakeGitHub() as github:
        github.add_repo("acme/widget")
        settings = Settings(data_dir=data_dir, github_api_url=github.url)
        core = BotCore(settings, TinyStore.in_memory())
        ctx = CommandContext(channel=ChannelRef("slack", "T1", "C1"), user="U1")
        return asyncio.run(core.handle_command(ctx, command))


@pytest.mark.parametrize("command", [
    f"subscribe acme/widget paths '{EVIL}'",
    f"subscribe acme/widget ignore-authors '{EVIL}'",
    f"subscribe acme/widget '{SHORT_EVIL}' x",  # an unexpected word, quoted back in the error
    f"now acme/widget 2026-02-14 '{SHORT_EVIL}'",
    f"'{SHORT_EVIL}'",  # an unknown command
])
def test_user_input_is_echoed_as_code_and_forms_no_link(command, tmp_path):
    [answer] = _answers(command, tmp_path)
    assert "evil.example" in answer.text  # echoed, visibly
    slack = SlackRenderer().text_message(answer).body
    for text in strings_in(slack):
        assert not SLACK_LINK.search(text), text
        assert not MASKED_MARKDOWN.search(_outside_code(text)), text
    discord = DiscordRenderer().text_message(answer).body
    for text in strings_in(discord):
        assert not MASKED_MARKDOWN.search(_outside_code(text)), text


def test_our_own_text_answers_neutralise_links_from_anything_they_quote():
    answer = TextResponse(f"GitHub says: {EVIL} and `{EVIL}`")
    for body in (SlackRenderer().text_message(answer).body, DiscordRenderer().text_message(answer).body):
        assert any("GitHub says" in text and "evil.example" in text for text in strings_in(body))  # shown, inert
        for text in strings_in(body):
            assert not SLACK_LINK.search(text) and not MASKED_MARKDOWN.search(_outside_code(text)), text


def _digest() -> Digest:
    sha = "ab" * 20
    commit = Commit(sha=sha, author=f"Eve{BIDI}", committed_at=datetime(2026, 2, 14, 9, tzinfo=UTC),
                    message=f"{SNEAKY} {EVIL}\n\nbody", url=f"https://github.com/acme/widget/commit/{sha}")
    analysis = Analysis(change_type="fix", importance="high", summary=[f"renames {SNEAKY}", EVIL],
                        impact=[f"src/a.py: {SNEAKY}"], insights=Insights(security=SNEAKY),
                        risks=[Risk(risk=SNEAKY, impact=EVIL, mitigation=SNEAKY)], recommendations=[SNEAKY])
    return Digest(repo="acme/widget", date="2026-02-14", timezone="UTC",
                  repo_url="https://github.com/acme/widget", commits=[CommitReport(commit=commit, analysis=analysis)])


@pytest.mark.parametrize("renderer", [SlackRenderer(), DiscordRenderer()], ids=["slack", "discord"])
def test_digest_messages_carry_no_direction_override_no_zero_width_and_no_masked_link(renderer):
    messages = renderer.digest_messages(_digest(), "en")
    texts = [t for m in messages for t in strings_in(m.body)]
    assert any("txt.exe" in t for t in texts)
    for text in texts:
        assert not set(BIDI) & set(text), repr(text)
        assert not {"\u2060", "\ufeff"} & set(text), repr(text)
        assert "txt.exe\u200b" not in text, repr(text)  # the renderers' own zero-width spaces only defuse pings
        assert not SLACK_LINK.search(text), text
        assert not MASKED_MARKDOWN.search(_outside_code(text)), text


def test_web_page_carries_no_direction_override_or_zero_width():
    page = render_page(render_markdown(_digest(), "en"), repo="acme/widget")
    assert "txt.exe" in page
    assert not set(BIDI + ZERO_WIDTH) & set(page)
    assert 'href="https://evil.example' not in page
