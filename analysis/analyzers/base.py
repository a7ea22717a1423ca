"""The interface every commit analyzer implements (LLM, heuristic)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from analysis.models import Analysis, Commit


@runtime_checkable
class Analyzer(Protocol):
    """Turns one commit (with files) into an ``Analysis``.

    ``cache_key`` names everything besides the commit and language that changes the result
    (model, prompt version); ``None`` means results are cheap and are not cached.
    """

    name: str

    @property
    def cache_key(self) -> str | None: ...

    async def analyze(self, commit: Commit, lang: str) -> Analysis:
        """Analyse one commit; never raises for a bad model answer (falls back instead)."""
        ...
