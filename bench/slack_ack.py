"""Benchmark: ack latency of 50 concurrent signed /digest commands while a digest is being posted, and idle RSS.

Run: ``.venv/bin/python bench/slack_ack.py [--commands 50] [--commits 30] [--post-latency 0.05]``.
Everything is local: the real SlackAdapter (bolt AsyncApp over HTTP on 127.0.0.1), the real BotCore
with the heuristic analyzer, a fake GitHub and a fake Slack Web API whose chat.postMessage takes
``--post-latency`` seconds, so the digest is still being posted while the commands arrive.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


async def main(args: argparse.Namespace) -> None:
    import aiohttp

    from adapters.slack.app import SlackAdapter
    from bot.core.service import BotCore
    from bot.settings import Settings
    from bot.store import TinyStore
    from tests.fakes.github_server import FakeGitHub
    from tests.fakes.slack_server import FakeSlack, post_signed, slash_command_body

    with FakeGitHub() as gh, FakeSlack(token=TOKEN) as slack, tempfile.TemporaryDirectory() as tmp:
        gh.add_repo("o/r")
        day = datetime(2026, 2, 14, 1, tzinfo=UTC)
        for i in range(args.commits):
            gh.add_commit("o/r", message=f"feat: change {i}\n\nbody {i}", author_name=f"Dev {i % 7}",
                          committed_at=day + timedelta(minutes=20 * i),
                          files=[{"filename": f"src/m{i}.py", "status": "modified", "additions": 10 + i,
                                  "deletions": i, "patch": f"@@ -1 +1 @@\n-old {i}\n+new {i}"}])
        settings = Settings(data_dir=Path(tmp), github_api_url=gh.url, slack_api_url=slack.url,
                            slack_bot_token=TOKEN, slack_signing_secret=SECRET, llm_model=None)
        adapter = SlackAdapter(settings, BotCore(settings, TinyStore(Path(tmp))), port=0, host="127.0.0.1")
        await adapter.start()
        url = f"http://127.0.0.1:{adapter.port}/slack/events"
        try:
            await asyncio.sleep(0.5)
            idle = rss_mb()
            async with aiohttp.ClientSession() as session:
                def body(text: str, n: int) -> str:
                    return slash_command_body(text, response_url=slack.response_url(f"r{n}"), user_id=f"U{n}")

                await post_signed(session, url, SECRET, body("subscribe o/r", 0))
                while not slack.responses:
                    await asyncio.sleep(0.01)
                slack.latency = args.post_latency
                await post_signed(session, url, SECRET, body("now o/r 2026-02-14", 1))
                while not slack.posts:  # the digest is being posted
                    await asyncio.sleep(0.01)
                results = await asyncio.gather(*(post_signed(session, url, SECRET, body("help", 100 + n))
                                                 for n in range(args.commands)))
                during = len(slack.posts)
                statuses = {status for status, _, _ in results}
                latencies = [took * 1000 for _, _, took in results]
                deadline = time.monotonic() + 60
                while len(slack.responses) < args.commands + 1 and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
                while len(slack.posts) < args.commits + 1 and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
            loaded = rss_mb()
        finally:
            await adapter.stop()

    print(f"commands: {args.commands} concurrent signed /digest help, HTTP statuses {sorted(statuses)}")
    print(f"digest being posted meanwhile: {during} of {args.commits + 1} messages posted when the acks were back")
    print(f"ack latency: median {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
          f"max {max(latencies):.1f} ms (target p99 < 300 ms)")
    print(f"answers delivered to response_url: {len(slack.responses) - 1}; digest messages posted: {len(slack.posts)}")
    print(f"resident memory while idle with the Slack adapter and core loaded: {idle:.1f} MB (target < 200 MB); "
          f"after the run: {loaded:.1f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=50)
    parser.add_argument("--commits", type=int, default=30)
    parser.add_argument("--post-latency", type=float, default=0.05)
    asyncio.run(main(parser.parse_args()))
