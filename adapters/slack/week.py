"""Slack payloads for a weekly roll-up: one Block Kit summary (the full report and chart attached by the core)."""

from __future__ import annotations

from adapters.slack.blocks import MAX_BLOCKS, body, header, section, text_sections
from adapters.slack.text import inline, link
from analysis.renderers.week_sections import Format, head_lines, sections, title
from analysis.week import Week
from bot.core.chat import OutboundMessage

#: items per section in the summary; the attached report lists them all
ITEMS_SHOWN = 12


def _code(text: str) -> str:
    return inline("`" + " ".join(str(text).replace("`", "'").split()) + "`")


SLACK = Format(esc=inline, code=_code, bold=lambda text: f"*{text}*", link=link, limit=ITEMS_SHOWN)


def week_messages(week: Week, lang: str) -> list[OutboundMessage]:
    """The summary message (key ``summary/0``)."""
    where = f"*{link(week.repo_url, inline(week.repo))}* · {inline(week.timezone)}"
    lines = head_lines(week, lang, SLACK)
    for heading, items in sections(week, lang, SLACK):
        lines += ["", f"*{heading}*"] + items
    text = "\n".join(lines)
    blocks = [header(title(week, lang)), section(where)] + text_sections(text)
    fallback = "\n".join([title(week, lang), where, text])
    # each section lists at most ITEMS_SHOWN items: the summary stays well within one message's blocks
    return [OutboundMessage(thread=False, body=body(fallback, blocks[:MAX_BLOCKS]), key="summary/0")]
