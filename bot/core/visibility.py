"""Whether a GitHub repository is public now: asked when a report page is served or ``ask`` reads a repository's
stored analyses, cached for a short while.

A repository that turns private must not keep public report pages, nor answer questions from its analyses: ``RepoVisibility.is_public``
answers True (public), False (private, or gone: GitHub answers 404) or None (GitHub could not be
asked; nothing is decided). Answers are kept ``ttl`` seconds per repository. GitHub is asked in the
remote-call pool, once at a time per repository: a flood of page requests shares one question and never
holds the threads that store reads and the health probe use.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from analysis.errors import BadInput, RemoteFailure
from bot.core.limits import pools

log = logging.getLogger(__name__)

DEFAULT_TTL = 300.0
MAX_REMEMBERED = 1000


class RepoVisibility:
    """``is_public(repo)`` from GitHub (``settings``' token, URL and deadline), cached for ``ttl`` seconds."""

    def __init__(self, settings, ttl: float = DEFAULT_TTL, clock: Callable[[], float] = time.monotonic):
        self.settings, self.ttl, self.clock = settings, ttl, clock
        self._known: dict[str, tuple[float, bool]] = {}  # repo (lower case) -> (when asked, public)
        self._asking: dict[str, asyncio.Future] = {}  # repo (lower case) -> the question on its way

    async def is_public(self, repo: str) -> bool | None:
        key = repo.lower()
        known = self._known.get(key)
        if known is not None and self.clock() - known[0] < self.ttl:
            return known[1]
        asking = self._asking.get(key)
        if asking is None:
            asking = self._asking[key] = asyncio.ensure_future(self._ask(key, repo))
            asking.add_done_callback(lambda _: self._asking.pop(key, None))
        return await asyncio.shield(asking)  # one caller giving up does not cancel the others' answer

    async def _ask(self, key: str, repo: str) -> bool | None:
        try:
            public = not await pools.remote(self._private, repo)
        except BadInput:  # 404: private to this token, or deleted; either way no public page
            public = False
        except RemoteFailure as error:
            log.warning("could not check whether %s is still public: %s", repo, error)
            return None
        if len(self._known) >= MAX_REMEMBERED:
            self._known.pop(next(iter(self._known)))
        self._known[key] = (self.clock(), public)
        return public

    def _private(self, repo: str) -> bool:
        from analysis.sources.github import GitHubSource

        settings = self.settings
        return GitHubSource(repo, token=settings.github_token, api_url=settings.github_api_url,
                            deadline=settings.github_deadline).private
