"""Benchmark of the two store backends side by side: one call's time on TinyDB files and on PostgreSQL.

Run ``.venv/bin/python bench/store_backends.py [--url postgresql://...] [--rounds 300]`` from the
repository root. Without ``--url`` it starts a throwaway PostgreSQL server (Debian's initdb/pg_ctl, as
the tests do, fsync off: the figures are round trips and server work, not disk flushes). It prints the
median and p95 of: ``get``, ``put`` (ledger), ``add`` (llm_spend), a 25-item ``put_many`` (analyses),
``items`` of 1,000 subscriptions; and the adds per second of 2 instances x 4 threads on one row.

Exits 1 when a target is missed: on PostgreSQL, get / put / add medians under 20 ms (the bot's budget for
one store write, as in ``scheduler_bench.py``), and the concurrent adds lose nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.store import TinyStore  # noqa: E402
from bot.store.postgres_store import PostgresStore  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402
from tests.threads import run_together  # noqa: E402

ANALYSIS = {"change_type": "feature", "importance": "medium", "summary": ["Adds a new endpoint."] * 3,
            "impact": ["api/v2: new route"], "recommendations": ["Document the endpoint."] * 2,
            "analyzer": "llm:bench/model"}
TARGET_MS = 20.0


def timed(call, rounds: int) -> tuple[float, float]:
    """Median and p95 of ``call(i)`` in milliseconds."""
    times = []
    for i in range(rounds):
        start = time.perf_counter()
        call(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def measure(name: str, open_store, rounds: int) -> dict[str, tuple[float, float]]:
    store = open_store()
    store.put_many("subscriptions", [(f"sub{i}", {"repo": f"o/r{i}", "at": "09:00"}) for i in range(1000)])
    figures = {
        "put": timed(lambda i: store.put("ledger", f"k{i}", {"posted": ["a", "b"], "done": False}), rounds),
        "get": timed(lambda i: store.get("ledger", f"k{i}"), rounds),
        "add": timed(lambda i: store.add("llm_spend", "day", {"usd": 0.001, "calls": 1}), rounds),
        "put_many(25)": timed(lambda i: store.put_many("analyses", [(f"{i}-{j}", ANALYSIS) for j in range(25)]),
                              max(10, rounds // 10)),
        "items(1000)": timed(lambda i: list(store.items("subscriptions")), max(10, rounds // 10)),
    }
    instances = [store, open_store()]
    before = float(store.get("llm_spend", "race")["calls"]) if store.get("llm_spend", "race") else 0
    per_thread = rounds // 4
    start = time.perf_counter()
    run_together(8, lambda t: [instances[t % 2].add("llm_spend", "race", {"calls": 1}) for _ in range(per_thread)])
    elapsed = time.perf_counter() - start
    lost = before + 8 * per_thread - store.get("llm_spend", "race")["calls"]
    print(f"\n{name}")
    for what, (median, p95) in figures.items():
        print(f"  {what:<14} median {median:7.2f} ms   p95 {p95:7.2f} ms")
    shared = "2 instances" if name == "postgresql" else "1 instance (a data directory has one bot)"
    print(f"  concurrent add: {8 * per_thread / elapsed:,.0f} adds/s, 8 threads on {shared}; lost {lost:g}")
    for opened in instances:
        opened.close()
    return {**figures, "lost": (lost, lost)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an existing PostgreSQL database (default: a throwaway server)")
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tiny = TinyStore(Path(tmp) / "data")
        measure("tinydb", lambda: tiny, args.rounds)  # one process: the same instance
    server = None if args.url else PostgresServer().start()
    try:
        pg = measure("postgresql", lambda: PostgresStore(args.url or server.url()), args.rounds)
    finally:
        if server is not None:
            server.stop()
    missed = [what for what in ("get", "put", "add") if pg[what][0] >= TARGET_MS]
    if pg["lost"][0]:
        missed.append("concurrent adds lost some")
    if missed:
        print(f"\nMISSED: {', '.join(missed)} (target: median < {TARGET_MS:g} ms, nothing lost)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
