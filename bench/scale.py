"""Benchmark of several instances on one PostgreSQL: a due storm with one and three instances, Slack acks, a takeover.

Run ``.venv/bin/python bench/scale.py`` from the repository root (defaults: ``--channels 2000 --repos 200
--commits 2 --latency 0.5 --llm-concurrency 8 --stalled 30 --ack-rate 200 --ack-seconds 10``; a quick run:
``--channels 200 --repos 20``). Nothing leaves 127.0.0.1: a throwaway PostgreSQL server (tests/postgres_server.py,
with pg_stat_statements loaded), FakeSlack, FakeGitHub and FakeOpenAI in this process, and real
``digestbot run --adapter slack`` processes (tests/bot_process.py), so each instance has its own interpreter,
event loop and connection pools as in production.

Each of the three runs gets a fresh database and fresh fakes; ``--channels`` subscriptions (one per channel,
round-robin over ``--repos`` repositories of ``--commits`` commits each) were due two minutes ago, so every
instance's catch-up at start defers them all as jobs at once (as when every cron fires in the same minute):

1. one instance; 2. three instances, then ``--ack-rate`` signed ``/digest help`` commands a second for
``--ack-seconds``, round-robin over the three (ack latency p50/p99/max); 3. three instances, the third SIGKILLed
(DIGESTBOT_TEST_CRASH_AFTER_POSTS) in the middle of posting: the seconds from its death until its running
digests were started again elsewhere and finished.

Printed for each: time from the first job deferred to the last digest done (ledger ``updated_at``: written right
after the last post), LLM calls, GitHub calls, database statements per digest (pg_stat_statements ``calls``:
with psycopg in autocommit each is one round trip; start-up, migrations, queue polling and heartbeats included)
and the instances' CPU seconds per digest. Exits 1 unless every channel has exactly one complete digest
(a summary, one reply per commit in its thread, no text twice), every job succeeded once, and the LLM and
commit-detail calls equal the unique commits (analysis requests: the unique commits plus the follow-ups of
low triages the model raised, no duplicate; ``bench/llm_calls.py``).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socketserver
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from bench.digest_bench import verdict  # noqa: E402
from bench.due_storm import github_counts  # noqa: E402
from bench.llm_calls import classify, fake_rating  # noqa: E402
from bench.slack_ack import percentile  # noqa: E402
from bot.core.subscriptions import TABLE, Subscription  # noqa: E402
from bot.store.postgres_store import PostgresStore  # noqa: E402
from bot.store.queue_schema import QUEUE_SCHEMA  # noqa: E402
from tests.bot_process import SECRET, TOKEN, SlackBot  # noqa: E402
from tests.cluster_support import add_commits, due_just_now  # noqa: E402
from tests.fakes.github_server import FakeGitHub  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI  # noqa: E402
from tests.fakes.slack_server import FakeSlack, post_signed, slash_command_body  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402

GITHUB_TOKEN = "test-token"  # FakeGitHub's authenticated token (GitHub's 5,000 an hour, not enforced by the fake)
TICKS = os.sysconf("SC_CLK_TCK")


def quiet_connection_resets() -> None:
    """The fakes' threaded servers print a traceback when a bot resets a keep-alive connection: noise here."""
    original = socketserver.BaseServer.handle_error

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionResetError):
            original(self, request, client_address)

    socketserver.BaseServer.handle_error = handle_error


def start_server() -> PostgresServer:
    """The tests' throwaway server, restarted once with pg_stat_statements loaded."""
    server = PostgresServer().start()
    try:
        with psycopg.connect(server.url(), autocommit=True) as conn:
            conn.execute("alter system set shared_preload_libraries = 'pg_stat_statements'")
        server.restart()
        with psycopg.connect(server.url(), autocommit=True) as conn:
            conn.execute("create extension if not exists pg_stat_statements")
    except BaseException:
        server.stop()
        raise
    return server


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a live process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


