"""Slack payload for an ``ask`` answer: one message of mrkdwn sections, untrusted text inert."""

from __future__ import annotations

from adapters.slack_render import MAX_BLOCKS, _sections, body
from adapters.slack_week import SLACK
from analysis.answer import Answer
from analysis.renderers.answer_text import answer_lines
from bot.core.chat import OutboundMessage


def answer_messages(answer: Answer, lang: str) -> list[OutboundMessage]:
    text = "\n".join(answer_lines(answer, lang, SLACK))
    return [OutboundMessage(thread=False, body=body(text, _sections(text)[:MAX_BLOCKS]))]
