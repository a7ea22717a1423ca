"""The installed ``digestbot run``: killed with SIGKILL mid-post, restarted, the channel gets one digest.

Also what ``digestbot run`` does with a corrupt and with an empty database file at start.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.core.subscriptions import Subscription, SubscriptionBook
from bot.store import TinyStore

UTC = timezone.utc
DIGESTBOT = str(Path(sys.executable).with_name("digestbot"))
COMMITS = 160  # the replies are far more than a pipe holds, so the bot blocks mid-post until read
HEADER = re.compile(r"^--- message (\d+)(?: \(reply in thread (\S+)\))? ---$", re.M)
SHORT_SHA = re.compile(r"\*\*SHA\*\*: `([0-9a-f]{7,})`")


def fast_import(repo: Path, day: datetime, count: int) -> None:
    """``count`` commits on ``day`` through git fast-import (one process instead of hundreds)."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    chunks = []
    for i in range(count):
        when = int((day + timedelta(seconds=20 * i)).timestamp())
        body = (f"feat(module{i}): rework part {i} of the pipeline\n\n"
                + "".join(f"Detail line {j} of change {i}: adjust the handling of case {j}.\n" for j in range(8)))
        content = "".join(f"def f{i}_{j}(x):\n    return x + {j}\n" for j in range(20))
        message, data = body.encode(), content.encode()
        chunks.append(b"commit refs/heads/main\n"
                      + f"committer Ann Author <ann@example.invalid> {when} +0000\n".encode()
                      + f"data {len(message)}\n".encode() + message + b"\n"
                      + f"M 644 inline src/module{i}/part.py\ndata {len(data)}\n".encode() + data + b"\n")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(chunks), check=True, env=env)


