"""An instance SIGKILLed while posting a digest: another ``digestbot run`` on the same database takes its job over.

Real processes on a real PostgreSQL and the fake Slack and GitHub. Instance A takes the due digest's job and
kills itself (SIGKILL) right after its third post, before recording it; instance B, started while A posts,
finds A's worker silent past DIGESTBOT_QUEUE_STALLED_SECONDS, puts the job back, runs it, resumes from the
ledger and reads the thread back: one complete digest, no reply twice.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from bot.core.ledger import ledger_key
from bot.core.subscriptions import Subscription, SubscriptionBook
from bot.store.postgres_store import PostgresStore
from tests.bot_process import TOKEN, SlackBot
from tests.cluster_support import COMMITS, add_commits, due_just_now, jobs
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack


def wait_for(condition, what: str, limit: float = 25.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_job_killed_mid_post_is_taken_over_and_no_reply_is_posted_twice(pg_url, tmp_path):
    slot, day = due_just_now()
    store = PostgresStore(pg_url)
    sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo="acme/widget",
                       at=slot.strftime("%H:%M"), created_at=slot - timedelta(days=2))
    SubscriptionBook(store).save(sub)
    key = ledger_key(sub.channel_ref, sub.repo, day)
    cluster = {"DIGESTBOT_DATABASE_URL": pg_url, "DIGESTBOT_QUEUE_STALLED_SECONDS": "2"}
    try:
        with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github:
            add_commits(github, "acme/widget", datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC))
            with SlackBot(slack, tmp_path / "a", tmp_path, github.url, DIGESTBOT_TEST_CRASH_AFTER_POSTS="3",
                          **cluster) as a:
                wait_for(lambda: slack.posts, "instance A to start posting")
                with SlackBot(slack, tmp_path / "b", tmp_path, github.url, **cluster) as b:
                    a.proc.wait(30)
                    assert a.proc.returncode == -9  # SIGKILL, mid-digest
                    assert not store.get("ledger", key).get("done")
                    wait_for(lambda: (store.get("ledger", key) or {}).get("done"), "B to finish the digest")
                    wait_for(lambda: [row[1] for row in jobs(pg_url)] == ["succeeded"], "the job to succeed")
                    b.drain()
                    assert any("taken over" in record.get("message", "") for record in b.logs)
                    status, exposition = b.get("/metrics")
                    assert status == 200 and "digestbot_jobs_taken_over_total 1.0" in exposition
                    assert not [r for r in b.logs if r.get("level") == "ERROR"], b.logs[-5:]
    finally:
        store.close()
    twice = [text[:80] for text, n in Counter(p["text"] for p in slack.posts).items() if n > 1]
    assert not twice, f"posted twice: {twice}"
    assert len(slack.posts) == 1 + COMMITS
    summary = slack.posts[0]
    assert all(p.get("thread_ts") == summary["ts"] for p in slack.posts[1:])
    [(task, status, attempts, lock)] = jobs(pg_url)
    assert (task, status, lock) == ("digestbot.post_digest", "succeeded", key) and attempts == 2
