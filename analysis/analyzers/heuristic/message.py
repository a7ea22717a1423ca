"""The commit's own words the heuristic quotes: the message's points, changelog entries, a merge's title."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic import rules as R
from analysis.clipping import clip_words, spell_advisories
from analysis.models import Fact

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_REFERENCE_ONLY = re.compile(r"^((fix(es|ed)?|close[sd]?|resolve[sd]?|reopen(s|ed)?|refs?|see|part of|related( to)?)\b[:\s]*)?"
                             # jQuery's "Fixes gh-3871": GitHub's other spelling of an issue's number
                             r"([\w.-]+/[\w.-]+)?(?:#|gh-)\d+[\s,.]*$|^https?://\S+$|^\[[^\]]*\]\(https?://\S+\)$|"
                             r"^\(cherry picked from commit [0-9a-f]+\)$|^this reverts commit [0-9a-f]+\.?$|"
                             # instructions to CI services, not words about the change: "[skip ci]", "[ci skip]"
                             r"^\[(?:skip[ -](?:ci|actions|checks)|ci[ -]skip|no[ -]ci|actions[ -]skip)\]$|"
                             r"^skip-checks:\s*true$|"
                             # a pointer whose target an export tool blanked out: "See [] for more details"; a
                             # line of hashtags ("#TypeEqualsCleanup"), a tracker's labels, not an issue's number
                             r"^#[A-Za-z][\w-]*(?:[\s,]+#[A-Za-z][\w-]*)*[\s.]*$|"
                             r"^see(?: also)?\s+(?:\[\s*\]|\(\s*\)|<\s*>)(?:\s+for\s+(?:more\s+)?"
                             r"(?:details|information|info|context|background))?[\s.]*$|"
                             # a labelled pointer elsewhere: "Ref: https://...", "Follow-up to 180501cb #3504"
                             r"^(?:refs?|references?|see(?: also)?|link|context|follow[- ]?up (?:to|of|for)|based on|"
                             # "Closes: https://github.com/o/r/issues/628": the issue's address, not the change
                             r"fix(?:es|ed)?|close[sd]?|resolve[sd]?)\b[:\s]+"
                             r"(?:(?:https?://\S+|[0-9a-f]{7,40}|(?:[\w.-]+/[\w.-]+)?(?:#|gh-)\d+)[\s,.;]*)+$|"
                             # a carbon-copy trailer: "Cc: @reviewer", "Cc: Ann <ann@example.org>"
                             r"^cc:\s+(?:(?:@[\w.-]+|[^<>,]*<[^<>\s]+@[^<>\s]+>)[\s,]*)+$|"
                             # people or teams called to review, and nothing else: "@org/maintainers"
                             r"^(?:@[\w.-]+(?:/[\w.-]+)?[\s,]*)+$", re.I)
#: the header lines of a pasted ``git log``: an author's name and e-mail are no words about the change
_GIT_LOG_HEADER = re.compile(r"^(?:commit [0-9a-f]{7,40}\b.*|Merge: [0-9a-f]{7,40}( [0-9a-f]{7,40})+|"
                             r"(?:Author|Commit):\s.*<[^<>\s]+@[^<>\s]+>|"
                             r"(?:AuthorDate|CommitDate|Date):\s+(?:[A-Z][a-z]{2} [A-Z][a-z]{2} +\d|\d{4}-\d\d-\d\d).*)$")
#: a git trailer of the message's last paragraph, its token hyphenated (``PiperOrigin-RevId: 953470061``,
#: ``Reviewed-on: https://...``, ``Acked-by: Ann <ann@example.org>``): one token or a person's address, a tool's or a
#: review's record, not words about the change ("Follow-up: the cache keeps..." is a sentence)
_HYPHENATED_TRAILER = re.compile(r"^\s*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+:\s+(?:\S+|.*<[^>\s]+@[^>\s]+>)\s*$")
#: a line shaped as a trailer: one token, a colon, one value (``Credit: @striezel``, ``Close: #385``)
_TOKEN_LINE = re.compile(r"^\s*[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*:\s+(?:\S+|[^<>]*<[^>\s]+@[^>\s]+>)\s*$")
#: a key=value trailer of the last paragraph in the Chromium/Google style (``RELNOTES=n/a``, ``BUG=b/1234``,
#: ``TEST=none``): one upper-case key and one token, a review tool's field, not words about the change; or the key
#: with a colon over issue numbers alone (``BUG: 33.``, ``BUG: chromium:123``)
_KEY_VALUE_TRAILER = re.compile(r"^\s*[A-Z][A-Z0-9_]{1,20}(?:=\S*|:[ \t]*(?:[a-z]+[/:]|#)?\d+"
                                r"(?:[ \t]*,[ \t]*(?:[a-z]+[/:]|#)?\d+)*\.?)\s*$")
_LABEL_ONLY = re.compile(r"^[\w -]{1,20}:$")
#: a release-note field left empty (``RELEASE NOTES: None``, ``Release note: N/A``, ``Changelog: -``): the project's
#: form says the change needs no note, which tells a reader nothing of the change
_EMPTY_NOTE = re.compile(r"^\s*(?:release[ _-]?notes?|relnotes?|changelog)\s*[:=]\s*"
                         r"(?:none|n/?a|no|nothing|not applicable|-+)\.?\s*$", re.I)
#: a Markdown fenced code block (```` ```js ```` ... ```` ``` ````, ``~~~``): an example's code, not the author's words
_FENCED_BLOCK = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.M | re.S)
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(https?://[^)\s]+\)")


def unlinked(text: str) -> str:
    """``text`` with its Markdown links said as their words: ``[o/charts](https://...)`` -> ``o/charts``."""
    return _MD_LINK.sub(r"\1", text)


#: a Markdown link the diff analyzer's clipping cut short: ``by [@tiangolo](https://github.com/tia…``
_CUT_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(https?://[^)\s]*…$")
MERGE_TITLE = re.compile(r"^Merge (pull request #\d+|branch '[^']+' into |remote-tracking branch )", re.I)
#: a release heading of a changelog (``[0.1.1] - 2022-02-08``, ``## v2.0.0``, ``Psycopg 3.2.8 (unreleased)`` with the
#: project's name before it): not an entry
#: (the date as ISO or in words: "1.53.1 (July 20th, 2026)", "2.0.0 - 3 March 2025")
_RELEASE_HEADING = re.compile(r"^[#\s]*(?:[A-Z][\w.-]*\s+){0,2}\[?v?\d+(\.\d+)+[\w.-]*\]?(\s*[-–(]\s*(\d{4}-\d\d-\d\d|unreleased|"
                              r"[a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} [a-z]+\.? \d{4})\)?)?\s*$"
                              r"|^[#\s]*\[?unreleased\]?\s*$",
                              re.I)
#: a changelog section heading naming its release (towncrier's ``Features - 4.27.0``, ``Bugfixes - 4.27.0``)
_SECTION_HEADING = re.compile(r"^[#\s]*[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Za-z]+){0,3}\s+[-–]\s+v?\d+(\.\d+)+[\w.-]*\s*$")
#: a changelog line saying only when a release came out (``**Release date:** 24 Jun 2026``, ``Released 2024-05-01``)
_DATE_ONLY = re.compile(r"^[#*_\s]*(?:(?:release[ds]?(?:\s+(?:date|on))?|date|published(?:\s+on)?)[*_\s]*:?[*_\s]*)?"
                        r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d"
                        r"|TBD|unreleased)[*_.\s]*$", re.I)
#: a pull request template's heading, not the author's words: ``**Description of the change**``, ``## Summary``,
#: ``:robot: _AI text below_ :robot:``, an HTML comment
_TEMPLATE_LINE = re.compile(r"^(?:#{1,6}\s+\S.*|(\*\*|__)[^*_]{1,80}\1:?|:[a-z0-9_+-]+:.{0,60}:[a-z0-9_+-]+:?|<!--.*-->)$",
                            re.I)
#: a bot's template sentence opening its pull request, not words about this change: Renovate's
#: "This PR contains the following updates:", "This PR updates the following dependencies"
_BOT_TEMPLATE = re.compile(r"^this (?:pr|pull request|mr|merge request) (?:contains|includes|updates|bumps) "
                           r"the following(?: \w+){0,3}:?$", re.I)
#: a Markdown image (a badge), said by no words
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*\)")
_TABLE_RULE = re.compile(r"^:?-{3,}:?$")
#: a line with a letter or digit in it (not a bare rule of dashes, stars or equals signs)
_WORDED = re.compile(r"[^\W_]")
#: a link's aside after the package's name: ``@actions/core (source)``
_LINK_NOTE = re.compile(r"\s*\((?:source|changelog|release notes)\)", re.I)
#: a dependency bot's columns that say nothing of what changed (the kind of update, its badges)
_TABLE_NOISE = frozenset({"type", "update", "age", "confidence", "adoption", "passing", "pending"})
_CHANGELOG_ITEM = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+")
_RST_ROLE = re.compile(r":(\w+):`~?([^`]+)`")
_CUT_ROLE = re.compile(r"\s*:\w*…$")  # an ``:issue:`…`` reference cut short by the diff analyzer
#: a release tool's credit line before the entry's words (changesets: ``[`6f002b8`](…) [#4696](…) Thanks
#: [@ann](…)! - perf: ...``, links already said by their words), and its bare "Updated dependencies" entry
_CREDIT = re.compile(r"^(?:`?[0-9a-f]{7,40}`?\s+)?(?:#\d+\s+)?Thanks\s+@[\w.-]+!\s*-\s+")
_DEPENDENCIES_UPDATED = re.compile(r"^Updated dependencies\s*\[[^\]]*\]:?$", re.I)
_ISSUE_REF = re.compile(r"\s*:(issue|pr):`\d+`")
#: parentheses that hold only issue references (``(:issue:`779`, :issue:`946`)``): left out whole, not as ``(,)``
_REFS_ONLY = re.compile(r"\s*\((?:\s*,?\s*:(?:issue|pr):`\d+`)+\s*\)")
#: a reStructuredText link (``NewTypes <https://...>`_``), said by its words; one cut short loses its address
_RST_LINK = re.compile(r"`([^`<\n]{1,200}?)\s*<https?://[^>\s]*(?:>`__?|…$)")
#: roles whose target is a number of a series the role names (``:pep:`621``` is PEP 621, not ``621``)
_NUMBERED_ROLES = {"pep": "PEP", "rfc": "RFC"}


def _role_text(match: re.Match[str]) -> str:
    """A reStructuredText role said as a reader reads it: ``:pep:`621``` as PEP 621, a cross-reference by its
    target without Sphinx's leading marks (``:meth:`.Config.get`` as ``Config.get``), one with
    its own title (``:ref:`the guide <guide>```) by the title."""
    role, target = match.group(1).lower(), match.group(2).strip()
    if role in _NUMBERED_ROLES and target.isdigit():
        return f"{_NUMBERED_ROLES[role]} {target}"
    titled = re.match(r"^(.+?)\s*<[^<>]+>$", target)
    if titled:
        return f"`{titled.group(1)}`"
    return f"`{target.lstrip('.!~')}`"


#: a line shorter than this was not wrapped by the author's editor: it ends a statement of its own
_WRAPPED_LINE = 60


#: the words that announce an example a message goes on to show (``misplaced, e.g.:`` then a pasted block)
#: words inside a sentence pointing at the example after it ("built like so on a ubuntu machine:")
_POINTING = re.compile(r",?\s+\b(?:like so|like this|as follows)\b(?=[\s,]+\w)", re.IGNORECASE)
_EXAMPLE_LEAD_IN = re.compile(r"[,;]?\s*\b(?:e\.g\.|i\.e\.|for example|for instance|like so|like this|as follows"
                              r"|(?:such as|like) the following(?: ones?)?|as (?:shown )?below)\s*$", re.IGNORECASE)


def clip(text: str, limit: int) -> str:
    """One line of about ``limit`` characters, cut with an ellipsis at a word outside code spans; a code span
    left open (a lone backtick) is closed."""
    text = clip_words(" ".join(_CONTROL.sub(" ", text).split()), limit - 1)
    return text + "`" if text.count("`") % 2 else text


def _joined(lines: list[str]) -> str:
    """Lines as one: a wrapped line runs on; a short line before a capital letter ends its sentence."""
    out = lines[0]
    for previous, line in zip(lines, lines[1:]):
        ends = len(previous) < _WRAPPED_LINE and line[:1].isupper() and not previous.endswith(tuple(".!?:;,"))
        out += (". " if ends else " ") + line
    return out


def _continues(lines: list[str]) -> bool:
    """The last line carries on the sentence of the line before (``causing the file`` / ``to fail parsing:``):
    the end of a statement introducing a block, not a label such as ``Refs:``."""
    last = lines[-1].strip()
    return len(lines) > 1 and last[:1].islower() and not lines[-2].rstrip().endswith((".", "!", "?", ":"))


#: a line ending on the word a link goes on from ("the settings recommended at", "as described in", "see")
_ASKS_FOR_LINK = re.compile(r"\b(?:at|in|on|from|see|via|here|to|under)\s*:?$", re.I)
_BARE_URL = re.compile(r"^https?://\S+$")


def _url_ends_sentence(before: list[str], line: str) -> bool:
    """A bare address on its own line that ends the sentence of the line before it ("... recommended at" /
    ``https://...``): left out, the sentence ends on "at"."""
    return bool(before) and bool(_BARE_URL.match(line.strip())) and bool(_ASKS_FOR_LINK.search(before[0].strip()))


def _bullet_text(line: str) -> str:
    bullet = R.BULLET_RE.match(line)
    return (bullet.group("text") if bullet else line).strip()


_SQUASHED_TITLE = re.compile(r"^\* \S")


def squashed_commit_list(body: str) -> bool:
    """GitHub's squash merge body: the branch's commit titles as ``* title`` lines, each a paragraph of its own
    (two or more; an author's own list has its items on consecutive lines); or the branch's ``git log`` pasted
    whole (``commit <sha>`` / ``Author:`` / ``Date:`` headers, each over an indented title)."""
    if _GIT_LOG_HEADER.match(body.strip().split("\n", 1)[0]) and re.search(r"^Author:\s", body, re.MULTILINE):
        return True
    blocks = [block.strip().splitlines() for block in re.split(r"\n\s*\n", body.strip()) if block.strip()]
    titles = [lines for lines in blocks if len(lines) == 1 and _SQUASHED_TITLE.match(lines[0])]
    return len(titles) >= 2 and bool(blocks) and _SQUASHED_TITLE.match(blocks[0][0]) is not None


#: a sentence that only points at what comes after it ("Add the following APIs:", "Follow up to #47 with the
#: following changes."): without the list or code it announces, it says nothing of them
_ANNOUNCES = re.compile(r"\bthe following(?: [\w-]+){0,3}\s*[:.]?$", re.I)


def _introduces_list(block: str, following: list[str]) -> bool:
    """A paragraph of one line ending in a colon (or pointing at "the following changes.") with a list as the next
    paragraph: it announces the list."""
    lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
    first = next((ln for ln in (following[0].splitlines() if following else []) if ln.strip()), "")
    return len(lines) == 1 and (lines[0].endswith(":") or bool(_ANNOUNCES.search(lines[0]))) \
        and R.BULLET_RE.match(first) is not None


def _indented_code(block: str) -> bool:
    """A paragraph whose every line is indented four spaces or more, none a list item: Markdown's code block."""
    lines = [ln for ln in block.splitlines() if ln.strip()]
    return bool(lines) and all(_indent(ln) >= 4 and not R.BULLET_RE.match(ln) for ln in lines)


def _introduces_code(block: str, following: list[str]) -> bool:
    """A paragraph of one line that only announces the indented code after it ("Add the following APIs:" over
    ``type Invoker``, ``func Close(io.Closer) Invoker``): with the code left out, nothing is said."""
    lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
    return len(lines) == 1 and lines[0].endswith(":") and bool(_ANNOUNCES.search(lines[0])) \
        and bool(following) and _indented_code(following[0])


def _section_heads(blocks: list[str]) -> list[str]:
    """The numbered or bulleted one-line headings of the paragraphs after a lead, each followed by its own
    explanation ("1. Broken 32 bit support", a paragraph, "2. Edge case protection", ...); none unless the first
    paragraph after the lead is one."""
    heads = []
    for block in blocks:
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        bullet = R.BULLET_RE.match(lines[0]) if len(lines) == 1 else None
        if bullet:
            heads.append(bullet.group("text").strip())
        elif not heads:
            return []
    return heads


def _table_rows(block: str) -> list[str]:
    """A Markdown table (a dependency bot's "| Package | Change |", rows wrapped over lines) said row by row:
    each row's cells that have words (badges, empty and one-word type cells left out), joined by a space."""
    text = unlinked(_MD_IMAGE.sub("\0", " ".join(block.split())))
    cells = [_LINK_NOTE.sub("", c).strip() for c in text.strip().strip("|").split("|")]
    cells = [c for c in cells if c]  # an empty cell is where a wrapped row ends and the next begins
    rule = next((i for i, c in enumerate(cells) if _TABLE_RULE.match(c)), None)
    if not rule:
        return []
    width = rule
    while width < len(cells) and _TABLE_RULE.match(cells[width]):
        width += 1
    head, body = [c.lower() for c in cells[:rule]], cells[width:]
    rows = [body[i:i + len(head)] for i in range(0, len(body), len(head))]
    return [" ".join(c for c, h in zip(row, head) if c != "\0" and h not in _TABLE_NOISE) for row in rows]


#: a lead-in announcing how the bug showed, not what the change does ("The following scenario would previously
#: fail:", "Steps to reproduce:"): the list after it traces the failure (thread by thread, step by step)
_REPRO_LEAD = re.compile(r"(?:\bscenario\b|\bsteps to reproduce\b|\bto reproduce\b|\breproduc(?:tion|er)\b"
                         r"|\b(?:would|used to)(?: previously)? (?:fail|crash|hang|deadlock|loop)\w*)[^:]*:$", re.I)


#: a paragraph wholly in parentheses, none inside: the author's aside
_ASIDE = re.compile(r"^\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)\.?$", re.S)
_URL = re.compile(r"https?://\S+")
#: a paragraph that thanks someone and says no more ("Thanks to kak@ in <link> for adding these tests!"): credit,
#: not what the change does: one sentence that names whom (``@ann``) or what for (``for the report``), so "Thanks to
#: the new parser, the cache now ..." explaining the change is kept
_THANKS = re.compile(r"^(?:many |special |big )?(?:thanks|thank you|kudos|credit|props|shout-?out)\b"
                     r"(?=[^.!?\n]*(?:\bfor\b|@))[^.!?\n]*[.!?]*$", re.I)


def _trailer_block(block: str) -> bool:
    """A last paragraph of ``Token: value`` lines, one of them a trailer git or a review tool writes (``PR-URL: ..``,
    ``Credit: @ann``, ``Close: #385``, ``Reviewed-by: @bob``): the whole paragraph is the record, not the change."""
    lines = [ln for ln in block.splitlines() if ln.strip()]
    return len(lines) > 1 and all(_TOKEN_LINE.match(ln) for ln in lines) and any(
        R.TRAILER_RE.match(ln) or _HYPHENATED_TRAILER.match(ln) for ln in lines)


#: git's note of a merge or cherry-pick that stopped on conflicts: ``Conflicts:`` over the files, one an indented
#: line (``#``-commented by newer git): where the merge conflicted, not what the change does
_CONFLICTS = re.compile(r"^#?[ \t]*Conflicts:[ \t]*(?:\n#?[ \t]+[\w./+@-]+[ \t]*)+$")
_CONFLICTS_NOTE = re.compile(r"^#?[ \t]*Conflicts:[ \t]*(?:\n#?[ \t]+[\w./+@-]+[ \t]*)+$\n?", re.MULTILINE)


def without_conflicts(body: str) -> str:
    """``body`` less git's ``Conflicts:`` note: a merge whose body is only that note has no title there to read
    (``Merge branch 'old_textedit' into working`` / ``Conflicts:`` / ``stb_textedit.h`` titled "Conflicts:")."""
    return _CONFLICTS_NOTE.sub("", body)


#: a rule line: ``-------------``, ``=====``, ``___``
_RULE_LINE = re.compile(r"^\s*(?:-{3,}|={3,}|_{3,})\s*$")


def _without_footer(block: str) -> str:
    """The last paragraph up to a rule line under which a tool wrote its record: a trailer follows the rule
    (``-------------`` / ``Created by MOE: https://github.com/google/moe`` / ``MOE_MIGRATED_REVID=272934125``): the
    lines under it name the tool that exported the commit, not the change."""
    lines = block.splitlines()
    for i, line in enumerate(lines):
        if _RULE_LINE.match(line) and any(
                R.TRAILER_RE.match(ln) or _HYPHENATED_TRAILER.match(ln) or _KEY_VALUE_TRAILER.match(ln)
                for ln in lines[i + 1:]):
            return "\n".join(lines[:i])
    return block


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _opens_list(block: str) -> bool:
    return R.BULLET_RE.match(block.strip().split("\n", 1)[0]) is not None


#: a paragraph that opens on how things stand before the change ("Today, the field order in swagger.json files is
#: consistent ..."): the problem's background, not what the change does
_STATUS_QUO = re.compile(
    r"^(?:today|currently|at the moment|right now|at present|presently|as of now|as it stands)\b,?", re.I)
#: a paragraph that opens on what the change does ("This commit uses yaml.Node ...", "This PR adds ...")
_THIS_CHANGE = re.compile(r"^(?:this|the)\s+(?:commit|pr|pull request|change|changeset|patch|mr|merge request)\s+"
                          r"(?!(?:is|was|has been)\b)\w+", re.I)


def _past_background(blocks: list[str]) -> list[str]:
    """``blocks`` from the paragraph saying what the change does when the first paragraph only sets out how things
    stand today and a later one opens "This commit ..." (the background and the problem it leads to are left)."""
    if not blocks or not _STATUS_QUO.match(blocks[0].strip()):
        return blocks
    later = next((i for i, block in enumerate(blocks[1:], 1) if _THIS_CHANGE.match(block.strip())), None)
    return blocks[later:] if later is not None else blocks


#: a paragraph that is one commit's hash alone (the commit a sentence ending in a colon announces)
_COMMIT_ALONE = re.compile(r"^([0-9a-f]{7,40})\.?$")


def message_points(body: str, lead_in: str = "") -> list[str]:
    """The body's first paragraph that says something, unwrapped; a list in it gives one point per item.

    Trailers (Signed-off-by) and paragraphs of bare references (``Fixes #12``, a lone URL) are skipped;
    a line introducing the list ("Details:") is left out; an item wrapped onto further lines is one point; a fenced
    code example is none.
    A squash merge's list of its branch's commit titles says nothing of the change as a whole: no point, nor is a
    list a lead-in (the subject ``lead_in`` or a paragraph) announces as the failing scenario: how the bug showed.
    """
    if squashed_commit_list(body):
        return []
    blocks = re.split(r"\n\s*\n", _FENCED_BLOCK.sub("", body).strip())
    footless = _without_footer(blocks[-1])  # an export tool's footer: the paragraph above it is the last one
    blocks = _past_background(blocks[:-1] + ([footless] if footless.strip() else []))
    if lead_in and _REPRO_LEAD.search(lead_in.strip()) and blocks and _opens_list(blocks[0]):
        blocks = blocks[1:]  # the subject announced the failing scenario the first list traces
    retrace = shown = False
    for i, block in enumerate(blocks):
        if retrace and _opens_list(block):
            retrace = False
            continue  # the steps of the failing scenario a one-line paragraph announced
        retrace = False
        if _introduces_list(block, blocks[i + 1:i + 2]) or _BOT_TEMPLATE.match(block.strip()):
            retrace = bool(_REPRO_LEAD.search(block.strip()))
            continue  # "This PR has mainly done three things:" / blank line / "1. ...": the list is the point
        if _introduces_code(block, blocks[i + 1:i + 2]):
            shown = True
            continue  # "Add the following APIs:" and the code it shows: the paragraph after them says what they do
        shown = shown and _indented_code(block)
        if shown:
            continue  # the announced code, blank lines splitting it into paragraphs
        if _ASIDE.match(block.strip()) or _THANKS.match(" ".join(_URL.sub("", block).split())):
            continue  # "(This does not use the suggested code from the original PR, ...)": a remark, not the change
        if _tool_output(block) or _CONFLICTS.match(block.strip()):
            continue  # a compiler's or linter's diagnostic pasted as it printed: no words of the author's
        if block.lstrip().startswith("|"):
            rows = [clip(r, R.MAX_PARAGRAPH) for r in _table_rows(block) if r]
            if rows:
                return rows[:R.MAX_POINTS]
        last = i == len(blocks) - 1
        if last and _trailer_block(block):
            continue
        lines = [ln.rstrip() for ln in block.splitlines() if ln.strip() and not R.TRAILER_RE.match(ln)
                 and not _GIT_LOG_HEADER.match(ln.strip()) and not _EMPTY_NOTE.match(ln)
                 and not (last and (_HYPHENATED_TRAILER.match(ln) or _KEY_VALUE_TRAILER.match(ln)))]
        lines = [ln for j, ln in enumerate(lines)
                 if (not _REFERENCE_ONLY.match(_bullet_text(ln)) or _url_ends_sentence(lines[j - 1:j], ln))
                 and not _TEMPLATE_LINE.match(ln.strip())
                 and _WORDED.search(ln)]  # a rule (``---------`` before a squash's trailers) says nothing
        while lines and _LABEL_ONLY.match(lines[-1].strip()) and not _continues(lines):
            lines.pop()  # "Refs:" whose references were left out
        if not lines:
            continue
        lead: list[str] = []
        items: list[list[str]] = []
        depths = [_indent(ln) for ln in lines if R.BULLET_RE.match(ln)]
        top, nested, parent = min(depths, default=0), False, None
        for line in lines:
            bullet = R.BULLET_RE.match(line)
            deeper = bullet is not None and _indent(line) >= top + 2
            if deeper and parent is not None and not parent[-1].endswith(":"):
                nested = True  # "  - I'm confused that I still see a warning ...": the item's detail, not a point
            elif bullet:
                nested = False
                items.append([bullet.group("text").strip()])
                if not deeper:
                    parent = items[-1]  # a sub-list under "- Changes:" is what the item announces: its points
            elif nested:
                continue  # the nested item wrapped onto the next line
            elif items:
                items[-1].append(line.strip())  # the item wrapped onto the next line
            else:
                lead.append(line.strip())
        if items and lead and _REPRO_LEAD.search(lead[-1]):
            continue  # "The following scenario would previously fail:" and its steps: how the bug showed
        if (items and lead and _UNFINISHED.search(lead[-1])
                and all(item[0][:1].islower() for item in items)):
            # "Add a new `-l` option ... This can be used in order to:" and items that only finish its sentence
            # ("see symlink targets (#482)"): one point, the sentence and its ends, not fragments on their own
            point = f"{_joined(lead)} {'; '.join(_joined(item).rstrip('.;') for item in items)}."
            return [clip(unlinked(point), R.MAX_PARAGRAPH)]
        if items and lead and lead[-1].endswith(":"):
            lead = []
        if items and not lead and all(_CHECKBOX.match(item[0]) for item in items):
            continue  # a pull request template's checklist ("- [x] Tests exist or have been written"): boxes ticked
        heads = _section_heads(blocks[i + 1:]) if lead and not items and lead[-1].endswith(":") else []
        if len(heads) >= 2:  # "... introduced three issues:" and a heading per issue, each with its paragraph
            return [clip(unlinked(p), R.MAX_PARAGRAPH) for p in [_joined(lead), *heads][:R.MAX_POINTS]]
        announced = bool(lead) and not items and lead[-1].endswith(":")
        if announced and blocks[i + 1:i + 2] and _opens_list(blocks[i + 1]):
            said = _before_announcement(_joined(lead))
            if said:  # "... one vector per iteration. Two costs:" and the list: the sentences before it say it
                lead, announced = [said], False
        if lead and not items:  # a sentence introducing a quoted block left out ("... to fail parsing:")
            named = _COMMIT_ALONE.match(blocks[i + 1].strip()) if lead[-1].endswith(":") and i + 1 < len(blocks) \
                else None
            # "This partially reverts the recent commit:" over a paragraph of its hash: which commit, not "the"
            lead[-1] = lead[-1].rstrip(":") + (f" {named.group(1)[:7]}" if named else "")
            bare = _EXAMPLE_LEAD_IN.sub("", lead[-1])
            if bare != lead[-1] and bare:  # "..., e.g.:" announced the example left out: the sentence ends before
                # (a sentence of its own, "... with the error. For example:", already ends: "error.." said no more)
                lead[-1] = bare if bare.rstrip().endswith((".", "!", "?")) else bare + "."
        points = ([_joined(lead)] if lead else []) + [_joined(item) for item in items]
        if announced and _POINTING.search(points[0]):  # "built like so on a ubuntu machine:": the example is left out
            points[0] = _POINTING.sub("", points[0]).rstrip(".") + "."
        # reStructuredText roles (``:meth:`.Operations.f```) said as the changelog's are: a Markdown digest shows no
        # ``:meth:`` before the name
        return [clip(unlinked(_RST_ROLE.sub(_role_text, p)), R.MAX_PARAGRAPH) for p in points[:R.MAX_POINTS]]
    return []


#: a sentence its list finishes: it stops on a word that needs what follows ("This can be used in order to:",
#: "The fix consists of:"), not a label ("Changes:")
_UNFINISHED = re.compile(r"\s(?:to|by|for|of|can|will|would|that|with|in)\s*:$")


def _before_announcement(paragraph: str) -> str | None:
    """The sentences of ``paragraph`` before its last, which announces a list (ends in a colon); None when the
    announcement is the whole paragraph."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z`])", paragraph.strip())
    return " ".join(sentences[:-1]) if len(sentences) > 1 and sentences[-1].endswith(":") else None


#: a task-list item: ``[x] Tests exist``, ``[ ] Docs updated``
_CHECKBOX = re.compile(r"^\[[ xX]\]\s")

#: a diagnostic's first line as compilers and linters print it: ``warning: ...``, ``error[E0308]: ...``
_DIAGNOSTIC = re.compile(r"^(?:warning|error|note)(?:\[[\w-]+\])?: \S")


#: a benchmark runner's report as it printed: hyperfine's "Benchmark #1: <command>" over its "Time (mean ± σ):" line,
#: or its "Summary" over "'<command>' ran"
_BENCHMARK_REPORT = re.compile(r"^Benchmark(?: #?\d+)?: .*\n\s*Time \(mean|^Summary\s*\n.*\bran\s*$", re.M)


def _tool_output(block: str) -> bool:
    """A pasted diagnostic: its ``warning:``/``error:`` line, then the ``--> file:line:col`` pointer under it; or a
    benchmark runner's report (hyperfine's), which the performance insight reads."""
    lines = block.strip().splitlines()
    pointer = any(ln.lstrip().startswith("--> ") for ln in lines[1:4])
    return bool(lines) and (bool(_DIAGNOSTIC.match(lines[0])) and pointer
                            or bool(_BENCHMARK_REPORT.match(block.strip())))


#: an XML changelog's markup (Maven's ``changes.xml``: ``<action type="fix" dev="...">``, ``<!-- FIX -->``)
_XML_MARKUP = re.compile(r"<!--.*?-->|</?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>")

#: a tag the fact's text was cut in (``<action type="fix" due-to="Sai…``)
_CUT_TAG = re.compile(r"<[^<>]*…$")


def _markup_text(entry: str) -> str:
    """An entry of an XML changelog said by its first element's text alone (its words, not its tags and
    attributes); an entry that does not open with markup is left as written (``List<T>`` stays)."""
    if not entry.lstrip().startswith("<"):
        return entry
    for element in re.split(r"</[A-Za-z][\w:.-]*\s*>", _CUT_TAG.sub("", entry)):
        text = " ".join(_XML_MARKUP.sub(" ", element).split())
        if len(text.split()) >= 3:  # the first element that says something: one entry, not the file's run of them
            return text
    return ""


#: a Markdown backslash escape of punctuation (``[\#400](..)`` as github_changelog_generator writes an issue's
#: number, ``\_``, ``\*``): the character it stands for; a code span's backslashes are its text and stay
_MD_ESCAPE = re.compile(r"(`[^`\n]*`)|\\([!-/:-@\[-`{-~])")


def _unescaped(text: str) -> str:
    return _MD_ESCAPE.sub(lambda m: m.group(1) or m.group(2), text) if "\\" in text else text


def _rst_link_words(match: re.Match) -> str:
    return match.group(1) + ("…" if match.group(0).endswith("…") else "")


def _without_refs(text: str) -> str:
    """``text`` without its ``:issue:`` and ``:pr:`` references, and without the parentheses that held only them."""
    return _ISSUE_REF.sub("", _REFS_ONLY.sub("", text))


def changelog_entries(facts: list[Fact]) -> list[str]:
    """The changelog lines a commit adds, joined into entries (a new entry at each bullet)."""
    entries: list[str] = []
    for fact in facts:
        text = (fact.text or "").strip()
        if fact.kind != "changelog_entry" or not text or set(text) <= set("-=~*^#") or _RELEASE_HEADING.match(text) \
                or _DATE_ONLY.match(text) or _SECTION_HEADING.match(text):
            continue
        if entries and (fact.text or "")[:1].isspace() and not _CHANGELOG_ITEM.match(text):
            entries[-1] += " " + text  # a wrapped line of the entry before
        else:
            entries.append(_CHANGELOG_ITEM.sub("", text))
    entries = [_CREDIT.sub("", _unescaped(_markup_text(e))) for e in entries]
    entries = [e for e in dict.fromkeys(entries) if not _DEPENDENCIES_UPDATED.match(unlinked(e))]
    cleaned = [_CUT_LINK.sub(r"\1…", unlinked(_CUT_ROLE.sub("", _RST_ROLE.sub(
        _role_text, _without_refs(_RST_LINK.sub(_rst_link_words, spell_advisories(e))))))).replace("``", "`")
               for e in entries]
    return [clip(e, R.MAX_PARAGRAPH) for e in cleaned if len(e.split()) >= 3 and not _LEAD_IN.match(e)]


#: a label that only led in to the references taken out of it (towncrier's ``*Related issues and pull requests on
#: GitHub:* :issue:`659`.``): no words about the change are left
_LEAD_IN = re.compile(r"^\s*[*_]+[^*_]+:[*_]+\s*[.:]?\s*$")
