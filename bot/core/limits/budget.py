"""The daily LLM spend: recorded per UTC day in the store (table ``llm_spend``) and held to a budget.

The spend is added with the store's atomic ``add``, so instances sharing a database share one budget.
The LLM analyzer calls ``check`` right before each request (inside its concurrency limit, so at
most the requests already in flight finish after the budget is reached) and ``record`` with each
answer's cost; the digest service then uses the heuristic for the rest of the UTC day.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timezone

from analysis.errors import RemoteFailure
from bot.observe import metrics
from bot.store import Store

log = logging.getLogger(__name__)

SPEND_TABLE = "llm_spend"


class BudgetReached(RemoteFailure):
    """The day's LLM spend has reached DIGESTBOT_LLM_DAILY_BUDGET_USD; the message is the digest's fallback note."""


def _dollars(amount: float) -> str:
    return f"${amount:.2f}" if amount >= 0.01 else f"${amount:g}"


class LLMBudget:
    """Spend per UTC day; ``limit_usd`` None records the spend without limiting it."""

    def __init__(self, store: Store, limit_usd: float | None, *,
                 clock: Callable[[], datetime] | None = None):
        self.store = store
        self.limit_usd = limit_usd
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self._lock = threading.Lock()
        self._announced: str | None = None  # the UTC day whose exhaustion was logged

    def today(self) -> str:
        return self.clock().astimezone(timezone.utc).date().isoformat()

    def spent(self, day: str | None = None) -> float:
        value = self.store.get(SPEND_TABLE, day or self.today()) or {}
        return float(value.get("usd", 0.0))

    @property
    def reason(self) -> str:
        return f"the daily LLM budget of {_dollars(self.limit_usd or 0.0)} was reached"

    def exhausted(self) -> bool:
        """True when a budget is set and today's spend has reached it (logged once per day)."""
        if self.limit_usd is None:
            return False
        day = self.today()
        spent = self.spent(day)
        if spent < self.limit_usd:
            return False
        with self._lock:
            if self._announced != day:
                self._announced = day
                log.warning("%s (spent %s today, UTC); the heuristic analyzer is used until the end of the day",
                            self.reason, _dollars(spent))
        return True

    def check(self) -> None:
        """Raise ``BudgetReached`` when no more LLM requests may be made today."""
        if self.exhausted():
            raise BudgetReached(self.reason, code="budget", details={"usd": _dollars(self.limit_usd or 0.0)})

    def record(self, cost_usd: float) -> None:
        """Add one LLM answer's cost to today's spend (atomically in the store: every instance counts)."""
        if not cost_usd or cost_usd < 0:
            return
        spent = self.store.add(SPEND_TABLE, self.today(), {"usd": cost_usd, "calls": 1})
        metrics.spend_today(float(spent["usd"]))
