"""The PostgreSQL backend of the search index ``ask`` reads: ``digestbot.search_docs`` with a GIN-indexed tsvector.

Used with the PostgreSQL store (``bot.core.search.index.open_search``), so every instance reads and
feeds one index in the shared database. The documents and the question's terms are those of the FTS5
backend (``bot.core.search.text``); here the terms become a ``tsquery`` (phrases with ``<->``, prefixes
with ``:*``, OR'ed) over the 'simple' configuration, ranked by ``ts_rank`` with the same weights
(title 4, facts 2, body 1) and length normalisation, as bm25 ranks them in FTS5.

Maintenance: every digest built is upserted (``add_digest``, one transaction); the first instance to use
an index whose ``search_state`` is missing or older than ``INDEX_VERSION`` rebuilds it from the store
inside one transaction under an advisory lock (the others wait, then find it built).
"""

from __future__ import annotations

import hashlib
import logging
import threading

import psycopg

from analysis.answer import Hit
from analysis.models import Digest
from bot.core.search.text import (
    SearchDoc,
    SearchUnavailable,
    best_per_commit,
    doc_of,
    docs_in_store,
    question_terms,
    words,
)

log = logging.getLogger(__name__)

#: the version of what the index holds: raise it when ``SearchDoc`` or ``words`` change, and every
#: database's index is rebuilt from its store once
INDEX_VERSION = "1"
#: the advisory lock key (a signed 64-bit number) of a rebuild
REBUILD_LOCK = int.from_bytes(hashlib.sha256(b"digestbot.search_docs").digest()[:8], "big", signed=True)
#: tsvector holds at most 1 MB: longer texts are cut (the first part of a commit's analysis says the most)
MAX_TEXT = 200_000
#: ts_rank's weights for {D, C, B, A}: body (C) 1, facts (B) 2, title (A) 4, as bm25(fts, 4.0, 1.0, 2.0)
WEIGHTS = [0.0, 0.25, 0.5, 1.0]

_UPSERT = """
insert into digestbot.search_docs (key, repo, repo_name, sha, lang, day, url, importance, change_type, title,
                                   summary, title_words, body_words, facts_words, updated_at)
values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now())
on conflict (key) do update set repo = excluded.repo, repo_name = excluded.repo_name, day = excluded.day,
    url = excluded.url, importance = excluded.importance, change_type = excluded.change_type,
    title = excluded.title, summary = excluded.summary, title_words = excluded.title_words,
    body_words = excluded.body_words, facts_words = excluded.facts_words, updated_at = now()
"""
# normalisation 1: ts_rank divided by 1 + log(document length), as bm25 discounts long documents
_SEARCH = """
select repo_name, sha, to_char(day, 'YYYY-MM-DD'), url, title, importance, change_type, summary, lang,
       -ts_rank(%(weights)s::float4[], document, query, 1) as rank
from digestbot.search_docs, to_tsquery('simple', %(query)s) as query
where document @@ query and repo = any(%(repos)s) and day >= %(since)s::date
order by rank, sha
limit %(limit)s
"""


def tsquery(question: str) -> str | None:
    """The ``to_tsquery`` text of ``question``: its terms OR'ed (each token quoted, so nothing is syntax); None if none."""
    def token(text: str, prefix: bool) -> str:
        return f"'{text}'" + (":*" if prefix else "")

    terms = []
    for term in question_terms(question):
        last = len(term.tokens) - 1
        phrase = " <-> ".join(token(t, term.prefix and n == last) for n, t in enumerate(term.tokens))
        terms.append(f"({phrase})" if last else phrase)
    return " | ".join(terms) or None


def _row(doc: SearchDoc) -> tuple:
    return (doc.key, doc.repo, doc.repo_name, doc.sha, doc.lang, doc.day, doc.url, doc.importance, doc.change_type,
            doc.title, doc.summary, words(doc.title_text)[:MAX_TEXT], words(doc.body_text)[:MAX_TEXT],
            words(doc.facts_text)[:MAX_TEXT])


