"""The store contract, run on both backends: a TinyStore in a temporary directory and a PostgresStore on a real server."""

from __future__ import annotations

import pytest

from bot.store import TinyStore
from tests.threads import run_together

# every value kind a backend must give back unchanged
VALUES = {
    "unicode": {"zh": "每日更新报告", "emoji": "🚀✨", "rtl": "مرحبا", "quote": "a \"b\" \\ c", "nul": "x\x00y"},
    "nested": {"a": [1, 2.5, -3, None, True, False, {"b": [[], {}, ""]}], "deep": {"x": {"y": {"z": [0]}}}},
    "scalars": [0, -1, 2**53, 1.5e-7, "", None],
    "large": {"patch": "+ line\n" * 200_000, "rows": [{"i": i, "s": f"row {i}"} for i in range(5000)]},
}


@pytest.fixture(params=["tinydb", "postgres"])
def open_store(request, tmp_path):
    """Opens a store on one shared storage each call (a second call: a second instance on the same data)."""
    opened = []
    if request.param == "tinydb":
        def make():
            return TinyStore(tmp_path / "data")
    else:
        url = request.getfixturevalue("pg_url")

        def make():
            from bot.store.postgres_store import PostgresStore
            opened.append(PostgresStore(url))
            return opened[-1]
    yield make
    for store in opened:
        store.close()


def test_get_put_delete(open_store):
    store = open_store()
    assert store.get("subscriptions", "a") is None
    store.put("subscriptions", "a", {"repo": "o/r"})
    store.put("subscriptions", "b", [1])
    store.put("subscriptions", "a", {"repo": "o/r2"})
    assert store.get("subscriptions", "a") == {"repo": "o/r2"}
    store.delete("subscriptions", "a")
    store.delete("subscriptions", "never-there")
    assert store.get("subscriptions", "a") is None
    assert dict(store.items("subscriptions")) == {"b": [1]}
    assert dict(store.items("ledger")) == {}


def test_get_many_returns_the_keys_that_have_a_value(open_store):
    store = open_store()
    store.put_many("daily_stats", [("o/r|2026-02-13", {"high": 1}), ("o/r|2026-02-14", "x; drop table ledger"),
                                   ("other|2026-02-14", [3]), ("o/r|2026-02-15", None)])
    assert store.get_many("daily_stats", ["o/r|2026-02-13", "o/r|2026-02-14", "o/r|2026-02-15", "missing"]) == {
        "o/r|2026-02-13": {"high": 1}, "o/r|2026-02-14": "x; drop table ledger"}
    assert store.get_many("daily_stats", []) == {}


def test_put_many_and_items(open_store):
    store = open_store()
    store.put("ledger", "k1", "old")
    store.put_many("ledger", [(f"k{i}", {"i": i}) for i in range(300)] + [("k7", "last wins")])
    store.put_many("ledger", [])
    rows = dict(store.items("ledger"))
    assert len(rows) == 300 and rows["k1"] == {"i": 1} and rows["k7"] == "last wins"


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_json_round_trips_through_a_second_instance(open_store, kind):
    first = open_store()
    first.put("analyses", f"sha|{kind}", VALUES[kind])
    first.put_many("facts", [(kind, VALUES[kind])])
    assert first.get("analyses", f"sha|{kind}") == VALUES[kind]
    second = open_store()
    assert second.get("analyses", f"sha|{kind}") == VALUES[kind]
    assert dict(second.items("facts")) == {kind: VALUES[kind]}


@pytest.mark.parametrize("name", ["../etc", "Ledger", "", "a b", "x;drop table ledger"])
def test_bad_table_names_are_refused(open_store, name):
    store = open_store()
    for call in (lambda: store.get(name, "k"), lambda: store.put(name, "k", 1), lambda: store.items(name),
                 lambda: store.add(name, "k", {"n": 1})):
        with pytest.raises(ValueError, match="table"):
            call()
    assert store.get("ledger", "k") is None  # and the store still works


def test_add_creates_increments_and_keeps_other_fields(open_store):
    store = open_store()
    assert store.add("llm_spend", "2026-02-14", {"usd": 0.25, "calls": 1}) == {"usd": 0.25, "calls": 1}
    store.put("daily_stats", "o/r|d", {"high": 1, "estimated": False})
    after = store.add("daily_stats", "o/r|d", {"high": 2, "low": 1})
    assert after == {"high": 3, "low": 1, "estimated": False}
    assert isinstance(after["high"], int)
    second = store.add("llm_spend", "2026-02-14", {"usd": 0.5, "calls": 1})
    assert second["usd"] == pytest.approx(0.75) and second["calls"] == 2
    assert store.get("llm_spend", "2026-02-14") == second


def test_add_refuses_what_it_cannot_add_and_leaves_the_row(open_store):
    store = open_store()
    store.put("daily_stats", "text", {"high": "three"})
    store.put("daily_stats", "list", [1, 2])
    with pytest.raises(ValueError, match="number"):
        store.add("daily_stats", "text", {"high": 1})
    with pytest.raises(ValueError, match="object"):
        store.add("daily_stats", "list", {"high": 1})
    for amounts in ({}, {"high": True}, {"high": float("nan")}, {"high": "1"}):
        with pytest.raises(ValueError):
            store.add("daily_stats", "fresh", amounts)
    assert store.get("daily_stats", "text") == {"high": "three"}
    assert store.get("daily_stats", "list") == [1, 2]
    assert store.get("daily_stats", "fresh") is None


def test_concurrent_writers_from_threads_lose_nothing(open_store):
    store = open_store()
    threads, rounds = 8, 25

    def writer(n: int) -> None:
        for i in range(rounds):
            store.put("commits", f"{n}-{i}", {"n": n, "i": i})
            store.add("llm_spend", "day", {"calls": 1, "usd": 0.5})

    run_together(threads, writer)
    assert len(dict(store.items("commits"))) == threads * rounds
    assert open_store().get("llm_spend", "day") == {"calls": threads * rounds, "usd": threads * rounds * 0.5}


def test_a_second_instance_sees_the_first_ones_writes(open_store):
    first = open_store()
    first.put("subscriptions", "s1", {"repo": "o/r"})
    first.put("subscriptions", "s2", {"repo": "o/q"})
    first.add("llm_spend", "d", {"calls": 2})
    second = open_store()
    assert dict(second.items("subscriptions")) == {"s1": {"repo": "o/r"}, "s2": {"repo": "o/q"}}
    first.delete("subscriptions", "s1")
    if isinstance(first, TinyStore):  # a TinyStore reads a file once: a second one sees what was there then
        second = open_store()
    assert second.get("subscriptions", "s1") is None
    assert second.get("llm_spend", "d") == {"calls": 2}
