"""An answer to ``ask``: the question, the stored analyses it matched, and what the LLM wrote from them (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    """One stored analysis matching a question (a row of the search index)."""

    repo: str
    sha: str
    day: str  # YYYY-MM-DD (UTC) of the commit
    url: str | None
    title: str
    importance: str
    change_type: str
    summary: str
    lang: str
    rank: float  # bm25: lower is better

    @property
    def short_sha(self) -> str:
        return self.sha[:7]


@dataclass
class Answer:
    """``paragraphs`` empty: no model wrote one (the hits' summaries answer); ``cited`` are the hits relied on."""

    question: str
    repos: list[str]
    since: str
    hits: list[Hit]
    paragraphs: list[str] = field(default_factory=list)
    cited: list[Hit] = field(default_factory=list)
    #: "llm:<model>" when a model wrote the answer, else "heuristic"
    writer: str = "heuristic"
    #: the model was asked but said the analyses do not answer the question
    unanswered: bool = False
    #: why the model's answer is missing (it failed, the budget is spent), shown in a note
    fallback: str | None = None