class PostgresSearch:
    """The index in the PostgreSQL store's database, through the store's connection pool; thread-safe."""

    def __init__(self, store):
        self.store = store  # a PostgresStore: its pool, and what a rebuild reads
        self._checked = False
        self._check_lock = threading.Lock()

    def _connection(self):
        return self.store.connection()

    def ensure_built(self) -> int | None:
        """Rebuild from the store if the database's index is missing or of another version (checked once per
        instance); the number indexed, or None when it was already built (by this instance or another)."""
        if self._checked:
            return None
        with self._check_lock:
            if self._checked:
                return None
            count = self._rebuild(self.store, only_if_stale=True)
            if count is not None:
                log.info("search index built from the store: %d analyses", count)
            self._checked = True
            return count

    def _rebuild(self, store, *, only_if_stale: bool) -> int | None:
        """Replace the index with ``store``'s documents; with ``only_if_stale``, only if it is not current.

        The documents are computed holding no connection (reading the store needs the pool, and the
        heuristic's analyses take time); the replacement is one transaction under the advisory lock, which
        checks again, so instances starting together write it once.
        """
        if only_if_stale and self._is_current():
            return None
        rows = [_row(doc) for doc in docs_in_store(store)]
        with self._guard("rebuilt"), self._connection() as conn, conn.transaction():
            conn.execute("select pg_advisory_xact_lock(%s)", (REBUILD_LOCK,))
            if only_if_stale and self._is_current(conn):
                return None
            conn.execute("delete from digestbot.search_docs")
            with conn.cursor() as cursor:
                for start in range(0, len(rows), 500):
                    cursor.executemany(_UPSERT, rows[start:start + 500])
            conn.execute("insert into digestbot.search_state (name, version) values ('docs', %s) on conflict (name) "
                         "do update set version = excluded.version, built_at = now()", (INDEX_VERSION,))
        return len(rows)

    def _is_current(self, conn=None) -> bool:
        if conn is None:
            with self._guard("read"), self._connection() as own:
                return self._is_current(own)
        row = conn.execute("select version from digestbot.search_state where name = 'docs'").fetchone()
        return row is not None and row[0] == INDEX_VERSION

    def _guard(self, doing: str):
        return _DatabaseErrors(f"the search index could not be {doing} in the PostgreSQL database at "
                               f"{getattr(self.store, 'where', 'DIGESTBOT_DATABASE_URL')}")

    # -- writing -----------------------------------------------------------------------------

    def add_digest(self, digest: Digest, lang: str, repo: str | None = None) -> None:
        """Index every change of ``digest`` (written in ``lang``) under ``repo`` (as followed; default its name)."""
        self.ensure_built()
        rows = [_row(doc_of(repo or digest.repo, report, lang)) for report in digest.commits]
        if not rows:
            return
        with self._guard("updated"), self._connection() as conn, conn.transaction(), conn.cursor() as cursor:
            cursor.executemany(_UPSERT, rows)

    def add_docs(self, docs: list[SearchDoc]) -> int:
        """Index ``docs`` (read back from another index); the number of analyses the index holds then."""
        with self._guard("updated"), self._connection() as conn:
            with conn.transaction(), conn.cursor() as cursor:
                if docs:
                    cursor.executemany(_UPSERT, [_row(doc) for doc in docs])
            return conn.execute("select count(*) from digestbot.search_docs").fetchone()[0]

    def rebuild(self, store) -> int:
        """Index again from ``store``: every cached commit with its stored analyses; the number indexed."""
        count = self._rebuild(store, only_if_stale=False)
        self._checked = True
        return count

    # -- reading -----------------------------------------------------------------------------

    def search(self, question: str, repos: list[str], since: str, lang: str, limit: int = 8) -> list[Hit]:
        """The analyses of ``repos`` from ``since`` (YYYY-MM-DD) best matching ``question``, one per commit."""
        query = tsquery(question)
        if query is None or not repos:
            return []
        self.ensure_built()
        params = {"weights": WEIGHTS, "query": query, "repos": [r.lower() for r in repos], "since": since,
                  "limit": limit * 6}
        with self._guard("read"), self._connection() as conn:
            rows = conn.execute(_SEARCH, params).fetchall()
        return best_per_commit((Hit(*row) for row in rows), lang, limit)

    def close(self) -> None:
        """Nothing to release: the connections are the store's."""


class _DatabaseErrors:
    """Turns a database failure into ``SearchUnavailable`` with one sentence (the server's own words at the end)."""

    def __init__(self, message: str):
        self.message = message

    def __enter__(self):
        return self

    def __exit__(self, kind, error, tb):
        if isinstance(error, psycopg.Error):
            reason = getattr(getattr(error, "diag", None), "message_primary", None) or type(error).__name__
            raise SearchUnavailable(f"{self.message} ({reason})") from None
        return False
