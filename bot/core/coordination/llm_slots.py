"""The LLM concurrency limit across instances: N slot leases (``llm-slot-0`` .. ``llm-slot-N-1``) in the store.

Each request holds one slot (inside its instance's own limit of N), so instances sharing a database
have at most N requests in flight together. A slot is a lease: renewed while a long answer is
awaited, released after, and free again ``ttl`` seconds after its holder died. No slot free: the
request looks again after a short wait (backing off to ``POLL_MAX``).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random

from bot.core.coordination.renewal import keep_renewed, release, taken
from bot.store.leases import Leases

SLOT_PREFIX = "llm-slot-"
#: seconds a slot is held without renewal (a dead instance's slots are free again after this)
SLOT_TTL = 60.0
POLL_FIRST, POLL_MAX = 0.02, 0.5


class SharedSlots:
    """``slot()``: an async context manager holding one of ``count`` slots shared by every instance."""

    def __init__(self, leases: Leases, holder: str, count: int, ttl: float = SLOT_TTL):
        self.leases, self.holder, self.count, self.ttl = leases, holder, max(1, count), ttl
        self._requests = itertools.count()  # each request holds its slot under a name of its own

    @contextlib.asynccontextmanager
    async def slot(self):
        holder = f"{self.holder}#{next(self._requests)}"
        name = await self._take(holder)
        renewer = keep_renewed(self.leases, name, holder, self.ttl)
        try:
            yield name
        finally:
            renewer.cancel()
            await release(self.leases, name, holder)

    async def _take(self, holder: str) -> str:
        delay = POLL_FIRST
        while True:
            name = await taken(self.leases, lambda: self._take_free(holder), holder)
            if name is not None:
                return name
            await asyncio.sleep(delay * (0.5 + random.random()))  # jittered: instances do not retry in step
            delay = min(delay * 2, POLL_MAX)

    def _take_free(self, holder: str) -> str | None:
        """The first free slot taken, trying them from a random one (so instances rarely race for slot 0)."""
        start = random.randrange(self.count)
        for i in range(self.count):
            name = f"{SLOT_PREFIX}{(start + i) % self.count}"
            if self.leases.take(name, holder, self.ttl):
                return name
        return None
