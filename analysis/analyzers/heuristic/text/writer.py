"""The heuristic's prose, written only from ``Evidence``: a dimension with nothing derived stays empty."""

from __future__ import annotations

import re
from collections import defaultdict

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.api.py2_aliases import py2_alias
from analysis.analyzers.heuristic.api.rust_modules import public_modules_gone
from analysis.analyzers.heuristic.code.behaviour.dispatch_cases import literal_cases_dropped
from analysis.analyzers.heuristic.code.behaviour.guards import added_guards
from analysis.analyzers.heuristic.code.behaviour.locks import locks_added
from analysis.analyzers.heuristic.code.callers_only import callers_only
from analysis.analyzers.heuristic.code.hunks import renamed_identifiers
from analysis.analyzers.heuristic.code.named.keyed_values import keyed_values
from analysis.analyzers.heuristic.code.named.table_entries import table_entries
from analysis.analyzers.heuristic.code.named.trait_impls import derive_swaps, trait_impls
from analysis.analyzers.heuristic.code.same_day_churn import churned_back
from analysis.analyzers.heuristic.config.charts.chart_notes import chart_notes, is_chart_notes
from analysis.analyzers.heuristic.config.charts.chart_values import values_read_anew
from analysis.analyzers.heuristic.declared import advisory_merge
from analysis.analyzers.heuristic.evidence import Evidence
from analysis.analyzers.heuristic.judge import reformatted
from analysis.analyzers.heuristic.message import MERGE_TITLE, clip, message_points
from analysis.analyzers.heuristic.noticed import SHAPE_PARTS, base_change, field_default, noticed_parts
from analysis.analyzers.heuristic.text.code_comments import MAX_QUOTE, added_explanation
from analysis.analyzers.heuristic.text.default_exports import api_name, split_defaults
from analysis.analyzers.heuristic.text.dependency_lines import DependencyLines, optional_peer
from analysis.analyzers.heuristic.text.deprecations import marked_deprecated
from analysis.analyzers.heuristic.text.file_lines import FileLines
from analysis.analyzers.heuristic.text.impact_lines import ImpactLines
from analysis.analyzers.heuristic.text.phrases import PHRASES
from analysis.analyzers.heuristic.text.spans import TINY_CHARS as _TINY_CHARS
from analysis.analyzers.heuristic.text.spans import TINY_LINES as _TINY_LINES
from analysis.analyzers.heuristic.text.spans import code, code_pair, pinned
from analysis.analyzers.signatures import SignatureDelta, annotated_only, compare
from analysis.analyzers.symbol_groups import grouped, renames_in, shortened
from analysis.facts.code.hunk_symbols import code_family, code_part
from analysis.facts.config import split_last
from analysis.facts.config_moves import MOVED_FROM, MOVED_TO
from analysis.facts.languages import MANIFESTS, is_header
from analysis.facts.patches import parse_patch
from analysis.models import Fact, FileChange
from analysis.zh_text import tidy_spacing


def raise_keyword(path: str) -> str:
    """The statement that throws an exception in the language of ``path``: Python's ``raise``, Rust's ``panic!``
    and Go's ``panic`` (what the facts count there), else ``throw``."""
    return "raise" if path.endswith((".py", ".pyi")) else "panic!" if path.endswith(".rs") else \
        "panic" if path.endswith(".go") else "throw"


_DEFAULTY = ("values.yaml", "values.yml", "defaults", "default")


def _unprefixed(version: str) -> str:
    """A version without the ``v`` a Go module's tag carries (``v0.8.0`` -> ``0.8.0``), as release notes write it."""
    return version[1:] if version[:1] in "vV" and version[1:2].isdigit() else version


#: a release note's key (Google's ``RELNOTES="..."``, ``Release note: ...``), the note quoted or not
_RELEASE_NOTE_KEY = re.compile(r"^\s*(?:relnotes?|release[ _-]?notes?)\s*[:=]\s*([\"']?)(?P<note>.*?)\1\s*$", re.I)


def _bare(text: str) -> str:
    """A title or point without its conventional prefix or release note key, pull request number and final period,
    lower-cased (``RELNOTES="Prevent stack overflow."`` under that title is the title again)."""
    note = _RELEASE_NOTE_KEY.match(text)
    text = R.PREFIX_RE.sub("", note.group("note") if note else text, count=1)
    return re.sub(r"\s*\(#\d+\)\s*$", "", text).strip().rstrip(".").lower()


#: an issue tracker's key leading a subject (``[LANG-1833] Handle ...``, ``[#12] ...``), as release notes leave it out
_TRACKER_KEY = re.compile(r"^\[(?:[a-z][a-z0-9_]*-\d+|#\d+)\]\s*")


#: a message paragraph this long or longer that a changelog entry holds word for word is left to the entry
_QUOTED_WORDS = 6
#: changed lines a test file needs to be named beside a dependency or key change (more than a snapshot's line or two)
_SIDE_TEST_LINES = 10


def _flat(text: str) -> str:
    """``text`` lower-cased with no code-span marks and its spacing collapsed: a message's ````x```` and a
    changelog's ```x``` read alike."""
    return " ".join(_unreferenced(text).replace("`", "").split())


def _words(text: str) -> str:
    """``text``'s words, lower-cased, one space between: punctuation and references aside."""
    return " ".join(re.findall(r"[^\W_]+", _unreferenced(text).lower()))


def _quotes_words(point: str, entry: str) -> bool:
    """``point`` says the changelog ``entry`` word for word, whatever the punctuation between (a list's items the
    entry joins with ". " and the point with "; "), the entry's last word left aside when it was cut short."""
    words = _words(entry).split()
    if entry.rstrip().endswith("…"):
        words = words[:-1]
    if len(words) < _QUOTED_WORDS:  # a short entry only as a whole part of the point ("see symlink targets (#482)"
        # between the point's "; "), not a phrase that happens to recur in it
        return bool(words) and " ".join(words) in {_words(part) for part in re.split(r"[;:]\s|\.\s", point)}
    return f" {' '.join(words)} " in f" {_words(point)} "


#: a list item's marker opening a subject (``- Added a routine ...``, the first of the message's items)
_LIST_MARK = re.compile(r"^\s*[-*•+]\s+(?=\S)")


def _unreferenced(text: str) -> str:
    """``_bare`` with no pull request or issue number anywhere (``[LANG-7] ... bytes (#742).`` is ``... bytes``)."""
    return " ".join(re.sub(r"\(#\d+\)", " ", _TRACKER_KEY.sub("", _bare(text))).split()).rstrip(".")


#: a list item that is only a name in a code span, perhaps qualified by a short phrase ("on non-WASM targets"); not
#: a sentence about it ("`fetch()` retries twice")
_NAME_ITEM = re.compile(r"^`[^`]+`(?:\s+(?:on|in|for|from|of|with|under|when|if|only|and)\b(?:\s+[^\s`]+){0,3})?$", re.IGNORECASE)


def _subject(text: str) -> bool:
    """``fix(types): ...``: a commit subject, as squash merges list them in the body."""
    match = R.PREFIX_RE.match(text)
    return bool(match) and match.group("type").lower() in R.PREFIX_TYPES


#: the comment markers that open a commented-out line (``//``, ``#``, ``--``, ``/*`` ... ``*/``, ``;``)
#: a rewrite of at most this many code lines (braces aside), each side at most this long, is quoted whole
_BLOCK_LINES, _BLOCK_CHARS = 5, 130
#: a line a statement goes on from (``x =``, ``a &&``, an argument's ``,``): not a whole statement to quote
_OPEN_END = re.compile(r"(?:[=+\-*/%&|^<>.,?\\]|=>|->)\s*$")
#: a control statement's head with no brace (``if (x)``, ``} else``): the next line is the statement it guards
_CONTROL_HEAD = re.compile(r"^(?:}\s*)?(?:if|for|while|else(?:\s+if)?|elif)\b.*(?:\)|else)$")
_EMPTY_BLOCK = re.compile(r"(?:\)|\belse|\btry|\bdo)\s*{\s*}")
#: what a formatter changes: spacing, braces, statement ends
_LAYOUT = re.compile(r"[\s{};]")
_COMMENT_MARK = re.compile(r"^\s*(?://+|#+|--+|/\*+|;+)\s?|\s*\*+/\s*$")
#: the name a field line declares (Go's ``AllowAtomic bool `json:...```, Rust's ``pub timeout: u64,``)
_FIELD_NAME = re.compile(r"^(?:pub(?:\([^)]*\))?\s+)?([A-Za-z_]\w*)\s*:?\s+\S")

