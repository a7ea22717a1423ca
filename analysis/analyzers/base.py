"""The interface every commit analyzer implements (LLM, heuristic), and what it is told besides the commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from analysis.earlier_lines import DayRework
from analysis.models import Analysis, Commit, Fact


@dataclass(frozen=True)
class RelatedCommit:
    """Another commit of the same day that touches some of the same files."""

    short_sha: str
    title: str
    shared_paths: tuple[str, ...] = ()


@dataclass
class AnalysisContext:
    """What the digest knows around one commit: its repository, the diff's facts, its neighbours.

    Every field is optional: an analyzer must work with an empty context (``explain`` of a lone commit).
    """

    #: ``owner/name`` or the local folder's name
    repo: str = ""
    #: the repository's one-line description (GitHub's, or a local README's first paragraph)
    description: str | None = None
    #: what the diff analyzer derived from this commit (``analysis.facts.derive_facts``)
    facts: list[Fact] = field(default_factory=list)
    #: False when a file could not be read for the facts: the analysis is not cached, so the next run redoes it
    facts_complete: bool = True
    #: same-day commits touching the same files, newest first
    related: list[RelatedCommit] = field(default_factory=list)
    #: the titles of the commits this change folds in (a merged pull request's own commits), newest first
    folded_titles: list[str] = field(default_factory=list)
    #: {symbol: short SHA} of the symbols the same day's earlier changes added (``analysis.earlier_additions``)
    added_earlier: dict[str, str] = field(default_factory=dict)
    #: the change's lines read against the same day's earlier changes (``analysis.earlier_lines``): which of the
    #: lines it removes they added, which of the lines it adds they removed; None: not read
    day_rework: DayRework | None = None
    #: the text of a path after this commit (blocking; None when absent or unreadable); None: cannot read
    file_text: Callable[[str], str | None] | None = None
    #: told by a remote analyzer, inside its concurrency slot, before it asks (``before()`` may raise a
    #: RemoteFailure to refuse) and how it went (``after(None)``, or ``after(failure)``): the digest's
    #: circuit breaker
    requests: RequestListener | None = None


class RequestListener(Protocol):
    def before(self) -> None: ...

    def after(self, failure: Exception | None) -> None: ...


@runtime_checkable
class Analyzer(Protocol):
    """Turns one commit (with files) into an ``Analysis``.

    ``cache_key`` names everything besides the commit and language that changes the result
    (model, prompt version); ``None`` means results are cheap and are not cached.
    """

    name: str

    @property
    def cache_key(self) -> str | None: ...

    async def analyze(self, commit: Commit, lang: str, context: AnalysisContext | None = None) -> Analysis:
        """Analyse one commit; never raises for a bad model answer (falls back instead)."""
        ...