def environment(data_dir: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "DIGESTBOT_"))}
    # every commit gets its own reply here (the cap on replies per digest is tested in test_post_caps)
    environ.update(DIGESTBOT_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1", DIGESTBOT_MAX_REPLIES="1000")
    return environ


def start_bot(data_dir: Path, stderr) -> subprocess.Popen:
    return subprocess.Popen([DIGESTBOT, "run"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                            env=environment(data_dir))


def read_until(proc: subprocess.Popen, done, timeout: float, seen: bytes = b"") -> bytes:
    """Read the bot's stdout until ``done(text)`` holds; then stop reading (the pipe fills up)."""
    fd = proc.stdout.fileno()
    deadline = time.monotonic() + timeout
    while not done(seen.decode(errors="replace")):
        left = deadline - time.monotonic()
        assert left > 0, f"timed out; output so far:\n{seen.decode(errors='replace')[-2000:]}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            seen += chunk
    return seen


def settle(condition, what: str, limit: float = 60.0) -> None:
    """Poll until ``condition()`` holds; ``limit`` only guards against a hang (nothing is timed)."""
    for _ in range(int(limit / 0.01)):
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


def blocked_writing(proc: subprocess.Popen) -> bool:
    """True when the bot is blocked writing to its stdout pipe: a thread sleeps in the kernel's pipe_write,
    or (where /proc hides that) the pipe is full to within one write."""
    tasks = Path(f"/proc/{proc.pid}/task")
    try:
        waits = [(task / "wchan").read_text() for task in tasks.iterdir()]
    except OSError:
        waits = []
    if any("pipe_write" in wait for wait in waits):
        return True
    if waits and any(w not in ("", "0") for w in waits):
        return False
    import array
    import fcntl
    import termios

    pending = array.array("i", [0])
    fcntl.ioctl(proc.stdout.fileno(), termios.FIONREAD, pending)
    return pending[0] >= fcntl.fcntl(proc.stdout.fileno(), 1032) - 8192  # 1032: F_GETPIPE_SZ


def ledger_done(data: Path) -> bool:
    return [value.get("done") for _, value in TinyStore(data).items("ledger")] == [True]


def read_to_end(proc: subprocess.Popen, seen: bytes) -> str:
    while chunk := os.read(proc.stdout.fileno(), 65536):
        seen += chunk
    return seen.decode()


def messages(text: str) -> list[dict]:
    """The console's posts: id, thread (None for a top-level message) and text."""
    found = list(HEADER.finditer(text))
    out = []
    for match, following in zip(found, found[1:] + [None]):
        body = text[match.end() + 1: following.start() if following else len(text)]
        out.append({"id": match.group(1), "thread": match.group(2), "text": body})
    return out


def replies_in(text: str) -> int:
    return text.count("(reply in thread ")


def test_sigkill_mid_post_then_restart_gives_one_complete_digest(tmp_path):
    now = datetime.now(UTC)
    slot = (now - timedelta(minutes=2)).replace(second=0, microsecond=0)  # today's run just passed
    day = (slot.date() - timedelta(days=1))
    repo = tmp_path / "repo"
    fast_import(repo, datetime(day.year, day.month, day.day, 8, tzinfo=UTC), COMMITS)
    data = tmp_path / "data"
    SubscriptionBook(TinyStore(data)).save(Subscription(
        platform="console", workspace="local", channel="console", repo=str(repo), at=slot.strftime("%H:%M"),
        tz="UTC", created_at=now - timedelta(days=1)))
    stderr = open(tmp_path / "stderr.txt", "wb")

    # first run: the missed digest is caught up at start; killed once the summary and a few replies are out
    first = start_bot(data, stderr)
    try:
        seen = read_until(first, lambda text: replies_in(text) >= 3, timeout=60)
        # the bot goes on posting until the pipe is full, then blocks in the middle of a post
        settle(lambda: blocked_writing(first) or first.poll() is not None, "the bot blocked on its full stdout")
        assert first.poll() is None, "the bot finished before it could be killed"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        run1 = read_to_end(first, seen)
    finally:
        first.kill()
        first.stdin.close()
    posts1 = messages(run1)
    assert 3 <= len(posts1) - 1 < COMMITS, "the kill did not land in the middle of posting"
    summary, replies1 = posts1[0], posts1[1:]
    assert summary["thread"] is None and f"Daily Update Report ({day.isoformat()})" in summary["text"]
    assert "minutes late" in summary["text"] or "minute late" in summary["text"]
    assert all(r["thread"] == summary["id"] for r in replies1)
    [entry] = [value for _, value in TinyStore(data).items("ledger")]
    assert entry["summary_id"] == summary["id"] and not entry["done"]

    # second run: resumes the thread recorded in the ledger with the missing replies only
    second = start_bot(data, stderr)
    try:
        seen = read_until(second, lambda text: replies_in(text) + len(entry["posted"]) - 1 >= COMMITS, timeout=90)
        settle(lambda: ledger_done(data), "the ledger records the digest as done")
        second.stdin.close()  # end of input: the bot exits
        run2 = read_to_end(second, seen)
        assert second.wait(30) == 0
    finally:
        second.kill()
    posts2 = messages(run2)
    assert posts2 and all(p["thread"] == summary["id"] for p in posts2), "run 2 posted outside the thread"

    # a reply the kill cut in half was never delivered; it must be the one run 2 posts first
    if replies1 and posts2 and replies1[-1]["text"] != posts2[0]["text"] and \
            posts2[0]["text"].startswith(replies1[-1]["text"]):
        replies1 = replies1[:-1]
    delivered = [SHORT_SHA.search(p["text"]).group(1) for p in replies1 + posts2]
    assert len(delivered) == COMMITS and len(set(delivered)) == COMMITS
    assert [value["done"] for _, value in TinyStore(data).items("ledger")] == [True]

    # a third start posts nothing: the digest is finished
    third = subprocess.run([DIGESTBOT, "run"], input="/digest list\n", capture_output=True, text=True,
                           env=environment(data), timeout=60)
    assert third.returncode == 0 and "--- message 2" not in third.stdout
    assert "Daily Update Report" not in third.stdout
    stderr.close()
    assert "Traceback" not in (tmp_path / "stderr.txt").read_text()


def test_corrupt_database_is_reported_in_one_sentence_and_kept(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    broken = data / "subscriptions.json"
    broken.write_text('{"rows": {"1": {"k": "x", "v": ')
    before = broken.read_bytes()
    done = subprocess.run([DIGESTBOT, "run"], input="", capture_output=True, text=True, env=environment(data),
                          timeout=60)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the database file ") and "corrupt" in lines[0]
    assert str(broken) in lines[0]
    assert broken.read_bytes() == before
    # nothing replaced, nothing added but the lock that keeps a second bot off this directory
    assert sorted(p.name for p in data.iterdir()) == ["digestbot.lock", "subscriptions.json"]


def test_corrupt_ledger_is_reported_at_start_too(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "ledger.json").write_text("[1, 2]")
    done = subprocess.run([DIGESTBOT, "run"], input="", capture_output=True, text=True, env=environment(data),
                          timeout=60)
    assert done.returncode != 0 and done.stderr.startswith("error: the database file ")
    assert (data / "ledger.json").read_text() == "[1, 2]"


def test_empty_database_files_are_empty_databases(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("subscriptions.json", "ledger.json"):
        (data / name).write_bytes(b"")
    repo = tmp_path / "repo"
    fast_import(repo, datetime(2026, 2, 14, tzinfo=UTC), 1)
    done = subprocess.run([DIGESTBOT, "run"], input=f"/digest list\n/digest subscribe {repo} at 07:00\n",
                          capture_output=True, text=True, env=environment(data), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "This channel follows no repository" in done.stdout
    assert "error" not in done.stdout
    saved = json.loads((data / "subscriptions.json").read_text())["rows"]
    assert [row["v"]["at"] for row in saved.values()] == ["07:00"]
