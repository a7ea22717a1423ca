"""The SQLite FTS5 backend of the search index ``ask`` reads: ``DIGESTBOT_DATA_DIR/search.sqlite3`` beside TinyDB.

Every digest the core builds is indexed (``bot.core.search.text``: one row per commit, language and
analyzer); the index is rebuilt from the store when the file is new (``rebuild``). It opens lazily and
says clearly, once asked, when this Python's SQLite has no FTS5. Each CJK character is indexed as a word
(the text is spaced before FTS5's unicode61 tokenizer sees it).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from analysis.answer import Hit
from analysis.models import Digest
from bot.core.search.text import (
    SearchDoc,
    SearchUnavailable,
    best_per_commit,
    doc_of,
    docs_in_store,
    question_terms,
    spaced,
)

__all__ = ["FILE_NAME", "SearchIndex", "SearchUnavailable", "fts_query"]

log = logging.getLogger(__name__)

FILE_NAME = "search.sqlite3"
SCHEMA_VERSION = "1"


def fts_query(question: str) -> str | None:
    """The FTS5 query of ``question``: its terms OR'ed, each a quoted phrase (nothing in it is FTS syntax); None if none."""
    terms = [f'"{" ".join(t.tokens)}"' + ("*" if t.prefix else "") for t in question_terms(question)]
    return " OR ".join(terms) or None


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

    def _db(self, *, build: bool = True) -> sqlite3.Connection:
        """The open connection; a new or outdated file is built from the store first when ``build``."""
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
            if build and self.store is not None:
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
                    self._put(conn, doc_of(repo or digest.repo, report, lang))

    def _put(self, conn: sqlite3.Connection, doc: SearchDoc) -> None:
        old = conn.execute("SELECT id FROM docs WHERE key = ?", (doc.key,)).fetchone()
        if old is not None:
            conn.execute("DELETE FROM fts WHERE rowid = ?", old)
            conn.execute("DELETE FROM docs WHERE id = ?", old)
        rowid = conn.execute("INSERT INTO docs (key, repo, repo_name, sha, lang, day, url, importance, change_type, "
                             "title, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (doc.key, doc.repo, doc.repo_name, doc.sha, doc.lang, doc.day, doc.url, doc.importance,
                              doc.change_type, doc.title, doc.summary)).lastrowid
        conn.execute("INSERT INTO fts (rowid, title, body, facts) VALUES (?, ?, ?, ?)",
                     (rowid, spaced(doc.title_text), spaced(doc.body_text), spaced(doc.facts_text)))

    def rebuild(self, store) -> int:
        """Index again from ``store``: every cached commit with its stored analyses; the number indexed."""
        with self._lock:
            self._db(build=False)  # not built twice
            return self._rebuild_locked(store)

    def _rebuild_locked(self, store) -> int:
        conn = self._conn
        count = 0
        with conn:
            conn.execute("DELETE FROM fts")
            conn.execute("DELETE FROM docs")
            for doc in docs_in_store(store):
                self._put(conn, doc)
                count += 1
        return count

    def docs(self) -> list[SearchDoc]:
        """Every indexed document, read back (for ``copy-store``: local repositories' analyses are only here)."""
        if not self.path.exists():
            return []
        with self._lock:
            rows = self._db().execute(
                "SELECT d.key, d.repo, d.repo_name, d.sha, d.lang, d.day, d.url, d.importance, d.change_type, "
                "d.title, d.summary, f.title, f.body, f.facts FROM docs d JOIN fts f ON f.rowid = d.id").fetchall()
        return [SearchDoc(*row) for row in rows]

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
        return best_per_commit((Hit(*row) for row in rows), lang, limit)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

