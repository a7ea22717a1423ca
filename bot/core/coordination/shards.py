"""Discord shards across instances: each shard's gateway runs in exactly one instance, the one holding its lease.

Every ``interval`` (a third of the lease's ttl: 15 s) the keeper renews the leases of the shards it
runs, stops any it lost (it stalled past the ttl and another instance took it: two connections for
one shard must not last), and takes every free or expired shard lease, running that shard. An
instance that dies stops renewing, so its shards are taken over by another within ttl plus one
round (at most a minute). The adapter is told what to run (``run(shard)``, ``drop(shard)``); the
keeper knows nothing of Discord.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable

from bot.core.coordination.renewal import keep_renewed, release, take
from bot.core.limits import pools
from bot.store.leases import Leases

log = logging.getLogger(__name__)

#: seconds a shard's lease lasts without renewal; renewed (and free shards looked for) every third of it
SHARD_TTL = 45.0
#: Discord accepts one IDENTIFY per 5 s for a bot (``max_concurrency`` 1, below 150,000 guilds): every shard
#: start of every instance first takes this lease for that long and never releases it
IDENTIFY_LEASE = "discord-identify"
IDENTIFY_EVERY = 5.0


def lease_name(shard: int, count: int) -> str:
    return f"discord-shard-{shard}-of-{count}"


class ShardKeeper:
    """Holds, renews and takes over shard leases for one instance; see the module docstring."""

    def __init__(self, leases: Leases, holder: str, count: int, run: Callable[[int], Awaitable[None]],
                 drop: Callable[[int], Awaitable[None]], ttl: float = SHARD_TTL,
                 identify_every: float = IDENTIFY_EVERY):
        self.leases, self.holder, self.count, self.ttl = leases, holder, count, ttl
        self.run, self.drop = run, drop
        self.identify_every = identify_every
        self._identifies = itertools.count()
        self.held: set[int] = set()
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Take (and run) the free shards now, then keep at it in the background."""
        await self.round()
        self._task = asyncio.create_task(self._keep(), name="discord-shard-leases")

    async def _keep(self) -> None:
        while True:
            await asyncio.sleep(self.ttl / 3)
            try:
                await self.round()
            except Exception:  # noqa: BLE001 - the next round tries again
                log.exception("a round of the Discord shard leases failed")

    async def round(self) -> None:
        """Renew the held shards (dropping the lost ones), then take and run the free ones."""
        for shard in sorted(self.held):
            try:
                kept = await pools.store_io(self.leases.renew, lease_name(shard, self.count), self.holder, self.ttl)
            except Exception as error:  # noqa: BLE001 - kept running: the lease may still be renewed next round
                log.warning("could not renew the lease of Discord shard %d: %s", shard, error)
                continue
            if not kept:
                log.warning("Discord shard %d was taken over by another instance; disconnecting it here", shard)
                self.held.discard(shard)
                await self.drop(shard)
        fresh = [shard for shard in range(self.count) if shard not in self.held
                 and await take(self.leases, lease_name(shard, self.count), self.holder, self.ttl)]
        if not fresh:
            return
        # connecting may take longer than the ttl (READY can take a minute): every lease is renewed meanwhile
        renewers = [keep_renewed(self.leases, lease_name(shard, self.count), self.holder, self.ttl)
                    for shard in sorted(self.held | set(fresh))]
        starting: list[asyncio.Future] = []
        try:
            for shard in fresh:  # connected side by side, but each IDENTIFY in its own slot of the cluster
                await self._identify_slot()
                starting.append(asyncio.ensure_future(self.run(shard)))
            outcomes = await asyncio.gather(*starting, return_exceptions=True)
        except asyncio.CancelledError:  # stopping mid-connect: the new shards are not ours to keep
            for task in starting:
                task.cancel()
            for shard in fresh:
                await release(self.leases, lease_name(shard, self.count), self.holder)
            raise
        finally:
            for renewer in renewers:
                renewer.cancel()
        for shard, outcome in zip(fresh, outcomes):
            if isinstance(outcome, BaseException):  # freed for another instance (or this one, next round)
                log.warning("Discord shard %d could not be started: %s", shard, outcome)
                await pools.store_io(self.leases.release, lease_name(shard, self.count), self.holder)
            else:
                self.held.add(shard)
                log.info("running Discord shard %d of %d", shard, self.count)

    async def _identify_slot(self) -> None:
        """Wait for the cluster's next IDENTIFY slot: a lease nobody releases, free again ``identify_every`` later."""
        while not await take(self.leases, IDENTIFY_LEASE, f"{self.holder}#identify-{next(self._identifies)}",
                             self.identify_every):
            await asyncio.sleep(min(0.5, self.identify_every / 4))

    async def stop(self, release: bool = True) -> None:
        """Stop the rounds and the shards; ``release=False`` leaves the leases to expire (as a dead instance does)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        for shard in sorted(self.held):
            await self.drop(shard)
            if release:
                try:
                    await pools.store_io(self.leases.release, lease_name(shard, self.count), self.holder)
                except Exception as error:  # noqa: BLE001 - it expires by itself
                    log.warning("could not release the lease of Discord shard %d: %s", shard, error)
        self.held.clear()
