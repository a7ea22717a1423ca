"""Health and metrics over HTTP: the installed ``digestbot run --port 0``, and run_bot in-process with fakes."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import discord
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.observe import metrics
from bot.runtime import run_bot
from bot.settings import Settings

DIGESTBOT = str(Path(sys.executable).with_name("digestbot"))


def samples(text: str) -> dict[tuple, float]:
    """{(sample name, sorted labels): value} of a Prometheus text exposition."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _lines(stream, into: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)
    into.put(None)


def test_console_run_with_port_serves_health_and_counts_a_digest(git_repo, tmp_path):
    day = datetime(2026, 2, 14, 9, 0, tzinfo=timezone.utc)
    git_repo.commit("feat(api): add v2 endpoint", day, {"api/v2.proto": "syntax = 'proto3';\n"})
    git_repo.commit("docs: readme", day + timedelta(hours=1), {"README.md": "hi\n"})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "DIGESTBOT_"))}
    env.update(DIGESTBOT_DATA_DIR=str(tmp_path / "data"), DIGESTBOT_LOG_FORMAT="json", DIGESTBOT_LOG_LEVEL="INFO",
               DIGESTBOT_HTTP_HOST="127.0.0.1", GITHUB_TOKEN="ghp_16C7e42F292c6912E7710c838347Ae178B4a")
    proc = subprocess.Popen([DIGESTBOT, "run", "--adapter", "console", "--port", "0"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    errors: queue.Queue = queue.Queue()
    outputs: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stderr, errors), daemon=True).start()
    threading.Thread(target=_lines, args=(proc.stdout, outputs), daemon=True).start()
    stderr: list[str] = []
    try:
        port = None
        deadline = time.monotonic() + 60
        while port is None and time.monotonic() < deadline:
            line = errors.get(timeout=60)
            assert line is not None, "digestbot exited before listening: " + "".join(stderr)
            stderr.append(line)
            record = json.loads(line)  # every log line is one JSON object
            if record["message"].startswith("HTTP server listening"):
                port = record["port"]
        base = f"http://127.0.0.1:{port}"
        status, body = get(base + "/healthz")
        assert status == 200, body
        health = json.loads(body)
        assert health["status"] == "ok"
        assert health["checks"] == {"scheduler": "ok", "store": "ok", "adapter console": "ok"}
        assert (tmp_path / "data" / "health.json").is_file()  # the store check really wrote

        status, text = get(base + "/metrics")
        assert status == 200
        before = samples(text)
        assert before.get(("digestbot_digests_posted_total", (("platform", "console"),)), 0) == 0

        proc.stdin.write(f"/digest now {git_repo.path} 2026-02-14\n")
        proc.stdin.flush()
        posted = ("digestbot_digests_posted_total", (("platform", "console"),))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            after = samples(get(base + "/metrics")[1])
            if after.get(posted, 0) >= 1:
                break
            time.sleep(0.1)
        assert after[posted] == 1
        assert after[("digestbot_commits_analysed_total", (("analyzer", "heuristic"),))] == 2
        assert after.get(("digestbot_digests_failed_total", (("platform", "console"),)), 0) == 0
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    while (line := errors.get(timeout=10)) is not None:
        stderr.append(line)
    out = []
    while (line := outputs.get(timeout=10)) is not None:
        out.append(line)
    assert "# Daily Update Report (2026-02-14)" in "".join(out)
    assert all(json.loads(line)["level"] for line in stderr)
    assert "ghp_16C7e42F" not in "".join(stderr)


# -- in-process: Discord adapter against the fake Discord ---------------------------------------------------

from tests.fakes.discord_server import TOKEN, FakeDiscord  # noqa: E402 - imported where they are used
from tests.fakes.slack_server import FakeSlack  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_discord_globals():
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


async def _listening_port(caplog, task: asyncio.Task) -> int:
    for _ in range(300):
        for record in caplog.records:
            if record.getMessage().startswith("HTTP server listening"):
                return record.port
        if task.done():
            task.result()
            raise AssertionError("run_bot ended before listening")
        await asyncio.sleep(0.05)
    raise AssertionError("no 'HTTP server listening' log line")


async def _health(session, url: str) -> tuple[int, dict]:
    async with session.get(url + "/healthz") as answer:
        return answer.status, await answer.json()


async def _until(session, url: str, status: int) -> dict:
    for _ in range(200):
        got, body = await _health(session, url)
        if got == status:
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"/healthz never answered {status}; last: {got} {body}")


