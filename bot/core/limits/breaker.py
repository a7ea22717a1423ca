"""The LLM circuit breaker of one digest: after N failures in a row, or past the digest's deadline, stop asking.

A hanging or broken LLM otherwise costs every commit of the day its full timeout (and retries); once the
breaker is open, the rest of the digest goes to the fallback analyzer at once, each commit marked with why.
"""

from __future__ import annotations

import logging
import time

from analysis.errors import RemoteFailure

log = logging.getLogger(__name__)


class CircuitOpen(RemoteFailure):
    """The LLM is not asked for this commit: the digest's breaker is open (the message says why)."""


class CircuitBreaker:
    """Counts consecutive LLM failures of one digest; ``check`` raises CircuitOpen once it should stop."""

    def __init__(self, failures: int, deadline_seconds: float | None, *, clock=time.monotonic):
        self.limit = failures
        self.clock = clock
        self.deadline = None if deadline_seconds is None else clock() + deadline_seconds
        self.deadline_seconds = deadline_seconds
        self.in_a_row = 0
        self.reason: str | None = None
        self._code: tuple[str, dict] = ("breaker_open", {})

    def before(self) -> None:
        """``RequestListener``: the LLM is about to be asked."""
        self.check()

    def after(self, failure: Exception | None) -> None:
        """``RequestListener``: how the request went; an invalid answer means the LLM is reachable."""
        if failure is None or getattr(failure, "answer_invalid", False):
            self.succeeded()
        else:
            self.failed()

    def check(self) -> None:
        if self.reason is None and self.deadline is not None and self.clock() > self.deadline:
            self._open(f"the digest's time for the LLM ({self.deadline_seconds:g} s) ran out", "digest_deadline",
                       {"seconds": f"{self.deadline_seconds:g}"})
        if self.reason is not None:
            raise CircuitOpen(self.reason, code=self._code[0], details=self._code[1])

    def succeeded(self) -> None:
        self.in_a_row = 0

    def failed(self) -> None:
        self.in_a_row += 1
        if self.reason is None and self.in_a_row >= self.limit:
            self._open(f"the LLM failed {self.in_a_row} times in a row in this digest", "breaker_open",
                       {"failures": self.in_a_row})

    def _open(self, why: str, code: str, details: dict) -> None:
        self.reason = f"{why}; the rest of the digest uses the heuristic"
        self._code = (code, details)  # the fallback reason code, so each report says it in its language
        log.warning("LLM circuit breaker open: %s", why)
