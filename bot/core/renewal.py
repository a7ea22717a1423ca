"""Keeping a held lease alive while its work goes on: renewed every third of its ttl, in the background."""

from __future__ import annotations

import asyncio
import logging

from bot.core import pools
from bot.store.leases import Leases

log = logging.getLogger(__name__)


def keep_renewed(leases: Leases, name: str, holder: str, ttl: float) -> asyncio.Task:
    """A task renewing ``holder``'s lease on ``name`` until cancelled; it ends by itself when the lease was lost.

    A failed renewal (the database briefly away) is tried again at the next turn; a lease found in
    another holder's hands means this one stalled past its ttl and the work may be done twice: logged.
    """
    async def renew() -> None:
        while True:
            await asyncio.sleep(ttl / 3)
            try:
                kept = await pools.store_io(leases.renew, name, holder, ttl)
            except Exception as error:  # noqa: BLE001 - the work goes on; the lease may still be renewed next turn
                log.warning("could not renew the lease %s: %s", name, error)
                continue
            if not kept:
                log.warning("the lease %s expired while held and was taken over; its work may be done twice", name)
                return

    return asyncio.ensure_future(renew())


async def release(leases: Leases, name: str, holder: str) -> None:
    """Free the lease (shielded: a cancelled caller still lets go); a failure only leaves it to expire."""
    try:
        await asyncio.shield(pools.store_io(leases.release, name, holder))
    except Exception as error:  # noqa: BLE001
        log.warning("could not release the lease %s (it expires by itself): %s", name, error)
