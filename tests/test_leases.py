"""The lease contract on both backends: in-process leases of a TinyStore, and PostgreSQL's on a real server."""

from __future__ import annotations

import time

import pytest

from bot.store import TinyStore
from tests.threads import run_together


@pytest.fixture(params=["tinydb", "postgres"])
def instances(request, tmp_path):
    """``instances(n)``: the leases of n instances sharing one store (TinyDB: one process, so one store)."""
    opened = []
    if request.param == "tinydb":
        store = TinyStore(tmp_path / "data")

        def make(count: int):
            return [store.leases] * count
    else:
        url = request.getfixturevalue("pg_url")
        from bot.store.postgres_store import PostgresStore

        def make(count: int):
            opened.extend(PostgresStore(url, max_connections=4) for _ in range(count))
            return [s.leases for s in opened[-count:]]
    yield make
    for store in opened:
        store.close()


def wait_until_free(leases, name: str, bound: float = 10.0) -> None:
    """Poll until ``name`` has no holder (bounded, so a broken expiry fails the test instead of hanging)."""
    deadline = time.monotonic() + bound
    while leases.holder(name) is not None:
        assert time.monotonic() < deadline, f"the lease {name} never expired"
        time.sleep(0.02)


def test_a_free_lease_is_taken_once_and_held_until_released(instances):
    a, b = instances(2)
    assert a.holder("job") is None
    assert a.take("job", "A", 30)
    assert not b.take("job", "B", 30)
    assert b.holder("job") == "A"
    assert a.take("job", "A", 30)  # its own lease: taken again (extended)
    b.release("job", "B")  # not B's: nothing happens
    assert a.holder("job") == "A"
    a.release("job", "A")
    assert b.holder("job") is None
    assert b.take("job", "B", 30) and a.holder("job") == "B"
    assert a.holder("other") is None  # leases are by name


def test_renew_extends_only_the_holders_lease(instances):
    a, b = instances(2)
    assert not a.renew("job", "A", 30)  # nobody holds it: nothing to renew
    assert a.take("job", "A", 30)
    assert a.renew("job", "A", 30)
    assert not b.renew("job", "B", 30)
    assert b.holder("job") == "A"


def test_an_expired_lease_is_taken_over_and_its_old_holder_learns_it_lost_it(instances):
    a, b = instances(2)
    assert a.take("job", "A", 0.2)
    assert not b.take("job", "B", 30)  # not expired yet
    wait_until_free(b, "job")
    assert b.take("job", "B", 30)
    assert not a.renew("job", "A", 30)  # the dead (or stalled) holder cannot get it back by renewing
    a.release("job", "A")  # nor free it
    assert a.holder("job") == "B"


def test_renewing_keeps_a_short_lease_from_expiring(instances):
    """Ordered by the leases' own clock, not by sleeps: the probe, taken last, expires after the job's first ttl."""
    a, b = instances(2)
    assert a.take("job", "A", 0.5) and a.take("unrenewed", "A", 0.5)
    assert a.take("probe", "P", 0.5)
    assert a.renew("job", "A", 30)
    wait_until_free(a, "probe")  # the job's first half second is over by now, however slow the machine
    assert a.holder("unrenewed") is None  # the control: a lease nobody renewed has expired
    assert not b.take("job", "B", 30) and b.holder("job") == "A"


def test_of_concurrent_takers_exactly_one_wins(instances):
    leases = instances(2)
    rounds = 15

    def taker(n: int) -> list[bool]:
        return [leases[n % 2].take(f"job-{r}", f"holder-{n}", 30) for r in range(rounds)]

    results = run_together(8, taker)
    for r in range(rounds):
        winners = [n for n in range(8) if results[n][r]]
        assert len(winners) == 1, (r, winners)
        assert leases[0].holder(f"job-{r}") == f"holder-{winners[0]}"


@pytest.mark.parametrize("ttl", [0, -1, float("nan"), True, 10**6])
def test_a_nonsense_ttl_is_refused(instances, ttl):
    (leases,) = instances(1)
    with pytest.raises(ValueError, match="ttl"):
        leases.take("job", "A", ttl)
    assert leases.holder("job") is None
