"""The commit's own words the heuristic quotes: the message's points, changelog entries, a merge's title."""

from __future__ import annotations

import re

from analysis.analyzers import heuristic_rules as R
from analysis.models import Fact

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_REFERENCE_ONLY = re.compile(r"^((fix(es|ed)?|close[sd]?|resolve[sd]?|refs?|see|part of|related( to)?)\b[:\s]*)?"
                             r"([\w.-]+/[\w.-]+)?#\d+[\s,.]*$|^https?://\S+$|^\[[^\]]*\]\(https?://\S+\)$|"
                             r"^\(cherry picked from commit [0-9a-f]+\)$|^this reverts commit [0-9a-f]+\.?$", re.I)
_LABEL_ONLY = re.compile(r"^[\w -]{1,20}:$")
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(https?://[^)\s]+\)")
MERGE_TITLE = re.compile(r"^Merge (pull request #\d+|branch '[^']+' into |remote-tracking branch )", re.I)
#: a release heading of a changelog (``[0.1.1] - 2022-02-08``, ``## v2.0.0``): not an entry
_RELEASE_HEADING = re.compile(r"^[#\s]*\[?v?\d+(\.\d+)+[\w.-]*\]?(\s*[-–(]\s*\d{4}-\d\d-\d\d\)?)?\s*$|^[#\s]*\[?unreleased\]?\s*$",
                              re.I)
_CHANGELOG_ITEM = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+")
_RST_ROLE = re.compile(r":(\w+):`~?([^`]+)`")
_CUT_ROLE = re.compile(r"\s*:\w*…$")  # an ``:issue:`…`` reference cut short by the diff analyzer
_ISSUE_REF = re.compile(r"\s*:(issue|pr):`\d+`")
#: a line shorter than this was not wrapped by the author's editor: it ends a statement of its own
_WRAPPED_LINE = 60


def clip(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis; a code span cut open is closed."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    if len(text) > limit:
        text = text[: limit - 2].rstrip() + "…"
    return text + "`" if text.count("`") % 2 else text


def _joined(lines: list[str]) -> str:
    """Lines as one: a wrapped line runs on; a short line before a capital letter ends its sentence."""
    out = lines[0]
    for previous, line in zip(lines, lines[1:]):
        ends = len(previous) < _WRAPPED_LINE and line[:1].isupper() and not previous.endswith(tuple(".!?:;,"))
        out += (". " if ends else " ") + line
    return out


def _bullet_text(line: str) -> str:
    bullet = R.BULLET_RE.match(line)
    return (bullet.group("text") if bullet else line).strip()


def message_points(body: str) -> list[str]:
    """The body's first paragraph that says something, unwrapped; a list in it gives one point per item.

    Trailers (Signed-off-by) and paragraphs of bare references (``Fixes #12``, a lone URL) are skipped;
    a line introducing the list ("Details:") is left out; an item wrapped onto further lines is one point.
    """
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = [ln.rstrip() for ln in block.splitlines() if ln.strip() and not R.TRAILER_RE.match(ln)]
        lines = [ln for ln in lines if not _REFERENCE_ONLY.match(_bullet_text(ln))]
        while lines and _LABEL_ONLY.match(lines[-1].strip()):
            lines.pop()  # "Refs:" whose references were left out
        if not lines:
            continue
        lead: list[str] = []
        items: list[list[str]] = []
        for line in lines:
            bullet = R.BULLET_RE.match(line)
            if bullet:
                items.append([bullet.group("text").strip()])
            elif items:
                items[-1].append(line.strip())  # the item wrapped onto the next line
            else:
                lead.append(line.strip())
        if items and lead and lead[-1].endswith(":"):
            lead = []
        points = ([_joined(lead)] if lead else []) + [_joined(item) for item in items]
        return [clip(_MD_LINK.sub(r"\1", p), R.MAX_PARAGRAPH) for p in points[:R.MAX_POINTS]]
    return []


def changelog_entries(facts: list[Fact]) -> list[str]:
    """The changelog lines a commit adds, joined into entries (a new entry at each bullet)."""
    entries: list[str] = []
    for fact in facts:
        text = (fact.text or "").strip()
        if fact.kind != "changelog_entry" or not text or set(text) <= set("-=~*^#") or _RELEASE_HEADING.match(text):
            continue
        if entries and (fact.text or "")[:1].isspace() and not _CHANGELOG_ITEM.match(text):
            entries[-1] += " " + text  # a wrapped line of the entry before
        else:
            entries.append(_CHANGELOG_ITEM.sub("", text))
    cleaned = [_CUT_ROLE.sub("", _RST_ROLE.sub(r"`\2`", _ISSUE_REF.sub("", e))).replace("``", "`") for e in entries]
    return [clip(e, R.MAX_PARAGRAPH) for e in cleaned if len(e.split()) >= 3]
