"""The day's highlights of a digest: written once by the analyzer's LLM (cached in the store), else by the heuristic.

An analyzer that can write them has ``write_highlights(repo, date, changes, lang)`` and a
``highlights_cache_key``; its answer is cached under (repo, date, zone, lang, that key, the entries'
SHAs), so a second build of the same day asks nothing. A failure or a spent budget gives the heuristic's.
"""

from __future__ import annotations

import hashlib
import logging

from analysis.errors import RemoteFailure
from analysis.highlights import MAX_BULLETS, heuristic_highlights, is_quiet
from analysis.models import CommitReport
from bot.core.coordination.claims import Claim, WorkClaims
from bot.core.limits import pools
from bot.core.limits.budget import BudgetReached, LLMBudget
from bot.store import Store

log = logging.getLogger(__name__)

HIGHLIGHTS_TABLE = "highlights"


def cache_key(repo: str, date: str, zone: str, lang: str, writer_key: str, reports: list[CommitReport]) -> str:
    shas = hashlib.sha256("\n".join(r.commit.sha for r in reports).encode()).hexdigest()[:32]
    return f"{repo.lower()}|{date}|{zone}|{lang}|{writer_key}|{shas}"


async def day_highlights(store: Store, analyzer, budget: LLMBudget | None, *, repo: str, date: str, zone: str,
                         lang: str, reports: list[CommitReport], period: str = "day",
                         claims: WorkClaims | None = None) -> list[str]:
    """3 to 5 bullets on the day's changes (none on a quiet day), from the LLM when it can write them.

    ``period="week"``: the week's (``date`` is its YYYY-Www), one request for the whole week. With
    ``claims``, digests of one day on several channels (and instances) ask the model once: the others
    wait for the stored bullets.
    """
    fallback = heuristic_highlights(reports, lang, period)
    write = getattr(analyzer, "write_highlights", None)
    if write is None or is_quiet(reports) or all(r.analysis.fallback for r in reports):
        return fallback  # no model, nothing to sum up, or a model that failed every change just now
    writer = "highlights_cache_key" if period == "day" else f"{period}_highlights_cache_key"
    key = cache_key(repo, date, zone, lang, str(getattr(analyzer, writer, analyzer.name)), reports)
    def stored() -> list[str] | None:
        cached = store.get(HIGHLIGHTS_TABLE, key)
        return list(cached.get("bullets", [])) if isinstance(cached, dict) else None  # else damaged: written again

    if claims is None:
        found = stored()
        return found if found is not None else await _write(store, write, budget, key, repo, date, reports, lang,
                                                            period, fallback)
    outcome = await claims.acquire(f"highlights|{key}", lambda: pools.store_io(stored))
    if not isinstance(outcome, Claim):
        return outcome
    try:
        return await _write(store, write, budget, key, repo, date, reports, lang, period, fallback)
    finally:
        await outcome.release()


async def _write(store: Store, write, budget: LLMBudget | None, key: str, repo: str, date: str,
                 reports: list[CommitReport], lang: str, period: str, fallback: list[str]) -> list[str]:
    """The model's bullets, stored under ``key``; ``fallback`` (not stored) when it cannot give them."""
    try:
        if budget is not None:
            budget.check()
        asked = await write(repo, date, reports, lang, **({} if period == "day" else {"period": period}))
        bullets = [str(b).strip() for b in asked if str(b).strip()][:MAX_BULLETS]
    except BudgetReached:  # logged once a day by the budget
        return fallback
    except RemoteFailure as error:
        log.warning("the highlights of %s on %s fell back to the heuristic: %s", repo, date, error)
        return fallback
    if not bullets:
        return fallback
    await pools.store_io(store.put, HIGHLIGHTS_TABLE, key, {"bullets": bullets})
    return bullets
