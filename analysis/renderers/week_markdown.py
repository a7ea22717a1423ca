"""The weekly roll-up as a Markdown report (zh or en): the file attached to the weekly post."""

from __future__ import annotations

from analysis.renderers.markdown_text import code, inline, link_text
from analysis.renderers.week_sections import Format, head_lines, sections, title
from analysis.week import Week


def _link(url: str | None, label: str) -> str:
    return f"[{link_text(label)}]({url})" if url else label


MARKDOWN = Format(esc=inline, code=code, bold=lambda text: f"**{text}**", link=_link, limit=None, title_chars=300)
#: the console's post: the same Markdown, sections cut to a screenful (the full report is attached)
CONSOLE = Format(esc=inline, code=code, bold=lambda text: f"**{text}**", link=_link, limit=12)


def render_week_markdown(week: Week, lang: str, fmt: Format = MARKDOWN) -> str:
    """The whole week's report."""
    out = [f"# {title(week, lang)}", "", f"## {inline(week.repo)}", ""]
    out += [f"> {line}" if n == 0 else line for n, line in enumerate(head_lines(week, lang, fmt))]
    for heading, lines in sections(week, lang, fmt):
        out += ["", f"### {heading}", ""] + lines
    return "\n".join(out) + "\n"
