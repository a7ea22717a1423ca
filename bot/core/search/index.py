"""The search index ``ask`` reads, whatever backs it, and ``open_search``, which picks the backend for the store.

SQLite FTS5 beside TinyDB (``bot.core.search.sqlite``: a file in the data directory, one per instance) or
PostgreSQL full-text search in the shared database (``bot.core.search.postgres``: one index for every
instance). The core opens it with the store; ``ask`` sees only this interface.
"""

from __future__ import annotations

from typing import Protocol

from analysis.answer import Hit
from analysis.models import Digest


class Search(Protocol):
    """A full-text index of stored analyses (documents: ``bot.core.search.text``)."""

    def add_digest(self, digest: Digest, lang: str, repo: str | None = None) -> None:
        """Index every change of ``digest`` (written in ``lang``) under ``repo`` as followed."""
        ...

    def rebuild(self, store) -> int:
        """Index again everything ``store`` holds; the number of analyses indexed."""
        ...

    def search(self, question: str, repos: list[str], since: str, lang: str, limit: int = 8) -> list[Hit]:
        """The analyses of ``repos`` from ``since`` (YYYY-MM-DD) best matching ``question``, one per commit, best first."""
        ...

    def close(self) -> None: ...


def open_search(store, settings) -> Search:
    """The index for ``store``: in its database when it lends connections (PostgreSQL), else an FTS5 file in
    ``settings.data_dir`` (opened, and built from the store, on first use)."""
    if callable(getattr(store, "connection", None)):
        from bot.core.search.postgres import PostgresSearch

        return PostgresSearch(store)
    from bot.core.search.sqlite import SearchIndex

    return SearchIndex.beside(store, settings.data_dir)
