"""Prometheus metrics of the bot in a registry of its own, moved through small functions that never raise.

Modules count through the functions below (``digest_posted``, ``llm_usage``, ...), so they work
the same whether or not an HTTP server exposes ``/metrics``. ``render()`` is that endpoint's body.
"""

from __future__ import annotations

import logging

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

log = logging.getLogger(__name__)

REGISTRY = CollectorRegistry(auto_describe=True)

DIGESTS_POSTED = Counter("digestbot_digests_posted", "Digests posted to a chat", ["platform"], registry=REGISTRY)
DIGESTS_FAILED = Counter("digestbot_digests_failed", "Digests that could not be built or posted", ["platform"],
                         registry=REGISTRY)
COMMITS_ANALYSED = Counter("digestbot_commits_analysed", "Commits analysed (not from the cache), by analyzer",
                           ["analyzer"], registry=REGISTRY)
CACHE_HITS = Counter("digestbot_analysis_cache_hits", "Analyses served from the analysis cache", registry=REGISTRY)
LLM_CALLS = Counter("digestbot_llm_calls", "LLM completion requests, by model and outcome (ok or error)",
                    ["model", "outcome"], registry=REGISTRY)
LLM_TOKENS = Counter("digestbot_llm_tokens", "LLM tokens, by model and kind (prompt or completion)",
                     ["model", "kind"], registry=REGISTRY)
LLM_COST = Counter("digestbot_llm_cost_usd", "LLM cost in US dollars as litellm prices it (0 for unknown models)",
                   ["model"], registry=REGISTRY)
LLM_BUDGET_FALLBACKS = Counter("digestbot_llm_budget_fallbacks",
                               "Commits analysed by the heuristic because the daily LLM budget was reached",
                               registry=REGISTRY)
LLM_SPEND_TODAY = Gauge("digestbot_llm_spend_today_usd", "LLM spend of the current UTC day in US dollars",
                        registry=REGISTRY)
GITHUB_RATE_REMAINING = Gauge("digestbot_github_rate_limit_remaining",
                              "GitHub API requests left in the rate-limit window (from the last response)",
                              registry=REGISTRY)
FEEDBACK_VOTES = Counter("digestbot_feedback_votes", "Feedback votes (less or more important here) by channel and vote",
                         ["channel", "vote"], registry=REGISTRY)
FEEDBACK_DISAGREEMENTS = Counter("digestbot_feedback_disagreements",
                                 "Feedback votes asking for another level than the analyzer's: less on a medium "
                                 "or high change, more on a medium or low one", ["channel", "vote"],
                                 registry=REGISTRY)
CHAT_RETRIES = Counter("digestbot_chat_retries", "Chat API requests retried after a rate limit or server error",
                       ["platform"], registry=REGISTRY)
JOBS_DEFERRED = Counter("digestbot_jobs_deferred", "Due digests (kind day) and roll-ups (week) this instance put on "
                        "the shared job queue (each job is counted by the one instance that made it)", ["kind"],
                        registry=REGISTRY)
JOBS_TAKEN_OVER = Counter("digestbot_jobs_taken_over", "Running jobs of a silent instance (worker heartbeat too old) "
                          "this instance put back on the queue", registry=REGISTRY)


def _safe(update) -> None:
    try:
        update()
    except Exception:  # noqa: BLE001 - a metric must never break the work it counts
        log.debug("metric update failed", exc_info=True)


def digest_posted(platform: str) -> None:
    _safe(lambda: DIGESTS_POSTED.labels(platform=platform).inc())


def digest_failed(platform: str) -> None:
    _safe(lambda: DIGESTS_FAILED.labels(platform=platform).inc())


def commit_analysed(analyzer: str) -> None:
    _safe(lambda: COMMITS_ANALYSED.labels(analyzer=analyzer).inc())


def cache_hit() -> None:
    _safe(CACHE_HITS.inc)


def llm_call(model: str, ok: bool) -> None:
    _safe(lambda: LLM_CALLS.labels(model=model, outcome="ok" if ok else "error").inc())


def llm_usage(model: str, prompt_tokens: int, completion_tokens: int, cost_usd: float) -> None:
    def update() -> None:
        LLM_TOKENS.labels(model=model, kind="prompt").inc(max(0, prompt_tokens))
        LLM_TOKENS.labels(model=model, kind="completion").inc(max(0, completion_tokens))
        LLM_COST.labels(model=model).inc(max(0.0, cost_usd))

    _safe(update)


def budget_fallback() -> None:
    _safe(LLM_BUDGET_FALLBACKS.inc)


def spend_today(usd: float) -> None:
    _safe(lambda: LLM_SPEND_TODAY.set(usd))


def github_rate_remaining(headers) -> None:
    """Set the gauge from a GitHub response's ``X-RateLimit-Remaining`` header, when there is one."""
    def update() -> None:
        for key, value in (headers or {}).items():
            if str(key).lower() == "x-ratelimit-remaining":
                GITHUB_RATE_REMAINING.set(float(value))
                return

    _safe(update)


def chat_retry(platform: str) -> None:
    _safe(lambda: CHAT_RETRIES.labels(platform=platform).inc())


def job_deferred(kind: str) -> None:
    _safe(lambda: JOBS_DEFERRED.labels(kind=kind).inc())


def job_taken_over() -> None:
    _safe(JOBS_TAKEN_OVER.inc)


def feedback_vote(channel: str, vote: str, disagrees: bool) -> None:
    """One feedback vote in ``channel`` (a channel key); ``disagrees``: it asks for another level than the analyzer's."""
    def update() -> None:
        FEEDBACK_VOTES.labels(channel=channel, vote=vote).inc()
        if disagrees:
            FEEDBACK_DISAGREEMENTS.labels(channel=channel, vote=vote).inc()

    _safe(update)


def render() -> tuple[bytes, str]:
    """The Prometheus text exposition of every metric, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
