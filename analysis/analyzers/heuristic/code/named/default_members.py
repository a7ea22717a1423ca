"""Members a change adds to or drops from a default list in code (``defaultCompressibleContentTypes`` gaining
``"text/csv"``): every user who does not set their own list gets the new one, a changed default that "changes
`defaultX`" does not say."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.code.hunks import hunk_blocks
from analysis.models import FileChange

#: a list item alone on its line: a quoted string or a number, a comma after it (``"text/markdown",``)
_ITEM = re.compile(r"""^\s*(?P<item>"[^"\\]{1,60}"|'[^'\\]{1,60}'|-?\d+(?:\.\d+)?)\s*,?\s*$""")
#: a name that says it is a default (``defaultCompressibleContentTypes``, ``DEFAULT_HEADERS``, ``default_ports``)
_DEFAULT = re.compile(r"(^|[._])default|default(s)?($|[_A-Z])|^[a-z]*Default", re.I)


def default_members(f: FileChange, symbol: str) -> tuple[list[str], list[str]] | None:
    """``(added, removed)`` items when every line ``f`` changes is a list item and ``symbol`` (the one symbol the
    change modifies in ``f``) is named as a default and heads the hunks (``var defaultX = []string{``)."""
    short = symbol.rsplit(".", 1)[-1].rsplit("::", 1)[-1]
    if not _DEFAULT.search(short) or not f.patch:
        return None
    added: list[str] = []
    removed: list[str] = []
    for hunk in hunk_blocks(f.patch):
        if not hunk.startswith("@@"):
            continue
        header, *lines = hunk.split("\n")
        before = "\n".join([header] + [ln for ln in lines if ln.startswith(" ")])
        if short not in before:
            return None  # the hunk may sit in another symbol's body
        for ln in lines:
            if ln[:1] not in ("+", "-") or not ln[1:].strip():
                continue
            match = _ITEM.match(ln[1:])
            if not match:
                return None
            (added if ln[0] == "+" else removed).append(match["item"])
    gone, came = [r for r in removed if r not in added], [a for a in added if a not in removed]
    return (came, gone) if came or gone else None
