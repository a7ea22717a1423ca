"""The commit source of a repository as the bot opens it: the settings' GitHub access, watched by the bot's metrics
(and, with a shared store, by the other instances: ``bot.core.coordination.github_rate``)."""

from __future__ import annotations

from analysis.sources import open_source
from analysis.sources.base import CommitSource
from bot.core.coordination.github_rate import SharedGitHubRate
from bot.observe import metrics


def open_repo(settings, repo: str, *, local: bool = True, rate: SharedGitHubRate | None = None) -> CommitSource:
    """``repo`` (a local directory or owner/name) with GitHub's rate limit left reported to ``/metrics``.

    ``local=False`` for names from chat users: always GitHub, the filesystem is never looked at.
    ``rate``: the rate limit shared with the other instances (a shared store), recorded and obeyed.
    """
    observe = metrics.github_rate_remaining
    if rate is not None:
        def observe(headers) -> None:
            metrics.github_rate_remaining(headers)
            rate.observe(headers)

    return open_source(repo, github_token=settings.github_token, github_api_url=settings.github_api_url,
                       local=local, on_github_response=observe, github_deadline=settings.github_deadline,
                       github_shared_rate=None if rate is None else rate.view)
