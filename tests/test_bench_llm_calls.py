"""bench/llm_calls.py sorts a fake LLM's requests: a raised triage's follow-up is not a duplicate, a second ask is."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from analysis.analyzers.llm import LLMAnalyzer
from analysis.models import Analysis, Commit, CommitReport, FileChange
from bench.llm_calls import classify, fake_rating

pytestmark = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")


def commit(title: str, n: int) -> Commit:
    files = [FileChange(path="src/router.py", additions=2, deletions=1, patch="@@ -1,2 +1,3 @@\n-a = 1\n+a = 2\n+b = 3")]
    return Commit(sha=f"{n:040x}", author="Ada", message=title, files=files, details_loaded=True,
                  committed_at=datetime(2026, 2, 14, 5, n, tzinfo=timezone.utc))


def request(ana: LLMAnalyzer, change: Commit, brief: bool, *extra: dict) -> dict:
    messages, _ = ana.build_messages(change, "en", brief=brief)
    return {"model": "fake-model", "messages": [*messages, *extra]}


@pytest.fixture(scope="module")
def ana() -> LLMAnalyzer:
    return LLMAnalyzer("openai/fake-model", context_tokens=32_000)


def test_a_raised_triage_is_one_commit_and_one_follow_up(ana):
    raised, kept, full = commit("refactor: metrics exporter", 1), commit("docs: typo", 2), commit("fix: crash", 3)
    highlights_messages = [{"role": "user", "content": "<untrusted_changes>\n- x\n</untrusted_changes>"}]
    log = [request(ana, raised, True), request(ana, kept, True), request(ana, full, False),
           request(ana, raised, False), {"messages": highlights_messages}]
    calls = classify(log, fake_rating)
    assert (calls.commits, sum(calls.follow_ups.values()), calls.duplicates, calls.highlights) == (3, 1, 0, 1)
    assert calls.analysis_requests == 4 and calls.unexplained_follow_ups == calls.retries == 0
    assert "4 analysis requests = 3 commits asked once + 1 follow-ups" in calls.breakdown()


def test_a_second_ask_of_one_commit_is_a_duplicate(ana):
    change = commit("fix: crash", 1)
    calls = classify([request(ana, change, False), request(ana, change, False)], fake_rating)
    assert (calls.commits, calls.duplicates, sum(calls.follow_ups.values())) == (1, 1, 0)
    low = commit("docs: typo", 2)  # kept low by the fake, then asked in full anyway
    calls = classify([request(ana, low, True), request(ana, low, False)], fake_rating)
    assert calls.unexplained_follow_ups == 1


def test_retries_are_counted_apart(ana):
    change = commit("fix: crash", 1)
    retry = request(ana, change, False, {"role": "assistant", "content": "nonsense"},
                    {"role": "user", "content": "Your previous answer was not valid"})
    calls = classify([request(ana, change, False), retry])
    assert (calls.commits, calls.retries, calls.duplicates, calls.analysis_requests) == (1, 1, 0, 2)


def test_the_highlights_prompt_carries_the_mark(ana):
    """The mark classify looks for is the one the real highlights prompt sends."""
    report = CommitReport(commit=commit("fix: crash", 1),
                          analysis=Analysis(change_type="fix", importance="low", summary=["x"]))
    system = ana.highlights_prompt.render("system", repo="o/r", date="2026-02-14", lang="en", language="English")
    user = ana.highlights_prompt.render("user", repo="o/r", date="2026-02-14", lang="en", language="English",
                                        changes=f"- [low] {report.commit.short_sha} fix: crash (fix)")
    calls = classify([{"messages": [{"role": "system", "content": system}, {"role": "user", "content": user}]}])
    assert calls.highlights == 1 and calls.analysis_requests == 0
