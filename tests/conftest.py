"""Shared fixtures: temporary git repositories with chosen commit dates, settings, stores."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.store import TinyStore
from tests import builder_replay, day_replays
from tests.postgres_server import pg_url, postgres_server  # noqa: F401 - one PostgreSQL server per session


class GitRepo:
    """A git repository in a temporary folder whose commits get the dates we choose."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: datetime | None = None, author: str = "Ann Author") -> str:
        env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "ann@example.invalid",
               "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "ann@example.invalid",
               "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        if date is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date.isoformat()
        done = subprocess.run(["git", "-C", str(self.path), *args], env=env, capture_output=True, text=True,
                              check=True)
        return done.stdout.strip()

    def commit(self, message: str, when: datetime, files: dict[str, str | None] | None = None,
               author: str = "Ann Author") -> str:
        """Write ``files`` (None deletes), commit everything with ``when`` as both dates; returns the SHA."""
        for name, content in ({f"file-{when.timestamp():.0f}.txt": message} if files is None else files).items():
            target = self.path / name
            if content is None:
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=when, author=author)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def git_repo(tmp_path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


@pytest.fixture
def store(tmp_path) -> TinyStore:
    return TinyStore(tmp_path / "data")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test reads the developer's real credentials or writes to ./data."""
    for name in ("GITHUB_TOKEN", "DIGESTBOT_LLM_MODEL", "DIGESTBOT_LLM_API_BASE", "SLACK_BOT_TOKEN",
                 "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DISCORD_TOKEN", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DIGESTBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GITHUB_API_URL", "http://127.0.0.1:9")  # nothing listens: never the internet


def pytest_collection_modifyitems(session, config, items):
    """Start the labelled days' replay (tests/day_replays.py) and the Dockerfile builder's steps
    (tests/builder_replay.py) in the background when their tests are selected."""
    days = [item for item in items if item.path.name == "test_heuristic_days.py"]
    if days:  # one core beside a full suite; every core when the day tests are (nearly) all that runs
        day_replays.start(workers=1 if len(items) - len(days) > 100 else os.cpu_count() or 1)
        # the day tests wait for the replay: run last, they find it done instead of holding the first core idle
        items[:] = [item for item in items if item.path.name != "test_heuristic_days.py"] + days
    if any(item.name == "test_builder_steps_replayed_into_a_venv_give_a_working_digestbot" for item in items):
        builder_replay.start()  # pip installs in the background (tests/builder_replay.py)


def pytest_sessionfinish(session, exitstatus):
    day_replays.stop()
    builder_replay.stop()
