"""Benchmark of the scheduler's start-up and of store writes as the analysis cache grows.

Run ``.venv/bin/python bench/scheduler_bench.py [--subscriptions 10000] [--analyses 1000,10000,100000]``
from the repository root. It prints:

- start-up: time to open the store, rebuild one APScheduler job per subscription and plan the
  catch-up, and the process's peak resident memory (measured in a fresh child process);
- store writes: time of one ``put`` into the analyses table, of one 25-item ``put_many`` (the digest
  service's flush) and of one ledger write, with 1,000 / 10,000 / 100,000 cached analyses.

Exits 1 when a target is missed: start-up under 5 s; a ledger write and an analyses write under
20 ms at every size. The analyses table is split into 256 shard files by key hash, so one write
rewrites about 1/256 of the cache; a 25-item batch touches up to 25 shards (its time is printed,
not a target).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.store import TinyStore  # noqa: E402

ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "America/Los_Angeles"]
ANALYSIS = {"change_type": "feature", "importance": "medium",
            "summary": ["Adds a new endpoint to the API and wires it to the service layer."] * 3,
            "impact": ["api/v2: new route", "service/core.py: new handler"],
            "insights": {"architecture": "A new layer between the router and the service." * 2,
                         "performance": "One more query per request.", "security": "Input is validated.",
                         "maintainability": "Well covered by tests."},
            "risks": [{"risk": "Breaking change for old clients", "impact": "medium", "mitigation": "Version it."}],
            "recommendations": ["Document the endpoint.", "Add a load test."], "analyzer": "llm:bench/model"}


def seed_subscriptions(data_dir: Path, count: int) -> None:
    now = datetime.now(timezone.utc)
    rows = []
    for i in range(count):
        sub = {"platform": "slack", "workspace": "T1", "channel": f"C{i:06d}", "repo": f"org{i % 500}/repo{i % 37}",
               "at": f"{i % 24:02d}:{(i * 7) % 60:02d}", "tz": ZONES[i % len(ZONES)], "lang": "en",
               "created_at": now.isoformat()}  # made just now: nothing to catch up, only planning
        rows.append((f"slack:T1:C{i:06d}|{sub['repo']}", sub))
    TinyStore(data_dir).put_many("subscriptions", rows)


def child_startup(data_dir: str) -> None:
    """In a fresh process: open the store, start the scheduler, plan the catch-up; print JSON figures."""
    started = time.perf_counter()
    from adapters.console import ConsoleRenderer
    from bot.core.service import BotCore
    from bot.settings import Settings
    from scheduler.jobs import DigestScheduler

    imported = time.perf_counter()

    class NullAdapter:
        platform = "slack"
        supports_threads = True
        renderer = ConsoleRenderer()

        async def send(self, channel, message, thread_id=None):
            return "0"

    async def main() -> dict:
        t0 = time.perf_counter()
        core = BotCore(Settings(data_dir=Path(data_dir)), TinyStore(data_dir))
        scheduler = DigestScheduler(core, {"slack": NullAdapter()})
        scheduler.start()
        jobs = len(scheduler.scheduler.get_jobs())
        outcomes = await scheduler.catchup_task
        t1 = time.perf_counter()
        scheduler.shutdown()
        return {"jobs": jobs, "caught_up": len(outcomes), "start_s": t1 - t0}

    figures = asyncio.run(main())
    figures["import_s"] = imported - started
    figures["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def bench_startup(count: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        seed_subscriptions(Path(tmp), count)
        done = subprocess.run([sys.executable, __file__, "--child", tmp], capture_output=True, text=True,
                              check=True, cwd=ROOT)
        return json.loads(done.stdout.strip().splitlines()[-1])


def timed(action, repeat: int) -> float:
    samples = []
    for i in range(repeat):
        t0 = time.perf_counter()
        action(i)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def bench_writes(size: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        store = TinyStore(tmp)
        store.put_many("analyses", [(f"{i:040x}|en|llm:bench/model|v1", ANALYSIS) for i in range(size)])
        store.put("ledger", "slack:T1:C1|o/r|2026-02-14", {"summary_id": "1", "posted": ["summary/0"], "done": False})
        fresh = TinyStore(tmp)  # a restarted process: the cost of the first read is the load
        t0 = time.perf_counter()
        fresh.get("analyses", "missing")
        load_ms = (time.perf_counter() - t0) * 1000
        repeat = 5 if size >= 100_000 else 15
        put_ms = timed(lambda i: fresh.put("analyses", f"new-{i}", ANALYSIS), repeat)
        many_ms = timed(lambda i: fresh.put_many("analyses", [(f"batch-{i}-{j}", ANALYSIS) for j in range(25)]),
                        repeat)
        ledger_ms = timed(lambda i: fresh.put("ledger", "slack:T1:C1|o/r|2026-02-14",
                                             {"summary_id": "1", "posted": [f"{n:040x}/0" for n in range(i + 1)],
                                              "done": False}), 30)
        size_mb = sum(f.stat().st_size for f in Path(tmp).glob("analyses*/**/*.json")) / 2**20
    return {"analyses": size, "file_mb": size_mb, "load_ms": load_ms, "put_ms": put_ms,
            "put_many_25_ms": many_ms, "ledger_put_ms": ledger_ms}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--analyses", default="1000,10000,100000")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_startup(args.child)
        return 0
    ok = True
    start = bench_startup(args.subscriptions)
    print(f"start-up with {args.subscriptions:,} subscriptions: {start['start_s']:.2f} s "
          f"(+ {start['import_s']:.2f} s imports), {start['jobs']:,} jobs, "
          f"peak RSS {start['maxrss_mb']:.0f} MB")
    ok &= start["start_s"] + start["import_s"] < 5
    print(f"{'analyses':>9} {'file MB':>8} {'load ms':>9} {'put ms':>8} {'put_many(25) ms':>16} {'ledger put ms':>14}")
    for size in (int(s) for s in args.analyses.split(",")):
        row = bench_writes(size)
        print(f"{row['analyses']:>9,} {row['file_mb']:>8.1f} {row['load_ms']:>9.0f} {row['put_ms']:>8.1f} "
              f"{row['put_many_25_ms']:>16.1f} {row['ledger_put_ms']:>14.2f}")
        ok &= row["ledger_put_ms"] < 20 and row["put_ms"] < 20
    print("targets met" if ok else "a target was missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
