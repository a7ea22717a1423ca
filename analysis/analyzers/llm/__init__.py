"""The LLM analyzer through litellm: prompt context, diff budget, one chat completion, tolerant answer reading."""

from analysis.analyzers.llm.analyzer import LLMAnalyzer

__all__ = ["LLMAnalyzer"]
