"""GitHub's rate limit shared by the instances: what any of them last saw, in the store, so all back off together.

Every GitHub answer carries ``X-RateLimit-Remaining``/``-Limit``/``-Reset``. An instance records what it
sees (at most every ``WRITE_EVERY`` seconds, and at once when the limit is spent or a new window
begins) in the ``github_rate`` table, keyed by the token (a hash of it, never the token). Every
instance's GitHub sources read it back (at most every ``READ_EVERY`` seconds): a spent limit makes
them wait for the reset (or fail at once when it is too far), and a low one keeps the reserve for
the digests' own calls (no whole-file reads), whichever instance spent the calls.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Mapping

from bot.store import Store

log = logging.getLogger(__name__)

RATE_TABLE = "github_rate"
WRITE_EVERY = 2.0
READ_EVERY = 1.0


def _parsed(headers: Mapping[str, str] | None) -> tuple[int, int, float] | None:
    lowered = {str(k).lower(): v for k, v in (headers or {}).items()}
    if lowered.get("x-ratelimit-resource", "core") != "core":
        return None  # the search API and others have limits of their own
    try:
        return (int(lowered["x-ratelimit-remaining"]), int(lowered["x-ratelimit-limit"]),
                float(lowered["x-ratelimit-reset"]))
    except (KeyError, ValueError):
        return None


class SharedGitHubRate:
    """``observe(headers)`` for a source's ``on_response``; ``view()`` for its ``shared_rate``."""

    def __init__(self, store: Store, token: str | None, clock: Callable[[], float] = time.time):
        self.store, self.clock = store, clock
        self.key = "token:" + hashlib.sha256(token.encode()).hexdigest()[:16] if token else "anonymous"
        self._lock = threading.Lock()
        self._written: tuple[float, tuple[int, int, float]] | None = None  # (when, what) last written
        self._read: tuple[float, tuple[int, int, float] | None] | None = None  # (when, what) last read

    def observe(self, headers: Mapping[str, str] | None) -> None:
        seen = _parsed(headers)
        if seen is None:
            return
        now = self.clock()
        with self._lock:
            last = self._written
            due = last is None or now - last[0] >= WRITE_EVERY or seen[0] == 0 or seen[2] != last[1][2]
            if not due:
                return
            self._written = (now, seen)
            self._read = (now, seen)  # this instance's own answer is the newest it knows
        remaining, limit, reset = seen
        self.store.put(RATE_TABLE, self.key, {"remaining": remaining, "limit": limit, "reset": reset, "seen_at": now})

    def view(self) -> tuple[int, int, float] | None:
        """(remaining, limit, reset epoch) as the instances last saw it; None when unknown or its window is over."""
        now = self.clock()
        with self._lock:
            read = self._read
        if read is None or now - read[0] >= READ_EVERY:
            row = self.store.get(RATE_TABLE, self.key)
            try:
                seen = (int(row["remaining"]), int(row["limit"]), float(row["reset"])) if row else None
            except (KeyError, TypeError, ValueError):
                seen = None
            read = (now, seen)
            with self._lock:
                self._read = read
        seen = read[1]
        return seen if seen is not None and seen[2] > now else None
