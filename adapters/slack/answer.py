"""Slack payload for an ``ask`` answer: one message of mrkdwn sections, untrusted text inert."""

from __future__ import annotations

from adapters.slack.blocks import MAX_BLOCKS, body, text_sections
from adapters.slack.week import SLACK
from analysis.answer import Answer
from analysis.renderers.answer_text import answer_lines
from bot.core.chat import OutboundMessage


def answer_messages(answer: Answer, lang: str) -> list[OutboundMessage]:
    text = "\n".join(answer_lines(answer, lang, SLACK))
    return [OutboundMessage(thread=False, body=body(text, text_sections(text)[:MAX_BLOCKS]))]
