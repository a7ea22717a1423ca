"""Web pages changed in their prose only: paragraphs, lists and links reworded or moved, no script, style or form."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: a web page by its name
PAGE = re.compile(r"\.(?:html?|xhtml)$", re.I)
#: the tags of prose: paragraphs, headings, lists, links, emphasis, code samples and line breaks
_PROSE_TAGS = {"p", "a", "b", "i", "u", "em", "strong", "tt", "code", "pre", "kbd", "var", "samp", "small", "span",
               "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "sup",
               "sub", "abbr", "cite", "q"}
_TAG = re.compile(r"</?\s*([A-Za-z][\w-]*)([^>]*)>?")
#: what a page runs or submits, and a template's placeholders: ``onclick=``, ``{{ name }}``, ``{% if %}``, ``<%= x %>``
_ACTIVE = re.compile(r"\bon\w+\s*=|\{\{|\{%|<%|\$\{|javascript:", re.I)


def _prose_line(line: str) -> bool:
    if _ACTIVE.search(line):
        return False
    return all(tag.lower() in _PROSE_TAGS for tag, _ in _TAG.findall(line))


def page_text_only(files: Iterable[FileChange]) -> bool:
    """Every file is a web page (``index.html``) and every line it adds or removes is prose in prose markup
    (``<p>``, ``<a href>``, ``<li>``, ``<pre>``): a page's text reworded or moved, nothing it runs, styles or submits
    (a ``<script>``, ``<form>``, ``<link>``, an ``onclick=`` or a template's ``{{ }}`` is no prose)."""
    files = list(files)
    if not files or not all(PAGE.search(f.path) for f in files):
        return False
    for f in files:
        removed, added = changed_lines(f.patch)
        if not (removed or added) or not all(_prose_line(line) for line in (*removed, *added)):
            return False
    return True
