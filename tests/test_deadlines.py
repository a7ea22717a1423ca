"""Deadlines (issue 10, item 7): a GitHub server dripping its answers, a hanging LLM, a circuit breaker per digest.

Asserts on behaviour (which call failed and why, which commits fell back, how many requests the fakes
received), never on elapsed time.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from analysis.day import DayWindow
from analysis.errors import RemoteFailure
from analysis.sources.github import GitHubSource
from tests.fakes.github_server import FakeGitHub


def _repo_with_commits(github: FakeGitHub, count: int) -> None:
    github.add_repo("acme/widget")
    day = datetime(2026, 2, 14, 8, tzinfo=UTC)
    for i in range(count):
        github.add_commit("acme/widget", message=f"fix(part{i}): handle case {i}", author_name="Ann",
                          committed_at=day + timedelta(minutes=i),
                          files=[{"filename": f"src/part{i}.py", "status": "modified", "additions": 2,
                                  "deletions": 1, "patch": f"@@ -1 +1,2 @@\n-a\n+b{i}\n+c"}])


def test_a_dripping_github_answer_is_cut_at_the_total_deadline():
    with FakeGitHub() as github:
        _repo_with_commits(github, 3)
        source = GitHubSource("acme/widget", token=None, api_url=github.url, deadline=0.5)
        source.default_branch  # noqa: B018 - the repository, read at full speed
        github.reset_counts()
        github.drip = 0.05  # a list answer of a few KB: minutes at this pace, each socket read within PyGithub's timeout
        with pytest.raises(RemoteFailure, match="no complete answer within 0.5 s"):
            source.list_commits(DayWindow.of("2026-02-14", "UTC"))
        assert github.count("/repos/acme/widget/commits") == 1  # given up, not retried
        github.drip = 0.0
        assert len(source.list_commits(DayWindow.of("2026-02-14", "UTC"))) == 3  # the connection pool still works


@pytest.fixture
def hanging_llm(monkeypatch):
    from tests.fakes.openai_server import FakeOpenAI

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    with FakeOpenAI() as server:
        server.mode = "hang"
        yield server


def test_a_hanging_llm_opens_the_breaker_and_the_rest_falls_back_at_once(tmp_path, hanging_llm):
    from analysis.analyzers.llm.client import TRANSPORT_ATTEMPTS
    from bot.core.digests.service import build_service
    from bot.settings import Settings
    from bot.store import TinyStore

    commits, breaker = 8, 3
    with FakeGitHub() as github:
        _repo_with_commits(github, commits)
        settings = Settings(data_dir=tmp_path, github_api_url=github.url, llm_model="openai/fake-model",
                            llm_api_base=hanging_llm.url, llm_concurrency=1, llm_timeout=0.3,
                            llm_breaker_failures=breaker)
        service = build_service(settings, TinyStore(tmp_path))
        source = GitHubSource("acme/widget", token=None, api_url=github.url)
        digest = asyncio.run(service.build(source, DayWindow.of("2026-02-14", "UTC")))
    reasons = [report.analysis.fallback or "" for report in digest.commits]
    assert len(reasons) == commits and all(report.analysis.analyzer == "heuristic" for report in digest.commits)
    timed_out = [r for r in reasons if "no analysis within 0.45 s" in r]
    skipped = [r for r in reasons if f"failed {breaker} times in a row" in r]
    assert len(timed_out) == breaker and len(skipped) == commits - breaker
    # the LLM was asked for the first three commits only, and within each one's deadline (not 3 attempts each).
    # No lower bound: on a loaded machine a cold litellm may not reach the server before a 0.45 s deadline.
    assert hanging_llm.calls <= breaker * (TRANSPORT_ATTEMPTS - 1)


def test_the_digest_deadline_opens_the_breaker_for_the_rest(tmp_path, monkeypatch):
    from bot.core.limits.breaker import CircuitBreaker, CircuitOpen

    now = [100.0]
    breaker = CircuitBreaker(3, 60.0, clock=lambda: now[0])
    breaker.failed(), breaker.failed(), breaker.succeeded(), breaker.failed(), breaker.failed()
    breaker.check()  # two in a row, within the deadline: still closed
    now[0] += 61
    with pytest.raises(CircuitOpen, match="time for the LLM"):
        breaker.check()
