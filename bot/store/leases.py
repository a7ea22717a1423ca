"""Leases: a named thing held by one holder until it is released or its time runs out (the in-process kind here).

A lease is how instances sharing a database agree on who does something (analyses one commit, runs a
Discord shard, uses one LLM slot) without a coordinator: ``take`` succeeds when the lease is free, has
expired, or is already this holder's; the holder ``renew``s it while it works and ``release``s it
after. A holder that dies stops renewing, and the lease is free again ``ttl`` seconds later.

``store.leases`` is the store's: ``MemoryLeases`` (below) for TinyDB, one process, under a lock;
``PgLeases`` (``pg_leases``) for PostgreSQL, one statement per call on the database's clock.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from typing import Callable, Protocol


class Leases(Protocol):
    """Named leases with an expiry; every call is atomic across the instances sharing them."""

    def take(self, name: str, holder: str, ttl: float) -> bool:
        """Hold ``name`` for ``ttl`` seconds if it is free, expired or already ``holder``'s; whether it is now."""
        ...

    def renew(self, name: str, holder: str, ttl: float) -> bool:
        """Extend ``holder``'s lease to ``ttl`` seconds from now; False when another holder has it (it was lost)."""
        ...

    def release(self, name: str, holder: str) -> None:
        """Free ``name`` if ``holder`` holds it (else nothing)."""
        ...

    def holder(self, name: str) -> str | None:
        """Who holds ``name`` now; None when it is free or expired."""
        ...


def holder_id() -> str:
    """A name for this holder, unique across instances and restarts: host, process and a random part."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def checked_ttl(ttl: float) -> float:
    if not isinstance(ttl, (int, float)) or isinstance(ttl, bool) or not 0 < ttl <= 86400:
        raise ValueError(f"a lease's ttl is seconds in (0, 86400], not {ttl!r}")
    return float(ttl)


class MemoryLeases:
    """Leases in this process (the TinyDB store's: one bot per data directory), on the monotonic clock."""

    def __init__(self, lock: threading.RLock | None = None, clock: Callable[[], float] = time.monotonic):
        self._lock = lock or threading.RLock()
        self._clock = clock
        self._held: dict[str, tuple[str, float]] = {}  # name -> (holder, expires at)

    def take(self, name: str, holder: str, ttl: float) -> bool:
        ttl = checked_ttl(ttl)
        with self._lock:
            now = self._clock()
            current = self._held.get(name)
            if current is not None and current[0] != holder and current[1] >= now:
                return False
            self._held[name] = (holder, now + ttl)
            return True

    def renew(self, name: str, holder: str, ttl: float) -> bool:
        ttl = checked_ttl(ttl)
        with self._lock:
            current = self._held.get(name)
            if current is None or current[0] != holder:
                return False
            self._held[name] = (holder, self._clock() + ttl)
            return True

    def release(self, name: str, holder: str) -> None:
        with self._lock:
            current = self._held.get(name)
            if current is not None and current[0] == holder:
                del self._held[name]

    def holder(self, name: str) -> str | None:
        with self._lock:
            current = self._held.get(name)
            if current is None or current[1] < self._clock():
                return None
            return current[0]
