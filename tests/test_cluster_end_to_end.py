"""Three ``digestbot run`` instances on one PostgreSQL and one fake Slack: every channel gets exactly one digest.

Twenty channels subscribe through the three instances in turn (signed slash commands), and each instance's
schedule hears of all twenty. Then A is redeployed (stopped, started again) after the morning's slot: it
catches the twenty digests up at once as jobs, which all three workers share; A kills itself (SIGKILL) in
the middle of posting. B and C take A's jobs over; every channel ends with one summary and one reply per
change, in its thread, none twice. The analyses are the LLM's (a fake OpenAI server through litellm): each
commit is analysed once across the three instances, or twice at most when A was killed while its answer
was on the way (a claim dies with its holder and expires; without claims each instance would ask).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta

from bot.core.subscriptions import TABLE
from bot.store.postgres_store import PostgresStore
from tests.bot_process import TOKEN, SlackBot
from tests.cluster_support import add_commits, due_just_now, jobs
from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack

CHANNELS = [f"C{n:04d}" for n in range(1, 21)]
REPOS = ["acme/widget", "acme/gadget", "acme/gizmo", "acme/doohickey"]
COMMITS = 2
SCHEDULED = re.compile(r"^job (slack:\S+) scheduled at")


def wait_for(condition, what: str, limit: float = 25.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def scheduled_keys(bot: SlackBot) -> set[str]:
    """The subscriptions an instance has put on its schedule (its own changes and those heard of)."""
    bot.drain()
    return {m.group(1) for r in bot.logs if (m := SCHEDULED.match(r.get("message", "")))}


def test_three_instances_twenty_channels_one_killed_mid_post_every_channel_one_digest(pg_url, tmp_path):
    slot, day = due_just_now()
    store = PostgresStore(pg_url)
    with FakeSlack(token=TOKEN) as slack, FakeGitHub() as github, FakeOpenAI() as llm:
        # a worker silent for 5 s is taken over: long enough that a live one on a loaded machine keeps its jobs (at 2 s
        # a starved worker's job was once put back; the posting fence keeps it from posting twice, but procrastinate
        # then logs an error finishing a job it no longer holds), short enough that A's are taken over at once
        cluster = {"DIGESTBOT_DATABASE_URL": pg_url, "DIGESTBOT_QUEUE_STALLED_SECONDS": "5",
                   "DIGESTBOT_LLM_MODEL": "openai/fake-model", "DIGESTBOT_LLM_API_BASE": llm.url,
                   "OPENAI_API_KEY": "sk-test-not-a-real-key"}
        for repo in REPOS:
            add_commits(github, repo, datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC), count=COMMITS)
        start = lambda name, **env: SlackBot(slack, tmp_path / name, tmp_path, github.url, **cluster, **env)  # noqa: E731
        with ExitStack() as stack, ThreadPoolExecutor(3) as pool:
            a, b, c = pool.map(stack.enter_context, [start("a"), start("b"), start("c")])  # started side by side
            for n, channel in enumerate(CHANNELS):
                answer = (a, b, c)[n % 3].command(f"subscribe {REPOS[n % len(REPOS)]} at {slot:%H:%M}",
                                                  channel=channel)
                assert "Subscribed" in answer, answer
            for bot in (a, b, c):
                wait_for(lambda bot=bot: len(scheduled_keys(bot)) == len(CHANNELS), "every schedule to have all")
            assert not slack.posts  # made just now: the first digest is tomorrow's
            # the subscriptions are a day old (as on a real morning), and A is redeployed after the slot
            for key, sub in list(store.items(TABLE)):
                store.put(TABLE, key, {**sub, "created_at": (slot - timedelta(days=1)).isoformat()})
            a.__exit__(None, None, None)
            # 20 jobs and 8 running at once per worker: B and C cannot take them all, so A's worker gets some
            with start("a2", DIGESTBOT_TEST_CRASH_AFTER_POSTS="2") as a2:
                a2.proc.wait(30)
                assert a2.proc.returncode == -9  # killed in the middle of posting
                # usually seconds; up to a minute more if A died holding a commit's claim (bot/core/coordination/claims.py:
                # the others wait for the claim to expire before analysing that commit themselves)
                wait_for(lambda: len(jobs(pg_url)) == len(CHANNELS)
                         and {row[1] for row in jobs(pg_url)} == {"succeeded"}, "every job to succeed", 100)
            for bot in (b, c):
                bot.drain()
                assert not [r for r in bot.logs if r.get("level") == "ERROR"], bot.logs[-5:]
            taken = sum("taken over" in r.get("message", "") for bot in (b, c) for r in bot.logs)
        analyses = Counter(_analysed(request) for request in llm.requests if "<untrusted_changes>" not in str(request))
    store.close()
    assert set(analyses) == {(repo, i) for repo in REPOS for i in range(COMMITS)}, analyses
    assert max(analyses.values()) <= 2 and sum(analyses.values()) < 2 * len(REPOS) * COMMITS, analyses
    assert taken >= 1
    assert len(jobs(pg_url)) == len(CHANNELS)  # one job per (channel, repository, day)
    for channel in CHANNELS:
        posts = [p for p in slack.posts if p["channel"] == channel]
        summaries = [p for p in posts if not p.get("thread_ts")]
        assert len(summaries) == 1, channel
        assert [p.get("thread_ts") for p in posts[1:]] == [summaries[0]["ts"]] * COMMITS, channel
        assert all(n == 1 for n in Counter(p["text"] for p in posts).values()), channel


def _analysed(request: dict) -> tuple[str, int]:
    """(repository, part) of the commit an analysis request is about, read from its prompt."""
    text = str(request.get("messages"))
    repo = next(r for r in REPOS if r in text)
    return repo, int(re.search(r"rework part (\d+) of the loader", text).group(1))
