"""The day's report as a phone-readable HTML page, rendered from the same Markdown with markdown-it.

markdown-it runs with raw HTML disabled, so nothing in the Markdown can create elements except
what we allow ourselves: the report's own ``<a id="..."></a>`` anchor lines (a block rule of ours
moves each id onto the heading that follows it, so a table-of-contents link scrolls that heading
to the top) and ``<br>`` inside table cells (an inline rule emitting a line break). Untrusted text
reaches this module already escaped by ``markdown_text`` (``&lt;`` etc. outside code spans; a code
span's text is left as written and markdown-it escapes it), which markdown-it keeps as text; link targets go through markdown-it's own URL validation (no ``javascript:``).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from analysis.renderers.inert_text import strip_invisible

#: the report's anchor lines, exactly as ``analysis.renderers.markdown`` writes them
_ANCHOR_LINE = re.compile(r'^<a id="([\w\-]{1,100})"></a>[ \t]*$')
_BR = "<br>"

FULL_REPORT = {"zh": "📄 完整报告", "en": "📄 Full report"}

CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0;
        --code: #f6f8fa; --link: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --code: #151b23; --link: #4493f8; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 48rem; padding: 0.75rem 1rem 3rem; color: var(--fg); background: var(--bg);
       font: 16px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
       "PingFang SC", "Microsoft YaHei", sans-serif; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.12rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; }
h1, h2, h3, h4 { line-height: 1.3; scroll-margin-top: 0.25rem; }
a { color: var(--link); }
code { background: var(--code); padding: 0.1em 0.3em; border-radius: 4px; font-size: 0.9em; }
blockquote { margin: 0.75rem 0; padding: 0.1rem 0.9rem; border-left: 4px solid var(--line); color: var(--muted); }
table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; margin: 0.75rem 0;
        font-size: 0.92rem; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.55rem; vertical-align: top; text-align: left;
         min-width: 6rem; overflow-wrap: normal; }
td:first-child { white-space: nowrap; }
hr { border: 0; border-top: 1px solid var(--line); margin: 1.5rem 0; }
ul { padding-left: 1.3rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.85rem; }
"""


def _anchor_block(state, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: a line that is exactly one of the report's anchors becomes an ``anchor`` token."""
    if state.is_code_block(start_line):
        return False
    line = state.src[state.bMarks[start_line] + state.tShift[start_line]:state.eMarks[start_line]]
    match = _ANCHOR_LINE.match(line)
    if not match:
        return False
    if silent:
        return True
    token = state.push("anchor", "a", 0)
    token.attrSet("id", match.group(1))
    token.map = [start_line, start_line + 1]
    state.line = start_line + 1
    return True


def _br_inline(state, silent: bool) -> bool:
    """Inline rule: the literal ``<br>`` that ``markdown_text.cell`` puts between lines of a cell."""
    if not state.src.startswith(_BR, state.pos):
        return False
    if not silent:
        state.push("hardbreak", "br", 0)
    state.pos += len(_BR)
    return True


def _ids_onto_headings(state) -> None:
    """Core rule: give each anchor's id to the heading right after it (so it scrolls to the top)."""
    tokens = state.tokens
    kept = []
    for index, token in enumerate(tokens):
        if token.type == "anchor" and index + 1 < len(tokens) and tokens[index + 1].type == "heading_open" \
                and not tokens[index + 1].attrGet("id"):
            tokens[index + 1].attrSet("id", token.attrGet("id"))
            continue
        kept.append(token)
    state.tokens = kept


def _render_anchor(renderer, tokens, idx, options, env) -> str:
    return f'<a id="{html.escape(str(tokens[idx].attrGet("id")), quote=True)}"></a>\n'


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.block.ruler.before("table", "report_anchor", _anchor_block, {"alt": ["paragraph"]})
    md.inline.ruler.before("newline", "report_br", _br_inline)
    md.core.ruler.after("inline", "report_anchor_ids", _ids_onto_headings)
    md.add_render_rule("anchor", _render_anchor)
    return md


def markdown_to_html(markdown: str) -> str:
    """The body HTML of our report Markdown (raw HTML in it stays text, except our anchors and ``<br>``)."""
    return _parser().render(markdown)


def _title_of(markdown: str, fallback: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def render_page(markdown: str, *, repo: str, lang: str = "en", generated: str | None = None) -> str:
    """A whole HTML document for one report; ``repo`` and ``generated`` are shown escaped."""
    markdown = strip_invisible(markdown)  # stored reports may predate the renderers' own stripping
    title = f"{_title_of(markdown, 'Digest')} · {repo}"
    html_lang = "zh-CN" if lang == "zh" else "en"
    footer = "digestbot" + (f" · {generated}" if generated else "")
    return (
        "<!doctype html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f"{markdown_to_html(markdown)}</main>\n<footer>{html.escape(footer)}</footer>\n</body>\n</html>\n"
    )


def not_found_page(message: str = "No report here.") -> str:
    """The small page for a report that does not exist (nothing of the request is echoed)."""
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>Not found</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>Not found</h1>\n"
            f"<p>{html.escape(message)}</p>\n</main>\n</body>\n</html>\n")