class Cluster:
    """One run's database, fakes and subscriptions; ``launch`` starts ``digestbot run`` processes on them."""

    def __init__(self, server: PostgresServer, args, work: Path):
        self.server, self.args, self.work = server, args, work
        self.name = f"scale_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(server.url(), autocommit=True) as conn:
            conn.execute(f'create database "{self.name}"')
        self.url = server.url(self.name)
        self.store = PostgresStore(self.url)
        self.repos = [f"scale/repo{r:03d}" for r in range(args.repos)]
        self.channels = [f"C{n:05d}" for n in range(args.channels)]
        self.slot, self.day = due_just_now()
        self.stack = ExitStack()
        self.slack = self.stack.enter_context(FakeSlack(token=TOKEN))
        self.github = self.stack.enter_context(FakeGitHub())
        self.llm = self.stack.enter_context(FakeOpenAI())
        self.llm.latency = args.latency
        self.slack.latency = args.post_latency
        for repo in self.repos:
            add_commits(self.github, repo, datetime.fromisoformat(self.day).replace(hour=8, tzinfo=UTC),
                        count=args.commits)
        subs = [Subscription(platform="slack", workspace="T0001", channel=channel, repo=self.repos[n % args.repos],
                             at=self.slot.strftime("%H:%M"), created_at=self.slot - timedelta(days=1))
                for n, channel in enumerate(self.channels)]
        self.store.put_many(TABLE, [(s.key, s.model_dump(mode="json")) for s in subs])
        self.bots: list[SlackBot] = []
        self.cpu: dict[int, float] = {}

    def env(self) -> dict[str, str]:
        return {"DIGESTBOT_DATABASE_URL": self.url, "DIGESTBOT_QUEUE_STALLED_SECONDS": str(self.args.stalled),
                "DIGESTBOT_LLM_MODEL": "openai/fake-model", "DIGESTBOT_LLM_API_BASE": self.llm.url,
                "DIGESTBOT_LLM_CONCURRENCY": str(self.args.llm_concurrency), "GITHUB_TOKEN": GITHUB_TOKEN,
                "OPENAI_API_KEY": "sk-bench-not-a-real-key", "LITELLM_LOCAL_MODEL_COST_MAP": "True"}

    def launch(self, count: int, crash_after: int | None = None) -> float:
        """Start ``count`` instances side by side (the last one crashing when asked); seconds until all listen."""
        self.reset_statistics()
        started = time.monotonic()
        bots = []
        for n in range(count):
            extra = {"DIGESTBOT_TEST_CRASH_AFTER_POSTS": str(crash_after)} if crash_after and n == count - 1 else {}
            bots.append(SlackBot(self.slack, self.work / f"{self.name}-{n}", self.work, self.github.url,
                                 **self.env(), **extra))
        with ThreadPoolExecutor(count) as pool:
            self.bots = list(pool.map(self.stack.enter_context, bots))
        self.cpu_at_start = sum(cpu_seconds(bot.proc.pid) for bot in self.bots)
        return time.monotonic() - started

    def reset_statistics(self) -> None:
        with psycopg.connect(self.server.url(), autocommit=True) as conn:
            conn.execute("select pg_stat_statements_reset()")

    def statements(self) -> tuple[int, list[tuple[int, str]]]:
        """Statements run in this run's database since the reset, and the eight most frequent."""
        with psycopg.connect(self.server.url(), autocommit=True) as conn:
            rows = conn.execute("select calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) "
                                "from pg_stat_statements join pg_database d on d.oid = dbid "
                                "where d.datname = %s order by calls desc", (self.name,)).fetchall()
        return sum(calls for calls, _ in rows), rows[:8]

    def query(self, sql: str, params: tuple | None = None) -> list[tuple]:
        with psycopg.connect(self.url, autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()

    def jobs_by_status(self) -> Counter:
        return Counter(dict(self.query(f"select status::text, count(*) from {QUEUE_SCHEMA}.procrastinate_jobs "
                                       "where task_name like '%post_digest' group by 1")))

    def wait_all_succeeded(self, limit: float) -> None:
        deadline = time.monotonic() + limit
        while self.jobs_by_status().get("succeeded", 0) < len(self.channels):
            if time.monotonic() > deadline:
                raise SystemExit(f"not every digest done after {limit:.0f} s: {dict(self.jobs_by_status())}")
            for bot in self.bots:
                bot.drain()
                if bot.proc.poll() is None:
                    self.cpu[bot.proc.pid] = cpu_seconds(bot.proc.pid)
            time.sleep(0.5)

    def storm_seconds(self) -> float:
        """From the first job deferred to the last digest done (both on the server's clock)."""
        [(first,)] = self.query(f"select min(at) from {QUEUE_SCHEMA}.procrastinate_events where type = 'deferred'")
        [(last,)] = self.query("select max(updated_at) from digestbot.ledger")
        return (last - first).total_seconds()

    def exactly_once(self) -> int:
        """Channels with one summary, one reply per commit in its thread, no text twice."""
        by_channel: dict[str, list[dict]] = {}
        for post in list(self.slack.posts):
            by_channel.setdefault(post["channel"], []).append(post)
        good = 0
        for channel in self.channels:
            posts = by_channel.get(channel, [])
            summaries = [p for p in posts if not p.get("thread_ts")]
            good += (len(summaries) == 1 and len(posts) == 1 + self.args.commits
                     and all(p.get("thread_ts") == summaries[0]["ts"] for p in posts if p is not summaries[0])
                     and max(Counter(p["text"] for p in posts).values()) == 1)
        return good

    def figures(self, instances: int, startup: float) -> dict:
        for bot in self.bots:
            bot.drain()
        total, top = self.statements()
        digests = len(self.channels)
        calls = github_counts(self.github)
        with self.github._lock:  # noqa: SLF001 - the fake's own request log
            other = Counter(re.sub(r"[0-9a-f]{40}|\d+", "N", p.split("?")[0]) for m, p in self.github.requests
                            if m == "GET" and not (p.startswith("/repos/") and 4 <= p.split("?")[0].count("/") <= 5))
        asked = classify(list(self.llm.requests), fake_rating)
        return {"instances": instances, "startup": startup, "seconds": self.storm_seconds(),
                "complete": self.exactly_once(), "jobs": dict(self.jobs_by_status()),
                "llm": self.llm.calls - asked.highlights, "highlights": asked.highlights, "asked": asked,
                "other_paths": other.most_common(3),
                "in_flight": self.llm.max_in_flight,
                "analyses": sum(1 for _ in self.store.items("analyses")), "github": calls,
                "statements": total, "per_digest": total / digests, "top": top,
                "cpu": sum(self.cpu.values()) - self.cpu_at_start, "errors": sum(r.get("level") == "ERROR" for b in self.bots
                                                             for r in b.logs),
                "taken_over": sum("taken over" in r.get("message", "") for b in self.bots for r in b.logs)}

    def close(self) -> None:
        for bot in self.bots:
            if bot.proc.poll() is None:
                self.cpu[bot.proc.pid] = cpu_seconds(bot.proc.pid)
        self.stack.close()
        self.store.close()


def storm(server: PostgresServer, args, work: Path, instances: int, ack: bool = False) -> dict:
    cluster = Cluster(server, args, work)
    try:
        startup = cluster.launch(instances)
        cluster.wait_all_succeeded(args.limit)
        figures = cluster.figures(instances, startup)
        if ack:
            figures["ack"] = asyncio.run(slack_acks(cluster, args.ack_rate, args.ack_seconds))
    finally:
        cluster.close()
    return figures


async def slack_acks(cluster: Cluster, rate: float, seconds: float) -> dict:
    """``rate`` signed ``/digest help`` a second for ``seconds``, round-robin over the instances; ack latencies."""
    import aiohttp

    urls = [bot.url + "/slack/events" for bot in cluster.bots]
    count = int(rate * seconds)
    latencies: list[float] = []
    statuses: Counter = Counter()
    before = len(cluster.slack.responses)

    async def one(session, n: int, at: float) -> None:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        body = slash_command_body("help", response_url=cluster.slack.response_url(f"ack{n}"), user_id=f"U{n % 97}",
                                  channel_id=cluster.channels[n % len(cluster.channels)])
        status, _, took = await post_signed(session, urls[n % len(urls)], SECRET, body)
        statuses[status] += 1
        latencies.append(took * 1000)

    start = time.monotonic() + 0.5
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(one(session, n, start + n / rate) for n in range(count)))
    sent_in = time.monotonic() - start
    deadline = time.monotonic() + 60
    while len(cluster.slack.responses) - before < count and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return {"count": count, "rate": count / sent_in, "statuses": dict(statuses),
            "p50": statistics.median(latencies), "p99": percentile(latencies, 99), "max": max(latencies),
            "answered": len(cluster.slack.responses) - before}


