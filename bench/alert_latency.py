"""Benchmark: alert latency from a push to the alert's post, by webhook and by polling.

Run: ``.venv/bin/python bench/alert_latency.py [--pushes 5] [--poll-seconds 3] [--polls 3]``.
Everything is local: the real SlackAdapter (bolt over HTTP on 127.0.0.1) with the GitHub webhook on
its port, the real core and heuristic analyzer, a fake GitHub and a fake Slack. Webhook: each push
lands a new high-importance commit, a signed ``push`` delivery is sent and the clock stops when the
fake Slack has the alert. Polling: the real ``HeadPoller`` every ``--poll-seconds``; a commit lands at
a random moment of the interval and the clock stops at the post. With the default interval
(``DIGESTBOT_ALERT_POLL_MINUTES`` = 5) the wait for the next round dominates: up to 5 minutes, on average
half, plus the round's own time (printed as "a round that finds a move").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SLACK_SECRET, SLACK_TOKEN, HOOK_SECRET, GH_TOKEN = "bench-signing", "xoxb-bench", "bench-hook", "test-token"
REPO = "acme/widget"


def _files(n: int) -> list[dict]:
    return [{"filename": f"src/widget/config_{n}.py", "status": "modified", "additions": 2, "deletions": 2,
             "patch": "@@ -1,2 +1,2 @@\n-a = 1\n-b = 2\n+a = 3\n+b = 4"}]


async def _until_posts(slack, n: int, timeout: float = 120.0) -> float:
    deadline = time.perf_counter() + timeout
    while len(slack.posts) < n:
        if time.perf_counter() > deadline:
            raise SystemExit(f"no alert within {timeout:g} s")
        await asyncio.sleep(0.002)
    return time.perf_counter()


async def main(args: argparse.Namespace) -> int:
    import aiohttp

    from adapters.slack.app import SlackAdapter
    from bot.core.alerts import AlertService
    from bot.core.service import BotCore
    from bot.core.subscriptions import Subscription
    from bot.settings import Settings
    from bot.store import TinyStore
    from bot.web.webhook import PATH, WebhookReceiver, signature_of
    from scheduler.polling import HeadPoller, poll_heads
    from tests.fakes.github_server import FakeGitHub
    from tests.fakes.slack_server import FakeSlack

    with FakeGitHub(tokens={GH_TOKEN}) as gh, FakeSlack(token=SLACK_TOKEN) as slack, \
            tempfile.TemporaryDirectory() as tmp:
        gh.add_repo(REPO)
        head = gh.add_commit(REPO, message="docs: start", committed_at=datetime.now(timezone.utc))
        settings = Settings(data_dir=Path(tmp) / "data", github_api_url=gh.url, github_token=GH_TOKEN,
                            llm_model=None, slack_api_url=slack.url, slack_bot_token=SLACK_TOKEN,
                            slack_signing_secret=SLACK_SECRET, github_webhook_secret=HOOK_SECRET,
                            alerts_per_hour=1000, alert_poll_minutes=args.poll_seconds / 60)
        core = BotCore(settings, TinyStore(settings.data_dir))
        core.subscriptions.save(Subscription(platform="slack", workspace="T0001", channel="C0001", repo=REPO,
                                             alert="high"))
        adapter = SlackAdapter(settings, core, port=0, host="127.0.0.1")
        alerts = AlertService(core, {"slack": adapter})
        receiver = WebhookReceiver(HOOK_SECRET, alerts.push)
        adapter.web_app.add_routes(receiver.routes())
        await adapter.start()
        url = f"http://127.0.0.1:{adapter.port}{PATH}"
        webhook: list[float] = []
        n = 0
        try:
            async with aiohttp.ClientSession() as session:
                for _ in range(args.pushes):
                    n += 1
                    after = gh.add_commit(REPO, message=f"fix!: drop flag {n}", files=_files(n),
                                          committed_at=datetime.now(timezone.utc))
                    body = json.dumps({"ref": "refs/heads/main", "before": head, "after": after,
                                       "repository": {"full_name": REPO, "default_branch": "main"}}).encode()
                    start = time.perf_counter()
                    async with session.post(url, data=body, headers={
                            "X-GitHub-Event": "push", "X-Hub-Signature-256": signature_of(HOOK_SECRET, body),
                            "Content-Type": "application/json"}) as resp:
                        assert resp.status == 202, resp.status
                    webhook.append(await _until_posts(slack, n) - start)
                    head = after
            # polling: the webhook off, the real poller on a short interval
            core.settings = settings.model_copy(update={"github_webhook_secret": None})
            await poll_heads(alerts)  # learns the head and its ETag
            gh.reset_counts()
            free_before = gh.not_modified
            await poll_heads(alerts)
            free = gh.not_modified - free_before
            poller = HeadPoller(alerts)
            poller.start()
            polling: list[float] = []
            try:
                for _ in range(args.polls):
                    await asyncio.sleep(random.uniform(0, args.poll_seconds))
                    n += 1
                    gh.add_commit(REPO, message=f"fix!: drop flag {n}", files=_files(n),
                                  committed_at=datetime.now(timezone.utc))
                    start = time.perf_counter()
                    polling.append(await _until_posts(slack, n) - start)
            finally:
                poller.shutdown()
            n += 1
            gh.add_commit(REPO, message=f"fix!: drop flag {n}", files=_files(n), committed_at=datetime.now(timezone.utc))
            start = time.perf_counter()
            await poll_heads(alerts)
            round_s = time.perf_counter() - start
        finally:
            await receiver.drain()
            await adapter.stop()

    print(f"webhook push -> alert posted: median {statistics.median(webhook) * 1000:.0f} ms, "
          f"max {max(webhook) * 1000:.0f} ms over {len(webhook)} pushes")
    print(f"polling every {args.poll_seconds:g} s, commit -> alert posted: "
          f"{', '.join(f'{v:.2f}' for v in polling)} s (median {statistics.median(polling):.2f} s)")
    print(f"a round that finds a move: {round_s * 1000:.0f} ms; an unchanged branch: {free} conditional request(s) "
          "answered 304 (free)")
    print(f"at the default 5-minute interval: at most 300 s + {round_s:.2f} s, on average ~{150 + round_s:.0f} s")
    return 0 if max(webhook) < 10 and free == 1 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pushes", type=int, default=5)
    parser.add_argument("--poll-seconds", type=float, default=3.0)
    parser.add_argument("--polls", type=int, default=3)
    sys.exit(asyncio.run(main(parser.parse_args())))
