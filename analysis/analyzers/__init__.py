"""Analyzers by name: ``heuristic`` (offline) and ``llm`` (litellm); ``auto`` picks llm when a model is set."""

from __future__ import annotations

from analysis.analyzers.base import Analyzer
from analysis.errors import BadInput

ANALYZER_KINDS = ("auto", "heuristic", "llm")


def make_analyzer(kind: str, *, model: str | None, api_base: str | None = None, concurrency: int = 8,
                  timeout: float = 120.0, context_tokens: int | None = None,
                  max_output_tokens: int | None = None, max_input_tokens: int = 16000,
                  deadline: float | None = None) -> Analyzer:
    """Build the analyzer named ``kind``; BadInput for an unknown kind or llm without a model."""
    if kind not in ANALYZER_KINDS:
        raise BadInput(f"unknown analyzer {kind!r}; use one of {', '.join(ANALYZER_KINDS)}")
    if kind == "auto":
        kind = "llm" if model else "heuristic"
    if kind == "heuristic":
        from analysis.analyzers.heuristic import HeuristicAnalyzer

        return HeuristicAnalyzer()
    if not model:
        raise BadInput("the llm analyzer needs a model: set DIGESTBOT_LLM_MODEL (e.g. openai/gpt-4o-mini)")
    from analysis.analyzers.llm import LLMAnalyzer

    return LLMAnalyzer(model, api_base=api_base, concurrency=concurrency, timeout=timeout,
                       context_tokens=context_tokens, max_output_tokens=max_output_tokens,
                       max_input_tokens=max_input_tokens, deadline=deadline)
