"""Schedules follow subscriptions changed through any instance: LISTEN/NOTIFY, and a full re-read as the safety net.

Every write to ``digestbot.subscriptions`` (from any instance, ``copy-store``, or by hand) notifies
``digestbot_subscriptions`` with the subscription's key when it commits (a trigger, migration 007).
Each instance listens on a connection of its own and, per key, re-reads that subscription and
moves, adds or removes its jobs (``DigestScheduler.follow``): a change made through one instance
reaches the others' schedules within a second or so. Notifications sent while the connection was
down are lost, so each (re)connection re-reads every subscription, and so does a timer every
``DIGESTBOT_SCHEDULE_RESYNC_SECONDS`` (60): a change reaches every schedule within a minute whatever
happens to the notifications.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

import psycopg

from bot.core.limits import pools
from bot.core.subscriptions import SubscriptionBook

if TYPE_CHECKING:
    from bot.store import Store
    from scheduler.jobs import DigestScheduler

log = logging.getLogger(__name__)

CHANNEL = "digestbot_subscriptions"
#: seconds a quiet LISTEN connection waits before checking it is still alive
PROBE_EVERY = 30.0
#: seconds between reconnection attempts while the database is away
RECONNECT_WAIT = 2.0


class ScheduleSync:
    """Keeps ``scheduler``'s jobs equal to the subscriptions in the shared database."""

    def __init__(self, url: str, store: "Store", scheduler: "DigestScheduler", *, resync_seconds: float = 60.0):
        self.url, self.scheduler = url, scheduler
        self.book = SubscriptionBook(store)
        self.resync_seconds = resync_seconds
        self.listening = asyncio.Event()  # set while the LISTEN connection is up (tests wait on it)
        self._tasks: list[asyncio.Task] = []

    async def start(self) -> None:
        self._tasks = [asyncio.create_task(self._listen_forever(), name="subscription listener"),
                       asyncio.create_task(self._resync_forever(), name="subscription resync")]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []

    # -- applying changes --------------------------------------------------------------------

    async def reload(self, key: str) -> bool:
        """Re-read subscription ``key`` and make its jobs match; True if they changed."""
        return self.scheduler.follow(key, await pools.store_io(self.book.by_key, key))

    async def resync(self) -> int:
        """Re-read every subscription and make the jobs match; how many subscriptions' jobs changed."""
        stored = {sub.key: sub for sub in await pools.store_io(self.book.all)}
        changed = 0
        for key in sorted(set(stored) | self.scheduler.known()):
            try:
                changed += self.scheduler.follow(key, stored.get(key))
            except Exception:  # noqa: BLE001 - one bad record must not keep the others from their schedule
                log.exception("subscription %s cannot be scheduled; skipped", key)
        if changed:
            log.info("schedule resync: %d subscription(s) changed elsewhere", changed)
        return changed

    # -- the loops ---------------------------------------------------------------------------

    async def _listen_forever(self) -> None:
        while True:
            try:
                await self._listen()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - the database restarts, the network drops: listen again
                log.warning("subscription listener lost its connection (%s); reconnecting",
                            type(error).__name__)
            finally:
                self.listening.clear()
            await asyncio.sleep(RECONNECT_WAIT)

    async def _listen(self) -> None:
        async with await psycopg.AsyncConnection.connect(self.url, autocommit=True) as conn:
            await conn.execute(f"listen {CHANNEL}")
            self.listening.set()
            await self.resync()  # whatever changed before the LISTEN took effect
            while True:
                async for note in conn.notifies(timeout=PROBE_EVERY):
                    try:
                        await (self.reload(note.payload) if note.payload else self.resync())
                    except psycopg.Error:
                        raise
                    except Exception:  # noqa: BLE001 - a bad record must not stop the listener
                        log.exception("subscription %s changed but cannot be scheduled", note.payload)
                await conn.execute("select 1")  # a dead connection raises here

    async def _resync_forever(self) -> None:
        while True:
            await asyncio.sleep(self.resync_seconds)
            try:
                await self.resync()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the next round tries again
                log.warning("schedule resync failed", exc_info=True)
