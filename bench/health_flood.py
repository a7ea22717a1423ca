"""Benchmark: Slack ack latency while ``/healthz`` is flooded, and how many store writes the health checks cost.

Run: ``.venv/bin/python bench/health_flood.py [--rate 300] [--commands 50] [--interval 5]``.
The real SlackAdapter over HTTP on 127.0.0.1 serves the bot's routes (``/healthz`` on its app, as in
``digestbot run``), backed by a TinyStore in a temporary directory; ``--rate`` GET /healthz per second
arrive while ``--commands`` concurrent signed ``/digest help`` are acknowledged. ``--interval 0`` is the
old behaviour (a synced store write per check).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.slack_ack import SECRET, TOKEN, percentile  # noqa: E402


async def main(args: argparse.Namespace) -> None:
    import aiohttp

    from adapters.slack.app import SlackAdapter
    from bot.core.service import BotCore
    from bot.settings import Settings
    from bot.store import TinyStore
    from bot.web.server import Health, http_routes
    from tests.fakes.slack_server import FakeSlack, post_signed, slash_command_body

    class CountingStore(TinyStore):
        writes = 0

        def put(self, table, key, value):
            if table == "health":
                CountingStore.writes += 1
            super().put(table, key, value)

    with FakeSlack(token=TOKEN) as slack, tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), slack_api_url=slack.url, slack_bot_token=TOKEN,
                            slack_signing_secret=SECRET, llm_model=None)
        store = CountingStore(Path(tmp))
        adapter = SlackAdapter(settings, BotCore(settings, store), port=0, host="127.0.0.1")
        health = Health(store, args.interval)
        health.ready, health.adapters = True, [adapter]
        adapter.web_app.add_routes(http_routes(health, store, settings))
        await adapter.start()
        base = f"http://127.0.0.1:{adapter.port}"
        flooding = True
        try:
            async with aiohttp.ClientSession() as session:
                async def flood() -> None:
                    pending: set[asyncio.Task] = set()
                    while flooding:
                        task = asyncio.ensure_future(session.get(base + "/healthz"))
                        pending.add(task)
                        task.add_done_callback(pending.discard)
                        await asyncio.sleep(1 / args.rate)
                    for task in list(pending):
                        response = await task
                        response.release()

                flooder = asyncio.ensure_future(flood())
                await asyncio.sleep(1.0)  # the flood is on
                started = time.monotonic()
                results = await asyncio.gather(*(post_signed(
                    session, base + "/slack/events", SECRET,
                    slash_command_body("help", response_url=slack.response_url(f"r{n}"), user_id=f"U{n}"))
                    for n in range(args.commands)))
                seconds = time.monotonic() - started + 1.0
                flooding = False
                await flooder
        finally:
            await adapter.stop()
    latencies = [took * 1000 for _, _, took in results]
    print(f"/healthz flood: {args.rate}/s for {seconds:.1f} s; store check interval {args.interval:g} s; "
          f"health store writes: {CountingStore.writes}")
    print(f"ack latency of {args.commands} concurrent signed /digest help: median {statistics.median(latencies):.1f} ms, "
          f"p99 {percentile(latencies, 99):.1f} ms, statuses {sorted({s for s, _, _ in results})}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=300)
    parser.add_argument("--commands", type=int, default=50)
    parser.add_argument("--interval", type=float, default=5.0)
    asyncio.run(main(parser.parse_args()))