def takeover(server: PostgresServer, args, work: Path) -> dict:
    """Three instances; the third dies (SIGKILL) mid-post: when its running digests are restarted and finished."""
    cluster = Cluster(server, args, work)
    crash_after = max(2, len(cluster.channels) * (1 + args.commits) // 6)  # half of a third of the posts
    try:
        startup = cluster.launch(3, crash_after)
        doomed = cluster.bots[-1]
        doomed.proc.wait(args.limit)
        killed_at = datetime.now(UTC)
        killed = time.monotonic()
        running = dict(cluster.query(f"select id, worker_id from {QUEUE_SCHEMA}.procrastinate_jobs "
                                     "where status = 'doing'"))
        time.sleep(args.stalled / 3 + 2)  # every live worker has written a heartbeat since the kill
        alive = {w for (w,) in cluster.query(f"select id from {QUEUE_SCHEMA}.procrastinate_workers "
                                             "where last_heartbeat > %s", (killed_at,))}
        orphans = [job for job, worker in running.items() if worker not in alive]
        cluster.wait_all_succeeded(args.limit)
        figures = cluster.figures(3, startup)
        restarted = done = None
        if orphans:
            [(restarted, done)] = cluster.query(
                f"select max(at) filter (where type = 'started'), max(at) filter (where type = 'succeeded') "
                f"from {QUEUE_SCHEMA}.procrastinate_events where job_id = any(%s) and at > %s", (orphans, killed_at))
        figures.update(crash_after=crash_after, orphans=len(orphans), running=len(running),
                       restarted=(restarted - killed_at).total_seconds() if restarted else None,
                       finished=(done - killed_at).total_seconds() if done else None,
                       all_done=time.monotonic() - killed, returncode=doomed.proc.returncode)
    finally:
        cluster.close()
    return figures


def report(label: str, f: dict, args) -> list[str]:
    unique = args.repos * args.commits
    digests = args.channels
    gh = f["github"]
    print(f"\n{label}: {f['instances']} instance(s) up in {f['startup']:.1f} s; {digests} digests")
    print(f"  first job deferred -> last digest done: {f['seconds']:.1f} s ({digests / f['seconds']:.1f} digests/s)")
    print(f"  channels with exactly one complete digest: {f['complete']}/{digests}; jobs {f['jobs']}; "
          f"ERROR log lines {f['errors']}; 'taken over' warnings {f['taken_over']}")
    print(f"  LLM calls: {f['llm']} commit analyses for {unique} unique commits, {f['highlights']} day highlights for "
          f"{args.repos} repositories (most in flight {f['in_flight']}, limit {args.llm_concurrency}); analyses stored "
          f"{f['analyses']}")
    print(f"    {f['asked'].breakdown()}")
    print(f"  GitHub calls {gh.get('total', 0)}: {gh.get('list', 0)} commit listings, {gh.get('details', 0)} commit "
          f"details, {gh.get('repo', 0)} repository metadata, {gh.get('other', 0)} other {f['other_paths']}")
    print(f"  database statements (pg_stat_statements calls, start-up included): {f['statements']} = "
          f"{f['per_digest']:.1f} per digest; most frequent:")
    for calls, query in f["top"]:
        print(f"    {calls:>8}  {query}")
    print(f"  CPU of the instances after start-up: {f['cpu']:.1f} s = {f['cpu'] / digests * 1000:.0f} ms per digest")
    if "ack" in f:
        a = f["ack"]
        print(f"  Slack acks: {a['count']} signed /digest help at {a['rate']:.0f}/s over {f['instances']} instances: "
              f"statuses {a['statuses']}, p50 {a['p50']:.1f} ms, p99 {a['p99']:.1f} ms, max {a['max']:.1f} ms; "
              f"answers delivered {a['answered']}")
    if "orphans" in f:
        print(f"  killed after its post {f['crash_after']} (exit {f['returncode']}): {f['orphans']} of the "
              f"{f['running']} running jobs were its own; restarted elsewhere {f['restarted'] or float('nan'):.1f} s "
              f"after the kill, finished {f['finished'] or float('nan'):.1f} s after; every digest done "
              f"{f['all_done']:.1f} s after (stalled after {args.stalled:g} s: bound {args.stalled * 1.5 + 2:.0f} s "
              f"plus posting, plus up to 60 s when it died holding a commit's claim)")
    missed = []
    if f["complete"] != digests or f["jobs"] != {"succeeded": digests}:
        missed.append(f"{label}: {digests - f['complete']} channels without exactly one complete digest")
    asked = f["asked"]
    follow_ups = sum(asked.follow_ups.values())
    if asked.commits != unique or f["llm"] != unique + follow_ups or gh.get("details", 0) != unique:
        missed.append(f"{label}: {f['llm']} LLM analysis requests (unique commits + {follow_ups} follow-ups) and "
                      f"{gh.get('details', 0)} detail calls for {unique} commits")
    if asked.duplicates or asked.unexplained_follow_ups:
        missed.append(f"{label}: {asked.duplicates} duplicate analysis requests, {asked.unexplained_follow_ups} "
                      "follow-ups after a short answer that stayed low")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=2000)
    parser.add_argument("--repos", type=int, default=200)
    parser.add_argument("--commits", type=int, default=2, help="commits per repository on the day")
    parser.add_argument("--latency", type=float, default=0.5, help="seconds FakeOpenAI takes per answer")
    parser.add_argument("--llm-concurrency", type=int, default=8, help="DIGESTBOT_LLM_CONCURRENCY (shared)")
    parser.add_argument("--post-latency", type=float, default=0.0, help="seconds FakeSlack takes per post")
    parser.add_argument("--stalled", type=float, default=30.0, help="DIGESTBOT_QUEUE_STALLED_SECONDS")
    parser.add_argument("--ack-rate", type=float, default=200.0)
    parser.add_argument("--ack-seconds", type=float, default=10.0)
    parser.add_argument("--limit", type=float, default=1800.0, help="seconds to wait for a run before failing")
    parser.add_argument("--skip", choices=["one", "three", "takeover"], action="append", default=[])
    args = parser.parse_args()
    quiet_connection_resets()
    print(f"{args.channels} channels over {args.repos} repositories x {args.commits} commits; LLM latency "
          f"{args.latency:g} s, concurrency {args.llm_concurrency}; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at the start", flush=True)
    server = start_server()
    missed: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
            work = Path(tmp)
            if "one" not in args.skip:
                missed += report("one instance", storm(server, args, work, 1), args)
            if "three" not in args.skip:
                missed += report("three instances", storm(server, args, work, 3, ack=True), args)
            if "takeover" not in args.skip:
                missed += report("three instances, one SIGKILLed mid-post", takeover(server, args, work), args)
    finally:
        server.stop()
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")
    return verdict(missed)


if __name__ == "__main__":
    sys.exit(main())