#: a subject cut after a word no sentence ends on ("... from `combinations` and"): its next line goes on with it
def _named_once(names: list[str]) -> list[str]:
    """``shortened`` names, but a constructor (``HelpFormatter.HelpFormatter``: a member named as its owner) keeps its
    owner: cut to ``HelpFormatter`` it reads as the class, named twice when the class is listed too."""
    unique = list(dict.fromkeys(n for n in names if n))
    owners = list(dict.fromkeys(split_last(n)[0] for n in unique))
    ordered = sorted(unique, key=lambda n: owners.index(split_last(n)[0]))  # ``shortened``'s order
    return [full if short != full and short == split_last(split_last(full)[0])[1] else short
            for short, full in zip(shortened(unique), ordered)]


#: the symbol facts' word for overloads added to a name that keeps its others (none removed)
_OVERLOADS_ADDED = re.compile(r", adds \d+ overload signatures?$")
_C_HEADER = re.compile(r"\.(?:h|hh|hpp|hxx|h\+\+|inl|ipp)$", re.IGNORECASE)
_OVERLOADS_MANY = re.compile(r", adds (?:[2-9]|\d\d+) overload signatures$")
#: overload signatures a name loses while it stays defined (TS ``function f(a: string): T;`` deleted above the
#: implementation): calls typed against them no longer compile
_OVERLOADS_REMOVED = re.compile(r"removes (\d+) overload signatures?$")
#: a lower-case paragraph opening on a word that goes on with the sentence before it ("to encode any type", "so
#: that x", "for y", "when z"): the title's purpose or condition
_CONTINUATION = re.compile(r"^(?:to|so|for|when|whenever|because|since|which|in order to|otherwise|instead of|unless"
                           r"|if|while|without|by)\s+[a-z`]")
#: a subject ending on a word that needs what follows: a conjunction, a preposition, an article, or a verb that
#: takes its object on the next line ("… getPreviousAddress() now throws" / "IllegalStateException instead of …")
_DANGLING = re.compile(r"\b(?:and|or|to|of|for|from|with|in|on|by|as|the|a|an|into|that|when|than|via|using"
                       r"|throws|returns|extends|implements|accepts|raises)$", re.IGNORECASE)


