"""The full-text index of stored analyses (SQLite FTS5 in ``DIGESTBOT_DATA_DIR/search.sqlite3``) that ``ask`` reads.

Every digest the core builds is indexed (one row per commit, language and analyzer); the index can
be rebuilt from the store (``rebuild``): the cached commits with their stored LLM analyses, or the
heuristic's analysis of the cached commit and facts when none is stored. It opens lazily and says
clearly, once asked, when this Python's SQLite has no FTS5.

CJK text has no spaces between words, so each Han, kana or Hangul character is indexed as a token
and a CJK run in a question becomes a phrase of those characters.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
from pathlib import Path

from analysis.errors import DigestError
from analysis.answer import Hit
from analysis.models import Analysis, Commit, CommitReport, Digest, Fact

log = logging.getLogger(__name__)

FILE_NAME = "search.sqlite3"
SCHEMA_VERSION = "1"
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
_WORD = re.compile(r"\w+", re.UNICODE)
_REPO_IN_URL = re.compile(r"/([^/]+/[^/]+)/commit/[0-9a-fA-F]+$")
#: words too common to say anything about a question
STOPWORDS = frozenset("""a an and are as at be by can did do does for from has have how i in is it its of on or
that the this to was were what when where which who why will with about any changed change changes""".split())


class SearchUnavailable(DigestError):
    """The index cannot be used (no FTS5 in this SQLite, an unreadable file)."""


def _spaced(text: str) -> str:
    return _CJK.sub(r" \1 ", text)


def fts_query(question: str) -> str | None:
    """The FTS5 query of ``question``: its words OR'ed (quoted: nothing in it is FTS syntax); None if empty.

    A CJK run gives its character pairs as phrases (a sentence has no spaces to find words by).
    """
    terms = []
    for word in _WORD.findall(question.lower()):
        run: list[str] = []
        for token in _spaced(word).split() + [""]:
            if _CJK.fullmatch(token):
                run.append(token)
                continue
            if run:
                terms += [f'"{a} {b}"' for a, b in zip(run, run[1:])] or [f'"{run[0]}"']
                run = []
            if token and token not in STOPWORDS and len(token) >= 2:
                terms.append(f'"{token}"*' if len(token) >= 4 else f'"{token}"')
    return " OR ".join(dict.fromkeys(terms)) or None


def _fact_words(facts: list[Fact]) -> str:
    return " ".join(" ".join(p for p in (f.kind.replace("_", " "), f.symbol, f.path, f.before, f.after) if p)
                    for f in facts)


def _body(commit: Commit, analysis: Analysis) -> str:
    insights = analysis.insights
    parts = [commit.body, *analysis.summary, *analysis.impact, insights.architecture, insights.performance,
             insights.security, insights.maintainability, insights.compatibility,
             *(f"{r.risk} {r.impact} {r.mitigation}" for r in analysis.risks), *analysis.recommendations]
    return "\n".join(p for p in parts if p)


class SearchIndex:
    """One SQLite file beside the TinyDB files; thread-safe (one connection behind a lock)."""

    def __init__(self, path: Path, store=None):
        self.path = Path(path)
        self.store = store  # what ``rebuild`` reads when the file is new
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @classmethod
    def beside(cls, store, data_dir: Path) -> "SearchIndex":
        return cls(Path(data_dir) / FILE_NAME, store)

    def _db(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        new = not self.path.exists()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False)
            try:
                conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts5_check USING fts5(x)")
            except sqlite3.OperationalError:
                conn.close()
                raise SearchUnavailable(f"questions need SQLite's full-text search (FTS5), which this Python's "
                                        f"SQLite {sqlite3.sqlite_version} lacks; ask is unavailable") from None
            conn.executescript("""
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, key TEXT UNIQUE, repo TEXT, repo_name TEXT,
                    sha TEXT, lang TEXT, day TEXT, url TEXT, importance TEXT, change_type TEXT, title TEXT,
                    summary TEXT);
                CREATE INDEX IF NOT EXISTS docs_repo_day ON docs (repo, day);
                CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body, facts);
            """)
            version = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.Error as error:
            raise SearchUnavailable(f"the search index {self.path.name} cannot be opened: {error}") from None
        self._conn = conn
        if new or version is None or version[0] != SCHEMA_VERSION:
            with conn:
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            if self.store is not None:
                count = self._rebuild_locked(self.store)
                log.info("search index built from the store: %d analyses", count)
        return conn

    # -- writing -----------------------------------------------------------------------------

    def add_digest(self, digest: Digest, lang: str, repo: str | None = None) -> None:
        """Index every change of ``digest`` (written in ``lang``) under ``repo`` (as followed; default its name)."""
        with self._lock:
            conn = self._db()
            with conn:
                for report in digest.commits:
                    self._put(conn, repo or digest.repo, report, lang)

    def _put(self, conn: sqlite3.Connection, repo: str, report: CommitReport, lang: str) -> None:
        commit, analysis = report.commit, report.analysis
        key = f"{commit.sha}|{lang}|{analysis.analyzer}"
        title = " ".join([commit.title, *(c.title for c in report.includes)])
        row = (key, repo.lower(), repo, commit.sha, lang, commit.committed_at.date().isoformat(), commit.url,
               analysis.importance, analysis.change_type, commit.title, " ".join(analysis.summary[:2]))
        old = conn.execute("SELECT id FROM docs WHERE key = ?", (key,)).fetchone()
        if old is not None:
            conn.execute("DELETE FROM fts WHERE rowid = ?", old)
            conn.execute("DELETE FROM docs WHERE id = ?", old)
        rowid = conn.execute("INSERT INTO docs (key, repo, repo_name, sha, lang, day, url, importance, change_type, "
                             "title, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row).lastrowid
        conn.execute("INSERT INTO fts (rowid, title, body, facts) VALUES (?, ?, ?, ?)",
                     (rowid, _spaced(title), _spaced(_body(commit, analysis)), _spaced(_fact_words(analysis.facts))))

    def rebuild(self, store) -> int:
        """Index again from ``store``: every cached commit with its stored analyses; the number indexed."""
        with self._lock:
            self._db()
            return self._rebuild_locked(store)

    def _rebuild_locked(self, store) -> int:
        from bot.core.digest import ANALYSES_TABLE, COMMITS_TABLE, FACTS_TABLE, FACTS_VERSION

        conn = self._conn
        analyses: dict[str, list[tuple[str, dict]]] = {}
        for key, value in store.items(ANALYSES_TABLE):
            sha, lang = key.split("|")[:2]
            analyses.setdefault(sha, []).append((lang, value))
        count = 0
        with conn:
            conn.execute("DELETE FROM fts")
            conn.execute("DELETE FROM docs")
            for sha, raw in store.items(COMMITS_TABLE):
                try:
                    commit = Commit.model_validate(raw)
                except ValueError:
                    continue
                repo = raw.get("repo") or _repo_of(commit)
                if not repo:
                    continue
                for lang, analysis in _analyses_of(store, commit, analyses.get(sha, []), FACTS_TABLE, FACTS_VERSION):
                    self._put(conn, repo, CommitReport(commit=commit, analysis=analysis), lang)
                    count += 1
        return count

    # -- reading -----------------------------------------------------------------------------

    def search(self, question: str, repos: list[str], since: str, lang: str, limit: int = 8) -> list[Hit]:
        """The analyses of ``repos`` from ``since`` (YYYY-MM-DD) best matching ``question``, one per commit."""
        query = fts_query(question)
        if query is None or not repos:
            return []
        marks = ",".join("?" for _ in repos)
        sql = (f"SELECT d.repo_name, d.sha, d.day, d.url, d.title, d.importance, d.change_type, d.summary, d.lang, "
               f"bm25(fts, 4.0, 1.0, 2.0) AS rank FROM fts JOIN docs d ON d.id = fts.rowid "
               f"WHERE fts MATCH ? AND d.repo IN ({marks}) AND d.day >= ? ORDER BY rank LIMIT ?")
        with self._lock:
            rows = self._db().execute(sql, (query, *[r.lower() for r in repos], since, limit * 6)).fetchall()
        best: dict[str, Hit] = {}
        for row in rows:
            hit = Hit(*row)
            kept = best.get(hit.sha)
            if kept is None or (kept.lang != lang and hit.lang == lang):
                best[hit.sha] = hit if kept is None else Hit(**{**hit.__dict__, "rank": min(kept.rank, hit.rank)})
        return sorted(best.values(), key=lambda h: h.rank)[:limit]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


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
