"""Holding a lease from async code: taken without leaking it on cancellation, renewed every third of its ttl, released."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.core.limits import pools
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


async def taken(leases: Leases, take: Callable[[], str | None], holder: str) -> str | None:
    """``take()`` (blocking: the name of the lease it took, or None) in the store pool.

    A caller cancelled while the take is under way does not leak the lease: if the take went through
    after all, the lease is released as soon as it returns.
    """
    attempt = asyncio.ensure_future(pools.store_io(take))
    try:
        return await asyncio.shield(attempt)
    except asyncio.CancelledError:
        def undo(done: asyncio.Future) -> None:
            if not done.cancelled() and done.exception() is None and done.result() is not None:
                asyncio.ensure_future(release(leases, done.result(), holder))

        attempt.add_done_callback(undo)
        raise


async def take(leases: Leases, name: str, holder: str, ttl: float) -> bool:
    """``leases.take`` from async code, with ``taken``'s care for a cancelled caller."""
    return await taken(leases, lambda: name if leases.take(name, holder, ttl) else None, holder) is not None
