"""Discord bodies for a weekly roll-up: one summary message of embeds (the report and chart attached by the core)."""

from __future__ import annotations

from adapters.discord import text as dt
from adapters.discord.embeds import NEUTRAL, pack
from analysis.renderers.week_sections import Format, head_lines, sections, title
from analysis.week import Week
from bot.core.chat import OutboundMessage

ITEMS_SHOWN = 12


def _code(text: str) -> str:
    return "`" + dt.defuse(" ".join(str(text).replace("`", "'").split())) + "`"


def _link(url: str | None, label: str) -> str:
    return f"[{label}]({url})" if url else label


DISCORD = Format(esc=dt.escape, code=_code, bold=lambda text: f"**{text}**", link=_link, limit=ITEMS_SHOWN)


def week_messages(week: Week, lang: str) -> list[OutboundMessage]:
    """The summary (key ``summary/0``); what does not fit one message goes on in its thread."""
    head = {"title": dt.shorten(title(week, lang), dt.EMBED_TITLE_LIMIT), "color": NEUTRAL}
    if week.repo_url:
        head["url"] = week.repo_url
    lines = [f"**{dt.escape(week.repo)}**"] + head_lines(week, lang, DISCORD)
    for heading, items in sections(week, lang, DISCORD):
        lines += ["", f"**{heading}**"] + items
    bodies = pack(head, "\n".join(lines), footer=" · ".join(p for p in (week.timezone, week.branch) if p))
    return [OutboundMessage(thread=i > 0, body=b, key=f"summary/{i}") for i, b in enumerate(bodies)]
