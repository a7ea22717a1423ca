"""Store faults and the data directory (issue 10, items 3, 8 and 12's store row), with real ``digestbot run``.

- two bots on one data directory: the second exits with one sentence naming the directory;
- corrupt cache files are set aside and rebuilt, digests still go out and /healthz says 200;
  a corrupt table that is not a cache still stops the bot (tests/test_crash_resume.py) and shows in /healthz;
- a read-only data directory: refused at start in one sentence;
- temporary files left by a kill during a write are removed at start;
- a row without "v" is no KeyError.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import time
from datetime import datetime, timezone

import pytest

from bot.store import SHARDED_TABLES, StoreCorrupt, TinyStore
from bot.web.server import Health
from tests.bot_process import DIGESTBOT, SlackBot, bot_environment
from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack

DAY = datetime(2026, 2, 14, tzinfo=timezone.utc)
GARBAGE = '{"rows": {"1": {"k": "x", "v": '


def _one_error_line(done: subprocess.CompletedProcess) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def _start_console(data, **env) -> subprocess.Popen:
    return subprocess.Popen([DIGESTBOT, "run", "--adapter", "console"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=bot_environment(data, **env))


def _wait_for_log(proc: subprocess.Popen, text: str) -> None:
    for line in iter(proc.stderr.readline, ""):
        if text in line:
            return
    raise AssertionError(f"the bot ended before logging {text!r}")


def test_a_second_bot_on_the_same_data_directory_exits_naming_it(tmp_path):
    data = tmp_path / "data"
    first = _start_console(data)
    try:
        _wait_for_log(first, "scheduler started")
        second = subprocess.run([DIGESTBOT, "run", "--adapter", "console"], input="/digest list\n",
                                capture_output=True, text=True, env=bot_environment(data), timeout=60)
        line = _one_error_line(second)
        assert "already running" in line and str(data) in line
        assert second.stdout == ""  # it answered nothing: the first bot owns the channel
        assert first.poll() is None
    finally:
        first.kill()  # SIGKILL: the kernel drops the lock with the process
        first.wait(10)
    third = subprocess.run([DIGESTBOT, "run", "--adapter", "console"], input="/digest list\n",
                           capture_output=True, text=True, env=bot_environment(data), timeout=60)
    assert third.returncode == 0 and "follows no repository" in third.stdout, third.stderr


def _can_mount_read_only() -> bool:
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind / /mnt 2>/dev/null && echo ok"],
                           capture_output=True, text=True) if shutil.which("unshare") else None
    return probe is not None and probe.stdout.strip() == "ok"


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs a mount namespace for a read-only bind mount")
def test_a_read_only_data_directory_is_refused_at_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "subscriptions.json").write_text("")
    script = f'mount --bind "$D" "$D" && mount -o remount,ro,bind "$D" && exec "{DIGESTBOT}" run --adapter console'
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], input="/digest list\n", capture_output=True,
                          text=True, env={**bot_environment(data), "D": str(data)}, timeout=60)
    line = _one_error_line(done)
    assert f"the data directory {data} is not writable" in line and "Read-only file system" in line
    assert done.stdout == ""


def test_temporary_files_of_interrupted_writes_are_removed_at_start(tmp_path):
    data = tmp_path / "data"
    (data / "analyses").mkdir(parents=True)
    left = [data / "subscriptions.json.k2j3h4.tmp", data / "analyses" / "017.json.a8b7c6.tmp"]
    for path in left:
        path.write_bytes(b"x" * 100_000)
    keep = data / "notes.tmp"  # not one of ours
    keep.write_text("mine")
    done = subprocess.run([DIGESTBOT, "run", "--adapter", "console"], input="", capture_output=True, text=True,
                          env=bot_environment(data), timeout=60)
    assert done.returncode == 0, done.stderr
    assert not any(path.exists() for path in left)
    assert keep.exists()
    warnings = [json.loads(line) for line in done.stderr.splitlines() if "temporary file" in line]
    assert len(warnings) == 1 and warnings[0]["level"] == "WARNING" and "removed 2" in warnings[0]["message"]


def _corrupt_every_cache_file(data) -> None:
    for table in ("analyses", "commits", "reports"):
        (data / table).mkdir(parents=True)
        for shard in range(SHARDED_TABLES[table]):
            (data / table / f"{shard:03d}.json").write_text(GARBAGE)
    (data / "daily_stats.json").write_text("[1, 2, 3]")
    (data / "health.json").write_text(GARBAGE)


def test_corrupt_cache_files_are_set_aside_and_rebuilt(tmp_path):
    data = tmp_path / "data"
    _corrupt_every_cache_file(data)
    with FakeGitHub() as gh, FakeOpenAI() as llm, FakeSlack(token="xoxb-hardening") as slack:
        gh.add_repo("o/r")
        for hour, message in ((3, "feat: one"), (5, "fix: two"), (7, "docs: three")):
            gh.add_commit("o/r", message=message, committed_at=DAY.replace(hour=hour),
                          files=[{"filename": f"src/{hour}.py", "status": "modified", "additions": 3,
                                  "deletions": 1, "patch": "@@ -1 +1 @@\n-a\n+b"}])
        env = {"DIGESTBOT_LLM_MODEL": "openai/fake-model", "DIGESTBOT_LLM_API_BASE": llm.url,
               "OPENAI_API_KEY": "sk-test-not-a-real-key", "DIGESTBOT_PUBLIC_URL": "https://digests.example"}
        with SlackBot(slack, data, tmp_path, gh.url, **env) as bot:
            status, body = bot.get("/healthz")
            assert status == 200, body  # the corrupt health probe file was set aside, not a 503

            calls = []
            for _ in range(2):  # 'force': the channel does not follow o/r, and the second time it is posted
                before = len(slack.posts)
                key = bot.post_command("now o/r 2026-02-14 force")
                deadline = time.monotonic() + 60
                while len(slack.posts) < before + 4 and not bot.answers(key):
                    assert time.monotonic() < deadline, "no digest posted"
                    time.sleep(0.05)
                assert bot.answers(key) == [] and len(slack.posts) == before + 4
                calls.append(llm.calls)
            assert calls[0] >= 3 and calls[1] == calls[0]  # the second digest found the rebuilt analyses
            status, body = bot.get("/reports/o/r/2026-02-14")
            assert status == 200 and "feat: one" in body
            assert bot.get("/healthz")[0] == 200
            bot.drain()
        warnings = [r["message"] for r in bot.logs if r.get("level") == "WARNING" and "cache file" in r["message"]]
    assert warnings and all("set aside" in w for w in warnings)
    aside = sorted(p.name for p in (data / "analyses").iterdir() if ".corrupt-" in p.name)
    # every shard was read, so every corrupt one is set aside: the search index, new in this data
    # directory, is built from the whole analyses table on first use
    assert len(aside) == SHARDED_TABLES["analyses"]
    assert any(p.name.startswith("daily_stats.json.corrupt-") for p in data.iterdir())
    assert all((data / "analyses" / name).read_text() == GARBAGE for name in aside)  # kept for a look


def test_a_corrupt_table_that_is_not_a_cache_stops_commands_and_shows_in_health(tmp_path):
    data = tmp_path / "data"
    store = TinyStore(data)
    store.put("ledger", "k", {"done": True})
    [shard] = list((data / "ledger").iterdir())
    shard.write_text(GARBAGE)
    fresh = TinyStore(data)
    with pytest.raises(StoreCorrupt, match="is corrupt"):
        fresh.get("ledger", "k")
    assert shard.read_text() == GARBAGE and [p.name for p in (data / "ledger").iterdir()] == [shard.name]

    health = Health(fresh)
    health.ready, health.scheduler = True, type("Alive", (), {"alive": True})()
    ok, body = asyncio.run(health.check())
    assert not ok and body["checks"]["store"] == f"corrupt (ledger/{shard.stem})"
    assert str(data) not in json.dumps(body)  # no machine path on a public endpoint


def test_a_row_without_a_value_is_absent_not_a_key_error(tmp_path):
    (tmp_path / "subscriptions.json").write_text(json.dumps({"rows": {"1": {"k": "a"}, "2": {"v": 1},
                                                                      "3": {"k": "b", "v": 2}}}))
    store = TinyStore(tmp_path)
    assert store.get("subscriptions", "a") is None
    assert list(store.items("subscriptions")) == [("b", 2)]
    store.put("subscriptions", "a", 3)
    assert TinyStore(tmp_path).get("subscriptions", "a") == 3


def test_a_corrupt_cache_file_of_the_older_unsharded_layout_is_set_aside_too(tmp_path):
    (tmp_path / "analyses.json").write_text(GARBAGE)
    store = TinyStore(tmp_path)
    assert store.get("analyses", "sha|en|llm") is None
    store.put("analyses", "sha|en|llm", {"x": 1})
    assert TinyStore(tmp_path).get("analyses", "sha|en|llm") == {"x": 1}
    [aside] = [p for p in tmp_path.iterdir() if p.name.startswith("analyses.json.corrupt-")]
    assert aside.read_text() == GARBAGE
