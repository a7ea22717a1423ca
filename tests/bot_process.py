"""The installed ``digestbot run`` as a real process on Slack over HTTP, driven by signed slash commands.

The bot talks to the fake Slack (``SLACK_API_URL``) and the fake GitHub (``GITHUB_API_URL``); its
JSON log lines are collected so a test can wait for "HTTP server listening" and read warnings.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.fakes.slack_server import FakeSlack, signed_headers, slash_command_body

DIGESTBOT = str(Path(sys.executable).with_name("digestbot"))
SECRET = "hardening-signing-secret"
TOKEN = "xoxb-hardening"


def bot_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """The test process's environment without any real credentials, plus ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "DISCORD_", "DIGESTBOT_", "GITHUB_", "OPENAI_"))}
    env.update(DIGESTBOT_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1", DIGESTBOT_LOG_FORMAT="json",
               DIGESTBOT_LOG_LEVEL="INFO", DIGESTBOT_HTTP_HOST="127.0.0.1", GITHUB_API_URL="http://127.0.0.1:9")
    env.update(extra)
    return env


def _pump(stream, into: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)
    into.put(None)


class SlackBot:
    """``digestbot run --adapter slack --port 0`` in ``cwd``; use as a context manager."""

    def __init__(self, slack: FakeSlack, data_dir: Path, cwd: Path, github_url: str, **env: str):
        self.slack, self.cwd = slack, cwd
        self.env = bot_environment(data_dir, SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET=SECRET,
                                   SLACK_API_URL=slack.url, GITHUB_API_URL=github_url, **env)
        self.logs: list[dict] = []
        self.port: int | None = None
        self._lines: queue.Queue = queue.Queue()
        self._keys = itertools.count(1)
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "SlackBot":
        self.proc = subprocess.Popen([DIGESTBOT, "run", "--adapter", "slack", "--port", "0"], cwd=self.cwd,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True, env=self.env)
        threading.Thread(target=_pump, args=(self.proc.stderr, self._lines), daemon=True).start()
        deadline = time.monotonic() + 60
        while self.port is None:
            line = self._lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None, "digestbot exited before listening: " + json.dumps(self.logs)[-2000:]
            self._keep(line)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def _keep(self, line: str) -> None:
        try:
            record = json.loads(line)
        except ValueError:
            record = {"level": "?", "message": line.rstrip()}
        self.logs.append(record)
        if record.get("message", "").startswith("HTTP server listening"):
            self.port = record["port"]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def post_command(self, text: str, *, user: str = "U0001", channel: str = "C0001") -> str:
        """Send a signed ``/digest text``; returns the response_url key its short answers go to."""
        key = f"cmd{next(self._keys)}"
        body = slash_command_body(text, response_url=self.slack.response_url(key), user_id=user, channel_id=channel)
        headers = signed_headers(SECRET, body, "application/x-www-form-urlencoded")
        request = urllib.request.Request(self.url + "/slack/events", data=body.encode(), headers=headers)
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert answer.status == 200
        return key

    def answers(self, key: str) -> list[str]:
        return [body.get("text", "") for k, body in list(self.slack.responses) if k == key]

    def wait_answer(self, key: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while not self.answers(key):
            assert time.monotonic() < deadline, f"no answer to {key}; log: {json.dumps(self.logs[-5:])}"
            self.drain()
            time.sleep(0.05)
        return self.answers(key)[0]

    def command(self, text: str, **kwargs) -> str:
        """Send ``/digest text`` and wait for its first short answer."""
        return self.wait_answer(self.post_command(text, **kwargs))

    def drain(self) -> None:
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                return
            if line is not None:
                self._keep(line)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
