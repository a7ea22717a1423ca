"""Benchmark: one day built at once by 1, 2 and 3 instances on one PostgreSQL (claims and shared LLM slots).

Run ``.venv/bin/python bench/shared_day.py [--commits 60] [--concurrency 8] [--latency 0.5]`` from the
repository root. It starts a throwaway PostgreSQL server (as the tests do), generates the day in FakeGitHub
(``digest_bench.populate``), answers the LLM through FakeOpenAI with a fixed latency, and for each
instance count builds the day in that many instances at once (each its own thread, event loop, store
connection pool and ``build_service``, on a fresh database). It prints the time until the last instance
is done against the ideal ``ceil(requests / concurrency) * latency + latency``, the LLM analysis requests,
GitHub commit-detail calls and most LLM requests in flight. Exits 1 when a target is missed: every
instance count makes the one-instance run's analysis requests and one detail call per commit, never more
than ``--concurrency`` LLM requests in flight together, no fallback; one instance's time ratio <= 1.5, and
several instances done within one instance's time + ``SLACK`` seconds (a waiting instance sees the last
analysis up to ``claims.POLL_MAX`` late, then asks for its own highlights when none are stored yet).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # never fetch the price map
os.environ.setdefault("OPENAI_API_KEY", "sk-bench-not-a-real-key")  # the fake ignores it; litellm wants one

import psycopg  # noqa: E402

from analysis.day import DayWindow  # noqa: E402
from analysis.sources.github import GitHubSource  # noqa: E402
from bench.digest_bench import DAY, MODEL, REPO, populate, verdict  # noqa: E402
from bot.core.digests.service import build_service  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store.postgres_store import PostgresStore  # noqa: E402
from tests.fakes.github_server import FakeGitHub  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402
from tests.threads import run_together  # noqa: E402

RATIO_TARGET = 1.5
SLACK = 2.5


def fresh_database(server: PostgresServer) -> str:
    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    return server.url(name)


def analysis_requests(llm: FakeOpenAI) -> int:
    return sum(1 for r in llm.requests if "<untrusted_changes>" not in json.dumps(r))  # not the highlights


def build_at_once(instances: int, url: str, gh: FakeGitHub, llm: FakeOpenAI, concurrency: int, tmp: Path):
    settings = Settings(data_dir=tmp, database_url=url, llm_model=MODEL, llm_api_base=llm.url,
                        llm_concurrency=concurrency, llm_timeout=60)
    stores = [PostgresStore(url, max_connections=concurrency + 4) for _ in range(instances)]
    try:
        services = [build_service(settings, store) for store in stores]
        for service in services:
            service.fetch_concurrency = concurrency

        def build(i: int):
            source = GitHubSource(REPO, token=None, api_url=gh.url)
            return asyncio.run(services[i].build(source, DayWindow.of(DAY, "UTC")))

        started = time.perf_counter()
        digests = run_together(instances, build)
        return time.perf_counter() - started, digests
    finally:
        for store in stores:
            store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.5, help="seconds FakeOpenAI takes per answer")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    import litellm  # noqa: F401 - its one-time import (~2 s) is left out of the figures

    load = os.getloadavg()[0]
    server = PostgresServer().start()
    rows, missed = [], []
    try:
        with FakeGitHub() as gh:
            populate(gh, args.commits)
            for instances in (1, 2, 3):
                with FakeOpenAI() as llm:
                    llm.latency = args.latency
                    gh.reset_counts()
                    wall, digests = build_at_once(instances, fresh_database(server), gh, llm, args.concurrency,
                                                  Path(server.root) / f"data-{instances}")
                    details = gh.count(f"/repos/{REPO}/commits/")
                    fallbacks = sum(1 for d in digests for r in d.commits if r.analysis.fallback)
                    rows.append((instances, wall, analysis_requests(llm), llm.calls - analysis_requests(llm),
                                 details, llm.max_in_flight, fallbacks))
    finally:
        server.stop()

    print(f"{args.commits} commits, LLM concurrency {args.concurrency} (shared), latency {args.latency:g} s, "
          f"{os.cpu_count()} CPUs, load average {load:.2f} before the run")
    print("instances | wall s | ideal s | ratio | LLM analyses | highlights | GitHub details | most in flight "
          "| fallbacks")
    solo_requests = rows[0][2]
    for instances, wall, analyses, highlights, details, in_flight, fallbacks in rows:
        ideal = math.ceil(analyses / args.concurrency) * args.latency + args.latency
        ratio = wall / ideal
        print(f"{instances} | {wall:.2f} | {ideal:.2f} | {ratio:.2f} | {analyses} | {highlights} | {details} "
              f"| {in_flight} | {fallbacks}")
        if analyses != solo_requests:
            missed.append(f"{instances} instances made {analyses} analysis requests, one instance {solo_requests}")
        if details != args.commits:
            missed.append(f"{instances} instances fetched {details} commit details for {args.commits} commits")
        if in_flight > args.concurrency:
            missed.append(f"{instances} instances had {in_flight} LLM requests in flight (limit {args.concurrency})")
        if fallbacks:
            missed.append(f"{instances} instances: {fallbacks} analyses fell back")
        if instances == 1 and ratio > RATIO_TARGET:
            missed.append(f"one instance: ratio {ratio:.2f} > {RATIO_TARGET}")
        if wall > rows[0][1] + SLACK:
            missed.append(f"{instances} instances took {wall:.2f} s, more than one instance's {rows[0][1]:.2f} s "
                          f"+ {SLACK:g} s")
    return verdict(missed)


if __name__ == "__main__":
    sys.exit(main())