class Writer(FileLines, ImpactLines, DependencyLines):
    """Writes summary, impact, insights, risks and recommendations in one language."""

    def __init__(self, evidence: Evidence, change_type: str, lang: str, importance: str = "medium"):
        self.e = evidence
        self.change_type = change_type
        self.importance = importance
        self.lang = "zh" if lang.lower().startswith("zh") else "en"
        self.p = PHRASES[self.lang]

    def t(self, phrase: str, **kw) -> str:
        text = self.p[phrase].format(**kw)
        return tidy_spacing(text) if self.lang == "zh" else text

    def names(self, items: list[str], limit: int = R.MAX_LISTED, wrap: bool = True, width: int = R.MAX_SYMBOL) -> str:
        # two long names cut to the same text are one name to the reader
        items = list(dict.fromkeys(code(i, width) if wrap else clip(i, R.MAX_PATH) for i in items if i))
        shown = items[:limit]
        text = self.p["sep"].join(shown)
        return self.t("more", items=text, n=len(items) - limit, total=len(items)) if len(items) > limit else text

    # --- summary --------------------------------------------------------------------------

    def symbols(self, names: list[str], limit: int = R.MAX_LISTED) -> str:
        """One group's symbols, an owner named once (``SyncClient.request``, ``post``), cut at ``limit``."""
        files, names = split_defaults(names)
        items = [self.t("default_export", path=code(p, R.MAX_PATH)) for p in files] + [code(n) for n in _named_once(names)]
        text = self.p["sep"].join(items[:limit])
        return self.t("more", items=text, n=len(items) - limit, total=len(items)) if len(items) > limit else text

    def _t(self, phrase: str, plural: bool, **kw) -> str:
        """``phrase`` in its plural form (``gain`` for ``gains``) when several symbols share it."""
        return self.t(f"{phrase}_pl" if plural else phrase, **kw)

    def changes(self, delta: SignatureDelta, fact: Fact, plural: bool = False) -> str:
        """How the signature changes; a rename only where the diff analyzer's text names one."""
        if annotated_only(delta, fact.path):  # one group for a typing commit's many functions, not one line each
            return self._t("annotated", plural)
        # a parameter named ``_`` (Rust's, Go's, Swift's unused one) is said by its type: "gains `_`" says nothing
        added, removed = ([p.text if p.name.strip("_") == "" and p.text else p.name for p in side]
                          for side in (delta.added, delta.removed))
        renamed = self.renamed(delta, fact)
        added = [n for n in added if n not in {b for _, b in renamed}]
        removed = [n for n in removed if n not in {a for a, _ in renamed}]
        parts = [self._t("renames", plural, old=code(a), new=code(b)) for a, b in renamed]
        if added:
            parts.append(self._t("gains", plural, names=self.names(added)))
        if removed:
            parts.append(self._t("loses", plural, names=self.names(removed)))
        if delta.keyword_only:
            parts.append(self._t("keyword_only", plural, names=self.names(delta.keyword_only)))
        if delta.positional_only:
            parts.append(self._t("positional_only", plural, names=self.names(delta.positional_only)))
        for name, old, new in delta.defaults:  # a required parameter given a default becomes optional
            key = "default_gained" if old is None and new is not None else "default"
            parts.append(self.t(key, name=code(name), old=code(old or "—"), new=code(new or "—")))
        for name, old in delta.unwritten:
            parts.append(self.t("unwritten", name=code(name), old=code(old)))
        for old, new in delta.retypes[:3]:
            parts.append(self.t("retyped", old=code(old), new=code(new)))
        if delta.returns:
            old, new = delta.returns
            key = "returns_gained" if old == "—" else "returns_lost" if new == "—" else "returns"
            parts.append(self._t(key, plural, old=code(old), new=code(new)))
        if not parts:
            parts.append(self.t("retyped", old=code(fact.before, 120), new=code(fact.after, 120)))
        return self.p["sep"].join(parts)

    @staticmethod
    def renamed(delta: SignatureDelta, fact: Fact) -> list[tuple[str, str]]:
        """The (old, new) parameters the diff analyzer's text calls renamed, when the delta agrees."""
        added, removed = {p.name for p in delta.added}, {p.name for p in delta.removed}
        return [(a, b) for a, b in renames_in(fact.text) if a in removed and b in added]

    def broken_params(self) -> tuple[list[tuple[str, str]], list[str]]:
        """Across the breaking public signature changes: the parameters renamed, and every old name callers lose."""
        renamed, lost = [], []
        for fact, delta in self.e.signature_deltas:
            if delta.breaking and not self.e.unreleased(fact):  # the day's earlier change added it: unreleased
                renamed += self.renamed(delta, fact)
                lost += [p.name for p in delta.removed]
        return list(dict.fromkeys(renamed)), list(dict.fromkeys(lost))

    def signature_groups(self, skip_cosmetic: bool = False) -> list[tuple[list[str], bool, str]]:
        """Public signature changes, symbols changing the same way in one group: (symbols, breaking, changes)."""
        pairs = [(f, d) for f, d in self.e.signature_deltas if not (skip_cosmetic and f.path in self.e.cosmetic)]
        # a C++ declaration in a header and its definition in a source file changed alike: the header's, which
        # callers include, says it once (not again with the definition's parameter names)
        declared = {f.symbol for f, _ in pairs if is_header(f.path)}
        pairs = [(f, d) for f, d in pairs if is_header(f.path) or f.symbol not in declared
                 or code_family(f.path) != "c"]
        out = []

        def breaks(fact: Fact, delta: SignatureDelta) -> bool:
            return delta.breaking and not self.e.unreleased(fact)  # added earlier the same day: no release had it

        for group in grouped(pairs, key=lambda pair: f"{breaks(*pair)}|{self.changes(pair[1], pair[0])}"):
            fact, delta = group[0]
            out.append(([f.symbol for f, _ in group], breaks(fact, delta),
                        # one name in many files (``check`` of every rule module) is one name to the reader
                        self.changes(delta, fact, plural=len(_named_once([f.symbol for f, _ in group])) > 1)))
        return out

    def config_change(self, fact: Fact) -> str:
        defaulty = fact.path.lower().endswith(_DEFAULTY) or (fact.symbol or "").lower().endswith("default")
        key = "config_default" if defaulty and not (fact.symbol or "").lower().endswith("default") else "config_value"
        # the facts collapse spacing, so equal values that are not cut short (a structure clipped at the same
        # length reads equal too) differ in spacing alone
        if fact.before is not None and fact.before == fact.after and not fact.before.endswith("…"):
            return self.t("config_spacing", key=code(fact.symbol))
        return self.t(key, key=code(fact.symbol), old=code(pinned(fact.before) or "—"),
                      new=code(pinned(fact.after) or "—"))

    def summary(self) -> list[str]:
        e, out = self.e, []
        out += self.own_points()
        # the entry that is the title again (``* pref: enable strict mode`` under that very title, perhaps with its
        # names in backticks) tells nothing the heading does not, beside code that says the change (a commit of the
        # changelog alone is said by its entry)
        title = _unreferenced(e.title).replace("`", "")
        entries = [x for x in e.changelog[:R.MAX_CHANGELOG]
                   if not e.behaviour or _unreferenced(x).replace("`", "") != title]
        if len(entries) > 1 and entries[-1].endswith(":") and len(e.changelog) > len(entries):
            entries = entries[:-1]  # "... can still enable it by:" without the steps it leads in to, cut off here
        # an entry the message's point quotes at more length (the commit's words copied into the changelog, cut
        # shorter there) is said once, by the point
        spoken = [_flat(p) for p in out]
        entries = [x for x in entries if (len(x.split()) < _QUOTED_WORDS
                   or not any(len(flat) < len(p) and flat in p for flat in [_flat(x.rstrip("…"))] for p in spoken))
                   and not any(_quotes_words(p, x) for p in out)]
        if entries:  # the project's words, quoted under one lead rather than "Changelog:" before each line
            # (an entry cut short ends on its "…": a stop after it reads "no…." )
            ended = [x if x.endswith((".", "!", "?", ":", ";", "。", "…")) else x + "." for x in entries[:-1]]
            text = " ".join([*ended, entries[-1]])
            # a package's own changelog in a monorepo (``tower-retry/CHANGELOG.md``): which package it files the
            # entry for tells one crate's "Move to std::future" from the next
            owner = _changelog_package(e.of("changelog_entry"))
            # a paragraph of the message the changelog entry quotes whole ("Unlike a popup, a floating pane is not
            # modal; ...") is said once, in the entry
            quoted = _unreferenced(text).lower()
            out = [p for p in out
                   if len(p.split()) < _QUOTED_WORDS or _unreferenced(p.rstrip("…")).lower() not in quoted]
            out.append(self.t("changelog_of", path=code(owner), text=text) if owner else self.t("changelog", text=text))
        elif not out and (said := added_explanation(e.behaviour)):  # a title alone: the code's own words say why
            out.append(self.t("code_comment", path=code(said[0], R.MAX_PATH), text=clip(said[1], MAX_QUOTE)))
        out += self.what_changed()
        if churned := churned_back(e):  # a follow-up that takes back part of the day's unreleased lines
            out.append(self.t("churned_back", sha=self.names(list(churned), 2)))
        if not e.loaded:
            out.append(self.p["no_files"])
        elif not e.files:
            out.append(self.p["no_files_changed"])
        return out or [clip(e.title, R.MAX_TITLE)]

    def own_points(self) -> list[str]:
        """The message's points less a squashed commit's subject (``fix: ...``), the title again, or the merge line.
        A list of bare names (``- `ClientBuilder::trust_dns()` ``) is one point led by the title that says what
        happens to them ("remove long-deprecated methods: `a`; `b`")."""
        title = _bare(self.e.title)
        if advisory_merge(self.e):  # "Merge commit from fork": the squashed commits' subjects are all it says
            return [clip(m.group("text").strip(), R.MAX_PARAGRAPH) for line in self.e.commit.body.splitlines()
                    if (m := R.BULLET_RE.match(line)) and _subject(m.group("text").strip())][:R.MAX_POINTS]
        points = [p for p in self.e.points if not _subject(p) and _bare(p) != title and not MERGE_TITLE.match(p)
                  and not self._restates_dependency(p)]
        if points and self._title_wrapped(points[0]):  # "... its byte buffer" / "on close.": one sentence
            # the title's sentence without its conventional prefix ("fix: "): the bullet reads as one sentence
            # (nor its list marker: a subject written as the first item, "- Added a routine by which ...")
            lead = R.PREFIX_RE.sub("", _LIST_MARK.sub("", self.e.title, count=1), count=1).strip() or self.e.title
            points[0] = clip(f"{lead} {points[0]}", R.MAX_PARAGRAPH)
            said = {_unreferenced(t) for t in (self.e.title, lead, *self.e.changelog)}
            if _unreferenced(points[0]) in said:
                points = points[1:]  # "(#742)." ended the title, or the changelog line quoted next says it
            if len(points) <= 1:  # the first paragraph was only the subject's tail: the next one says the change
                points += self._after_first_paragraph()
        if len(points) >= 2 and all(_NAME_ITEM.match(p) for p in points):
            lead = re.sub(r"\s*\(#\d+\)\s*$", "", R.PREFIX_RE.sub("", self.e.title, count=1)).strip().rstrip(".:")
            return [clip(self.t("named_items", lead=lead, items=self.p["sep"].join(points)), R.MAX_PARAGRAPH)]
        return points

    def _after_first_paragraph(self) -> list[str]:
        """The message's points after its first paragraph when that paragraph is one line (a wrapped subject's
        tail, "cleanly (#1757)."), less the merge line and squashed subjects, as ``own_points`` leaves them out."""
        blocks = re.split(r"\n\s*\n", self.e.body.strip(), maxsplit=1)
        if len(blocks) < 2 or "\n" in blocks[0].strip():
            return []
        return [p for p in message_points(blocks[1]) if not _subject(p) and not MERGE_TITLE.match(p)
                and not self._restates_dependency(p)]

    def _restates_dependency(self, point: str) -> bool:
        """A dependency bot's table row (``left-pad `^7.0.0` -> `^8.0.0` ``) says what a dependency fact the summary
        gives anyway says: the package and both its versions."""
        return any(d.symbol and d.before and d.after
                   and all(part in point for part in (d.symbol, _unprefixed(d.before), _unprefixed(d.after)))
                   for d in self.e.dependencies)  # "Bumps x from 0.7.3 to 0.8.0." says Go's ``v0.7.3`` -> ``v0.8.0``

    def _title_wrapped(self, point: str) -> bool:
        """The subject ran on to the message's second line (no blank line between, the line goes on in lower
        case or the subject ends on a word like "and", the subject ends with no stop): the point alone ("on close.")
        is the tail of the title's sentence. So is a first body paragraph after the blank line that opens in lower
        case on a word that carries the title's clause on ("to encode any type", "so that ...", "when ..."): the
        purpose or condition of the title's change, not a change of its own."""
        lines = self.e.commit.message.split("\n", 2)
        if self.e.title != self.e.commit.title or len(lines) < 2 or self.e.title.rstrip().endswith(
                (".", "!", "?", ":", ";")):
            return False
        if not lines[1].strip():  # a blank line: only a paragraph going on with a continuation word
            first = self.e.body.strip().split("\n", 1)[0].strip()
            return bool(first) and point.startswith(first[:20]) and bool(_CONTINUATION.match(point))
        return ((point[:1].islower() or point.startswith("(") or bool(_DANGLING.search(self.e.title.rstrip())))
                and point.startswith(lines[1].strip()[:20]))

    def what_changed(self) -> list[str]:
        e, out = self.e, []
        if reformatted(e):  # symbols "modified" by a formatter are the same code laid out anew
            laid_out = sorted((f for f in e.files if not e.classes[f.path] & {"doc", "lock"}), key=lambda f: -f.changes)
            if len(laid_out) == 1:  # "1 files ...; the largest" of one file
                return [self.t("reformatted_one", files=self.sizes([laid_out[0].path]))]
            return [self.t("reformatted", n=len(laid_out), files=self.sizes([f.path for f in laid_out]))]
        gone = self.folder_removed()
        if gone:
            said = self.t("folder_removed", path=code(gone[0], R.MAX_PATH), n=gone[1], lines=gone[2])
            return [said + (self.t("folder_note", note=gone[3]) if gone[3] else "")]
        out += self.option_lines()
        for path, names in self.modules_gone().items():
            out.append(self._t("modules_gone", len(names) > 1, names=self.names(names), path=code(path, R.MAX_PATH)))
        groups = self.signature_groups(skip_cosmetic=True)
        sigs = [self.t("sig_line", symbol=self.symbols(symbols), changes=changes) for symbols, _, changes in groups]
        # a symbol the naming convention calls internal (``_pytest``'s, re-exported by ``pytest``) whose parameters
        # callers must now name, or must not: said as a public one's would be
        keyword = [(f, d) for f in e.of("signature_changed") if e.in_product(f) and not e.is_public(f)
                   for d in [compare(f.before, f.after, f.path)] if d.keyword_only or d.positional_only]
        sigs += [self.t("sig_line", symbol=code(f.symbol), changes=self.changes(d, f)) for f, d in keyword]
        signed = {name for symbols, _, _ in groups for name in symbols} | {f.symbol for f, _ in keyword}
        if sigs:
            out.append(self.p["sig_join"].join(sigs[:R.MAX_LISTED]))
        out += [self.t("contract_line", symbol=code(f.symbol), changes=self.noticed(parts, f.path))
                for f, parts in e.contract_changes[:R.MAX_LISTED]]
        shaped = self.shaped()
        out += [self.t("contract_line", symbol=code(f.symbol), changes=self.noticed(parts, f.path, e.is_public(f)))
                for f, parts in shaped[:R.MAX_LISTED]]
        out += self.nullness_lines()
        out += [self._t("type_param_line", len(facts) > 1, symbols=self.symbols([f.symbol or "" for f in facts]),
                        name=code(name), default=code(default))
                for (name, default), facts in list(e.type_parameters_added.items())[:R.MAX_LISTED]]
        gone, arrived = e.exit_statuses
        if arrived:
            out.append(self.t("exit_line", new=self.names(arrived), old=self.names(gone)))
        for path, old, new in e.expectation_flips[:1]:
            out.append(self.t("flip_line", old=code(old), new=code(new), path=code(path, R.MAX_PATH)))
        # a Python 2 alias (``next`` beside ``__next__``) goes with no caller losing anything: not said as a removal
        gone = [f for f in e.of("symbol_removed") if e.is_public(f) and not py2_alias(e, f)]
        # a method that overrode its base's (or its trait's) removed: callers reach the inherited one under the same
        # name (``@Override public void f(x) { super.f(x); }`` dropped as useless), no public API goes
        # (not a Rust trait's method gone with the whole ``impl Trait for T``: no inherited one answers, the type
        # no longer implements the trait, and the call is gone with it)
        unimplemented = self.impls_dropped()
        overriding = [f for f in gone if _overriding(f) and not e.moved(f) and not e.default_constructor(f)
                      and (f.path, (f.symbol or "").rpartition("::")[0]) not in unimplemented]
        if overriding:
            gone = [f for f in gone if f not in overriding]
            out.append(self.t("overrides_dropped", names=self.symbols([f.symbol or "" for f in overriding])))
        # a JS class's constructor that the language's default (or the base's, which it only forwarded to) replaces:
        # the class stays constructible as before, no public API goes
        inherited = [f for f in gone if e.default_constructor(f)]
        if inherited:
            gone = [f for f in gone if f not in inherited]
            out.append(self._t("ctor_dropped", len(inherited) > 1,
                               names=self.symbols([(f.symbol or "").rpartition(".")[0] for f in inherited])))
        moved = {(f.symbol or "").split(".")[-1] for f in gone if e.moved(f)}
        arrived = [f for f in e.api_added if (f.symbol or "").split(".")[-1] in moved]
        swapped = _in_place([f for f in gone if not e.moved(f)], [f for f in e.api_added if f not in arrived])
        for old, new in swapped[:R.MAX_LISTED]:
            out.append(self.t("replaces", new=code(new.symbol), old=code(old.symbol)))
        replaced = [o for o, _ in swapped] + [n for _, n in swapped]
        removed = [api_name(f) for f in gone if not e.moved(f) and not any(f is r for r in replaced)]
        if removed:
            out.append(self.t("removed", names=self.symbols(removed)))
        by_change: dict[str, list[str]] = {}
        for f in e.unreleased_reworked:  # a branch's earlier commit of the day added it: no release had it
            by_change.setdefault(e.unreleased(f) or "", []).append(f.symbol or "")
        out += [self._t("added_earlier", len(set(names)) > 1, names=self.symbols(list(dict.fromkeys(names))),
                        sha=code(sha)) for sha, names in list(by_change.items())[:2]]
        for path in dict.fromkeys(f.path for f in arrived):
            out.append(self.t("moved", names=self.symbols([f.symbol for f in arrived if f.path == path]),
                              path=code(path, R.MAX_PATH)))
        added = [api_name(f) for f in e.api_added if f not in arrived and not any(f is r for r in replaced)]
        if added:
            out.append(self.t("added", names=self.symbols(added)))
        if e.api_widened:
            out.append(self.t("now_public", names=self.symbols([f.symbol for f in e.api_widened])))
        inner = _renamed_internal([f for f in e.of("symbol_removed") if e.in_product(f) and not e.is_public(f)],
                                  [f for f in e.of("symbol_added") if e.in_product(f) and not e.is_public(f)])
        if inner:
            pairs = dict.fromkeys((old.symbol, new.symbol) for old, new in inner)
            out.append(self.t("internal_renamed", pairs=self.p["sep"].join(
                self.t("renamed_pair", old=code(o), new=code(n)) for o, n in list(pairs)[:R.MAX_LISTED])))
        if e.api_deprecated:
            out.append(self.t("deprecated", names=self.symbols([f.symbol for f in e.api_deprecated])))
        # names no ``__all__`` lists that arrive as deprecated wrappers (an alias ``f = g`` made a function that warns
        # and calls ``g``): "Changes `isomorph.py`" said nothing of what the commit does to them
        wrappers = marked_deprecated(e.behaviour, [f.symbol for f in e.of("symbol_added")
                                                   if e.in_product(f) and not e.is_public(f) and f.symbol], "+")
        if wrappers:
            out.append(self.t("deprecated", names=self.symbols(wrappers)))
        # a public name given another overload beside those it keeps (a Java ``setShow(BiFunction)`` next to
        # ``setShow(boolean)``): said as one, not as the name "changed"
        # (not a C/C++ source file's: a definition there may be one its header already declared, ``= default``)
        overloaded = [f for f in e.of("symbol_modified") if e.in_product(f) and e.is_public(f)
                      and _OVERLOADS_ADDED.search(f.text or "")
                      and not (code_family(f.path) == "c" and not _C_HEADER.search(f.path))]
        if overloaded:
            out.append(self._t("overloads_added", any(_OVERLOADS_MANY.search(f.text or "") for f in overloaded)
                               or len(overloaded) > 1, names=self.symbols([f.symbol for f in overloaded])))
        narrowed = self.overloads_removed()
        if narrowed:
            many = any(int(_OVERLOADS_REMOVED.search(f.text or "").group(1)) > 1 for f in narrowed)
            out.append(self._t("overloads_removed", many or len(narrowed) > 1,
                               names=self.symbols([f.symbol for f in narrowed])))
        # (an internal function whose parameters change, its one caller updated beside it, is said as changed:
        # no signature line names it)
        unsaid = {f.symbol for f in e.of("signature_changed") if e.in_product(f) and not e.is_public(f)
                  and f.symbol not in signed}
        touched = {f.symbol for f in e.of("signature_changed", "symbol_removed", "symbol_added") + e.api_widened
                   + e.api_deprecated} - unsaid
        touched |= {f.symbol for f, _ in e.contract_changes} | {f.symbol for f, _ in shaped}
        touched |= {f.symbol for f in overloaded + narrowed}
        # one internal function's parameters change and every other line the commit changes is a call to it: the
        # signature is the change, said as such; the callers only follow it (``Debug`` passing one argument fewer
        # to ``logger.log``) and are not "changed" as it is
        followed = [f for f in e.of("signature_changed") if f.symbol in unsaid and len(unsaid) == 1
                    and callers_only(f, e.behaviour)]
        if followed:
            sig = followed[0]
            callers = list(dict.fromkeys(f.symbol for f in sorted(e.of("symbol_modified"), key=lambda f: not e.is_public(f))
                                         if e.in_product(f) and f.path not in e.cosmetic and f.symbol != sig.symbol))
            said = self.t("internal_sig", symbol=code(sig.symbol),
                          changes=self.changes(compare(sig.before, sig.after, sig.path), sig))
            out.append(said + (self.t("sig_callers", names=self.symbols(callers)) if callers else ""))
            touched |= {sig.symbol, *callers}
            unsaid = set()
        modified = sorted((f for f in e.of("symbol_modified") + [f for f in e.of("signature_changed")
                                                                  if f.symbol in unsaid]
                           if e.in_product(f) and f.symbol not in touched and f.path not in e.cosmetic),
                          key=lambda f: not e.is_public(f))
        renamed_to = {new.symbol for _, new in inner}
        helpers = [f.symbol for f in e.of("symbol_added") if e.in_product(f) and not e.is_public(f)
                   and f.symbol not in renamed_to]
        if modified and e.extracted_only and helpers:  # the lines of the modified symbols come back in the new helpers
            out.append(self.t("extracted", names=self.symbols(helpers), owners=self.symbols([f.symbol for f in modified])))
        elif modified and (renames := self.renames(modified)):
            out.append(self.t("renamed_in", pairs=renames, names=self.symbols([f.symbol for f in modified])))
        elif modified:
            # the files most changed first: fzf's 137-line ``tmux.go`` was cut as "(+2 more)" behind a 4-line one
            changes = {f.path: f.changes for f in e.files}
            # private functions the change adds beside them in the same files (cookie's ``startIndex``, ``endIndex``
            # that ``parse`` now calls): named, or "Changes `parse`" stands for lines that are new functions
            paths = {f.path for f in modified}
            # (a private overload of a public method the commit adds, Java's ``getAllMethods(type, overrides)``
            # beside the public ``getAllMethods(type, types, elements)``, is that method's: "Adds" names it)
            public = {f.symbol for f in e.of("symbol_added") if e.is_public(f)}
            beside = [f.symbol for f in e.of("symbol_added") if f.symbol in helpers and f.path in paths
                      and (f.text or "").startswith(("function", "method")) and f.symbol not in public]
            out.append(self.t("modified", names=self.symbols([f.symbol for f in modified]),
                              files=self.sizes(sorted(dict.fromkeys(f.path for f in modified),
                                                      key=lambda p: -changes.get(p, 0))))
                       + (self.t("helpers_beside", names=self.symbols(beside)) if beside else ""))
            out += self.defaults_grown(modified) or \
                self.values_set([f for f in e.behaviour if f.path in {m.path for m in modified}]) or \
                self.line_swapped(list(dict.fromkeys(f.path for f in modified))) or \
                [self.t("lines_swapped", pairs=swaps) for swaps in [self.two_swaps(
                    [f for f in e.behaviour if f.path in {m.path for m in modified}])] if swaps]
            changed_code = [f for f in e.behaviour if f.path in {m.path for m in modified}]
            out += self.guards_line(changed_code)
            out += [self.t("cases_dropped", path=code(path, R.MAX_PATH), values=self.names([f'"{v}"' for v in values]))
                    for path, values in literal_cases_dropped(changed_code, e.files).items()][:2]
            locks = locks_added(changed_code)
            if locks:
                out.append(self.t("locks_line", names=self.names(locks)))
        out += self.impl_lines()
        coded = bool(out)
        out += self.table_lines()  # beside the files' own lines, not instead of them
        out += [self.t("rbac_line" if n == 1 else "rbac_lines", path=code(path, R.MAX_PATH), verbs=self.names(verbs),
                       resources=self.names(resources), n=n)
                for path, verbs, resources, n in e.rbac_grants[:R.MAX_LISTED]]
        said = {(f.path, f.symbol) for f in e.of("config_value_changed")}  # ``package.rust-version``: the config lines say it
        out += [self.t("toolchain_line", key=code(m.key), old=code(m.before), new=code(m.after),
                       path=code(m.path, R.MAX_PATH)) for m in e.toolchain_raised[:R.MAX_LISTED]
                if (m.path, m.key) not in said]
        out += self.config_lines() + self.dependency_lines()
        if out and not coded:
            out += self.unnamed_files() or self.side_files()
        if out and self.cosmetic_weighty():  # docstrings rewritten across modules are a part of the change
            out += self.cosmetic_lines()
        if not out:  # beside a real change, a comment touched in passing is noise
            out += self.cosmetic_lines()
            if out and any(f.path not in e.cosmetic for f in e.files):
                # the files whose code or tests change lead; the comment-only ones follow
                out = self.file_lines(cosmetic_said=True) + out
        if not out:
            out += self.file_lines()
        return out

    def impls_dropped(self) -> set[tuple[str, str]]:
        """(path, type) of the Rust types whose file drops an ``impl Trait for Type`` whole (the trait not
        implemented anywhere in the commit any more)."""
        lost = set(trait_impls(self.e.behaviour)[1])
        return {(f.path, re.sub(r"<.*", "", type_).strip()) for f in self.e.behaviour if f.path.endswith(".rs")
                for trait, type_ in trait_impls([f])[1] if (trait, type_) in lost}

    def impl_lines(self) -> list[str]:
        """Traits a Rust type gains or loses, a type's traits in one line; traits one type loses and another gains
        (an iterator made generic) said as moved between them; a hand-written impl replaced by a derive (or the
        other way) said once, as the form that changed."""
        gained, lost = trait_impls(self.e.behaviour)
        lines: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for trait, type_, form in derive_swaps(self.e.behaviour):
            lines[("impl_derived" if form == "derive" else "impl_written", type_)].append(trait)
        # where each impl is: a type loses a trait to another in its own file, or in a file the commit adds or
        # removes (code moved); ``impl Future for Response`` new in one module is no stand-in for a handler's
        # response future dropped from another, and one impl lost stands for one gained, not for each of them
        sides = {f.path: (trait_impls([f]), f.status) for f in self.e.behaviour}

        def where(pair: tuple[str, str], gone: bool) -> tuple[str, str]:
            return next(((path, status) for path, ((new, old), status) in sides.items()
                         if pair in (old if gone else new)), ("", "modified"))

        taken: set[tuple[str, str]] = set()
        for trait, type_ in gained:
            at, status = where((trait, type_), False)
            # the trait as named on each side (``fmt::Debug`` lost, ``Debug`` gained beside ``use core::fmt::Debug``)
            candidates = [(tr, t) for tr, t in lost if tr.rpartition("::")[2] == trait.rpartition("::")[2]
                          and t != type_ and ("::" not in tr or "::" not in trait or tr == trait)
                          and (tr, t) not in taken]
            near = [c for c in candidates if where(c, True)[0] == at] or [
                c for c in candidates if "modified" not in (status, where(c, True)[1])]
            old = near[0][1] if near else None
            if near:
                taken.add(near[0])
            key = ("impl_moved", type_, old) if old else ("impl_added", type_)
            lines[key].append(trait)
        moved = {(trait, key[2]) for key, traits in lines.items() if key[0] == "impl_moved" for trait in traits}
        for trait, type_ in lost:
            if not any(t.rpartition("::")[2] == trait.rpartition("::")[2] and ty == type_ for t, ty in moved):
                lines[("impl_removed", type_)].append(trait)
        # the same traits implemented for several types (a strategy trait's ``Blocking`` and ``NonBlocking``) said
        # in one line, the types listed: one line per type repeats the trait for each
        types: dict[tuple[str, ...], list[str]] = {}
        keys: list[tuple[str, ...]] = []
        for key, traits in lines.items():
            if key[0] == "impl_added" and (same := ("impl_added", *traits)) in types:
                types[same].append(key[1])
                continue
            if key[0] == "impl_added":
                types[("impl_added", *traits)] = [key[1]]
            keys.append(key)
        out = [self.t(key[0], trait=self.names(lines[key]), old=code(key[2]) if len(key) > 2 else "",
                      type=self.names(types[("impl_added", *lines[key])]) if key[0] == "impl_added" else code(key[1]))
               for key in keys[:3]]
        # the one file the impls change in, when not at the root: each crate's ``ResponseFuture`` of a workspace
        # ported alike reads the same without it
        paths = {f.path for f in self.e.behaviour if any(trait_impls([f])) or derive_swaps([f])} if out else set()
        if len(paths) == 1 and (path := next(iter(paths))).count("/") >= 2 and not path.startswith("src/"):
            out = [self.t("config_in", change=line, path=code(path, R.MAX_PATH)) for line in out]
        return out

    def guards_line(self, files: list[FileChange]) -> list[str]:
        """``New early exits: `pos > len` returns `null` / `false```: the guards added to modified code, bounded."""
        by_cond: dict[tuple[str, str], list[str]] = defaultdict(list)
        for cond, kind, value in added_guards(files):
            by_cond[(cond, kind)].append(value)
        items = [self.t(f"guard_{kind}" if values[0] or kind == "throw" else "guard_return_bare",
                        cond=code(cond), value=" / ".join(code(v) for v in values))
                 for (cond, kind), values in list(by_cond.items())[:R.MAX_LISTED]]
        return [self.t("guards_line", items=self.p["sep"].join(items))] if items else []

    def defaults_grown(self, modified: list[Fact]) -> list[str]:
        """``defaultX`` gains or loses members: a default list whose items alone change, the one symbol modified in
        its file, said as the changed default it is."""
        by_path = {f.path: f for f in self.e.behaviour}
        pairs = []
        for path in dict.fromkeys(f.path for f in modified):
            symbols = [f.symbol for f in modified if f.path == path]
            if len(symbols) == 1 and path in by_path:
                pairs.append((by_path[path], symbols[0]))
        return self.default_lines(pairs)

    def modules_gone(self) -> dict[str, list[str]]:
        """{file: Rust ``pub mod`` names it no longer declares} (``public_modules_gone``)."""
        out: dict[str, list[str]] = {}
        for path, name in public_modules_gone(self.e.behaviour):
            out.setdefault(path, []).append(name)
        return out

    def table_lines(self) -> list[str]:
        """Entries the product code adds to tables of like entries (``"port": isPort``), per file."""
        by_path: dict[str, list[str]] = {}
        for path, key, value in table_entries(self.e.behaviour):
            by_path.setdefault(path, []).append(f"{key}: {value}")
        return [self.t("table_entry" if len(entries) == 1 else "table_entries", path=code(path, R.MAX_PATH),
                       entries=self.names(entries, R.MAX_LISTED))
                for path, entries in list(by_path.items())[:R.MAX_LISTED]]

    def unnamed_files(self) -> list[str]:
        """Beside keys and versions, the product files no fact names anything in (a chart's templates next to its
        version bump): said by name and size, so the version line does not stand for the whole change."""
        e = self.e
        named = {f.path for f in e.facts if f.symbol} | {grant[0] for grant in e.rbac_grants}
        unnamed = [f for f in sorted(e.behaviour, key=lambda f: -f.changes) if f.path not in named
                   and f.path not in e.cosmetic]
        if not unnamed:
            return []
        moved = self.folders_moved(unnamed)  # a workspace's crates renamed beside its members list: the folders
        if moved:
            return [moved]
        # files the commit deletes whole (a CLI entry and its ``server.d.ts`` re-export) are said as deleted, not
        # as changed by their lines
        deleted = [f.path for f in unnamed if f.status == "removed"]
        unnamed = [f for f in unnamed if f.status != "removed"]
        out = [self.t("files_deleted", files=self.sizes(deleted, 3))] if deleted else []
        if not unnamed:
            return out
        quote = self.file_quote(unnamed[0]) if len(unnamed) == 1 else ""
        return out + [self.t("files_only", files=self.sizes([f.path for f in unnamed], 3)) + (quote or self.reads(unnamed))]

    def side_files(self) -> list[str]:
        """Beside keys and versions and no product file, the documentation and upkeep files no fact names (a chart's
        README install line fixed, its OWNERS list changed, next to the chart's version bump): said by name, so the
        version line does not stand for the whole change."""
        e = self.e
        # a script's functions are no product symbols: no line says them, so they do not name its file either
        # (``scripts/version-history.js`` deleted beside the ``version`` script that ran it read as nothing)
        named = {f.path for f in e.facts if f.symbol and not (f.kind in _SYMBOL_FACTS and not e.in_product(f))} | \
            {f.path for f in e.of("changelog_entry")}
        # (and tests rewritten: morgan's suite, 524 lines, beside the ``split`` dev dependency it needs; not the
        # snapshot line or two a chart's version bump updates in each bump of the day)
        side = [f for f in sorted(e.files, key=lambda f: -f.changes) if f.path not in named
                and (e.classes.get(f.path, set()) & {"doc", "tooling", "ci", "example"}
                     or "test" in e.classes.get(f.path, set()) and f.changes > _SIDE_TEST_LINES)]
        if not side:
            return []
        deleted = [f.path for f in side if f.status == "removed"]
        side = [f for f in side if f.status != "removed"]
        out = [self.t("files_deleted", files=self.sizes(deleted, 3))] if deleted else []
        if not side:
            return out
        quote = self.file_quote(side[0]) if len(side) == 1 else ""
        return out + [self.t("files_also", files=self.sizes([f.path for f in side], 3)) + quote]

    def reads(self, files: list[FileChange]) -> str:
        """``, now reading the chart values `a`, `b``` for templates whose added lines read values none read before."""
        read = values_read_anew(files)
        return self.t("values_read", keys=self.names(read, 3)) if read else ""

    def line_swapped(self, paths: list[str]) -> list[str]:
        """The modified code's one line rewritten (``"not a hexidecimal number"`` respelled), quoted before and
        after: with comments left aside, the single code line removed and the single one added; or the one line
        only added (or only removed), in one place or two."""
        by_path = {f.path: f for f in self.e.files}
        removed, added, commented = [], [], set()
        for path in paths:
            family = code_family(path)
            if family is None or path not in by_path or not by_path[path].patch:
                return []
            patch = parse_patch(path, by_path[path].patch)
            removed += [t for t in (code_part(family, ln.text).strip() for ln in patch.removed) if t]
            added += [t for t in (code_part(family, ln.text).strip() for ln in patch.added) if t]
            commented |= {_COMMENT_MARK.sub("", ln.text).strip() for ln in patch.added
                          if not code_part(family, ln.text).strip()}
        options = {o.word for o, _ in self.e.new_options}
        for lines, other, key in ((added, removed, "line_added"), (removed, added, "line_removed")):
            if key == "line_added" and lines and _FIELD_NAME.match(lines[0]) \
                    and _FIELD_NAME.match(lines[0]).group(1) in options:
                return []  # the new option's own field line: the option line before it says it, by its name
            if not other and 0 < len(lines) <= _TINY_LINES and len(set(lines)) == 1:
                # one code line added (or dropped), perhaps in two places: `defer tx.Statement.AddClause(...)`;
                # a dropped line the added comments hold as they were is commented out, not deleted
                n = len(lines)
                key = "line_commented_out" if key == "line_removed" and lines[0] in commented else key
                return [self.t(f"{key}_n" if n > 1 else key, line=code(lines[0], _TINY_CHARS), n=n)]
        # one line rewritten, or the same rewrite in a few places (``log.info(`` -> ``log.debug(`` in two commands)
        n = len(removed)
        if n != len(added) or not 0 < n <= _TINY_LINES or len(set(removed)) != 1 or len(set(added)) != 1 \
                or removed == added:
            return self.block_rewritten(paths[0], removed, added) if len(paths) == 1 else []
        old, new = code_pair(removed[0], added[0], _TINY_CHARS)  # a long line changed at its end: where it differs
        return [self.t("line_swapped_n" if n > 1 else "line_swapped", old=old, new=new, n=n)]

    def block_rewritten(self, path: str, removed: list[str], added: list[str]) -> list[str]:
        """A few code lines of one file rewritten as a few others (``if !errors.As(err, &flagError{}) { panic(err) }``
        → ``os.Exit(1)``), both quoted as one statement each, when both sides are short: what "Changes `Execute`"
        alone leaves the reader to open the diff for. Only one run of changed lines in one hunk, whole statements
        (brackets balanced, no line left open by a trailing operator or comma), and not a layout change alone."""
        family = code_family(path)
        by_path = {f.path: f for f in self.e.files}
        hunks = [h for h in parse_patch(path, by_path[path].patch or "").hunks
                 if any(code_part(family, ln.text).strip() for ln in h.lines if ln.kind != " ")]
        if len(hunks) != 1:
            return []
        lines = [ln for ln in hunks[0].lines if ln.kind != " " or code_part(family, ln.text).strip()]
        changed = [i for i, ln in enumerate(lines) if ln.kind != " "]
        if changed[-1] - changed[0] + 1 != len(changed):
            return []  # context code between the changed lines: two edits, not one statement rewritten
        if any(_OPEN_END.search(ln) for ln in removed + added) or \
                any(sum(t.count(o) for t in side) != sum(t.count(c) for t in side)
                    for side in (removed, added) for o, c in ("()", "[]", "{}")):
            return []
        def joined(lines: list[str]) -> str:
            text = lines[0]
            for previous, line in zip(lines, lines[1:]):
                if line.startswith((".", "?.")) or previous.endswith(("(", "[")) or line.startswith((")", "]")):
                    text += line  # a call chain's next link, a bracket's contents
                elif previous.endswith(("{", ":", ";")) or line.startswith(("{", "}")) or _CONTROL_HEAD.match(previous):
                    text += " " + line  # a block's body, or a brace-less ``if (..)`` and the statement it guards
                else:
                    text += "; " + line
            return text
        statements = [ln for ln in removed + added if ln.strip("{}()[];, ")]
        if not removed or not added or len(statements) > _BLOCK_LINES or len(removed) + len(added) <= 2:
            return []
        if len(removed) == len(added) and not any(ln.endswith(("{", "}", ":")) or ln.startswith("}")
                                                  or _CONTROL_HEAD.match(ln) for ln in removed + added):
            # statements rewritten one for one (a version's two ``#define``s): each said beside its new form
            pairs = [code_pair(o, n, _TINY_CHARS) for o, n in zip(removed, added) if o != n]
            return [self.t("lines_swapped", pairs=self.p["listed_sep"].join(
                self.t("listed_swapped", old=o, new=n) for o, n in pairs))] if pairs else []
        old, new = joined(removed), joined(added)
        if _EMPTY_BLOCK.search(old) or _EMPTY_BLOCK.search(new):
            return []  # a block whose body we do not see (kept as context, or a comment): not the whole statement
        if _LAYOUT.sub("", old) == _LAYOUT.sub("", new) or max(len(old), len(new)) > _BLOCK_CHARS:
            return []
        return [self.t("block_rewritten", old=code(old, _BLOCK_CHARS + 2), new=code(new, _BLOCK_CHARS + 2))]

    def values_set(self, files: list[FileChange]) -> list[str]:
        """``Values: `spec_version` `"2.4"` → `"2.3"```: literals the modified code sets anew (not the constants the
        option lines already name)."""
        named = {name for name, *_ in self.e.constants_changed}
        values = [self.t("config_value", key=code(key), **dict(zip(("old", "new"), code_pair(old, new))))
                  for key, old, new in keyed_values(files) if key not in named]
        return [self.t("values_line", values=self.names(values, 3, wrap=False))] if values else []

    def option_lines(self) -> list[str]:
        """``New option `Config.x` (default `false`); read by `run`: what users can set first, then its readers; then
        the constants named as defaults or versions whose value changes (``DEFAULT_TIMEOUT`` ``10`` → ``120``)."""
        changed = [self.t("config_default" if documented else "config_value", key=code(name),
                          **dict(zip(("old", "new"), code_pair(old, new, 60))))
                   for name, old, new, _, documented in self.e.constants_changed[:R.MAX_LISTED]]
        found = self.e.new_options
        if not found:
            return changed
        names = [self.t("option_default", name=code(o.name), value=code(o.default)) if o.default else code(o.name)
                 for o, _ in found]
        text = self.t("option_line", names=self.names(names, R.MAX_LISTED, wrap=False))
        readers = list(dict.fromkeys(name for _, names in found for name in names))
        return [text + (self.t("option_read_by", names=self.symbols(readers)) if readers else "")] + changed

    def nullness_lines(self) -> list[str]:
        """Public Java parameters that lose ``@Nullable``, by parameter: "`@Nullable` dropped from `obj` of
        `Gauge.builder`, `TimeGauge.builder`"."""
        by_param: dict[str, list[str]] = {}
        for symbol, param in self.e.nullness_dropped:
            by_param.setdefault(param, []).append(symbol)
        groups = [self.t("nullness_group", param=code(param), symbols=self.symbols(symbols, 3))
                  for param, symbols in list(by_param.items())[:R.MAX_LISTED]]
        return [self.t("nullness_line", groups=self.p["group_sep"].join(groups))] if groups else []

    def shaped(self) -> list[tuple[Fact, list[str]]]:
        """Product symbols changed in place whose shape the facts name (a Rust enum's variants, the bounds on a
        type parameter), with those parts: said as what changed, not as "Changes `Mode`"."""
        e, out = self.e, []
        for f in e.of("symbol_modified"):
            parts = [part for part in noticed_parts(f) if part.startswith(SHAPE_PARTS)]
            if parts and e.in_product(f) and f.path not in e.cosmetic:
                out.append((f, parts))
        return out

    def noticed(self, parts: list[str], path: str = "", public: bool = False) -> str:
        """The diff analyzer's words on what callers notice of a symbol (defined in ``path``; ``public``: reached
        from outside its crate), in this language."""
        out = []
        for part in parts:
            if part.startswith(SHAPE_PARTS):
                words, _, rest = part.partition(" ")
                how, _, names = rest.partition(" ")
                open_ = not names.startswith("(non_exhaustive) ")
                # a bound's generic arguments hold commas of their own (``P: Iterator<Item = Pair<'i, R>>``): the
                # list splits before each ``name:`` only
                listed = [n for n in re.split(r", (?=[\w']+: )" if words == "bounds" else ", ",
                                              names.removeprefix("(non_exhaustive) ")) if n]
                one = "_one" if len(listed) == 1 and words == "variants" else ""
                said = self.t(f"noticed_{words}_{how}{one}", names=self.names(listed))
                note = words == "variants" and how == "added" and public and open_
                out.append(said + (self.p["noticed_match_note"] if note else ""))
                continue
            bases = base_change(part)
            if bases is not None:
                out.append(self.t("noticed_bases", old=self.names(bases[0]) or "—", new=self.names(bases[1]) or "—"))
            elif part == "members reordered":
                out.append(self.p["noticed_reordered"])
            elif part.startswith("throw statements "):
                old, _, new = part.removeprefix("throw statements ").partition(" -> ")
                out.append(self.t("noticed_throws", old=old, new=new, keyword=code(raise_keyword(path))))
            elif part.startswith("fields renamed "):
                pairs = [pair.split(" -> ") for pair in part.removeprefix("fields renamed ").split(", ")]
                out.append(self.t("noticed_fields", pairs=self.p["sep"].join(
                    self.t("retyped", old=code(a), new=code(b)) for a, b in (p for p in pairs if len(p) == 2))))
            elif field_default(part):
                name, old, new = field_default(part)
                out.append(self.t("default", name=code(name), old=code(old), new=code(new)))
        return self.p["sig_join"].join(out)

    def config_lines(self) -> list[str]:
        out, by_kind, peers = [], defaultdict(lambda: defaultdict(list)), []
        nested: dict[str, tuple[int, list[str]]] = {}
        # a key whose value changes in several files (each package's ``version``) names the file it changes in
        changed = [f for f in self.e.of("config_value_changed")
                   if not self.e.classes.get(f.path, set()) & {"ci", "tooling", "test", "doc", "example"}]
        shared = {k for k in {f.symbol for f in changed} if len({f.path for f in changed if f.symbol == k}) > 1}
        # the same change in several files (a workspace's ``package.version`` 0.41.2 -> 0.42.0) is said once
        same: dict[tuple, list[str]] = defaultdict(list)
        for f in changed:
            same[(f.symbol, f.before, f.after)].append(f.path)
        for f in self.e.of("config_key_added", "config_key_removed", "config_value_changed"):
            if self.e.classes.get(f.path, set()) & {"ci", "tooling", "test", "doc", "example"}:
                continue  # the project's own machinery: its values are not what a reader needs
            if is_chart_notes(f) and (notes := chart_notes(f)):  # the chart's release notes, not a setting
                out += [self.t("changelog", text=note) for note in notes[:R.MAX_CHANGELOG]]
                continue
            if (peer := optional_peer(f)) is not None:  # what the package now is, not "New key peerDependenciesMeta.x"
                peers.append(peer)
                continue
            if f.kind == "config_value_changed" and f.symbol in shared:
                paths = same[(f.symbol, f.before, f.after)]
                if paths[0] == f.path:
                    out.append(self.t("config_in", change=self.config_change(f), path=self.names(paths)))
            elif f.kind == "config_value_changed" and _nested_manifest(f.path):
                # a package's manifest below the root (``stable/<chart>/Chart.yaml``): which package's ``version``
                # it is, or five charts bumped alike each read "`version` 1.0.0 → 1.0.1"
                if f.path not in nested:  # its values said together, in one line naming the manifest once
                    nested[f.path] = (len(out), [])
                    out.append("")
                nested[f.path][1].append(self.config_change(f))
            elif f.kind == "config_value_changed":
                out.append(self.config_change(f))
            elif (f.text or "").startswith(MOVED_TO):
                by_kind["moved"][(f.path, (f.text or "").removeprefix(MOVED_TO))].append(f.symbol)
            elif not (f.text or "").startswith(MOVED_FROM):  # the key's move, said from its old file, names it
                by_kind[f.kind][f.path].append(f.symbol)
        for path, (at, changes) in nested.items():
            out[at] = self.t("config_in", change=self.p["sep"].join(changes), path=self.names([path]))
        if peers:
            out.insert(0, self.t("optional_peer" if len(peers) == 1 else "optional_peers", names=self.names(peers)))
        out = out[:R.MAX_LISTED]
        for (old, new), keys in list(by_kind["moved"].items())[:2]:
            out.append(self.t("config_moved", keys=self.names(keys), old=code(old, R.MAX_PATH), new=code(new, R.MAX_PATH)))
        for kind, key in (("config_key_added", "config_added"), ("config_key_removed", "config_removed")):
            out += self.list_items(kind, by_kind[kind], by_kind[
                "config_key_removed" if kind == "config_key_added" else "config_key_added"])
            for path, keys in list(by_kind[kind].items())[:2]:
                keys = [k for k in keys if not _list_item(k, self.e.of(kind), path)]
                # a key set to a short plain value says it: `type` (`module`); so does the one key a file drops,
                # `type` (`commonjs`) removed: what the package no longer declares (several dropped read as keys)
                values = {f.symbol: f.after if kind == "config_key_added" else f.before
                          for f in self.e.of(kind) if f.path == path and (kind == "config_key_added" or len(keys) == 1)}
                keys = [self.t("key_value", key=code(k), value=code(v)) if (v := values.get(k)) and _PLAIN.match(v)
                        else code(k) for k in keys]
                if keys:
                    out.append(self._t(key, len(keys) > 1, keys=self.names(keys, wrap=False),
                                       path=code(path, R.MAX_PATH)))
        return out

    def overloads_removed(self) -> list[Fact]:
        """Public names that lose overload signatures and stay defined (not a C/C++ source file's: a definition
        there may be one its header still declares)."""
        e = self.e
        return [f for f in e.of("symbol_modified") if e.in_product(f) and e.is_public(f)
                and _OVERLOADS_REMOVED.search(f.text or "")
                and not (code_family(f.path) == "c" and not _C_HEADER.search(f.path))]

    def list_items(self, kind: str, keys_by_path: dict[str, list[str]],
                   others: dict[str, list[str]] | None = None) -> list[str]:
        """``files`` in ``package.json`` no longer lists ``drivers``, ``server.d.ts``: a list's items added or
        removed, said as the list's, not as keys ``files[drivers]``; the same items of the same list in several
        files (a classifier dropped from each package of a workspace) once, naming the files."""
        alike = self._list_groups(kind, keys_by_path)
        # the same list of the same files losing items and gaining others (a workspace's members renamed, pest_derive
        # -> derive): one sentence naming both sides, said where the additions are, not the list named twice
        other = "config_key_removed" if kind == "config_key_added" else "config_key_added"
        counter = {(name, tuple(paths)): items for (name, items), paths in self._list_groups(
            other, others or {}).items()}
        out = []
        for (name, items), paths in list(alike.items())[:2]:
            swapped = counter.get((name, tuple(paths)))
            if swapped and kind == "config_key_removed":
                continue
            phrase = "list_items_replaced" if swapped else \
                "list_items_added" if kind == "config_key_added" else "list_items_removed"
            out.append(self.t(phrase, list=code(name), items=self.names(list(items)),
                              old=self.names(list(swapped or ())), path=self.names(paths, 3, width=R.MAX_PATH)))
        return out

    def _list_groups(self, kind: str, keys_by_path: dict[str, list[str]]) -> dict[tuple[str, tuple[str, ...]], list[str]]:
        """{(list, items): paths}: the items ``kind`` adds to (or removes from) each list, the files alike grouped."""
        alike: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for path, keys in keys_by_path.items():
            lists: dict[str, list[str]] = {}
            for k in keys:
                item = _list_item(k, self.e.of(kind), path)
                if item:
                    lists.setdefault(item[0], []).append(item[1])
            for name, items in lists.items():
                alike.setdefault((name, tuple(items)), []).append(path)
        return alike

    def renames(self, modified: list[Fact]) -> str:
        """``old`` → ``new`` for names respelled throughout the modified symbols' files, nothing else changed there."""
        paths = {f.path for f in modified}
        pairs = renamed_identifiers(f.patch for f in self.e.behaviour if f.path in paths)
        return self.p["sep"].join(f"{code(old)} → {code(new)}" for old, new in pairs)


