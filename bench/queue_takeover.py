"""Benchmark of the work across instances: how soon a dead instance's digests are taken over, how soon a schedule moves.

Run ``.venv/bin/python bench/queue_takeover.py [--stalled 30] [--channels 6]`` from the repository root. It starts
a throwaway PostgreSQL server (as the tests do), the fake Slack and GitHub, and real ``digestbot run`` processes:

1. Takeover: A starts after the slot, catches up ``--channels`` due digests as jobs, starts posting them and
   SIGKILLs itself after its third post; B starts meanwhile and takes what A left. Printed: the seconds from A's death to the last digest done,
   against the bound ``stalled + stalled/2 (the upkeep's period) + 2 s (the worker's poll)`` plus the posting.
2. Schedule changes: two instances in one process; ``subscribe`` through A, 10 times (new, moved), and the
   seconds until B's APScheduler job matches (LISTEN/NOTIFY; B's full resync is set far off).

Exits 1 when a digest is not complete exactly once, or the takeover misses its bound by more than 30 s.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from bot.core.chat import ChannelRef, CommandContext  # noqa: E402
from bot.core.ledger import ledger_key  # noqa: E402
from bot.core.subscriptions import Subscription, SubscriptionBook  # noqa: E402
from bot.store.postgres_store import PostgresStore  # noqa: E402
from tests.bot_process import TOKEN, SlackBot  # noqa: E402
from tests.cluster_support import COMMITS, Instance, add_commits, due_just_now, settings_for  # noqa: E402
from tests.fakes.github_server import FakeGitHub  # noqa: E402
from tests.fakes.slack_server import FakeSlack  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402


def fresh_database(server: PostgresServer) -> str:
    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    return server.url(name)


def takeover(server: PostgresServer, stalled: float, channels: int, work: Path) -> tuple[float, bool]:
    url = fresh_database(server)
    slot, day = due_just_now()
    store = PostgresStore(url)
    keys = []
    for n in range(channels):
        sub = Subscription(platform="slack", workspace="T0001", channel=f"C{n:04d}", repo="acme/widget",
                           at=slot.strftime("%H:%M"), created_at=slot - timedelta(days=1))
        SubscriptionBook(store).save(sub)
        keys.append(ledger_key(sub.channel_ref, sub.repo, day))
    env = {"DIGESTBOT_DATABASE_URL": url, "DIGESTBOT_QUEUE_STALLED_SECONDS": str(stalled)}
    done = lambda: all((store.get("ledger", key) or {}).get("done") for key in keys)  # noqa: E731
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        add_commits(github, "acme/widget", datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC))
        with SlackBot(slack, work / "a", work, github.url, DIGESTBOT_TEST_CRASH_AFTER_POSTS="3", **env) as a:
            with SlackBot(slack, work / "b", work, github.url, **env):  # B is up long before A counts as dead
                a.proc.wait(120)
                killed = time.monotonic()
                deadline = killed + stalled * 3 + 120
                while not done():
                    if time.monotonic() > deadline:
                        raise SystemExit("the digests were not finished")
                    time.sleep(0.05)
                elapsed = time.monotonic() - killed
    store.close()
    complete = True
    for n in range(channels):
        posts = [p for p in slack.posts if p["channel"] == f"C{n:04d}"]
        complete &= len(posts) == 1 + COMMITS and max(Counter(p["text"] for p in posts).values()) == 1
    return elapsed, complete


def schedule_moves(server: PostgresServer, work: Path) -> list[float]:
    url = fresh_database(server)
    channel = ChannelRef("slack", "T0001", "C0100")
    key = f"{channel.key}|acme/widget"
    times = []
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
        github.add_repo("acme/widget")
        settings = settings_for(url, work, slack, github)

        async def scenario():
            a, b = Instance(settings), Instance(settings, resync_seconds=3600)
            await asyncio.gather(a.start(), b.start())
            await asyncio.wait_for(b.sync.listening.wait(), 30)
            try:
                for minute in range(10):
                    start = time.monotonic()
                    await a.core.handle_command(CommandContext(channel=channel, user="U1"),
                                                f"subscribe acme/widget at 06:{minute:02d}")
                    while (job := b.scheduler.job(key)) is None or job.next_run_time.minute != minute:
                        if time.monotonic() - start > 60:
                            raise SystemExit("instance B never heard of the change")
                        await asyncio.sleep(0.005)
                    times.append(time.monotonic() - start)
            finally:
                await asyncio.gather(a.stop(), b.stop())

        asyncio.run(scenario())
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stalled", type=float, default=30.0, help="DIGESTBOT_QUEUE_STALLED_SECONDS")
    parser.add_argument("--channels", type=int, default=6)
    args = parser.parse_args()
    server = PostgresServer().start()
    try:
        with tempfile.TemporaryDirectory() as work:
            elapsed, complete = takeover(server, args.stalled, args.channels, Path(work))
            moves = schedule_moves(server, Path(work))
    finally:
        server.stop()
    bound = args.stalled * 1.5 + 2
    print(f"takeover: {args.channels} digests due, A killed after its 3rd post; the last one done {elapsed:.1f} s "
          f"after the kill (stalled after {args.stalled:g} s: bound {bound:.0f} s plus posting); "
          f"every channel one complete digest: {complete}")
    print(f"schedule change through A seen by B: median {statistics.median(moves) * 1000:.0f} ms, "
          f"max {max(moves) * 1000:.0f} ms over {len(moves)} changes (resync every 60 s is the fallback)")
    return 0 if complete and elapsed < bound + 30 else 1


if __name__ == "__main__":
    sys.exit(main())
