"""Two bot instances on one PostgreSQL: a commit's details are fetched once and its analysis asked for once.

Each instance is a DigestService on its own PostgresStore (its own pool, its own holder name), in its
own thread and event loop, reading FakeGitHub through PyGithub and FakeOpenAI through litellm.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.llm import LLMAnalyzer
from analysis.day import DayWindow
from analysis.sources.github import GitHubSource
from bot.core.digests.service import DigestService
from bot.store.postgres_store import PostgresStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_server import FakeOpenAI
from tests.test_digest_service import DAY, MODEL, REPO, add_day, detail_calls, gh, llm  # noqa: F401 - fixtures
from tests.threads import run_together


@pytest.fixture
def stores(pg_url):
    opened = [PostgresStore(pg_url, max_connections=4) for _ in range(2)]
    yield opened
    for store in opened:
        store.close()


def service_on(store, llm: FakeOpenAI, name: str, claim_ttl: float) -> DigestService:
    analyzer = LLMAnalyzer(MODEL, api_base=llm.url, retry_wait=0.01, timeout=20)
    return DigestService(store, analyzer, fallback=HeuristicAnalyzer(), holder=name, claim_ttl=claim_ttl)


def build(service: DigestService, gh: FakeGitHub):
    source = GitHubSource(REPO, token=None, api_url=gh.url)
    return asyncio.run(service.build(source, DayWindow.of(DAY, "UTC")))


def analysis_requests(llm: FakeOpenAI) -> list[dict]:
    return [r for r in llm.requests if "<untrusted_changes>" not in json.dumps(r)]  # not the day's highlights


def test_the_same_day_built_at_once_by_two_instances_fetches_and_analyses_each_commit_once(gh, llm, stores):
    shas = add_day(gh)
    # each answer takes 3 s, three times the claims' ttl: the holder must renew its claims meanwhile,
    # or the waiting instance would take them over and ask again (a ttl of 1 s leaves room for a loaded
    # machine's late renewal; 0.3 s was flaky under load)
    llm.latency = 3.0
    services = [service_on(store, llm, f"instance-{i}", claim_ttl=1.0) for i, store in enumerate(stores)]

    digests = run_together(2, lambda i: build(services[i], gh))

    assert len(analysis_requests(llm)) == len(shas)
    assert len(llm.requests) - len(shas) == 1  # the day's highlights too: asked by one, read by the other
    assert digests[0].highlights == digests[1].highlights
    assert detail_calls(gh) == len(shas)
    for digest in digests:
        assert sorted(r.commit.sha for r in digest.commits) == sorted(shas)
        assert all(r.analysis.analyzer == f"llm:{MODEL}" and r.analysis.fallback is None for r in digest.commits)
    assert [r.analysis.summary for r in digests[0].commits] == [r.analysis.summary for r in digests[1].commits]
    assert sum(s.cache_hits for s in services) == len(shas)  # the waiter got every analysis from the store
    key = services[0]._cache_key(shas[0], "en")
    assert stores[0].leases.holder(key) is None  # released once stored


def test_a_commit_claimed_by_a_dead_instance_is_taken_over_when_its_claim_expires(gh, llm, stores):
    shas = add_day(gh)
    alive = service_on(stores[1], llm, "alive", claim_ttl=30)
    key = alive._cache_key(shas[0], "en")
    # an instance took the claim and died (it will never renew it): 0.5 s left on it
    assert stores[0].leases.take(key, "dead-instance", 0.5)
    assert stores[1].leases.holder(key) == "dead-instance"

    digest = build(alive, gh)

    assert len(analysis_requests(llm)) == len(shas)  # the dead one's commit too, once its claim expired
    assert detail_calls(gh) == len(shas)
    assert all(r.analysis.fallback is None for r in digest.commits)
    assert stores[0].leases.holder(key) is None


def test_an_instance_that_gives_up_without_an_analysis_lets_the_waiter_analyse(gh, llm, stores):
    """The holder's LLM fails (its fallback is not stored): the other instance analyses the commit itself."""
    add_day(gh, titles=["feat: one change"])
    failing = FakeOpenAI()
    failing.mode = "error401"
    with failing:
        broken = service_on(stores[0], failing, "broken", claim_ttl=30)
        working = service_on(stores[1], llm, "working", claim_ttl=30)
        first = build(broken, gh)
        second = build(working, gh)
    assert first.commits[0].analysis.fallback is not None  # the heuristic, marked, not cached
    assert second.commits[0].analysis.fallback is None and len(analysis_requests(llm)) == 1
