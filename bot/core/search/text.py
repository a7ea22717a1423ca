"""What the search index of stored analyses holds and how a question becomes terms, for every search backend.

Both backends (SQLite FTS5 in ``bot.core.search.sqlite``, PostgreSQL in ``bot.core.search.postgres``) index the same
documents (``SearchDoc``: one per commit, language and analyzer, keyed ``sha|lang|analyzer``, with a
title, a body and the facts' words, weighted in that order title > facts > body), read the same
terms out of a question (``question_terms``) and keep the best match per commit (``best_per_commit``).

CJK text has no spaces between words, so each Han, kana or Hangul character is indexed as a word and a
CJK run in a question becomes the phrases of its character pairs; other words are matched whole, or as
a prefix from four letters on; common English words are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from analysis.answer import Hit
from analysis.errors import DigestError
from analysis.models import Analysis, Commit, CommitReport, Fact

_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)  # a word's letters and digits: "retry_queue" is two tokens
_REPO_IN_URL = re.compile(r"/([^/]+/[^/]+)/commit/[0-9a-fA-F]+$")
#: words too common to say anything about a question
STOPWORDS = frozenset("""a an and are as at be by can did do does for from has have how i in is it its of on or
that the this to was were what when where which who why will with about any changed change changes""".split())


class SearchUnavailable(DigestError):
    """The index cannot be used (no FTS5 in this SQLite, an unreadable file, an unreachable database)."""


@dataclass(frozen=True)
class Term:
    """One thing a question asks for: consecutive tokens (a phrase), the last one as a prefix or whole."""

    tokens: tuple[str, ...]
    prefix: bool = False


def spaced(text: str) -> str:
    """``text`` with a space on each side of every CJK character, so each is a word of its own."""
    return _CJK.sub(r" \1 ", text)


def words(text: str) -> str:
    """``text`` as the lower-case tokens a backend indexes, one space apart (CJK characters one by one)."""
    return " ".join(_TOKEN.findall(spaced(text.lower())))


def question_terms(question: str) -> list[Term]:
    """The terms of ``question``, in order, without repeats: words (prefix from 4 letters), CJK character pairs."""
    terms: list[Term] = []
    for word in _WORD.findall(question.lower()):
        run: list[str] = []
        for token in spaced(word).split() + [""]:
            if _CJK.fullmatch(token):
                run.append(token)
                continue
            if run:
                terms += [Term((a, b)) for a, b in zip(run, run[1:])] or [Term((run[0],))]
                run = []
            if token and token not in STOPWORDS and len(token) >= 2:
                parts = tuple(_TOKEN.findall(token))
                if parts:
                    terms.append(Term(parts, prefix=len(token) >= 4))
    return list(dict.fromkeys(terms))


@dataclass(frozen=True)
class SearchDoc:
    """One indexed analysis: what a hit shows, and the three weighted texts it is found by."""

    key: str  # sha|lang|analyzer
    repo: str  # as followed, lower case (the filter)
    repo_name: str  # as followed (what a hit shows)
    sha: str
    lang: str
    day: str  # YYYY-MM-DD of the commit
    url: str | None
    importance: str
    change_type: str
    title: str
    summary: str
    title_text: str  # the commit's title and those of the commits folded into it
    body_text: str  # the message body and the analysis
    facts_text: str  # the facts' kinds, symbols, paths and values


def _fact_words(facts: list[Fact]) -> str:
    return " ".join(" ".join(p for p in (f.kind.replace("_", " "), f.symbol, f.path, f.before, f.after) if p)
                    for f in facts)


def _body(commit: Commit, analysis: Analysis) -> str:
    insights = analysis.insights
    parts = [commit.body, *analysis.summary, *analysis.impact, insights.architecture, insights.performance,
             insights.security, insights.maintainability, insights.compatibility,
             *(f"{r.risk} {r.impact} {r.mitigation}" for r in analysis.risks), *analysis.recommendations]
    return "\n".join(p for p in parts if p)


def doc_of(repo: str, report: CommitReport, lang: str) -> SearchDoc:
    """The document of one change of a digest written in ``lang``, under ``repo`` as followed."""
    commit, analysis = report.commit, report.analysis
    return SearchDoc(key=f"{commit.sha}|{lang}|{analysis.analyzer}", repo=repo.lower(), repo_name=repo,
                     sha=commit.sha, lang=lang, day=commit.committed_at.date().isoformat(), url=commit.url,
                     importance=analysis.importance, change_type=analysis.change_type, title=commit.title,
                     summary=" ".join(analysis.summary[:2]),
                     title_text=" ".join([commit.title, *(c.title for c in report.includes)]),
                     body_text=_body(commit, analysis), facts_text=_fact_words(analysis.facts))


def docs_in_store(store) -> Iterator[SearchDoc]:
    """The documents of everything ``store`` holds: each cached commit with its stored analyses, or the
    heuristic's analysis of the commit and its cached facts when none is stored."""
    from bot.core.digests.service import ANALYSES_TABLE, COMMITS_TABLE, FACTS_TABLE, FACTS_VERSION

    analyses: dict[str, list[tuple[str, dict]]] = {}
    for key, value in store.items(ANALYSES_TABLE):
        sha, lang = key.split("|")[:2]
        analyses.setdefault(sha, []).append((lang, value))
    for sha, raw in store.items(COMMITS_TABLE):
        try:
            commit = Commit.model_validate(raw)
        except ValueError:
            continue
        repo = raw.get("repo") or _repo_of(commit)
        if not repo:
            continue
        for lang, analysis in _analyses_of(store, commit, analyses.get(sha, []), FACTS_TABLE, FACTS_VERSION):
            yield doc_of(repo, CommitReport(commit=commit, analysis=analysis), lang)


def best_per_commit(hits: Iterable[Hit], lang: str, limit: int) -> list[Hit]:
    """One hit per commit (in ``lang`` when there is one, with the commit's best rank), best first."""
    best: dict[str, Hit] = {}
    for hit in hits:
        kept = best.get(hit.sha)
        if kept is None or (kept.lang != lang and hit.lang == lang):
            best[hit.sha] = hit if kept is None else Hit(**{**hit.__dict__, "rank": min(kept.rank, hit.rank)})
    return sorted(best.values(), key=lambda h: h.rank)[:limit]


def _repo_of(commit: Commit) -> str | None:
    match = _REPO_IN_URL.search(commit.url or "")
    return match.group(1) if match else None


def _analyses_of(store, commit: Commit, stored: list[tuple[str, dict]], facts_table: str, facts_version: int):
    """(lang, Analysis) pairs for a cached commit: the stored ones, else the heuristic's from its cached facts."""
    out = []
    for lang, raw in stored:
        try:
            out.append((lang, Analysis.model_validate(raw)))
        except ValueError:
            continue
    if out:
        return out
    from analysis.analyzers.base import AnalysisContext
    from analysis.analyzers.heuristic import HeuristicAnalyzer

    facts = [Fact.model_validate(f) for f in store.get(facts_table, f"{commit.sha}|facts-v{facts_version}") or []]
    analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=facts))
    return [("en", analysis.model_copy(update={"facts": facts}))]
