"""The store interface every backend implements: tables of JSON values by key (get, put, delete, items, add)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, Protocol

from analysis.errors import DigestError
from bot.store.leases import Leases

#: tables whose rows can be computed again (commit details, analyses, facts, the day's highlights, report
#: pages, daily counts, the health probe): a corrupt file of one is renamed "<file>.corrupt-<time>" and
#: the table starts empty
CACHE_TABLES = frozenset({"analyses", "commits", "facts", "highlights", "reports", "daily_stats", "health"})


class StoreCorrupt(DigestError):
    """A database file exists but cannot be read as JSON."""


class StoreUnavailable(DigestError):
    """The configured database cannot be reached or set up."""


class Store(Protocol):
    """Key-value tables of JSON values, and the leases (``bot.store.leases``) of the instances sharing them."""

    leases: Leases

    def get(self, table: str, key: str) -> Any | None: ...

    def get_many(self, table: str, keys: list[str]) -> dict[str, Any]:
        """The values of those ``keys`` that have one (one round trip for a shared database)."""
        ...

    def put(self, table: str, key: str, value: Any) -> None: ...

    def delete(self, table: str, key: str) -> None: ...

    def items(self, table: str) -> Iterator[tuple[str, Any]]: ...

    def put_many(self, table: str, items: list[tuple[str, Any]]) -> None: ...

    def add(self, table: str, key: str, amounts: dict[str, float]) -> dict[str, Any]:
        """Add ``amounts`` to the numbers of the JSON object at ``key`` (missing: 0) atomically; the new object.

        Atomic across threads and, for a shared database, across processes: concurrent adds lose nothing.
        """
        ...

    def close(self) -> None: ...


def checked_amounts(amounts: dict[str, float]) -> dict[str, float]:
    """``amounts`` when it maps names to finite numbers (not booleans); else ValueError."""
    if not isinstance(amounts, dict) or not amounts:
        raise ValueError("add needs a non-empty dict of amounts")
    for name, amount in amounts.items():
        if not isinstance(name, str) or isinstance(amount, bool) or not isinstance(amount, (int, float)) \
                or not math.isfinite(amount):
            raise ValueError(f"add needs finite numbers by name, not {name!r}: {amount!r}")
    return amounts


def added(value: Any, amounts: dict[str, float]) -> dict[str, Any]:
    """``value`` (a JSON object or None) with ``amounts`` added to its numbers: the non-atomic core of ``add``."""
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ValueError(f"add needs a JSON object in the row, not {type(value).__name__}")
    fresh = dict(value)
    for name, amount in amounts.items():
        current = fresh.get(name, 0)
        if isinstance(current, bool) or not isinstance(current, (int, float)):
            raise ValueError(f"add needs a number at {name!r}, not {current!r}")
        fresh[name] = current + amount
    return fresh
