"""The posting fence: one poster of a digest at a time across instances, and none once it lost its turn.

The job queue runs one job per ledger key at a time, but it puts back the job of a worker whose heartbeat
is late, and a late worker is not always a dead one: a starved instance (a frozen event loop, a loaded
machine) wakes up and goes on posting beside the instance that took its job over. The ledger alone
cannot keep the two apart, each reading it before the other's posts are recorded.

So a digest (or a weekly roll-up) with a ledger key is posted under a lease named by that key, taken
before the ledger is read: a second poster waits for it (the first one finishes, and the ledger then
says done-before) or for its expiry (the first one died), up to ``wait`` seconds, then fails (its job is
retried). The holder renews the lease in the background and again before each message: one that finds
it in other hands (it stalled past the ttl and was taken over) stops before posting again, with
``PostingTakenOver``. A message already on its way when the lease is lost is the one case left: the
taker's thread read-back finds it when Slack or Discord had it in time.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time

from analysis.errors import DigestError
from bot.core.coordination.renewal import keep_renewed, release, take
from bot.core.limits import pools
from bot.store.leases import Leases

log = logging.getLogger(__name__)

#: the first and the longest wait between two tries of a lease held by another poster
POLL_FIRST, POLL_MAX = 0.05, 1.0


class PostingBusy(DigestError):
    """Another instance posts this digest now: this one did not (or no longer does); nothing to tell the channel."""


class PostingTakenOver(PostingBusy):
    """This poster lost its lease (it stalled past the ttl): another instance posts the rest."""


class NoFence:
    """The fence of a message posted outside the ledger (a preview): nothing to hold, nothing to check."""

    async def __aenter__(self) -> NoFence:
        return self

    async def __aexit__(self, *exc_info) -> None:
        return None

    async def check(self) -> None:
        return None


NO_FENCE = NoFence()


def fence_for(leases: Leases | None, key: str | None, holder: str, ttl: float) -> PostingFence | NoFence:
    """The fence of posting under ledger ``key``; none without a key or leases. A busy lease is waited on 10 ttls."""
    if key is None or leases is None:
        return NO_FENCE
    return PostingFence(leases, key, holder, ttl, wait=10 * ttl)


class PostingFence:
    """``async with PostingFence(...) as fence``: hold the lease on ``name``; ``await fence.check()`` before a post."""

    def __init__(self, leases: Leases, name: str, holder: str, ttl: float, wait: float):
        self.leases, self.name, self.ttl, self.wait = leases, f"post:{name}", ttl, wait
        self.holder = f"{holder}#{secrets.token_hex(4)}"  # this attempt's own: a lease is re-entrant for its holder
        self._renewer: asyncio.Task | None = None

    async def __aenter__(self) -> PostingFence:
        deadline = time.monotonic() + self.wait
        delay = POLL_FIRST
        while not await take(self.leases, self.name, self.holder, self.ttl):
            if time.monotonic() >= deadline:
                raise PostingBusy(f"this digest is being posted by another instance of the bot for more than "
                                  f"{self.wait:g} seconds; it is tried again later")
            await asyncio.sleep(delay)
            delay = min(delay * 2, POLL_MAX)
        self._renewer = keep_renewed(self.leases, self.name, self.holder, self.ttl)
        return self

    async def check(self) -> None:
        """Renew the lease now; raise ``PostingTakenOver`` when another poster holds it."""
        if not await pools.store_io(self.leases.renew, self.name, self.holder, self.ttl):
            log.warning("the posting of %s was taken over by another instance; this one stops", self.name)
            raise PostingTakenOver("this digest was taken over by another instance of the bot while this one "
                                   "was stalled; the other one posts the rest")

    async def __aexit__(self, *exc_info) -> None:
        if self._renewer is not None:
            self._renewer.cancel()
        await release(self.leases, self.name, self.holder)
