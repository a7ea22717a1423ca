"""The day's highlights written by LLMAnalyzer (litellm) on the fake OpenAI server, cached, and their fallback."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone

import pytest

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.llm import LLMAnalyzer
from analysis.day import DayWindow
from analysis.highlights import heuristic_highlights
from analysis.sources.local_git import LocalGitSource
from bot.core.digests.highlights import HIGHLIGHTS_TABLE
from bot.core.digests.service import DigestService
from bot.store import TinyStore
from tests.fakes.openai_server import FakeOpenAI, valid_answer

MODEL = "openai/fake-model"
AT = datetime(2026, 2, 14, 9, tzinfo=timezone.utc)
TITLES = ["feat: add a parser", "fix: retry the client on timeouts", "docs: explain the install"]


@pytest.fixture
def llm(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def source(git_repo) -> LocalGitSource:
    for n, title in enumerate(TITLES):
        git_repo.commit(title, AT + timedelta(hours=n), {f"src/part{n}.py": f"def f{n}():\n    return {n}\n"})
    return LocalGitSource(git_repo.path)


def build(store, llm: FakeOpenAI, source, lang: str = "en"):
    analyzer = LLMAnalyzer(MODEL, api_base=llm.url, retry_wait=0.01, timeout=20)
    service = DigestService(store, analyzer, fallback=HeuristicAnalyzer())
    return asyncio.run(service.build(source, DayWindow.of("2026-02-14", "UTC"), lang=lang)), analyzer


def test_the_model_writes_the_highlights_once_per_day_and_language(llm, source, store, tmp_path):
    digest, analyzer = build(store, llm, source)
    assert llm.calls == analyzer.calls == len(TITLES) + 1
    shas = {r.commit.short_sha for r in digest.commits}
    # the fake model writes one bullet per change it was shown, naming its SHA: these came from the model
    assert len(digest.highlights) == len(TITLES)
    assert all("theme:" in b and any(sha in b for sha in shas) for b in digest.highlights)

    again, again_analyzer = build(TinyStore(tmp_path / "data"), llm, source)  # a restart: same files
    assert again_analyzer.calls == 0 and again.highlights == digest.highlights

    chinese, _ = build(store, llm, source, lang="zh")
    assert all("主题" in b for b in chinese.highlights)
    assert len(list(store.items(HIGHLIGHTS_TABLE))) == 2


def test_invalid_highlights_fall_back_to_the_heuristic_and_are_asked_again_later(llm, source, store):
    def answer(request: dict) -> str:
        text = "\n".join(str(m.get("content")) for m in request["messages"])
        return "Today was busy." if "<untrusted_changes>" in text else json.dumps(valid_answer(request))

    llm.answer_for = answer
    digest, analyzer = build(store, llm, source)
    assert analyzer.calls == len(TITLES) + 2  # the highlights request and its retry
    assert all(r.analysis.fallback is None for r in digest.commits)
    assert digest.highlights and digest.highlights == heuristic_highlights(digest.commits, "en")
    assert list(store.items(HIGHLIGHTS_TABLE)) == []

    llm.answer_for = None
    fixed, analyzer = build(store, llm, source)
    assert analyzer.calls == 1 and all("theme:" in b for b in fixed.highlights)
