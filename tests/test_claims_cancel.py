"""Claims and LLM slots when the caller is cancelled while its lease is being taken: nothing is left held."""

from __future__ import annotations

import asyncio
import threading

from bot.core.coordination.claims import Claim, WorkClaims
from bot.core.coordination.llm_slots import SLOT_PREFIX, SharedSlots
from bot.store.leases import MemoryLeases


class SlowLeases(MemoryLeases):
    """Leases whose first ``take`` blocks (in its store thread) until ``go`` is set; ``returned`` once it has."""

    def __init__(self):
        super().__init__()
        self.entered, self.go, self.returned = threading.Event(), threading.Event(), threading.Event()

    def take(self, name: str, holder: str, ttl: float) -> bool:
        if self.go.is_set():
            return super().take(name, holder, ttl)
        self.entered.set()
        self.go.wait(10)
        try:
            return super().take(name, holder, ttl)
        finally:
            self.returned.set()


async def cancelled_while_taking(leases: SlowLeases, waiting: asyncio.Future) -> None:
    await asyncio.to_thread(leases.entered.wait, 10)
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    leases.go.set()  # the take goes through after its caller has gone
    await asyncio.to_thread(leases.returned.wait, 10)


async def wait_until(predicate, bound: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + bound
    while not predicate():
        assert loop.time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.01)


def test_a_digest_cancelled_while_claiming_leaves_neither_the_lease_nor_a_stuck_waiter():
    leases = SlowLeases()
    claims = WorkClaims(leases, "instance", ttl=30)

    async def nothing_stored():
        return None

    async def scenario():
        first = asyncio.ensure_future(claims.acquire("commit", nothing_stored))
        await cancelled_while_taking(leases, first)
        await wait_until(lambda: leases.holder("commit") is None)  # the late take was given back
        second = await asyncio.wait_for(claims.acquire("commit", nothing_stored), 10)  # not stuck on the first
        assert isinstance(second, Claim) and leases.holder("commit") == second.holder
        await second.release()
        assert leases.holder("commit") is None

    asyncio.run(scenario())


def test_a_request_cancelled_while_taking_an_llm_slot_gives_the_slot_back():
    leases = SlowLeases()
    slots = SharedSlots(leases, "instance", 1, ttl=30)

    async def use_slot():
        async with slots.slot():
            pass

    async def scenario():
        await cancelled_while_taking(leases, asyncio.ensure_future(use_slot()))
        await wait_until(lambda: leases.holder(f"{SLOT_PREFIX}0") is None)
        await asyncio.wait_for(use_slot(), 10)  # the only slot is free again

    asyncio.run(scenario())
