"""The commit source of a repository as the bot opens it: the settings' GitHub access, watched by the bot's metrics."""

from __future__ import annotations

from analysis.sources import open_source
from analysis.sources.base import CommitSource
from bot.observe import metrics


def open_repo(settings, repo: str, *, local: bool = True) -> CommitSource:
    """``repo`` (a local directory or owner/name) with GitHub's rate limit left reported to ``/metrics``.

    ``local=False`` for names from chat users: always GitHub, the filesystem is never looked at.
    """
    return open_source(repo, github_token=settings.github_token, github_api_url=settings.github_api_url,
                       local=local, on_github_response=metrics.github_rate_remaining,
                       github_deadline=settings.github_deadline)
