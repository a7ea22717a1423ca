"""DIGESTBOT_LLM_CONCURRENCY across instances: two bots on one PostgreSQL never have more requests in flight together."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from datetime import datetime, timedelta, timezone

from analysis.day import DayWindow
from analysis.sources.github import GitHubSource
from bot.core.coordination.llm_slots import SLOT_PREFIX
from bot.core.digests.service import build_service
from bot.settings import Settings
from bot.store.postgres_store import PostgresStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_server import highlights_answer, valid_answer
from tests.test_digest_service import DAY, MODEL, llm  # noqa: F401 - the fixture
from tests.threads import run_together

REPOS = ["octo/app", "octo/lib"]
COMMITS = 4


def held_in_pairs(llm) -> callable:
    """An answer that waits until a second request is in flight: overlap is certain, not likely.

    The first request waits for its partner (30 s: a hang guard only; both instances start at once, so it
    comes). Later ones wait 1 s at most: near a digest's end a request may have no partner left to wait for,
    and a shorter overlap only makes the cap easier to keep, never a correct bot fail.
    """
    first = threading.Lock()

    def answer(request: dict) -> str:
        deadline = time.monotonic() + (30.0 if first.acquire(blocking=False) else 1.0)
        while llm.in_flight < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        if "<untrusted_changes>" in json.dumps(request):
            return json.dumps(highlights_answer(request))
        return json.dumps(valid_answer(request))

    return answer


def test_two_instances_with_concurrency_2_never_have_more_than_2_requests_in_flight(llm, pg_url, tmp_path):
    llm.answer_for = held_in_pairs(llm)
    start = datetime(2026, 2, 14, 1, 0, tzinfo=timezone.utc)
    with FakeGitHub() as gh:
        for repo in REPOS:
            gh.add_repo(repo)
            for i in range(COMMITS):
                gh.add_commit(repo, message=f"feat: part {i} of {repo}", committed_at=start + timedelta(hours=i),
                              files=[{"filename": f"src/m{i}.py", "additions": 2, "patch": f"@@ -0,0 +1 @@\n+p{i}"}])
        settings = Settings(data_dir=tmp_path / "data", database_url=pg_url, llm_model=MODEL, llm_api_base=llm.url,
                            llm_concurrency=2)
        stores = [PostgresStore(pg_url, max_connections=4) for _ in REPOS]
        try:
            services = [build_service(settings, store) for store in stores]

            def build(i: int):
                source = GitHubSource(REPOS[i], token=None, api_url=gh.url)
                return asyncio.run(services[i].build(source, DayWindow.of(DAY, "UTC")))

            digests = run_together(2, build)  # each instance its own repository, so both ask at once
            slots_left = [stores[0].leases.holder(f"{SLOT_PREFIX}{n}") for n in range(2)]
        finally:
            for store in stores:
                store.close()
    assert all(r.analysis.fallback is None for d in digests for r in d.commits)
    assert llm.calls == len(REPOS) * (COMMITS + 1)  # + each digest's highlights
    assert llm.max_in_flight == 2  # 2 together, though each instance alone may have 2
    assert slots_left == [None, None]  # every slot released


def test_a_slot_is_waited_for_while_another_instance_holds_them_all(pg_url):
    """Slots held by instance A: instance B's request waits until one is released, then runs."""
    from bot.core.coordination.llm_slots import SharedSlots

    stores = [PostgresStore(pg_url, max_connections=2) for _ in range(2)]
    refused = threading.Event()

    class Watched:  # B's leases, telling when a take was refused
        def __getattr__(self, name):
            return getattr(stores[1].leases, name)

        def take(self, *args) -> bool:
            taken = stores[1].leases.take(*args)
            if not taken:
                refused.set()
            return taken

    try:
        a, b = SharedSlots(stores[0].leases, "instance-0", 1), SharedSlots(Watched(), "instance-1", 1)

        async def scenario() -> list[str]:
            events = []
            held, release = asyncio.Event(), asyncio.Event()

            async def holder():
                async with a.slot():
                    events.append("A took the slot")
                    held.set()
                    await release.wait()
                    events.append("A releases")

            async def waiter():
                await held.wait()
                async with b.slot() as name:
                    events.append(f"B took {name}")

            tasks = [asyncio.create_task(holder()), asyncio.create_task(waiter())]
            await held.wait()
            assert await asyncio.to_thread(refused.wait, 10)  # B asked while A held it, and was refused
            release.set()
            await asyncio.gather(*tasks)
            return events

        events = asyncio.run(scenario())
    finally:
        for store in stores:
            store.close()
    assert events == ["A took the slot", "A releases", f"B took {SLOT_PREFIX}0"]
