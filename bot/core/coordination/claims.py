"""Claims on shared work (one commit's details and analysis): one digest of any instance does it, the others wait.

A claim is two things: in this process, a future other digests wait on (woken at once when the
holder lets go); across instances, a lease in the store (``store.leases``) named by the work, renewed
while the work goes on. A digest that finds the work claimed elsewhere polls for its result (the row
the holder stores) with backoff, and tries the lease again each round: when the holder dies, its
lease expires and the waiter takes the work over; when the holder gives up without a row (a failed
analysis), the waiter does the work itself.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from bot.core.coordination.renewal import keep_renewed, release, take
from bot.store.leases import Leases

log = logging.getLogger(__name__)

T = TypeVar("T")

#: seconds a claim lasts without renewal: a dead holder's work is taken over this long after its last renewal
CLAIM_TTL = 60.0
#: the first and the longest wait between two looks at claimed work
POLL_FIRST, POLL_MAX = 0.05, 1.0


class Claim:
    """Work this digest holds: its lease renewed in the background until ``release``."""

    def __init__(self, claims: WorkClaims, name: str, holder: str, local: asyncio.Future):
        self.claims, self.name, self.holder, self._local = claims, name, holder, local
        self._renewer = None if claims.leases is None else keep_renewed(claims.leases, name, holder, claims.ttl)

    async def release(self) -> None:
        """Let go of the lease, then wake this process's waiters (who find the stored result, or take over)."""
        if self._local.done():
            return
        try:
            if self._renewer is not None:
                self._renewer.cancel()
                await release(self.claims.leases, self.name, self.holder)
        finally:
            self.claims.settle(self.name, self._local)


class WorkClaims:
    """Claims by name for one holder (a digest service): see the module docstring.

    Each claim's lease is held under a name of its own (``holder#n``): a lease is re-entrant for its
    holder, and a late answer to a cancelled take must never release a later claim's lease.
    """

    def __init__(self, leases: Leases | None, holder: str, ttl: float = CLAIM_TTL,
                 poll: tuple[float, float] = (POLL_FIRST, POLL_MAX)):
        self.leases, self.holder, self.ttl = leases, holder, ttl
        self.poll_first, self.poll_max = poll
        self._local: dict[str, asyncio.Future] = {}
        self._claims = itertools.count()

    async def acquire(self, name: str, done: Callable[[], Awaitable[T | None]]) -> T | Claim:
        """``done()``'s result once someone's work produced it, or the ``Claim`` of ``name`` for this caller.

        The caller holding the claim must ``release`` it (after storing what ``done`` looks for).
        """
        loop = asyncio.get_running_loop()
        delay = self.poll_first
        while True:
            found = await done()
            if found is not None:
                return found
            local = self._local.get(name)
            if local is not None and local.get_loop() is loop and not local.done():
                # another digest of this process holds it: woken when it lets go, or look again (its
                # result, such as a commit's details, may be stored before it lets go)
                await asyncio.wait([local], timeout=delay)
                delay = min(delay * 2, self.poll_max)
                continue
            mine = loop.create_future()
            self._local[name] = mine
            holder = f"{self.holder}#{next(self._claims)}"
            try:
                won = await self._take(name, holder)
            except BaseException:  # cancelled: this process's waiters must not wait on a claim nobody holds
                self.settle(name, mine)
                raise
            if won:
                claim = Claim(self, name, holder, mine)
                # the holder before us may have stored its result and let go between our look and our take
                try:
                    found = await done()
                except BaseException:
                    await claim.release()
                    raise
                if found is not None:
                    await claim.release()
                    return found
                return claim
            self.settle(name, mine)
            await asyncio.sleep(delay)  # held by another instance: its result, or its lease's expiry
            delay = min(delay * 2, self.poll_max)

    async def _take(self, name: str, holder: str) -> bool:
        if self.leases is None:
            return True
        try:
            return await take(self.leases, name, holder, self.ttl)
        except Exception as error:  # noqa: BLE001 - no lease: do the work (at worst twice), never fail on it
            log.warning("could not take the claim on %s, working without it: %s", name, error)
            return True

    def settle(self, name: str, local: asyncio.Future) -> None:
        if self._local.get(name) is local:
            del self._local[name]
        if not local.done():
            local.set_result(None)
