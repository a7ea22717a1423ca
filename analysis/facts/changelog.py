"""Lines a commit adds to its changelog or release notes: the project's own words about the change."""

from __future__ import annotations

import re

from analysis.facts.patches import FilePatch
from analysis.models import Fact

ENTRY_CHARS = 200
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_RULE = re.compile(r"^\s*([-=~^*#`'\"]{3,}|\.\. .*::.*|:\w+:.*)\s*$")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ENTRY_CHARS else text[: ENTRY_CHARS - 1].rstrip() + "…"


def changelog_facts(path: str, patch: FilePatch) -> list[Fact]:
    """One fact per added entry (a bullet with its wrapped lines, a heading, or a paragraph line), in order."""
    entries: list[str] = []
    continuing = False
    for hunk in patch.hunks:
        previous_number = None
        for line in hunk.added:
            text = line.text
            adjacent = previous_number is not None and line.number == previous_number + 1
            previous_number = line.number
            if not text.strip() or _RULE.match(text):
                continuing = False
                continue
            if _BULLET.match(text) or _HEADING.match(text):
                entries.append(_HEADING.sub("", _BULLET.sub("", text, count=1), count=1))
                continuing = not _HEADING.match(text)
            elif continuing and adjacent and text[:1].isspace() and entries:
                entries[-1] += " " + text.strip()
            else:
                entries.append(text)
                continuing = False
    seen: set[str] = set()
    facts = []
    for entry in entries:
        text = _clip(entry)
        if len(text) >= 3 and text not in seen:
            seen.add(text)
            facts.append(Fact(kind="changelog_entry", path=path, text=text))
    return facts
