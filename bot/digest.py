"""The digest service: source -> cached details -> analyzer (cached, bounded, with fallback) -> Digest."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar
from concurrent.futures import ThreadPoolExecutor

from analysis.analyzers.base import Analyzer
from analysis.day import DayWindow
from analysis.errors import RemoteFailure
from analysis.models import Analysis, Commit, CommitReport, Digest
from analysis.sources.base import CommitSource
from bot.filters import CommitFilter
from bot.store import Store

log = logging.getLogger(__name__)

COMMITS_TABLE = "commits"
ANALYSES_TABLE = "analyses"

Progress = Callable[[int, int], None]
T = TypeVar("T")


class DigestService:
    """Builds digests and single-commit explanations; the one place that caches and falls back.

    Commit details are cached by full SHA (commits are immutable), analyses by
    (sha, lang, analyzer cache key), so re-running a day costs no detail calls and no LLM calls.
    """

    def __init__(self, store: Store, analyzer: Analyzer, *, fallback: Analyzer | None = None,
                 fetch_concurrency: int = 8):
        self.store = store
        self.analyzer = analyzer
        self.fallback = fallback
        self.fetch_concurrency = fetch_concurrency
        self.cache_hits = 0
        # work under way, by what it computes: concurrent digests of one repository share it
        self._inflight: dict[tuple, asyncio.Future] = {}

    async def _shared(self, key: tuple, work: Callable[[], Awaitable[T]]) -> T:
        """Run ``work`` once for concurrent callers asking for the same ``key``."""
        future = self._inflight.get(key)
        if future is not None:
            return await asyncio.shield(future)
        future = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            result = await work()
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        else:
            future.set_result(result)
            return result
        finally:
            del self._inflight[key]

    async def build(self, source: CommitSource, window: DayWindow, *, branch: str | None = None,
                    lang: str = "en", commit_filter: CommitFilter | None = None,
                    progress: Progress | None = None, strict: bool = False) -> Digest:
        """The digest of one day. ``strict``: raise if the LLM could be reached for no commit at all."""
        commit_filter = commit_filter or CommitFilter()
        commits = await asyncio.to_thread(source.list_commits, window, branch)
        commits = [c for c in commits if commit_filter.keeps_author(c)]
        commits = await self._with_details(source, commits)
        commits = [c for c in commits if commit_filter.keeps_files(c)]
        analyses = await self._analyse_all(commits, lang, progress, strict)
        reports = [CommitReport(commit=c, analysis=a) for c, a in zip(commits, analyses)]
        return Digest(repo=source.repo_name, date=window.day.isoformat(), timezone=window.zone_name,
                      branch=branch, repo_url=source.repo_url, commits=reports)

    async def explain(self, source: CommitSource, sha_prefix: str, lang: str = "en",
                      strict: bool = False) -> CommitReport:
        sha = await asyncio.to_thread(source.resolve_sha, sha_prefix)
        [commit] = await self._details(source, [sha])
        [analysis] = await self._analyse_all([commit], lang, None, strict)
        return CommitReport(commit=commit, analysis=analysis)

    # -- details -----------------------------------------------------------------------------

    async def _with_details(self, source: CommitSource, commits: list[Commit]) -> list[Commit]:
        missing = [c.sha for c in commits if not c.details_loaded]
        detailed = dict(zip(missing, await self._details(source, missing)))
        return [detailed.get(c.sha, c) for c in commits]

    async def _details(self, source: CommitSource, shas: list[str]) -> list[Commit]:
        """Commits with files, from the cache when the source allows it, else fetched (bounded)."""
        cacheable = getattr(source, "cache_details", True)
        semaphore = asyncio.Semaphore(self.fetch_concurrency)
        # Own threads: asyncio.to_thread's default executor has min(32, cpus + 4) workers, 6 on 2 cores,
        # which would silently cap fetch_concurrency.
        pool = ThreadPoolExecutor(max_workers=self.fetch_concurrency, thread_name_prefix="digest-fetch")
        loop = asyncio.get_running_loop()

        async def fetch(sha: str) -> Commit:
            async with semaphore:
                detailed = await loop.run_in_executor(pool, source.commit_details, sha)
            if cacheable:  # stored before the shared work ends, so a later caller finds it
                await asyncio.to_thread(self.store.put, COMMITS_TABLE, sha, detailed.model_dump(mode="json"))
            return detailed

        async def one(sha: str) -> Commit:
            if cacheable:
                cached = self.store.get(COMMITS_TABLE, sha)
                if cached is not None:
                    return Commit.model_validate(cached)
            return await self._shared(("details", source.repo_name, sha), lambda: fetch(sha))

        try:
            return list(await asyncio.gather(*(one(sha) for sha in shas)))
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    # -- analyses ----------------------------------------------------------------------------

    def _cache_key(self, commit: Commit, lang: str) -> str | None:
        key = self.analyzer.cache_key
        return None if key is None else f"{commit.sha}|{lang}|{key}"

    async def _analyse_all(self, commits: list[Commit], lang: str, progress: Progress | None,
                           strict: bool) -> list[Analysis]:
        failures: list[RemoteFailure] = []
        done = 0
        lock = asyncio.Lock()

        async def one(commit: Commit) -> Analysis:
            nonlocal done
            analysis = await self._analyse(commit, lang, failures)
            async with lock:
                done += 1
                if progress:
                    progress(done, len(commits))
            return analysis

        results = list(await asyncio.gather(*(one(c) for c in commits)))
        transport = [f for f in failures if not _answer_invalid(f)]
        if strict and commits and len(transport) == len(commits):
            raise transport[0]
        return results

    async def _analyse(self, commit: Commit, lang: str, failures: list) -> Analysis:
        key = self._cache_key(commit, lang)
        if key is not None:
            cached = self.store.get(ANALYSES_TABLE, key)
            if cached is not None:
                self.cache_hits += 1
                return Analysis.model_validate(cached)
        async def analyse_and_store() -> Analysis:
            analysis = await self.analyzer.analyze(commit, lang)
            if key is not None:  # stored before the shared work ends, so a later caller finds it
                await asyncio.to_thread(self.store.put, ANALYSES_TABLE, key, analysis.model_dump(mode="json"))
            return analysis

        try:
            analysis = await self._shared(("analysis", commit.sha, lang, self.analyzer.name), analyse_and_store)
        except RemoteFailure as error:
            if self.fallback is None:
                raise
            failures.append(error)
            log.warning("analysis of %s fell back to %s: %s", commit.short_sha, self.fallback.name, error)
            analysis = await self.fallback.analyze(commit, lang)
            return analysis.model_copy(update={"fallback": str(error)[:300]})
        return analysis


def _answer_invalid(error: RemoteFailure) -> bool:
    """True when the model answered, but not with a valid analysis (strict mode does not count those)."""
    if getattr(error, "answer_invalid", False):
        return True
    from analysis.analyzers.llm import LLMAnswerInvalid  # litellm itself is imported lazily: cheap

    return isinstance(error, LLMAnswerInvalid)
