"""The store interface every backend implements: tables of JSON values by key (get, put, delete, items)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from analysis.errors import DigestError

#: tables whose rows can be computed again (commit details, analyses, facts, the day's highlights, report
#: pages, daily counts, the health probe): a corrupt file of one is renamed "<file>.corrupt-<time>" and
#: the table starts empty
CACHE_TABLES = frozenset({"analyses", "commits", "facts", "highlights", "reports", "daily_stats", "health"})


class StoreCorrupt(DigestError):
    """A database file exists but cannot be read as JSON."""


class Store(Protocol):
    """Key-value tables of JSON values."""

    def get(self, table: str, key: str) -> Any | None: ...

    def put(self, table: str, key: str, value: Any) -> None: ...

    def delete(self, table: str, key: str) -> None: ...

    def items(self, table: str) -> Iterator[tuple[str, Any]]: ...

    def put_many(self, table: str, items: list[tuple[str, Any]]) -> None: ...
