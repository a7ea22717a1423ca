"""Bot instances on one PostgreSQL database inside a test's event loop, and the waits the cluster tests share.

An ``Instance`` is what ``digestbot run`` wires for a shared database, minus HTTP: a PostgresStore, a BotCore,
the Slack adapter on the fake Slack, a DigestScheduler with its own JobQueue (worker in the test's loop)
and, when asked, the ScheduleSync that follows subscription changes made through other instances.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import psycopg

from adapters.slack.app import SlackAdapter
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store.postgres_store import PostgresStore
from bot.store.queue_schema import QUEUE_SCHEMA
from scheduler.jobs import DigestScheduler
from scheduler.queue import JobQueue
from scheduler.sync import ScheduleSync
from tests.bot_process import SECRET, TOKEN  # one token for in-process and real instances
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack

COMMITS = 4


def add_commits(github: FakeGitHub, repo: str, day: datetime, count: int = COMMITS) -> None:
    github.add_repo(repo)
    for i in range(count):
        github.add_commit(repo, message=f"feat(part{i}): rework part {i} of the loader", author_name="Ann",
                          committed_at=day + timedelta(minutes=10 * i),
                          files=[{"filename": f"src/part{i}.py", "status": "modified", "additions": 2 + i,
                                  "deletions": 1, "patch": f"@@ -1 +1,{2 + i} @@\n-x\n+y{i}"}])


def due_just_now() -> tuple[datetime, str]:
    """A daily slot two minutes ago (caught up at start) and the day its digest covers."""
    slot = (datetime.now(UTC) - timedelta(minutes=2)).replace(second=0, microsecond=0)
    return slot, (slot.date() - timedelta(days=1)).isoformat()


class Instance:
    """One bot instance on the shared database, minus the HTTP side; ``resync_seconds`` adds the schedule sync."""

    def __init__(self, settings: Settings, *, resync_seconds: float | None = None, **queue_options):
        self.settings = settings
        self.store = PostgresStore(settings.database_url)
        self.core = BotCore(settings, self.store)
        self.queue_options = queue_options
        self.resync_seconds = resync_seconds
        self.sync: ScheduleSync | None = None

    async def start(self) -> "Instance":
        self.adapter = SlackAdapter(self.settings, self.core, port=0, host="127.0.0.1")
        await self.adapter.start()
        self.scheduler = DigestScheduler(self.core, {"slack": self.adapter})
        self.queue = JobQueue(self.settings.database_url, self.scheduler.run_queued,
                              catchup_hours=self.settings.catchup_hours, **self.queue_options)
        self.scheduler.queue = self.queue
        await self.queue.start(["slack"])
        self.scheduler.start()
        if self.resync_seconds is not None:
            self.sync = ScheduleSync(self.settings.database_url, self.store, self.scheduler,
                                     resync_seconds=self.resync_seconds)
            await self.sync.start()
        return self

    async def stop(self) -> None:
        self.scheduler.shutdown()
        if self.sync is not None:
            await self.sync.stop()
        await self.queue.stop()
        await self.adapter.stop()
        self.store.close()


def jobs(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(f"select task_name, status::text, attempts, lock from {QUEUE_SCHEMA}.procrastinate_jobs "
                            "order by id").fetchall()


async def settle(condition, what: str, limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


def settings_for(pg_url: str, tmp_path, slack: FakeSlack, github: FakeGitHub) -> Settings:
    return Settings(data_dir=tmp_path, database_url=pg_url, github_api_url=github.url, slack_api_url=slack.url,
                    slack_bot_token=TOKEN, slack_signing_secret=SECRET)
