"""The daily LLM budget: spend per UTC day in the store; once reached, the heuristic with a note, logged once."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import pytest

from analysis.day import DayWindow
from analysis.renderers.markdown import render_markdown
from analysis.sources import open_source
from bot.core.digests.service import build_service
from bot.core.limits.budget import SPEND_TABLE, BudgetReached, LLMBudget
from bot.observe import metrics
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.openai_server import FakeOpenAI

pytestmark = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")

MODEL = "openai/gpt-4o-mini"  # litellm knows its price, so the fake's usage has a cost


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_spend_is_kept_per_utc_day_and_the_budget_resets_at_midnight():
    store = TinyStore.in_memory()
    clock = Clock(datetime(2026, 2, 14, 23, 0, tzinfo=timezone(timedelta(hours=-5))))  # 04:00 UTC on the 15th
    budget = LLMBudget(store, 0.05, clock=clock)
    budget.record(0.02)
    budget.record(0.02)
    budget.check()  # 0.04 < 0.05
    assert store.get(SPEND_TABLE, "2026-02-15") == {"usd": pytest.approx(0.04), "calls": 2}
    budget.record(0.01)
    assert budget.exhausted()
    with pytest.raises(BudgetReached, match=r"the daily LLM budget of \$0\.05 was reached"):
        budget.check()
    clock.now = datetime(2026, 2, 16, 0, 0, 1, tzinfo=timezone.utc)
    assert not budget.exhausted() and budget.spent() == 0.0
    assert budget.spent("2026-02-15") == pytest.approx(0.05)
    assert not LLMBudget(store, None, clock=clock).exhausted()  # no budget: spend recorded, never limited


@pytest.fixture
def fake_llm(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-budget-0000000000")
    with FakeOpenAI() as server:
        yield server


def test_reaching_the_budget_falls_back_to_the_heuristic_for_the_day(git_repo, tmp_path, fake_llm, caplog):
    day = datetime(2026, 2, 14, 9, 0, tzinfo=timezone.utc)
    for hour in range(3):
        git_repo.commit(f"feat: change number {hour}", day + timedelta(hours=hour), {f"src/m{hour}.py": f"x = {hour}\n"})
    settings = Settings(data_dir=tmp_path / "data", llm_model=MODEL, llm_api_base=fake_llm.url,
                        llm_concurrency=1, llm_daily_budget_usd=0.000001)
    store = TinyStore(settings.data_dir)
    service = build_service(settings, store)
    fallbacks_before = metrics.LLM_BUDGET_FALLBACKS._value.get()
    caplog.set_level(logging.WARNING, logger="bot")

    digest = asyncio.run(service.build(open_source(str(git_repo.path)), DayWindow.of("2026-02-14", "UTC")))

    assert fake_llm.calls == 1  # the first answer's cost reached the budget: no further request
    analyzers = sorted(r.analysis.analyzer for r in digest.commits)
    assert analyzers == ["heuristic", "heuristic", f"llm:{MODEL}"]
    reason = "the daily LLM budget of $1e-06 was reached"
    assert [r.analysis.fallback for r in digest.commits if r.analysis.analyzer == "heuristic"] == [reason, reason]
    assert render_markdown(digest, "en").count(reason) == 2  # the digest says so on each such commit
    today = datetime.now(timezone.utc).date().isoformat()
    assert store.get(SPEND_TABLE, today)["usd"] > 0.000001
    assert metrics.LLM_BUDGET_FALLBACKS._value.get() - fallbacks_before == 2
    reached = [r for r in caplog.records if "daily LLM budget" in r.getMessage()]
    assert len(reached) == 1 and reached[0].levelno == logging.WARNING
    assert not any("fell back" in r.getMessage() for r in caplog.records)  # no per-commit warnings

    # a later digest the same day: no LLM request at all, the LLM answer already made comes from the cache
    again = asyncio.run(service.build(open_source(str(git_repo.path)), DayWindow.of("2026-02-14", "UTC")))
    assert fake_llm.calls == 1
    assert sorted(r.analysis.analyzer for r in again.commits) == analyzers
    assert len([r for r in caplog.records if "daily LLM budget" in r.getMessage()]) == 1

    # the next UTC day the LLM is asked again
    service.budget.clock = lambda: datetime.now(timezone.utc) + timedelta(days=1)
    asyncio.run(service.build(open_source(str(git_repo.path)), DayWindow.of("2026-02-14", "UTC")))
    assert fake_llm.calls == 2


def test_no_budget_records_the_spend_and_never_limits(git_repo, tmp_path, fake_llm):
    day = datetime(2026, 2, 14, 9, 0, tzinfo=timezone.utc)
    for hour in range(2):
        git_repo.commit(f"fix: bug {hour}", day + timedelta(hours=hour), {f"b{hour}.py": "y\n"})
    settings = Settings(data_dir=tmp_path / "data", llm_model=MODEL, llm_api_base=fake_llm.url)
    service = build_service(settings, TinyStore(settings.data_dir))
    cost_before = metrics.LLM_COST.labels(model=MODEL)._value.get()
    digest = asyncio.run(service.build(open_source(str(git_repo.path)), DayWindow.of("2026-02-14", "UTC")))
    assert fake_llm.calls == 2 + 1 and all(r.analysis.fallback is None for r in digest.commits)  # + the highlights
    assert service.analyzer.cost_usd > 0
    assert service.budget.spent() == pytest.approx(service.analyzer.cost_usd)
    assert metrics.LLM_COST.labels(model=MODEL)._value.get() - cost_before == pytest.approx(service.analyzer.cost_usd)