#: a short plain value (a word, a number, a path, a version), said beside the key that gains it
_PLAIN = re.compile(r"^[\w.@/:^~+-]{1,40}$")
#: a list's item as the config facts key it: ``files[drivers]`` (an object's key is quoted: ``exports["./x"]``)
_LIST_ITEM = re.compile(r"^(?P<list>[^\[\]]+)\[(?P<item>[^\]\"']+)\]$")


#: facts naming a definition in code
_SYMBOL_FACTS = ("symbol_added", "symbol_removed", "symbol_modified", "signature_changed")


def _overriding(fact: Fact) -> bool:
    """A removed symbol the facts mark as having overridden its base's or trait's (``method, overrides``)."""
    return (fact.text or "").endswith(", overrides")


def _list_item(key: str, facts: list[Fact], path: str) -> tuple[str, str] | None:
    """(list, item) when ``key`` is an item of a list: the bracket holds the value the fact adds or removes."""
    m = _LIST_ITEM.match(key or "")
    if not m:
        return None
    value = next((f.after if f.after is not None else f.before for f in facts if f.path == path and f.symbol == key),
                 None)
    return (m.group("list"), m.group("item")) if value == m.group("item") else None


def _renamed_internal(removed: list[Fact], added: list[Fact]) -> list[tuple[Fact, Fact]]:
    """Private functions removed and added one for one in a file with the same parameters and return (libssh2's
    ``ssh2_dh_is_valid`` -> ``ssh2_dh_validate``, or a function made ``static`` under a shorter name): (old, new)."""
    def functions(facts: list[Fact], side: str) -> dict[tuple[str, str], list[Fact]]:
        out: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for f in facts:
            signature = getattr(f, side)
            if signature and (f.text or "").startswith(("function", "method")):
                out[(f.path, signature)].append(f)
        return out
    gone, came = functions(removed, "before"), functions(added, "after")
    return [(olds[0], came[k][0]) for k, olds in gone.items() if len(olds) == 1 and len(came.get(k, ())) == 1]


