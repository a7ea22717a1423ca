"""Resident memory of ``digestbot run`` while idle with every adapter loaded (Slack HTTP, Discord, health).

Run ``.venv/bin/python bench/idle_memory.py`` from the repository root. It starts local fake
Slack, Discord and GitHub servers, runs the installed ``digestbot run --port N`` against them in a
child process, waits until Discord has synced its commands and the Slack endpoint answers, lets it
idle, and prints the child's resident memory (VmRSS, VmHWM) from /proc. Target: under 200 MB.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fakes.discord_server import TOKEN as DISCORD_TOKEN  # noqa: E402
from tests.fakes.discord_server import FakeDiscord  # noqa: E402
from tests.fakes.github_server import FakeGitHub  # noqa: E402
from tests.fakes.slack_server import FakeSlack  # noqa: E402

TARGET_MB = 200


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def memory_mb(pid: int) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.1)


def slack_answers(port: int) -> bool:
    try:
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=b"x"), timeout=1)
    except urllib.error.HTTPError:
        return True  # 401 for an unsigned request: the endpoint is up
    except OSError:
        return False
    return True


def measure(idle: float) -> tuple[float, float]:
    with FakeGitHub() as gh, FakeSlack(token="xoxb-bench") as slack, FakeDiscord() as discord, \
            tempfile.TemporaryDirectory() as data:
        port = free_port()
        env = {**os.environ, "GITHUB_API_URL": gh.url, "SLACK_API_URL": slack.url, "SLACK_BOT_TOKEN": "xoxb-bench",
               "SLACK_SIGNING_SECRET": "bench-secret", "DISCORD_TOKEN": DISCORD_TOKEN,
               "DISCORD_API_URL": discord.api_url, "DIGESTBOT_DATA_DIR": data}
        env.pop("DIGESTBOT_LLM_MODEL", None)
        child = subprocess.Popen([str(Path(sys.executable).with_name("digestbot")), "run", "--port", str(port)],
                                 env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for(lambda: discord.syncs >= 1, 60, "Discord's command sync")
            wait_for(lambda: slack_answers(port), 60, "the Slack endpoint")
            time.sleep(idle)
            return memory_mb(child.pid)
        finally:
            child.terminate()
            child.wait(20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=3.0, help="seconds to idle before reading memory")
    args = parser.parse_args()
    rss, hwm = zip(*(measure(args.idle) for _ in range(args.runs)))
    print(f"digestbot run (Slack HTTP + Discord + console off), idle {args.idle:.0f} s, {args.runs} runs")
    print(f"resident memory: median {statistics.median(rss):.0f} MB (runs: {', '.join(f'{r:.0f}' for r in rss)}), "
          f"peak {max(hwm):.0f} MB; target < {TARGET_MB} MB")
    ok = statistics.median(rss) < TARGET_MB
    print("target met" if ok else "target missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
