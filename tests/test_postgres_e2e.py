"""The installed ``digestbot`` on PostgreSQL: a report's caches and a console bot's state live in the database.

Real processes, a real server: ``report --format json`` on a local repository twice (the LLM through the fake\nOpenAI server: analyses and spend shared through the database), then two console
``digestbot run`` sessions at once on one database (and one data directory, which TinyDB would refuse).
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg
import pytest

from tests.fakes.openai_server import FakeOpenAI

DIGESTBOT = str(Path(sys.executable).with_name("digestbot"))
DAY = "2026-02-14"
MODEL = "openai/gpt-4o-mini"  # litellm knows its price, so each answer has a cost to add to the spend


def _env(data_dir: Path, url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "DISCORD_", "DIGESTBOT_", "GITHUB_", "OPENAI_"))}
    env.update(DIGESTBOT_DATA_DIR=str(data_dir), DIGESTBOT_DATABASE_URL=url, PYTHONUNBUFFERED="1", **extra)
    return env


def _rows(url: str, table: str) -> dict:
    with psycopg.connect(url) as conn:
        return dict(conn.execute(f"select key, value from digestbot.{table}").fetchall())


@pytest.fixture
def day_repo(git_repo):
    day = datetime(2026, 2, 14, 9, 0, tzinfo=timezone.utc)
    git_repo.commit("feat(api): add v2 endpoint", day, {"api/v2.proto": "syntax = 'proto3';\n"})
    git_repo.commit("fix: parser crash on empty input", day + timedelta(hours=1), {"p.py": "x = 1\n"})
    return git_repo


def test_reports_share_analyses_and_spend_through_postgres(day_repo, pg_url, tmp_path):
    """Two report runs with their own data directories: the second reuses the first's analyses from the database."""
    args = [DIGESTBOT, "report", str(day_repo.path), "--date", DAY, "--format", "json", "--analyzer", "llm"]
    with FakeOpenAI() as llm:
        runs, calls = [], []
        for n in range(2):
            env = _env(tmp_path / f"data{n}", pg_url, DIGESTBOT_LLM_MODEL=MODEL, DIGESTBOT_LLM_API_BASE=llm.url,
                       OPENAI_API_KEY="sk-test-not-a-real-key")
            runs.append(subprocess.run(args, env=env, capture_output=True, text=True, timeout=120))
            calls.append(llm.calls)
    for done in runs:
        assert done.returncode == 0, done.stderr
    first, second = (json.loads(done.stdout) for done in runs)
    assert first == second
    shas = {commit["sha"] for commit in first["commits"]}
    assert len(shas) == 2 and {c["analysis"]["analyzer"] for c in first["commits"]} == {f"llm:{MODEL}"}
    assert calls[0] >= 2 and calls[1] == calls[0]  # the second run asked the model nothing: all from the database
    assert {key.split("|")[0] for key in _rows(pg_url, "analyses")} == shas
    [spend] = _rows(pg_url, "llm_spend").values()
    assert spend["calls"] == calls[0] and spend["usd"] > 0
    assert not (tmp_path / "data0").exists() and not (tmp_path / "data1").exists()  # no TinyDB files


def _pump(stream, into: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        into.put(line)
    into.put(None)


def test_two_console_bots_share_one_database(day_repo, pg_url, tmp_path):
    env = _env(tmp_path / "data", pg_url)
    # a time still ahead today (or early tomorrow): with one already past, the second bot would rightly catch up
    # yesterday's missed digest at start, and the ledger would hold two days
    at = (datetime.now(timezone.utc) + timedelta(hours=2)).strftime("%H:%M")
    first = subprocess.Popen([DIGESTBOT, "run"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_pump, args=(first.stdout, lines), daemon=True).start()
        first.stdin.write(f"/digest subscribe {day_repo.path} at {at} tz UTC\n")
        first.stdin.flush()
        seen = ""
        while "Subscribed this channel" not in seen:
            line = lines.get(timeout=60)
            assert line is not None, "the first bot exited: " + first.stderr.read()[-2000:]
            seen += line
        # the first bot is still running: a second one on the same database (and data directory) starts too
        second = subprocess.run([DIGESTBOT, "run"], input=f"/digest list\n/digest now {DAY}\n", capture_output=True,
                                text=True, env=env, timeout=120)
        assert second.returncode == 0, second.stderr
        assert f"`{day_repo.path}` at {at} UTC" in second.stdout
        assert f"# Daily Update Report ({DAY})" in second.stdout
        assert first.poll() is None
    finally:
        first.stdin.close()
        first.wait(60)
    assert first.returncode == 0
    subs = list(_rows(pg_url, "subscriptions").values())
    assert [sub["repo"] for sub in subs] == [str(day_repo.path)]
    ledger = _rows(pg_url, "ledger")
    assert len(ledger) == 1 and next(iter(ledger)).endswith(f"|{DAY}")
    assert next(iter(ledger.values()))["done"] is True


def test_copy_store_moves_a_tinydb_bot_into_postgres(day_repo, pg_url, tmp_path):
    """Subscriptions and the ledger come along: the moved bot knows its channels and posts nothing twice."""
    tiny_env = {k: v for k, v in _env(tmp_path / "tiny", pg_url).items() if k != "DIGESTBOT_DATABASE_URL"}
    before = subprocess.run([DIGESTBOT, "run"], input=f"/digest subscribe {day_repo.path} lang zh\n/digest now {DAY}\n",
                            capture_output=True, text=True, env=tiny_env, timeout=120)
    assert before.returncode == 0 and "每日更新报告" in before.stdout, before.stderr
    copied = subprocess.run([DIGESTBOT, "copy-store"], capture_output=True, text=True, timeout=120,
                            env=_env(tmp_path / "tiny", pg_url))
    assert copied.returncode == 0, copied.stderr
    assert "ledger 1" in copied.stdout and "subscriptions 1" in copied.stdout
    after = subprocess.run([DIGESTBOT, "run"], input=f"/digest list\n/digest now {DAY}\n", capture_output=True,
                           text=True, env=_env(tmp_path / "fresh", pg_url), timeout=120)
    assert after.returncode == 0, after.stderr
    assert f"`{day_repo.path}` at 09:00 UTC, lang zh" in after.stdout
    assert "already posted here" in after.stdout and "每日更新报告" not in after.stdout


def test_copy_store_needs_a_database_url(tmp_path):
    env = {k: v for k, v in _env(tmp_path, "postgresql://unused").items() if k != "DIGESTBOT_DATABASE_URL"}
    done = subprocess.run([DIGESTBOT, "copy-store"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2 and done.stderr.strip() == (
        "error: copy-store needs DIGESTBOT_DATABASE_URL: the PostgreSQL database to copy into")
