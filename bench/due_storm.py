"""Benchmark: 500 channels due at the same minute, through the real scheduler, core, digest service and store.

Run ``.venv/bin/python bench/due_storm.py [--channels 500] [--repos 5] [--commits 20] [--latency 0.5]
[--concurrency 8] [--post-delay 0.005] [--ledger-days 0]`` from the repository root. Nothing leaves 127.0.0.1:

- FakeGitHub holds ``--repos`` repositories with ``--commits`` commits each on 2026-02-14 (UTC);
- FakeOpenAI answers every analysis after ``--latency`` seconds (model ``openai/fake-model``);
- the real ``BotCore`` (``DigestService`` with ``LLMAnalyzer`` through litellm, heuristic fallback),
  a ``TinyStore`` in a temporary directory and the real ``DigestScheduler`` on APScheduler's
  ``AsyncIOScheduler``: ``--channels`` subscriptions at 09:00 UTC, spread round-robin over the
  repositories, are loaded from the store at start and all given the same next run time a moment
  ahead, as when their cron triggers fall in the same minute; APScheduler fires them together;
- a recording chat adapter (``ConsoleRenderer``, ``--post-delay`` seconds per post like a chat API)
  notes when each message arrives;
- ``--ledger-days N`` first fills the ledger with N earlier days of finished digests for every
  channel, as in a bot that has been running for a while (0: a fresh store).

The core's clock reads 2026-02-15 09:00:00 UTC at the due instant, so the jobs post the digest of
2026-02-14, on time. Printed: unique commits, the bound ``ceil(unique commits / concurrency) *
latency + 60 s``, the delay from the due instant to the first post, the last summary and the last
post, digests fully posted (ledger done), LLM and GitHub calls, and the peak memory.
Exits 1 when a target is missed: every digest done in the ledger and posted exactly once
(1 summary + 1 reply per commit per channel), the last post within the bound, commit-detail calls
equal to the unique commits, one cached analysis per commit (no fallback), and the LLM asked once
per unique commit: analysis requests = unique commits + follow-ups (a commit triaged low whose short
answer the model rated higher gets the full request next, by design; ``bench/llm_calls.py``), no
duplicate, no retry, and one day's highlights request per repository.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # never fetch the price map
os.environ.setdefault("OPENAI_API_KEY", "sk-bench-not-a-real-key")  # the fake ignores it; litellm wants one

from apscheduler.events import (  # noqa: E402
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED,
)

from adapters.console import ConsoleRenderer  # noqa: E402
from bench.digest_bench import verdict  # noqa: E402
from bench.llm_calls import classify, fake_rating  # noqa: E402
from bot.core.ledger import LedgerEntry, ledger_key  # noqa: E402
from bot.core.service import BotCore  # noqa: E402
from bot.core.subscriptions import Subscription  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store import TinyStore  # noqa: E402
from scheduler.jobs import DEFAULT_CONCURRENCY, DigestScheduler  # noqa: E402
from tests.fakes.github_server import FakeGitHub  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI  # noqa: E402

UTC = timezone.utc
DAY = "2026-02-14"
DUE = datetime(2026, 2, 15, 9, 0, tzinfo=UTC)  # the subscriptions' 09:00 UTC run that posts DAY
MODEL = "openai/fake-model"
TOKEN = "test-token"  # FakeGitHub's authenticated token: GitHub's 5,000/hour limit, not 60
SLACK_SECONDS = 60
LEAD_SECONDS = 1.5  # how far ahead of "now" the due instant is set, once everything is started

PREFIXES = ["feat", "fix", "refactor", "perf", "docs", "test", "ci", "chore", "feat(api)!", "security"]
SUBJECTS = ["router cache eviction", "token streaming", "worker health checks", "metrics exporter",
            "config loader", "retry budget", "tokenizer warm-up", "release notes"]
PATHS = ["src/router/cache.rs", "src/api/handler.py", "deploy/crd.go", "docs/guide.md", "tests/test_router.py",
         ".github/workflows/ci.yml", "Dockerfile", "src/config.rs"]


def populate(gh: FakeGitHub, repos: list[str], commits: int, seed: int = 11) -> None:
    """``commits`` synthetic commits on DAY in each repository, each touching one to three files."""
    rng = random.Random(seed)
    start = datetime.fromisoformat(f"{DAY}T00:30:00+00:00")
    step = timedelta(seconds=max(1, 82_000 // max(commits, 1)))
    for r, repo in enumerate(repos):
        gh.add_repo(repo)
        for n in range(commits):
            files = []
            for path in rng.sample(PATHS, rng.randint(1, 3)):
                lines = rng.randint(2, 20)
                patch = "@@ -1,2 +1,%d @@\n ctx\n-old()\n" % (lines + 1) + "\n".join(
                    f"+value_{i} = compute_{rng.randrange(1000)}(x)" for i in range(lines))
                files.append({"filename": path, "status": "modified", "additions": lines, "deletions": 1,
                              "patch": patch})
            gh.add_commit(repo, message=f"{rng.choice(PREFIXES)}: {rng.choice(SUBJECTS)} (#{r * 1000 + n})",
                          author_name=f"Dev {n % 7}", author_login=f"dev{n % 7}",
                          committed_at=start + step * n, files=files)


class RecordingAdapter:
    """A chat adapter that records when each message arrives; ``delay`` seconds per post like a chat API."""

    platform = "console"
    supports_threads = True

    def __init__(self, delay: float):
        self.renderer = ConsoleRenderer()
        self.delay = delay
        self.posts: list[tuple[float, str, bool]] = []  # (time.time(), channel, is a thread reply)

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    async def send(self, channel, message, thread_id=None) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        self.posts.append((time.time(), channel.channel, thread_id is not None))
        return f"m{len(self.posts)}"


class ShiftedClock:
    """The real clock moved by ``shift``: reads DUE exactly at the instant the jobs are due."""

    def __init__(self) -> None:
        self.shift = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.shift


def seed_subscriptions(store: TinyStore, channels: int, repos: list[str]) -> list[Subscription]:
    """One subscription per channel at 09:00 UTC, made an hour before DUE (so there is nothing to catch up)."""
    subs = [Subscription(platform="console", workspace="bench", channel=f"C{i:04d}", repo=repos[i % len(repos)],
                         at="09:00", tz="UTC", created_at=DUE - timedelta(hours=1)) for i in range(channels)]
    store.put_many("subscriptions", [(s.key, s.model_dump(mode="json")) for s in subs])
    return subs


def seed_ledger(store: TinyStore, subs: list[Subscription], days: int, commits: int) -> None:
    """``days`` earlier days of finished digests for every channel, as a bot running for a while has."""
    posted = ["summary/0"] + [f"{n:040x}/0" for n in range(commits)]
    rows = []
    for back in range(1, days + 1):
        day = (datetime.fromisoformat(DAY) - timedelta(days=back)).date().isoformat()
        # a finished entry as the core leaves it: done, its list of posted keys dropped
        entry = LedgerEntry(summary_id="1", posted=[], total=len(posted), done=True).model_dump(mode="json")
        rows += [(ledger_key(s.channel_ref, s.repo, day), entry) for s in subs]
    if rows:
        store.put_many("ledger", rows)


def github_counts(gh: FakeGitHub) -> dict[str, int]:
    """GET requests seen by the fake, by kind: commit listings, commit details, repository metadata, other."""
    with gh._lock:  # noqa: SLF001 - the fake's own request log
        paths = [p.split("?")[0] for m, p in gh.requests if m == "GET"]
    counts = Counter()
    for path in paths:
        parts = path.strip("/").split("/")
        kind = {3: "repo", 4: "list", 5: "details"}.get(len(parts), "other") if parts[0] == "repos" else "other"
        counts[kind] += 1
    counts["total"] = len(paths)
    return dict(counts)


async def storm(args, gh: FakeGitHub, llm: FakeOpenAI, data_dir: Path, repos: list[str]) -> dict:
    """Start the scheduler on a fresh store, make every job due at once, wait for the posts."""
    store = TinyStore(data_dir)
    subs = seed_subscriptions(store, args.channels, repos)
    seed_ledger(store, subs, args.ledger_days, args.commits)
    settings = Settings(data_dir=data_dir, github_token=TOKEN, github_api_url=gh.url, llm_model=MODEL,
                        llm_api_base=llm.url, llm_concurrency=args.concurrency, catchup_hours=12.0)
    clock = ShiftedClock()
    clock.shift = (DUE - timedelta(seconds=30)) - datetime.now(UTC)  # start-up a little before the due minute
    core = BotCore(settings, store, clock=clock)
    adapter = RecordingAdapter(args.post_delay)
    scheduler = DigestScheduler(core, {"console": adapter}, concurrency=args.channel_concurrency)

    outcomes: Counter = Counter()
    submitted: list[float] = []
    finished = asyncio.Event()

    def on_event(event) -> None:
        if event.code == EVENT_JOB_SUBMITTED:
            submitted.append(time.time())
            return
        if event.code == EVENT_JOB_EXECUTED:
            outcomes[str(event.retval)] += 1
        elif event.code == EVENT_JOB_ERROR:
            outcomes["error"] += 1
        else:
            outcomes["missed" if event.code == EVENT_JOB_MISSED else "max-instances"] += 1
        if sum(outcomes.values()) >= args.channels:
            finished.set()

    scheduler.scheduler.add_listener(on_event, EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR
                                     | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    started = time.perf_counter()
    scheduler.start()
    caught_up = await scheduler.catchup_task
    startup = time.perf_counter() - started
    if caught_up:
        raise SystemExit(f"unexpected catch-up at start: {caught_up[:3]}")
    if args.warm_import:
        import litellm  # noqa: F401 - the one-time import, left out of the storm (a bot running since yesterday)

    due_at = datetime.now(UTC) + timedelta(seconds=LEAD_SECONDS)
    clock.shift = DUE - due_at
    for sub in subs:  # as when every cron trigger falls in the same minute
        scheduler.job(sub.key).modify(next_run_time=due_at)
    bound = math.ceil(args.repos * args.commits / args.concurrency) * args.latency + SLACK_SECONDS
    try:
        await asyncio.wait_for(finished.wait(), timeout=LEAD_SECONDS + bound + args.grace)
    except asyncio.TimeoutError:
        # the jobs still running are cancelled below; APScheduler logs each one with a traceback
        logging.getLogger("apscheduler.executors.default").setLevel(logging.CRITICAL)
    scheduler.shutdown()
    await asyncio.sleep(0)

    due = due_at.timestamp()
    posts = adapter.posts
    per_channel = Counter(channel for _, channel, _ in posts)
    last_of = {channel: t for t, channel, _ in posts}  # posts are in time order
    summaries = [t for t, _, reply in posts if not reply]
    complete = [s.channel for s in subs if per_channel[s.channel] == 1 + args.commits]
    done = sum(1 for s in subs if core.ledger.is_done(ledger_key(s.channel_ref, s.repo, DAY)))
    return {
        "startup_s": startup, "outcomes": dict(outcomes), "done": done,
        "first_post_s": min((t for t, _, _ in posts), default=math.nan) - due,
        "last_summary_s": max(summaries, default=math.nan) - due,
        "median_summary_s": statistics.median(summaries) - due if summaries else math.nan,
        "last_post_s": max((t for t, _, _ in posts), default=math.nan) - due,
        "last_job_start_s": max(submitted, default=math.nan) - due,
        "posts": len(posts), "exact_channels": len(complete),
        "in_time": sum(1 for channel in complete if last_of[channel] - due <= bound),
        "analyses_cached": sum(1 for _ in store.items("analyses")),
        "builds": scheduler.builds.started, "bound_s": bound,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--repos", type=int, default=5)
    parser.add_argument("--commits", type=int, default=20, help="commits per repository on the day")
    parser.add_argument("--latency", type=float, default=0.5, help="seconds FakeOpenAI takes per answer")
    parser.add_argument("--concurrency", type=int, default=8, help="LLM requests in flight at most")
    parser.add_argument("--channel-concurrency", type=int, default=DEFAULT_CONCURRENCY,
                        help="channels served at once by the scheduler (its default)")
    parser.add_argument("--post-delay", type=float, default=0.005, help="seconds the chat API takes per post")
    parser.add_argument("--warm-import", action="store_true",
                        help="import litellm before the due instant (leaves out its ~2 s one-time import)")
    parser.add_argument("--ledger-days", type=int, default=0,
                        help="earlier days of finished digests already in the ledger (a bot running for a while)")
    parser.add_argument("--grace", type=float, default=15.0,
                        help="seconds to keep waiting past the bound before giving up")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    load = os.getloadavg()[0]
    repos = [f"storm/repo{r}" for r in range(args.repos)]
    with FakeGitHub() as gh, FakeOpenAI() as llm, tempfile.TemporaryDirectory(prefix="due-storm-") as tmp:
        populate(gh, repos, args.commits)
        llm.latency = args.latency
        figures = asyncio.run(storm(args, gh, llm, Path(tmp) / "data", repos))
        calls = github_counts(gh)
        llm_calls, max_in_flight = llm.calls, llm.max_in_flight
        asked = classify(list(llm.requests), fake_rating)
    maxrss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    unique = args.repos * args.commits
    bound = figures["bound_s"]
    print(f"{args.channels} channels on {args.repos} repositories x {args.commits} commits, LLM latency "
          f"{args.latency:g} s, LLM concurrency {args.concurrency}, channel concurrency {args.channel_concurrency}, "
          f"post delay {args.post_delay * 1000:g} ms, {args.ledger_days} earlier days in the ledger, "
          f"{os.cpu_count()} CPUs, load average {load:.2f} before the run")
    print(f"start-up (store, {args.channels} jobs, catch-up plan): {figures['startup_s']:.2f} s")
    print(f"unique commits: {unique}")
    print(f"bound ceil({unique}/{args.concurrency})*{args.latency:g} s + {SLACK_SECONDS} s: {bound:.1f} s")
    print(f"delay from the due time: first post {figures['first_post_s']:.2f} s | median summary "
          f"{figures['median_summary_s']:.2f} s | last summary {figures['last_summary_s']:.2f} s | last post "
          f"{figures['last_post_s']:.2f} s | last job fired {figures['last_job_start_s']:.2f} s")
    print(f"digests fully posted (ledger done): {figures['done']}/{args.channels} ({figures['in_time']} within the "
          f"bound); channels with exactly {1 + args.commits} posts: {figures['exact_channels']}; posts "
          f"{figures['posts']}; job outcomes {figures['outcomes']}")
    print(f"LLM calls: {llm_calls} (most in flight {max_in_flight}): {asked.breakdown()}; analyses cached: "
          f"{figures['analyses_cached']}; digest builds run: {figures['builds']}")
    print(f"GitHub calls: {calls.get('total', 0)} ({calls.get('list', 0)} commit listings, "
          f"{calls.get('details', 0)} commit details, {calls.get('repo', 0)} repository metadata, "
          f"{calls.get('other', 0)} other)")
    print(f"peak memory: maxrss {maxrss_mib:.0f} MiB (process, both fakes included)")

    missed = []
    if figures["done"] != args.channels:
        missed.append(f"{args.channels - figures['done']} digests not done in the ledger")
    if figures["exact_channels"] != args.channels:
        missed.append(f"{args.channels - figures['exact_channels']} channels did not get exactly one full digest")
    if not figures["last_post_s"] <= bound:
        missed.append(f"last post {figures['last_post_s']:.1f} s after the due time > bound {bound:.1f} s")
    follow_ups = sum(asked.follow_ups.values())
    if asked.commits != unique or asked.analysis_requests != unique + follow_ups:
        missed.append(f"{asked.analysis_requests} analysis requests for {unique} unique commits + {follow_ups} "
                      f"follow-ups ({asked.commits} commits asked)")
    if asked.duplicates or asked.retries or asked.unknown:
        missed.append(f"{asked.duplicates} duplicate, {asked.retries} retried and {asked.unknown} unidentified "
                      "analysis requests")
    if asked.unexplained_follow_ups:
        missed.append(f"{asked.unexplained_follow_ups} follow-ups after a short answer that stayed low")
    if asked.highlights != args.repos or llm_calls != asked.analysis_requests + asked.highlights:
        missed.append(f"{asked.highlights} highlights requests for {args.repos} repositories")
    if calls.get("details", 0) != unique:
        missed.append(f"{calls.get('details', 0)} commit-detail calls for {unique} unique commits")
    if figures["analyses_cached"] != unique:
        missed.append(f"{figures['analyses_cached']} cached analyses for {unique} commits (fallbacks?)")
    return verdict(missed)


if __name__ == "__main__":
    sys.exit(main())
