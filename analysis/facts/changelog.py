"""Lines a commit adds to its changelog or release notes: the project's own words about the change."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from analysis.clipping import clip_words
from analysis.facts.patches import FilePatch
from analysis.models import Fact

ENTRY_CHARS = 200
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
#: a line of one punctuation character repeated: a Markdown rule or a reStructuredText title's adornment (any of
#: ``= - ~ ^ * # + ` ' "``), not words of the entry above it; a directive (``.. change::``) or a field (``:tags: bug``),
#: not a line that opens with a role (``:func:`.command.current` command, ...``: words of the entry)
_RULE = re.compile(r"^\s*([-=~^*#`'\"+]{3,}|\.\. .*::.*|:[\w-]+:(?!`).*)\s*$")
#: a reStructuredText title's underline: one punctuation character repeated, at least as long as the title
_ADORNMENT = re.compile(r"^([-=~^*#`'\"+])\1{2,}\s*$")
#: a Markdown table's separator row: | --- | :---: |
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
#: a Markdown link reference definition: ``[1.2.0]: https://...`` (a target, not words about the change)
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+\s*$")
#: a Markdown link: its words are the entry's, its address is not
_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(https?://[^)\s]+\)")
#: a reStructuredText hyperlink target (``.. _issue 2076: https://...``, ``.. _changes_7-11-3:``), a comment
#: (``.. scriv-start-here``) or an empty comment (``..``): markup the page does not show, not words of an entry
_RST_MARKUP = re.compile(r"^\s*\.\.(?:\s+(?:_\S.*|[\w-]+\s*)?)?$")
#: a reStructuredText reference (```issue 2076`_``, ```the docs <https://...>`__``): its words are the entry's
_RST_REFERENCE = re.compile(r"`([^`<\n]{1,200}?)(?:\s*<[^>\n]+>)?`__?(?!\w)")
#: a Markdown reference link (``[spokodev][]``, ``[the docs][docs]``): its words are the entry's, the reference
#: names a definition elsewhere in the file
_REFERENCE_LINK = re.compile(r"\[([^\]\n]{1,200})\]\[[^\]\n]{0,100}\]")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
#: a release's date alone on its line, over the entries it heads (``2022-01-16:``): when, not what changed
_DATE_LINE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}\s*:?\s*$")
#: an XML changelog's element (Maven's changes.xml ``<action ...>``): each one is an entry of its own
_ELEMENT = re.compile(r"^\s*</?[A-Za-z]")
#: an XML element's tags with their attributes: what is left is the entry's words
_TAGS = re.compile(r"</?[A-Za-z][^>]*>")
_MARKUP_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
#: a Markdown code fence's opening or closing line (```` ```python ````, ``~~~``): the lines between are an example's
#: code, not words about the change
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
#: a heading over the people who contributed (changelogen's ``### ❤️ Contributors``, GitHub's generated ``## New
#: Contributors``, ``Thanks``, ``Credits``): its lines are names and handles, not words about a change
_CREDITS_HEADING = re.compile(r"^\W*(new\s+)?(contributors|thanks(\s+to)?|credits|acknowledge?ments)\W*$", re.I)

#: a line that only credits someone (``PR #646 submitted by Ann``, ``Thanks to @ann``, ``Reported by Bo.``): added to
#: an entry already there, it is the commit's whole news, not the entry it joins
_CREDIT = re.compile(r"^\W*(?:(?:pr|pull request|patch|issue|contribution)\s*#?\d*\s*)?(?:(?:was\s+)?(?:submitted|"
                     r"contributed|reported|suggested|proposed|authored|written|provided)\s+by|thanks?(?:\s+to)?|"
                     r"thank you|courtesy of|credits?\s+to)\b", re.I)


def _clip(text: str) -> str:
    """One line of at most ``ENTRY_CHARS``, links said by their words: a generated entry's commit and pull request
    links (``[`6f002b8`](https://github.com/...)``) would otherwise fill it before the first word of the change."""
    text = _RST_REFERENCE.sub(r"\1", _REFERENCE_LINK.sub(r"\1", _LINK.sub(r"\1", " ".join(text.split()))))
    return clip_words(text, ENTRY_CHARS)


def _entries(hunk_lines: list, side: str = "+") -> list[tuple[str, bool]]:
    """One side of one hunk (``+``: the new, ``-``: the old) split into entries (bullet with its wrapped lines,
    heading, paragraph line), each with whether the commit added (or removed) any of its lines; a fenced code
    example is none."""
    # [text, touched, open: True (indented lines continue it), "paragraph" or False, opened by an added line,
    #  the added lines' texts]
    entries: list[list] = []
    other = "-" if side == "+" else "+"
    fenced = credits = False
    for line in hunk_lines:
        if line.kind == other:
            continue
        text, added = line.text, line.kind == side
        if _FENCE.match(text) or fenced:
            fenced = fenced != bool(_FENCE.match(text))
            continue
        if _HEADING.match(text):
            credits = bool(_CREDITS_HEADING.match(_HEADING.sub("", text, count=1)))
        if credits:  # the credits' heading and the names under it, up to the next heading
            continue
        if entries and entries[-1][2] == "paragraph" and _ADORNMENT.match(text) \
                and len(text.strip()) >= len(entries[-1][0].strip()) and not entries[-1][0][:1].isspace() \
                and not _RELEASE_HEADING.match(entries[-1][0]):  # a release's own title stays: it says the version
            entries.pop()  # a reStructuredText title (``Packaging updates and notes for downstreams`` over a rule
            continue  # of ``-``): a section of the release, not an entry of it
        if not text.strip() or _RULE.match(text) or _TABLE_RULE.match(text) or _LINK_DEFINITION.match(text) \
                or _MARKUP_COMMENT.match(text) or _RST_MARKUP.match(text) or _DATE_LINE.match(text):
            if entries:
                entries[-1][2] = False
            continue
        if _HEADING.match(text):
            entries.append([_HEADING.sub("", text, count=1), added, False])
        elif _BULLET.match(text):
            entries.append([_BULLET.sub("", text, count=1), added, True])
        elif _ELEMENT.match(text):  # a new element: the lines around it are other entries, not its wrapped text
            entries.append([text, added, True])
        elif entries and (entries[-1][2] is True and text[:1].isspace() or entries[-1][2] == "paragraph"):
            entries[-1][0] += " " + text.strip()
            entries[-1][1] = entries[-1][1] or added
            entries[-1][4] += [text.strip()] if added else []
            continue
        elif text.lstrip().startswith("|"):  # a table row: an entry of its own
            entries.append([text, added, False])
        else:  # a paragraph line (its next lines up to a blank one are the same paragraph), or mid-entry
            entries.append([text, added, "paragraph"])
        entries[-1] += [added, [text.strip()] if added else []]
    return [(_credited(added) if touched and not opened and _credited(added) else text, touched)
            for text, touched, _, opened, added in entries]


def _credited(added: list[str]) -> str | None:
    """The credit lines a commit adds to an entry already there, when they are all it adds ("PR #646 submitted by
    Ann"): that credit is the commit's news, not the fix the entry tells of, which another commit made."""
    return " ".join(added) if added and all(_CREDIT.match(line) for line in added) else None


def _after_front_matter(hunk) -> list:
    """A hunk's lines less the front matter it opens the file with (``---`` / ``"pkg": patch`` / ``---``, a
    changeset's metadata): the entry's words follow it."""
    new_side = [line for line in hunk.lines if line.kind != "-"]
    if not new_side or new_side[0].number != 1 or new_side[0].text.strip() != "---":
        return hunk.lines
    closing = next((i for i, line in enumerate(new_side[1:], 1) if line.text.strip() == "---"), None)
    return hunk.lines if closing is None else hunk.lines[hunk.lines.index(new_side[closing]) + 1:]


def _touched_up(text: str, old: list[str]) -> bool:
    """An entry the hunk only touches up: an old entry reads the same but for a typo or a word, and no number in it
    changed ("callling" -> "calling"); the change it describes is another change's, already told."""
    text = _unframed(text)
    if _ELEMENT.match(text):  # an XML entry whose attributes alone changed (an ``issue=`` dropped) says the same
        words = _TAGS.sub(" ", text).split()
        if words and any(_ELEMENT.match(o) and _TAGS.sub(" ", o).split() == words for o in old):
            return True
    digits = re.findall(r"\d+", text)
    return any(re.findall(r"\d+", o) == digits and SequenceMatcher(None, o, text).ratio() >= 0.9
               for o in map(_unframed, old))


def _unframed(text: str) -> str:
    """A line without a Markdown table row's outer pipes: a table only re-framed (``a | 1`` -> ``| a | 1 |``, a
    linter's fix) says what it said."""
    return " ".join(text.strip().strip("|").split())


#: a release's heading: ``## 1.2.3``, ``## [v1.2.0] - 2024-01-01``, ``0.2.34 (TBD)``, ``Version 2.0``
_RELEASE_HEADING = re.compile(r"^\s*(#{1,6}\s*)?(version\s+|release\s+)?\[?v?\d+\.\d+(\.\d+)?\b", re.I)


def _history_brought_in(patch: FilePatch) -> bool:
    """The commit only adds the file, and it holds several releases: a changelog copied or moved in whole (a crate
    moved into a workspace's ``crates/x/``), not the commit's words about itself."""
    if patch.removed or not patch.added:
        return False
    return sum(bool(_RELEASE_HEADING.match(line.text)) for line in patch.added) >= 3


def changelog_facts(path: str, patch: FilePatch) -> list[Fact]:
    """One fact per entry the commit adds or rewrites (the whole entry as the hunk shows it), in order; an entry
    only touched up (a typo fixed) is not the commit's own words about itself."""
    if _history_brought_in(patch):
        return []
    seen: set[str] = set()
    facts = []
    for hunk in patch.hunks:
        old = [_clip(entry) for entry, touched in _entries(hunk.lines, "-") if touched]
        old += [_clip(line.text) for line in hunk.lines if line.kind == "-" and line.text.strip()]  # rows, one by one
        for entry, touched in _entries(_after_front_matter(hunk)):
            text = _clip(entry)
            if touched and len(text) >= 3 and text not in seen and not _touched_up(text, old):
                seen.add(text)
                facts.append(Fact(kind="changelog_entry", path=path, text=text))
    return facts
