"""Benchmark: `ask` answer time over 10,000 stored analyses, on SQLite FTS5 and PostgreSQL full-text search.

Run ``.venv/bin/python bench/ask_bench.py [--analyses 10000] [--questions 30] [--backends fts5,postgresql]
[--url postgresql://...]`` from the repository root. For each backend it writes synthetic commits and their
analyses into the store (TinyStore; PostgresStore on a throwaway server started with Debian's
initdb/pg_ctl as the tests do, fsync off, unless ``--url`` names a database) as digests leave them (the
commits and analyses tables), builds the search index from the store (timed), then asks questions through the real
command layer (``BotCore.handle_command``) of a channel following the repository, without a model and
with ``LLMAnalyzer`` on FakeOpenAI (no added latency), and prints the median and p95 answer times.
Exits 1 if a question whose words are in one stored analysis does not find it, or the p95 is over 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # never fetch the price map
os.environ.setdefault("OPENAI_API_KEY", "sk-bench-not-a-real-key")  # the fake ignores it; litellm wants one

from bot.core.ask import AskResponse  # noqa: E402
from bot.core.chat import ChannelRef, CommandContext  # noqa: E402
from bot.core.digests.service import ANALYSES_TABLE, COMMITS_TABLE  # noqa: E402
from bot.core.search.index import open_search  # noqa: E402
from bot.core.service import BotCore  # noqa: E402
from bot.core.subscriptions import Subscription  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store import TinyStore  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402

NOW = datetime(2026, 2, 16, 12, tzinfo=timezone.utc)
AREAS = ["scheduler", "cache", "auth", "parser", "router", "storage", "metrics", "cli", "webhooks", "billing"]
VERBS = ["add", "fix", "rework", "speed up", "document", "test", "remove", "rename"]
NOUNS = ["retry queue", "token refresh", "connection pool", "rate limiter", "config loader", "session store",
         "error page", "batch writer", "index builder", "health check"]


def fill(store, count: int) -> list[tuple[str, str]]:
    """``count`` commits with analyses over the last 30 days; (sha, a unique word in its summary) for some."""
    rng = random.Random(7)
    commits, analyses, probes = [], [], []
    for n in range(count):
        sha = f"{n:040x}"
        area, verb, noun = rng.choice(AREAS), rng.choice(VERBS), rng.choice(NOUNS)
        when = NOW - timedelta(days=rng.random() * 30)
        marker = f"zeta{n}"
        commits.append((sha, {"sha": sha, "author": f"dev{n % 40}", "committed_at": when.isoformat(),
                              "message": f"{verb} the {area} {noun}", "url": f"https://github.com/o/r/commit/{sha}",
                              "files": [{"path": f"{area}/{noun.replace(' ', '_')}.py", "additions": 5,
                                         "deletions": 2}], "details_loaded": True, "patches_dropped": True,
                              "repo": "o/r"}))
        analyses.append((f"{sha}|en|fake", {
            "change_type": "feature", "importance": rng.choice(["high", "medium", "low"]),
            "summary": [f"{verb.capitalize()}s the {noun} of the {area} ({marker})."],
            "impact": [f"Users of {area} see a different {noun}."], "analyzer": "llm:fake"}))
        if n % (count // 20 or 1) == 0 and when > NOW - timedelta(days=13):
            probes.append((sha, marker))
    store.put_many(COMMITS_TABLE, commits)
    store.put_many(ANALYSES_TABLE, analyses)
    return probes


async def ask_all(core: BotCore, questions: list[str]) -> tuple[list[float], list]:
    ctx = CommandContext(channel=ChannelRef("console", "local", "console"), user="bench")
    times, answers = [], []
    for question in questions:
        started = time.perf_counter()
        [response] = await core.handle_command(ctx, f"ask {question}")
        times.append(time.perf_counter() - started)
        answers.append(response)
    return times, answers


def bench_backend(name: str, store, data: Path, llm: FakeOpenAI, args) -> bool:
    """Fill ``store``, build its index, ask through the command layer; True if a target is missed."""
    failed = False
    started = time.perf_counter()
    probes = fill(store, args.analyses)
    print(f"[{name}] {args.analyses} analyses written to the store in {time.perf_counter() - started:.1f} s")
    index = open_search(store, Settings(data_dir=data))
    started = time.perf_counter()
    indexed = index.rebuild(store)
    print(f"[{name}] search index rebuilt from the store: {indexed} analyses in {time.perf_counter() - started:.2f} s")
    rng = random.Random(11)
    questions = [f"what changed in the {rng.choice(AREAS)} {rng.choice(NOUNS)}?" for _ in range(args.questions)]
    for kind, model in (("heuristic", None), ("fake LLM", "openai/fake-model")):
        settings = Settings(data_dir=data, llm_model=model, llm_api_base=llm.url if model else None)
        core = BotCore(settings, store, clock=lambda: NOW, search=index)
        core.subscriptions.save(Subscription(platform="console", workspace="local", channel="console", repo="o/r"))
        times, answers = asyncio.run(ask_all(core, questions))
        found = sum(bool(a.answer.hits) for a in answers if isinstance(a, AskResponse))
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"[{name}] {kind:9}: {len(times)} questions over {indexed} analyses: median "
              f"{statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms; {found} with matches")
        failed |= p95 > 1.0
    probe_times, probe_answers = asyncio.run(ask_all(core, [marker for _, marker in probes]))
    missed = [sha for (sha, _), a in zip(probes, probe_answers)
              if not isinstance(a, AskResponse) or sha not in {h.sha for h in a.answer.hits}]
    print(f"[{name}] probes: {len(probes) - len(missed)}/{len(probes)} unique words found their commit")
    index.close()
    return failed or bool(missed)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyses", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--backends", default="fts5,postgresql", help="comma-separated: fts5, postgresql")
    parser.add_argument("--url", help="an existing, empty PostgreSQL database (default: a throwaway server)")
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI() as llm:
        for name in args.backends.split(","):
            data = Path(tmp) / name
            if name == "fts5":
                failed |= bench_backend(name, TinyStore(data), data, llm, args)
                continue
            from bot.store.postgres_store import PostgresStore

            server = None if args.url else PostgresServer().start()
            try:
                store = PostgresStore(args.url or server.url())
                try:
                    failed |= bench_backend(name, store, data, llm, args)
                finally:
                    store.close()
            finally:
                if server is not None:
                    server.stop()
    print("FAIL" if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
