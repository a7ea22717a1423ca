"""A claim taken just after the previous holder stored its result and let go: the result, not the work again.

Seen with three instances in bench/scale.py (42 analyses for 40 commits): a waiter looked for the stored
row (not there yet), the holder stored it and released its lease, and the waiter then took the free lease
and did the work a second time. After taking a claim, the stored result is looked for once more.
"""

from __future__ import annotations

import asyncio

from bot.core.coordination.claims import Claim, WorkClaims
from bot.store.leases import MemoryLeases


def test_a_result_stored_between_the_look_and_the_take_is_returned_and_the_claim_let_go():
    leases = MemoryLeases()
    stored: dict[str, str] = {}
    looks = []

    async def done() -> str | None:
        looks.append(dict(stored))
        found = stored.get("work")
        if found is None and len(looks) == 1:
            stored["work"] = "the other instance's analysis"  # it finishes right after our first look
        return found

    async def scenario():
        return await WorkClaims(leases, "instance-b").acquire("work", done)

    outcome = asyncio.run(scenario())
    assert outcome == "the other instance's analysis" and not isinstance(outcome, Claim)
    assert leases.holder("work") is None  # the lease taken for nothing is given back


def test_with_nothing_stored_the_claim_is_kept_for_the_work():
    leases = MemoryLeases()

    async def done() -> None:
        return None

    async def scenario():
        claims = WorkClaims(leases, "instance-a")
        claim = await claims.acquire("work", done)
        held = leases.holder("work")
        await claim.release()
        return claim, held

    claim, held = asyncio.run(scenario())
    assert isinstance(claim, Claim) and held is not None and held.startswith("instance-a#")
    assert leases.holder("work") is None