def _in_place(removed: list[Fact], added: list[Fact]) -> list[tuple[Fact, Fact]]:
    """Public symbols removed and added one for one under the same owner, in the same file and of the same kind
    (``ServerConfig::crypto_provider`` gone, ``ServerConfig::provider`` new): (old, new), said as a replacement."""
    def key(f: Fact) -> tuple[str, str, str]:
        owner = re.split(r"::|\.", f.symbol or "")[:-1]
        return f.path, "::".join(owner), (f.text or "").split(" ", 1)[0]
    gone, came = defaultdict(list), defaultdict(list)
    for f in removed:
        gone[key(f)].append(f)
    for f in added:
        came[key(f)].append(f)
    return [(gone[k][0], came[k][0]) for k in gone if k[1] and len(gone[k]) == 1 and len(came.get(k, ())) == 1]


def _changelog_package(facts: list) -> str | None:
    """The one folder the changelog files quoted sit in when it is a package's own (``tower-retry``), not the
    repository's root nor a documentation folder (``docs/changelog.rst`` is the project's); None otherwise."""
    folders = {f.path.rpartition("/")[0] for f in facts}
    if len(folders) != 1:
        return None
    folder = folders.pop()
    last = folder.rsplit("/", 1)[-1].lower()
    if not folder or last.startswith(".") or last in R.DOC_DIRS | R.CHANGELOG_FRAGMENT_DIRS:  # ``.changeset``
        return None
    return folder


def _nested_manifest(path: str) -> bool:
    """A package manifest (``Chart.yaml``, ``package.json``, ...) in a folder of its own, not the repository's root:
    one of several packages, which its values do not name."""
    folder, _, name = path.rpartition("/")
    return bool(folder) and name.lower() in MANIFESTS
