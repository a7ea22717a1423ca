"""Discord body for an ``ask`` answer: one message of embeds, mentions never parsed."""

from __future__ import annotations

from adapters.discord.embeds import NEUTRAL, pack
from adapters.discord.week import DISCORD
from analysis.answer import Answer
from analysis.renderers.answer_text import answer_lines
from bot.core.chat import OutboundMessage


def answer_messages(answer: Answer, lang: str) -> list[OutboundMessage]:
    bodies = pack({"color": NEUTRAL}, "\n".join(answer_lines(answer, lang, DISCORD)))
    return [OutboundMessage(thread=i > 0, body=b) for i, b in enumerate(bodies)]
