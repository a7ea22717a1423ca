"""What the fake LLM server was asked, by kind: each commit's first ask, follow-ups of raised triages, retries, highlights.

A commit triaged low gets the short prompt first; when the model rates it higher, the analyzer asks
for the full analysis next (a follow-up, by design). A second first ask of one commit, or a second
follow-up, is a duplicate: the claims and the cache should have made it one. Benches print the
breakdown and check ``analysis requests = unique commits + follow-ups`` with no duplicate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tests.fakes.openai_server import BRIEF_MARK, SHORTER_MARK

_SHA = re.compile(r"^SHA: ([0-9a-f]{40})$", re.MULTILINE)
HIGHLIGHTS_MARK = "<untrusted_changes>"  # the day's (and the week's) highlights prompt wraps the changes in it


def _text(message: dict) -> str:
    content = message.get("content") or ""
    if isinstance(content, list):
        return "\n".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content)


@dataclass
class LLMCalls:
    """The requests a fake LLM server recorded, sorted by what they were for."""

    highlights: int = 0
    #: the first request for each commit (short or full), by SHA
    first: Counter = field(default_factory=Counter)
    #: full requests after a short one for the same commit: the model raised a low triage
    follow_ups: Counter = field(default_factory=Counter)
    #: a short answer the model kept low, yet the full analysis was asked for
    unexplained_follow_ups: int = 0
    #: requests that repeat a previous one with its answer (invalid or cut off)
    retries: int = 0
    #: analysis requests whose prompt names no commit
    unknown: int = 0

    @property
    def commits(self) -> int:
        return len(self.first)

    @property
    def analysis_requests(self) -> int:
        return sum(self.first.values()) + sum(self.follow_ups.values()) + self.retries + self.unknown

    @property
    def duplicates(self) -> int:
        """Requests beyond one first ask and at most one follow-up per commit."""
        return (sum(n - 1 for n in self.first.values() if n > 1)
                + sum(n - 1 for n in self.follow_ups.values() if n > 1))

    def breakdown(self) -> str:
        return (f"{self.analysis_requests} analysis requests = {self.commits} commits asked once + "
                f"{sum(self.follow_ups.values())} follow-ups (low triages the model raised) + {self.retries} retries"
                f" + {self.duplicates} duplicates; {self.highlights} highlights")


def classify(requests: Iterable[dict], short_answer_rated: Callable[[dict], str] | None = None) -> LLMCalls:
    """Sort ``requests`` (in arrival order). ``short_answer_rated(request)``: the importance the model answered
    to a short request (the fake's rule), to tell a follow-up the answer called for from one it did not."""
    calls = LLMCalls()
    asked: dict[str, str] = {}  # sha -> "short" or "full": the depth of its last first-or-follow-up request
    short_rating: dict[str, str] = {}
    for request in requests:
        messages = request.get("messages") or []
        prompt = "\n".join(_text(m) for m in messages)
        if HIGHLIGHTS_MARK in prompt:
            calls.highlights += 1
            continue
        last_user = next((_text(m) for m in reversed(messages) if m.get("role") == "user"), "")
        if any(m.get("role") == "assistant" for m in messages) or SHORTER_MARK in last_user:
            calls.retries += 1
            continue
        match = _SHA.search(prompt)
        if match is None:
            calls.unknown += 1
            continue
        sha = match.group(1)
        short = BRIEF_MARK in prompt
        if sha in asked and asked[sha] == "short" and not short:
            calls.follow_ups[sha] += 1
            if short_answer_rated is not None and short_rating.get(sha) == "low":
                calls.unexplained_follow_ups += 1
        else:
            calls.first[sha] += 1
        asked[sha] = "short" if short else "full"
        if short and short_answer_rated is not None:
            short_rating[sha] = short_answer_rated(request)
    return calls


def fake_rating(request: dict) -> str:
    """The importance FakeOpenAI's "valid" mode answers to ``request``."""
    from tests.fakes.openai_server import valid_answer

    return valid_answer(request)["importance"]
