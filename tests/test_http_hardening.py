"""Unauthenticated HTTP: a malformed unsigned body is refused before it is parsed; /healthz writes rarely; /metrics can move.

Issue 10, item 11: the probe sent a malformed unsigned body to ``/slack/events`` (500 and a traceback
in the log), flooded ``/healthz`` (a synced store write per call) and found ``/metrics`` on the public port.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp

from adapters.slack.app import SlackAdapter
from bot.core.service import BotCore
from bot.store import TinyStore
from bot.web.server import Health
from tests.fakes.slack_server import FakeSlack, signed_headers
from tests.test_slack_adapter import SECRET, TOKEN, make_settings


def test_malformed_unsigned_body_gets_401_and_no_traceback(tmp_path, caplog):
    async def scenario(slack: FakeSlack):
        settings = make_settings(tmp_path, slack)
        adapter = SlackAdapter(settings, BotCore(settings, TinyStore(settings.data_dir)), port=0, host="127.0.0.1")
        await adapter.start()
        try:
            url = f"http://127.0.0.1:{adapter.port}/slack/events"
            answers = []
            async with aiohttp.ClientSession() as session:
                for body, content_type in ((b'{"type": "event_callback", "event": ', "application/json"),
                                           (b"\xff\xfe\x00garbage=%%%", "application/x-www-form-urlencoded"),
                                           (b"payload=%7Bnot-json", "application/x-www-form-urlencoded")):
                    async with session.post(url, data=body, headers={"Content-Type": content_type}) as resp:
                        answers.append(resp.status)
                # a correctly signed but malformed body is ours to answer: no 500 either
                signed = '{"type": "event_callback", "event": '
                async with session.post(url, data=signed.encode(),
                                        headers=signed_headers(SECRET, signed, "application/json")) as resp:
                    answers.append(resp.status)
            return answers
        finally:
            await adapter.stop()

    caplog.set_level(logging.DEBUG)
    with FakeSlack(token=TOKEN) as slack:
        answers = asyncio.run(scenario(slack))
    assert answers[:3] == [401, 401, 401]
    assert answers[3] == 400
    assert "Traceback" not in caplog.text and not any(r.exc_info for r in caplog.records)


class CountingStore(TinyStore):
    def __init__(self):
        super().__init__(None)
        self.writes = 0

    def put(self, table, key, value):
        if table == "health":
            self.writes += 1
        super().put(table, key, value)


def test_healthz_flood_writes_the_store_at_most_once_per_interval():
    store = CountingStore()
    health = Health(store)
    health.ready = True

    async def flood():
        return [await health.check() for _ in range(300)]

    results = asyncio.run(flood())
    assert all(body["checks"]["store"] == "ok" for _, body in results)
    assert store.writes == 1  # 300 checks within the interval: one real write


def test_healthz_reports_a_store_that_stopped_taking_writes_after_the_interval():
    store = CountingStore()
    health = Health(store, store_check_interval=0.0)  # every call checks
    health.ready = True

    def broken(table, key, value):
        raise OSError(28, "No space left on device")

    asyncio.run(health.check())
    store.put = broken
    _, body = asyncio.run(health.check())
    assert body["checks"]["store"].startswith("not writable")


def test_metrics_can_be_served_on_their_own_listener_only(tmp_path, caplog):
    from bot.runtime import run_bot
    from bot.settings import Settings

    caplog.set_level(logging.INFO, logger="bot.runtime")
    with FakeSlack(token=TOKEN) as slack:
        settings = Settings(data_dir=tmp_path / "data", slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                            slack_api_url=slack.url, http_host="127.0.0.1", metrics_port=0,
                            metrics_host="127.0.0.1")

        async def ports(task):
            for _ in range(300):
                found = {r.getMessage().split()[0]: r.port for r in caplog.records if hasattr(r, "port")}
                if {"HTTP", "metrics"} <= found.keys():
                    return found["HTTP"], found["metrics"]
                assert not task.done(), task.result()
                await asyncio.sleep(0.05)
            raise AssertionError("no listening log lines")

        async def scenario():
            stop = asyncio.Event()
            task = asyncio.create_task(run_bot(settings, adapters=["slack"], port=0, stop=stop))
            try:
                main, separate = await ports(task)
                assert main != separate
                async with aiohttp.ClientSession() as session:
                    async with session.get(f"http://127.0.0.1:{main}/metrics") as answer:
                        assert answer.status == 404
                    async with session.get(f"http://127.0.0.1:{main}/healthz") as answer:
                        assert answer.status == 200
                    async with session.get(f"http://127.0.0.1:{separate}/metrics") as answer:
                        assert answer.status == 200 and "digestbot_digests_posted" in await answer.text()
            finally:
                stop.set()
                await asyncio.wait_for(task, 30)

        asyncio.run(scenario())


def test_installed_bot_answers_a_malformed_unsigned_body_401_without_a_traceback(tmp_path):
    """The probe as it was made: ``digestbot run`` on Slack over HTTP, a malformed unsigned POST."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import urllib.error
    import urllib.request
    from pathlib import Path

    with FakeSlack(token=TOKEN) as slack:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "DIGESTBOT_"))}
        env.update(DIGESTBOT_DATA_DIR=str(tmp_path / "data"), DIGESTBOT_LOG_FORMAT="json",
                   DIGESTBOT_LOG_LEVEL="INFO", DIGESTBOT_HTTP_HOST="127.0.0.1", SLACK_BOT_TOKEN=TOKEN,
                   SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=slack.url, PYTHONUNBUFFERED="1")
        proc = subprocess.Popen([str(Path(sys.executable).with_name("digestbot")), "run", "--port", "0"],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True, env=env)
        lines = []
        try:
            port = None
            while port is None:
                line = proc.stderr.readline()
                assert line, "digestbot exited before listening: " + "".join(lines)
                lines.append(line)
                record = json.loads(line)
                if record["message"].startswith("HTTP server listening"):
                    port = record["port"]
            statuses = []
            for body in (b'{"type": "event_callback", "event": ', b"\xff\xfe garbage", b"payload=%7Bnope"):
                request = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=body,
                                                 headers={"Content-Type": "application/json"})
                try:
                    urllib.request.urlopen(request, timeout=10)
                except urllib.error.HTTPError as error:
                    statuses.append(error.code)
        finally:
            proc.send_signal(signal.SIGTERM)
            _, rest = proc.communicate(timeout=30)
        lines.append(rest)
    assert statuses == [401, 401, 401]
    log = "".join(lines)
    assert "Traceback" not in log and '"level": "ERROR"' not in log, log[-2000:]
