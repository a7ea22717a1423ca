"""Digest builds shared between channels: one in-flight build per (repo, day, zone, branch, lang, filter).

When many channels follow one repository, their jobs fire at the same minute. Identical
requests await one shared build, and a finished build is kept for a few minutes, so channels
served later in the same storm reuse it instead of listing the day again; requests for the
same day that differ only in their filter run one after the other, so the second finds every
commit's details and analysis in the cache.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from analysis.models import Digest
from bot.core.subscriptions import Subscription

if TYPE_CHECKING:
    from bot.core.service import BotCore

log = logging.getLogger(__name__)

#: how long a finished build is reused by channels due at the same time (a failed one is not kept)
KEEP_FINISHED_SECONDS = 600.0


class SharedBuilds:
    """Deduplicates concurrent ``core.digest_for`` calls."""

    def __init__(self, core: "BotCore"):
        self.core = core
        self._inflight: dict[tuple, asyncio.Future] = {}
        self._day_locks: dict[tuple, asyncio.Lock] = {}
        self.started = 0  # builds really run (for tests and the benchmark)

    @staticmethod
    def _keys(sub: Subscription, day: str) -> tuple[tuple, tuple]:
        day_key = (sub.repo, day, sub.tz, sub.branch, sub.lang)
        return day_key, day_key + (sub.commit_filter,)

    async def build(self, sub: Subscription, day: str) -> Digest:
        day_key, key = self._keys(sub, day)
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.ensure_future(self._run(sub, day, day_key))
            self._inflight[key] = task
            task.add_done_callback(lambda done, key=key: self._finished(key, done))
        # shield: one waiting channel being cancelled must not cancel the build for the others
        return await asyncio.shield(task)

    def _finished(self, key: tuple, task: asyncio.Future) -> None:
        """Keep a successful build for a while; forget a failed or cancelled one at once."""
        def forget() -> None:
            if self._inflight.get(key) is task:
                del self._inflight[key]

        if task.cancelled() or task.exception() is not None:
            forget()
        else:
            asyncio.get_running_loop().call_later(KEEP_FINISHED_SECONDS, forget)

    async def _run(self, sub: Subscription, day: str, day_key: tuple) -> Digest:
        lock = self._day_locks.setdefault(day_key, asyncio.Lock())
        try:
            async with lock:
                self.started += 1
                return await self.core.digest_for(sub, day)
        finally:
            if not lock.locked() and not lock._waiters:  # noqa: SLF001 - drop idle locks
                self._day_locks.pop(day_key, None)
