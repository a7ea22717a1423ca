"""Benchmark: ack latency of 50 concurrent signed button presses (feedback and Explain in depth) on a posted digest.

Run: ``.venv/bin/python bench/button_ack.py [--presses 50] [--commits 30]``. Everything is local: the real
SlackAdapter (bolt over HTTP on 127.0.0.1), the real BotCore with the heuristic analyzer, a fake GitHub and
a fake Slack. The digest is posted first; then members press the buttons of its replies at once: every
other press is a feedback vote, the rest Explain in depth (the facts, posted in the thread). Exits 1 when
the p99 ack misses the target (Slack gives 3 s; the target is the slash commands' 300 ms).
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

from bench.slack_ack import SECRET, TOKEN, percentile  # noqa: E402

TARGET_P99_MS = 300.0


async def main(args: argparse.Namespace) -> int:
    import aiohttp

    from adapters.slack.app import SlackAdapter
    from bot.core.service import BotCore
    from bot.core.subscriptions import Subscription
    from bot.settings import Settings
    from bot.store import TinyStore
    from tests.fakes.github_server import FakeGitHub
    from tests.fakes.slack_server import FakeSlack, block_actions_body, post_signed, slash_command_body

    with FakeGitHub() as gh, FakeSlack(token=TOKEN) as slack, tempfile.TemporaryDirectory() as tmp:
        gh.add_repo("o/r")
        day = datetime(2026, 2, 14, 1, tzinfo=UTC)
        for i in range(args.commits):
            gh.add_commit("o/r", message=f"feat: change {i}", committed_at=day + timedelta(minutes=20 * i),
                          files=[{"filename": f"src/m{i}/a.py", "status": "modified", "additions": 3, "deletions": 1,
                                  "patch": f"@@ -1 +1,2 @@\n-old {i}\n+def f{i}(x):\n+    return x"}])
        settings = Settings(data_dir=Path(tmp), github_api_url=gh.url, slack_api_url=slack.url,
                            slack_bot_token=TOKEN, slack_signing_secret=SECRET, llm_model=None)
        core = BotCore(settings, TinyStore(Path(tmp)))
        core.subscriptions.save(Subscription(platform="slack", workspace="T0001", channel="C0001", repo="o/r"))
        adapter = SlackAdapter(settings, core, port=0, host="127.0.0.1")
        await adapter.start()
        url = f"http://127.0.0.1:{adapter.port}/slack/events"
        deadline = time.monotonic() + 120
        try:
            async with aiohttp.ClientSession() as session:
                command = slash_command_body("now o/r 2026-02-14", response_url=slack.response_url("now"))
                await post_signed(session, url, SECRET, command)
                while len(slack.posts) < args.commits + 1 and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
                replies = [p for p in slack.posts if any(b["type"] == "actions" for b in p.get("blocks") or [])]
                presses = []
                for n in range(args.presses):
                    reply = replies[n % len(replies)]
                    buttons = [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]
                    element = buttons[1] if n % 2 else buttons[0]  # Not important here / Explain in depth
                    presses.append(block_actions_body(element, response_url=slack.response_url(f"p{n}"),
                                                      user_id=f"U{n}", message=reply))
                posts_before = len(slack.posts)
                results = await asyncio.gather(*(post_signed(session, url, SECRET, body) for body in presses))
                votes = args.presses // 2
                while adapter._tasks and time.monotonic() < deadline:  # every press answered
                    await asyncio.sleep(0.05)
        finally:
            await adapter.stop()

    latencies = [took * 1000 for _, _, took in results]
    p99 = percentile(latencies, 99)
    print(f"presses: {args.presses} concurrent signed block_actions, HTTP statuses {sorted({s for s, _, _ in results})}")
    print(f"ack latency: median {statistics.median(latencies):.1f} ms, p99 {p99:.1f} ms, max {max(latencies):.1f} ms "
          f"(target p99 < {TARGET_P99_MS:.0f} ms)")
    answers = {key: body["text"] for key, body in slack.responses}
    noted = sum(1 for n in range(1, args.presses, 2) if answers.get(f"p{n}", "").startswith("Noted:"))
    explained = {reply.get("thread_ts") for reply in slack.posts[posts_before:]}
    limited = sum(1 for n in range(0, args.presses, 2) if "again" in answers.get(f"p{n}", ""))
    print(f"feedback votes acknowledged: {noted} of {votes}; Explain in depth: {len(slack.posts) - posts_before} "
          f"fact messages posted in {len(explained)} thread(s), {limited} presses answered by the build limits "
          f"(DIGESTBOT_BUILDS_PER_CHANNEL)")
    return 0 if p99 < TARGET_P99_MS else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=50)
    parser.add_argument("--commits", type=int, default=30)
    sys.exit(asyncio.run(main(parser.parse_args())))