def test_health_turns_503_when_the_store_is_unwritable_or_discord_is_gone(tmp_path, caplog):
    import aiohttp

    caplog.set_level(logging.INFO, logger="bot.runtime")
    data = tmp_path / "data"
    fake = FakeDiscord()
    fake.start()
    settings = Settings(data_dir=data, discord_token=TOKEN, discord_api_url=fake.api_url, http_host="127.0.0.1",
                        health_store_interval=0)  # every check writes: the broken store is seen at once

    async def scenario():
        stop = asyncio.Event()
        task = asyncio.create_task(run_bot(settings, adapters=["discord"], port=0, stop=stop))
        try:
            url = f"http://127.0.0.1:{await _listening_port(caplog, task)}"
            async with aiohttp.ClientSession() as session:
                status, body = await _health(session, url)
                assert status == 200, body
                assert body["checks"] == {"scheduler": "ok", "store": "ok", "adapter discord": "ok"}

                probe = data / "health.json"  # a real write fails: the file is now a directory
                probe.unlink()
                probe.mkdir()
                status, body = await _health(session, url)
                assert status == 503 and body["status"] == "unavailable"
                assert body["checks"]["store"].startswith("not writable")
                assert "store: not writable" in body["reason"]
                probe.rmdir()
                await _until(session, url, 200)

                await asyncio.to_thread(fake.stop)  # Discord goes away: the gateway connection drops
                body = await _until(session, url, 503)
                assert body["checks"]["adapter discord"] == "disconnected"
                assert body["checks"]["store"] == "ok" and body["checks"]["scheduler"] == "ok"

                async with session.get(url + "/metrics") as answer:
                    assert answer.status == 200
                    names = {f.name for f in text_string_to_metric_families(await answer.text())}
                assert {"digestbot_digests_posted", "digestbot_llm_calls", "digestbot_github_rate_limit_remaining",
                        "digestbot_chat_retries", "digestbot_analysis_cache_hits"} <= names
        finally:
            stop.set()
            await asyncio.wait_for(task, 30)

    try:
        asyncio.run(scenario())
    finally:
        fake.stop()


def test_slack_over_http_serves_health_and_events_on_one_port(tmp_path, caplog):
    import aiohttp

    caplog.set_level(logging.INFO, logger="bot.runtime")
    with FakeSlack(token="xoxb-test-token") as slack:
        settings = Settings(data_dir=tmp_path / "data", slack_bot_token="xoxb-test-token",
                            slack_signing_secret="test-signing-secret", slack_api_url=slack.url)

        async def scenario():
            stop = asyncio.Event()
            task = asyncio.create_task(run_bot(settings, adapters=["slack"], port=0, stop=stop))
            try:
                url = f"http://127.0.0.1:{await _listening_port(caplog, task)}"
                async with aiohttp.ClientSession() as session:
                    status, body = await _health(session, url)
                    assert status == 200 and body["checks"]["adapter slack"] == "ok", body
                    async with session.get(url + "/metrics") as answer:
                        assert answer.status == 200 and "digestbot_digests_posted" in await answer.text()
                    async with session.post(url + "/slack/events", data="command=/digest&text=help") as answer:
                        assert answer.status == 401  # Slack's own route, unsigned: refused by bolt
            finally:
                stop.set()
                await asyncio.wait_for(task, 30)

        asyncio.run(scenario())


def test_github_rate_limit_remaining_follows_the_last_response():
    from analysis.day import DayWindow
    from bot.core.sources import open_repo
    from tests.fakes.github_server import FakeGitHub

    with FakeGitHub() as gh:
        gh.add_repo("o/r")
        gh.add_commit("o/r", message="fix: one", committed_at=datetime(2026, 2, 14, 3, tzinfo=timezone.utc))
        source = open_repo(Settings(github_api_url=gh.url), "o/r")  # as the bot opens it: watched
        source.list_commits(DayWindow.of("2026-02-14", "UTC"))
        first = metrics.GITHUB_RATE_REMAINING._value.get()
        source.commit_details(source.list_commits(DayWindow.of("2026-02-14", "UTC"))[0].sha)
        second = metrics.GITHUB_RATE_REMAINING._value.get()
    assert 0 < second < first  # the fake counts requests down, as GitHub does


def test_slack_rate_limit_retries_are_counted(tmp_path):
    from adapters.slack.app import SlackAdapter
    from bot.core.chat import ChannelRef, OutboundMessage

    retries = metrics.CHAT_RETRIES.labels(platform="slack")
    with FakeSlack(token="xoxb-test-token") as slack:
        settings = Settings(data_dir=tmp_path / "data", slack_bot_token="xoxb-test-token",
                            slack_signing_secret="test-signing-secret", slack_api_url=slack.url)

        async def scenario():
            adapter = SlackAdapter(settings, None, port=0, host="127.0.0.1")
            await adapter.start()
            try:
                assert adapter.connected
                before = retries._value.get()
                slack.rate_limit(times=2, retry_after=0)
                await adapter.send(ChannelRef("slack", "T0001", "C0001"), OutboundMessage(thread=False,
                                                                                          body={"text": "hi"}))
                assert retries._value.get() - before == 2
            finally:
                await adapter.stop()
            assert not adapter.connected

        asyncio.run(scenario())
    assert [p["text"] for p in slack.posts] == ["hi"]
