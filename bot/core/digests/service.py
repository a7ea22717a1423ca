"""The digest service: source -> cached details -> analyzer (cached, bounded, with fallback) -> Digest."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from pydantic import ValidationError

from analysis.analyzers.base import AnalysisContext, Analyzer, RelatedCommit
from analysis.changes import Change, fold, pull_request, titled
from analysis.day import DayWindow, parse_zone
from analysis.earlier_additions import day_line, earlier_additions, may_touch_earlier
from analysis.earlier_lines import DayRework, earlier_lines, walked, worth_walking
from analysis.errors import DigestError, RemoteFailure
from analysis.facts import WatchedContents, derive_facts
from analysis.models import Analysis, Commit, CommitReport, Digest, Fact, FallbackReason
from analysis.sources.base import CommitSource
from bot.core.coordination.claims import CLAIM_TTL, Claim, WorkClaims
from bot.core.coordination.llm_slots import SharedSlots
from bot.core.digests.highlights import day_highlights
from bot.core.filters import CommitFilter
from bot.core.limits import pools
from bot.core.limits.breaker import CircuitBreaker, CircuitOpen
from bot.core.limits.budget import BudgetReached, LLMBudget
from bot.observe import metrics
from bot.store import Store, shares_database
from bot.store.leases import holder_id

log = logging.getLogger(__name__)

COMMITS_TABLE = "commits"
#: how long a repository's description is reused before it is asked for again
DESCRIPTION_LIFETIME = 24 * 3600.0
ANALYSES_TABLE = "analyses"
FACTS_TABLE = "facts"
#: part of the facts' cache key: raise it when ``derive_facts`` says something new about the same commit
FACTS_VERSION = 77
#: how many changes before an explained commit its day's walk fetches at most (``_walk_day_back``)
DAY_WALK_LIMIT = 30

Progress = Callable[[int, int], None]
T = TypeVar("T")


class DigestService:
    """Builds digests and single-commit explanations; the one place that caches and falls back.

    Commit details are cached by full SHA (commits are immutable), analyses by
    (sha, lang, analyzer cache key), so re-running a day costs no detail calls and no LLM calls.
    A commit's details and analysis not yet cached are claimed (``bot.core.coordination.claims``) under the analysis
    cache key: digests of this process and of other instances sharing the store wait for the one doing
    them. ``holder`` names this service in the claims (default: unique to it).
    """

    def __init__(self, store: Store, analyzer: Analyzer, *, fallback: Analyzer | None = None,
                 fetch_concurrency: int = 8, budget: LLMBudget | None = None, breaker_failures: int = 3,
                 digest_deadline: float | None = None, holder: str | None = None, claim_ttl: float = CLAIM_TTL):
        self.store = store
        self.analyzer = analyzer
        self.fallback = fallback
        self.fetch_concurrency = fetch_concurrency
        #: per digest: after this many LLM failures in a row, or ``digest_deadline`` seconds, the rest falls back
        self.breaker_failures, self.digest_deadline = breaker_failures, digest_deadline
        self.cache_hits = 0
        #: the daily LLM spend; once reached, commits get the fallback analyzer until the UTC day ends
        self.budget = budget
        if budget is not None and hasattr(analyzer, "usage_listeners"):
            analyzer.guard = budget.check  # checked right before each request, inside the LLM's limit
            analyzer.usage_listeners.append(self._record_spend)
        # work under way, by what it computes: concurrent digests of one repository share it
        self._inflight: dict[tuple, asyncio.Future] = {}
        #: analysis cache key -> the digest (of any instance) fetching and analysing that commit
        self.claims = WorkClaims(getattr(store, "leases", None), holder or holder_id(), claim_ttl)
        #: repository -> (description, monotonic time it was read)
        self._descriptions: dict[str, tuple[str | None, float]] = {}

    async def _shared(self, key: tuple, work: Callable[[], Awaitable[T]]) -> T:
        """Run ``work`` once for concurrent callers asking for the same ``key``.

        The work is a task of its own: a caller that is cancelled (or whose digest fails) stops
        waiting for it, but neither the work nor the other callers waiting on it are cancelled.
        """
        task = self._inflight.get(key)
        if task is None or task.get_loop() is not asyncio.get_running_loop():
            task = asyncio.ensure_future(work())
            self._inflight[key] = task
            task.add_done_callback(functools.partial(self._settled, key))
        return await asyncio.shield(task)

    def _settled(self, key: tuple, task: asyncio.Future) -> None:
        if self._inflight.get(key) is task:
            del self._inflight[key]
        if not task.cancelled():
            task.exception()  # retrieved: no "never retrieved" warning when every caller had gone

    def _record_spend(self, usage) -> Awaitable[None] | None:
        """The LLM usage listener: today's spend (a synced store write) is written in a thread, off the loop.

        The analyzer awaits the write before it frees the request's concurrency slot, so a request
        waiting for that slot sees the spend when the budget is checked.
        """
        if not usage.cost_usd or usage.cost_usd < 0:
            return None
        return pools.store_io(self.budget.record, usage.cost_usd)

    async def build(self, source: CommitSource, window: DayWindow, *, branch: str | None = None,
                    lang: str = "en", commit_filter: CommitFilter | None = None,
                    progress: Progress | None = None, strict: bool = False) -> Digest:
        """The digest of one day. ``strict``: raise if the LLM could be reached for no commit at all.

        Each commit flows on its own: details (cached or fetched), the path filter, then its
        analysis, so the LLM starts on the first commits while later details are still coming.
        """
        commit_filter = commit_filter or CommitFilter()
        warm_up = self._warm_up()  # imports litellm in a thread while GitHub answers
        description = functools.partial(self._description, source)
        in_time = self._fetch_deadline(source)
        async with in_time():
            commits = await pools.remote(source.list_commits, window, branch)
        changes = fold(commits, keeps=commit_filter.keeps_author)  # one entry per merge and what it brings in
        # every commit's related list is taken from the whole day, whichever details arrived first
        all_detailed = asyncio.Event()
        if not changes:
            all_detailed.set()
        failures: list[RemoteFailure] = []
        breaker = CircuitBreaker(self.breaker_failures, self.digest_deadline)
        done = 0

        #: the day's commits with their files, as they arrive: the context of each analysis
        detailed_by_sha: dict[str, Commit] = {}

        async def one(change: Change, details) -> CommitReport | None:
            nonlocal done
            commit, held = change.commit, None
            try:
                if commit.details_loaded:
                    detailed = titled(commit)
                else:
                    detailed, held = await self._claimed_details(source, commit.sha, lang, details, in_time,
                                                                 zone=window.zone_name)
                detailed_by_sha[detailed.sha] = detailed
                if len(detailed_by_sha) == len(changes):
                    all_detailed.set()
                if not commit_filter.keeps_files(detailed):
                    return None
                await warm_up
                held, claim = None, held  # the analysis releases it
                analysis = await self._analyse(detailed, lang, failures, refetch=details, source=source,
                                               neighbours=detailed_by_sha, neighbours_ready=all_detailed,
                                               description=description, breaker=breaker, includes=change.includes,
                                               held=claim, zone=window.zone_name)
            finally:
                if held is not None:
                    await held.release()
            done += 1
            if progress:
                progress(done, len(changes))
            return CommitReport(commit=detailed, analysis=analysis, includes=list(change.includes), pr=change.pr)

        try:
            async with self._fetcher(source) as details:
                # one commit failing cancels the others' waits (their shared work, shielded, still completes)
                async with asyncio.TaskGroup() as group:
                    tasks = [group.create_task(one(c, details)) for c in changes]
        except BaseExceptionGroup as failed:
            raise failed.exceptions[0] from None  # the first failure, as callers expect our error classes
        finally:
            warm_up.cancel()
        reports = [r for r in (task.result() for task in tasks) if r is not None]
        self._check_strict(strict, reports, failures)
        highlights = await day_highlights(self.store, self.analyzer, self.budget, repo=source.repo_name, lang=lang,
                                          date=window.day.isoformat(), zone=window.zone_name, reports=reports,
                                          claims=self.claims)
        return Digest(repo=source.repo_name, date=window.day.isoformat(), timezone=window.zone_name,
                      branch=branch, repo_url=source.repo_url, commits=reports, highlights=highlights)

    async def explain(self, source: CommitSource, sha_prefix: str, lang: str = "en",
                      strict: bool = False, deep: bool = False, tz: str = "UTC") -> CommitReport:
        """One commit's analysis. ``deep`` ("Explain in depth"): the analyzer's deeper analysis when it has
        one (``analyze_deep``, cached apart), else its usual one. ``tz``: the zone of the day the commit belongs to
        (the channel's), whose earlier changes tell what API no release has had yet."""
        deep = deep and hasattr(self.analyzer, "analyze_deep")
        warm_up = self._warm_up()  # imports litellm in a thread while the commit is fetched
        failures: list[RemoteFailure] = []
        try:
            sha = await pools.remote(source.resolve_sha, sha_prefix)
            async with self._fetcher(source) as details:
                commit = await details(sha)
                await warm_up
                zone = parse_zone(tz)
                window = DayWindow.of(commit.committed_at.astimezone(zone).date(), zone)
                analysis = await self._analyse(commit, lang, failures, refetch=details, source=source,
                                               description=functools.partial(self._description, source),
                                               deep=deep, zone=window.zone_name, day_before=functools.partial(
                                                   _walk_day_back, commit, details, window))
        finally:
            warm_up.cancel()
        report = CommitReport(commit=commit, analysis=analysis, pr=pull_request(commit))
        self._check_strict(strict, [report], failures)
        return report

    def _fetch_deadline(self, source: CommitSource):
        """``in_time()``: a context that fails the digest once its listing and details have taken longer than the
        digest's deadline in all (a source slow on every request, each within its own deadline, would otherwise hold
        a digest of many commits for hours). Without details a commit has nothing to analyse, so the digest fails
        with one sentence and its schedule retries it; the LLM's share of the deadline is the breaker's."""
        if self.digest_deadline is None:
            return contextlib.nullcontext
        loop = asyncio.get_running_loop()
        until = loop.time() + self.digest_deadline

        @contextlib.asynccontextmanager
        async def in_time():
            try:
                async with asyncio.timeout_at(until):
                    yield
            except TimeoutError:
                raise RemoteFailure(f"{source.repo_name}'s commits did not all arrive within the digest's deadline "
                                    f"({self.digest_deadline:g} s, DIGESTBOT_DIGEST_DEADLINE); try again later",
                                    code="fetch_deadline", details={"seconds": f"{self.digest_deadline:g}"}) from None

        return in_time

    def _warm_up(self) -> asyncio.Future:
        warm = getattr(self.analyzer, "warm_up", None)
        if warm is None:
            return asyncio.ensure_future(asyncio.sleep(0))
        return asyncio.ensure_future(asyncio.to_thread(warm))

    @staticmethod
    def _check_strict(strict: bool, reports: list, failures: list[RemoteFailure]) -> None:
        """In strict mode (the CLI), an LLM that could be reached for no commit at all is an error."""
        transport = [f for f in failures if not getattr(f, "answer_invalid", False)]
        if strict and reports and len(transport) == len(reports):
            raise transport[0]

    # -- details -----------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _fetcher(self, source: CommitSource):
        """Yields ``details(sha) -> Commit``: from the cache when the source allows it, else fetched (bounded)."""
        cacheable = getattr(source, "cache_details", True)
        # Own threads, as many as fetch_concurrency (they are the bound): asyncio.to_thread's default
        # executor has min(32, cpus + 4) workers, 6 on 2 cores, which would silently cap it.
        pool = ThreadPoolExecutor(max_workers=self.fetch_concurrency, thread_name_prefix="digest-fetch")
        loop = asyncio.get_running_loop()

        def fetch(sha: str) -> Awaitable[Commit]:
            # Submitted now, while the pool is open: a fetch still queued when this digest ends (failed
            # or cancelled) runs anyway and fills the cache for whoever shares it.
            fetched = loop.run_in_executor(pool, source.commit_details, sha)

            async def store() -> Commit:
                detailed = await fetched
                if cacheable:  # stored before the shared work ends, so a later caller finds it
                    kept = detailed.without_patches().model_dump(mode="json")  # patches would grow it forever
                    kept["repo"] = source.repo_name  # for rebuilding the search index from the store
                    await pools.store_io(self.store.put, COMMITS_TABLE, sha, kept)
                return detailed

            return store()

        async def details(sha: str, with_patches: bool = False) -> Commit:
            """The commit with its files (a pull request's merge titled by it); from the cache (paths and stats,
            no patches) unless asked for patches."""
            if cacheable and not with_patches:
                cached = _valid(Commit.model_validate, self.store.get(COMMITS_TABLE, sha))
                if cached is not None:
                    return titled(cached)
            return titled(await self._shared(("details", source.repo_name, sha), lambda: fetch(sha)))

        try:
            yield details
        finally:
            pool.shutdown(wait=False)  # queued fetches finish: other digests may be waiting on them

    # -- analyses ----------------------------------------------------------------------------

    def cached_report(self, repo: str, sha: str, lang: str, zone: str = "UTC") -> CommitReport | None:
        """``repo``'s commit (paths and stats) and its analysis (of the day in ``zone``) from the caches; None
        when either is missing or the cached commit is not known to be ``repo``'s (the caches are shared by every
        repository)."""
        row = self.store.get(COMMITS_TABLE, sha)
        if not isinstance(row, dict) or str(row.get("repo", "")).lower() != repo.lower():
            return None
        commit = _valid(Commit.model_validate, row)
        key = self._cache_key(commit.sha, lang, zone=zone) if commit is not None else None
        analysis = _valid(Analysis.model_validate, self.store.get(ANALYSES_TABLE, key)) if key else None
        if commit is None or analysis is None:
            return None
        return CommitReport(commit=titled(commit), analysis=analysis, pr=pull_request(commit))

    def _cache_key(self, sha: str, lang: str, deep: bool = False, zone: str = "UTC") -> str | None:
        """The analysis cache key of ``sha`` in ``lang``, of the day the commit falls in in ``zone``.

        The facts feed every analyzer (the heuristic writes from them, the LLM is given them). The day matters
        too: what the day's earlier changes added (API no release has had) and its related commits are part of
        the analysis, and a zone draws the day's bounds elsewhere. UTC's key has no zone part, the key of old.
        """
        key = self.analyzer.deep_cache_key if deep else self.analyzer.cache_key
        if key is None:
            return None
        day = "" if zone == "UTC" else f"|tz-{zone}"
        return f"{sha}|{lang}|{key}|facts-v{FACTS_VERSION}{day}"

    async def _cached(self, table: str, key: str, parse: Callable[[object], T]) -> T | None:
        return _valid(parse, await pools.store_io(self.store.get, table, key))

    async def _claimed_details(self, source: CommitSource, sha: str, lang: str,
                               details: Callable[..., Awaitable[Commit]],
                               in_time=contextlib.nullcontext, zone: str = "UTC") -> tuple[Commit, Claim | None]:
        """The commit's details, and the claim on its analysis when this digest fetched them.

        Claimed from before the fetch until the analysis is stored, so the digest (of any instance) that
        fetches a commit's diff is the one that analyses it, and the others wait instead of fetching it too.
        ``in_time`` bounds the fetches (the digest's deadline), not the wait for another digest's analysis.
        """
        key = self._cache_key(sha, lang, zone=zone)
        if key is None or not getattr(source, "cache_details", True):
            async with in_time():
                return await details(sha), None
        fetching = self._inflight.get(("details", source.repo_name, sha))
        if fetching is not None and fetching.get_loop() is asyncio.get_running_loop():
            # another digest of this process is fetching it: its answer keeps the diff, the cached row does not
            async with in_time():
                return titled(await asyncio.shield(fetching)), None
        outcome = await self.claims.acquire(key, lambda: self._cached(COMMITS_TABLE, sha, Commit.model_validate))
        if not isinstance(outcome, Claim):
            return titled(outcome), None
        try:
            async with in_time():
                return await details(sha), outcome
        except BaseException:
            await outcome.release()
            raise

    async def _description(self, source: CommitSource) -> str | None:
        """The repository's one-line description, read once a day per repository; None when unknown.

        Only an analyzer that uses it (``wants_description``) makes the source read it.
        """
        describe = getattr(source, "description", None)
        if describe is None or not getattr(self.analyzer, "wants_description", False):
            return None
        cached = self._descriptions.get(source.repo_name)
        if cached is not None and time.monotonic() - cached[1] < DESCRIPTION_LIFETIME:
            return cached[0]

        async def read() -> str | None:
            try:
                text = await pools.remote(describe)
            except Exception as error:  # noqa: BLE001 - a description is context, never a reason to fail
                log.info("no description for %s: %s", source.repo_name, error)
                text = None
            self._descriptions[source.repo_name] = (text, time.monotonic())
            return text

        return await self._shared(("description", source.repo_name), read)

    async def _facts(self, commit: Commit, source: CommitSource | None,
                     refetch: Callable[..., Awaitable[Commit]] | None) -> tuple[list[Fact], bool]:
        """The diff's facts of ``commit`` and whether they are complete (no file read failed).

        Cached by SHA when complete (a re-run reads no file), else derived again next time.
        """
        key = f"{commit.sha}|facts-v{FACTS_VERSION}"
        cached = _valid(lambda rows: [Fact.model_validate(fact) for fact in rows], self.store.get(FACTS_TABLE, key))
        if cached is not None:
            return cached, True

        async def derive_and_store() -> tuple[list[Fact], bool]:
            detailed = commit
            if commit.patches_dropped and refetch is not None:  # the cached commit keeps no diff
                detailed = await refetch(commit.sha, with_patches=True)
            contents = WatchedContents(source) if source is not None and getattr(source, "file_at", None) else None
            facts = await pools.remote(derive_facts, detailed, contents)  # may read files from the source
            complete = contents is None or not contents.failed  # a failed read (not an absent file): again next time
            if complete:
                kept = [fact.model_dump(mode="json", exclude_none=True) for fact in facts]
                await pools.store_io(self.store.put, FACTS_TABLE, key, kept)
            return facts, complete

        return await self._shared(("facts", commit.sha), derive_and_store)

    async def _context(self, commit: Commit, source: CommitSource | None,
                       neighbours: dict[str, Commit] | None,
                       refetch: Callable[..., Awaitable[Commit]] | None = None,
                       neighbours_ready: asyncio.Event | None = None,
                       day_before: Callable[[], Awaitable[list[Commit]]] | None = None) -> AnalysisContext:
        """The repository, the diff's facts and the same-day commits sharing files with ``commit``.

        The related commits are chosen once every commit of the day has its details
        (``neighbours_ready``), so the list does not depend on which details arrived first.
        """
        facts, complete = await self._facts(commit, source, refetch)
        if neighbours_ready is not None:
            await neighbours_ready.wait()
        paths = {f.path for f in commit.files}
        related = []
        for other in (neighbours or {}).values():
            shared = sorted(paths & {f.path for f in other.files})
            if other.sha != commit.sha and shared:
                related.append(((other.committed_at, other.sha),
                                RelatedCommit(other.short_sha, other.title, tuple(shared[:5]))))
        related.sort(key=lambda pair: pair[0], reverse=True)  # newest first; the SHA breaks ties
        contents = source if source is not None and getattr(source, "file_at", None) else None
        file_text = functools.partial(contents.file_at, commit.sha) if contents is not None else None
        day_before = _once(day_before) if day_before is not None else None  # one walk back for both readings
        added = await self._added_earlier(commit, facts, source, neighbours, refetch, day_before)
        rework = await self._day_rework(commit, neighbours, refetch, day_before)
        return AnalysisContext(repo=source.repo_name if source is not None else "", facts=facts,
                               facts_complete=complete, related=[r for _, r in related[:10]], file_text=file_text,
                               added_earlier=added, day_rework=rework)

    async def _added_earlier(self, commit: Commit, facts: list[Fact], source: CommitSource | None,
                             neighbours: dict[str, Commit] | None,
                             refetch: Callable[..., Awaitable[Commit]] | None,
                             day_before: Callable[[], Awaitable[list[Commit]]] | None = None) -> dict[str, str]:
        """The symbols the day's changes before ``commit`` (its first-parent line) added, when ``commit`` removes or
        reshapes any symbol: their facts are the ones their own analyses derive (shared, cached by SHA). The line
        comes from the digest's day (``neighbours``), or, for a commit explained alone, from ``day_before``."""
        if not may_touch_earlier(facts):
            return {}
        if neighbours:
            line = day_line(neighbours, commit)
        elif day_before is not None:
            line = await day_before()
        else:
            return {}
        derived = await asyncio.gather(*(self._facts(other, source, refetch) for other in line))
        return earlier_additions([(commit, facts), *((other, f) for other, (f, _) in zip(line, derived))], commit)

    async def _day_rework(self, commit: Commit, neighbours: dict[str, Commit] | None,
                          refetch: Callable[..., Awaitable[Commit]] | None,
                          day_before: Callable[[], Awaitable[list[Commit]]] | None = None) -> DayRework | None:
        """``commit``'s lines read against the day's changes before it on its first-parent line
        (``analysis.earlier_lines``), when it removes code lines (not too many) and its patches are at hand. The line
        comes from the digest's day (``neighbours``) or, for a commit explained alone, from ``day_before``; of it,
        only the changes touching ``commit``'s paths (up to the nearest release) are read with their patches (the
        cached ones keep none: fetched again, shared with any other reader)."""
        if not worth_walking(commit):
            return None
        if neighbours:
            line = day_line(neighbours, commit)
        elif day_before is not None:
            line = await day_before()
        else:
            return None
        needed = walked(line, commit)

        async def with_patches(other: Commit) -> Commit:
            if other.patches_dropped and refetch is not None:
                return await refetch(other.sha, with_patches=True)
            return other  # without patches (no refetch): its lines count as unknown, so as released

        return earlier_lines(commit, await asyncio.gather(*(with_patches(other) for other in needed)))

    async def _analyse(self, commit: Commit, lang: str, failures: list,
                       refetch: Callable[..., Awaitable[Commit]] | None = None,
                       source: CommitSource | None = None,
                       neighbours: dict[str, Commit] | None = None,
                       neighbours_ready: asyncio.Event | None = None,
                       description: Callable[[], Awaitable[str | None]] | None = None,
                       breaker: CircuitBreaker | None = None, includes: tuple[Commit, ...] = (),
                       deep: bool = False, held: Claim | None = None,
                       day_before: Callable[[], Awaitable[list[Commit]]] | None = None,
                       zone: str = "UTC") -> Analysis:
        """The cached analysis, or a new one under the claim on it (``held``: taken with the details; released here).

        Another digest (of this or another instance) analysing the commit is waited for: its stored row,
        not a second fetch of the diff and a second analysis (when it stores nothing, this one analyses).
        ``deep``: the analyzer's deeper analysis, cached (and claimed) apart; ``zone``: the day's (``_cache_key``).
        """
        key = self._cache_key(commit.sha, lang, deep, zone)
        claim = held
        try:
            if key is None:
                return await self._analyse_claimed(commit, lang, failures, refetch, source, neighbours,
                                                   neighbours_ready, description, breaker, includes, deep=deep,
                                                   day_before=day_before, zone=zone)
            cached = await self._cached(ANALYSES_TABLE, key, Analysis.model_validate) if claim is not None \
                else await self.claims.acquire(key, lambda: self._cached(ANALYSES_TABLE, key, Analysis.model_validate))
            if isinstance(cached, Claim):
                claim = cached
            elif cached is not None:
                self.cache_hits += 1
                metrics.cache_hit()
                return cached
            return await self._analyse_claimed(commit, lang, failures, refetch, source, neighbours,
                                               neighbours_ready, description, breaker, includes, key, deep=deep,
                                               day_before=day_before, zone=zone)
        finally:
            if claim is not None:
                await claim.release()

    async def _analyse_claimed(self, commit: Commit, lang: str, failures: list,
                               refetch: Callable[..., Awaitable[Commit]] | None,
                               source: CommitSource | None, neighbours: dict[str, Commit] | None,
                               neighbours_ready: asyncio.Event | None,
                               description: Callable[[], Awaitable[str | None]] | None,
                               breaker: CircuitBreaker | None, includes: tuple[Commit, ...],
                               key: str | None = None, *, deep: bool = False,
                               day_before: Callable[[], Awaitable[list[Commit]]] | None = None,
                               zone: str = "UTC") -> Analysis:
        """A new analysis of ``commit`` (no cached one): the diff, the context, the analyzer, the fallback."""
        if commit.patches_dropped and refetch is not None and getattr(self.analyzer, "needs_patches", False):
            commit = await refetch(commit.sha, with_patches=True)  # a new analysis needs the diff again

        context = await self._context(commit, source, neighbours, refetch, neighbours_ready, day_before)
        context.folded_titles = [c.title for c in includes]
        if description is not None:
            context.description = await description()
        if breaker is not None and self.fallback is not None:
            context.requests = breaker  # told inside the LLM's slot: checked again, and of each outcome

        async def analyse_and_store() -> Analysis:
            ask = self.analyzer.analyze_deep if deep else self.analyzer.analyze
            analysis = await ask(commit, lang, context)
            analysis = analysis.model_copy(update={"facts": context.facts})  # derived, never written by a model
            metrics.commit_analysed(analysis.analyzer)
            if key is not None and context.facts_complete:  # stored before the shared work ends, for later callers
                await pools.store_io(self.store.put, ANALYSES_TABLE, key, analysis.model_dump(mode="json"))
            return analysis

        try:
            if self.budget is not None:
                self.budget.check()  # spent for today: not even a wait for the LLM's concurrency limit
            if breaker is not None and self.fallback is not None:
                breaker.check()
            analysis = await self._shared(("analysis", commit.sha, lang, self.analyzer.name, deep, zone),
                                          analyse_and_store)
        except RemoteFailure as error:
            if self.fallback is None:
                raise
            if isinstance(error, BudgetReached):  # logged once a day by the budget; not a failure of the LLM
                metrics.budget_fallback()
            else:
                failures.append(error)
            if not isinstance(error, (BudgetReached, CircuitOpen)):  # those two are logged once, not per commit
                log.warning("analysis of %s fell back to %s: %s", commit.short_sha, self.fallback.name, error)
            analysis = await self.fallback.analyze(commit, lang, context)
            metrics.commit_analysed(analysis.analyzer)
            return analysis.model_copy(update={"fallback": str(error)[:300], "facts": context.facts,
                                               "fallback_reason": FallbackReason.of(error)})
        return analysis


def _once(walk: Callable[[], Awaitable[list[Commit]]]) -> Callable[[], Awaitable[list[Commit]]]:
    """``walk``, walked at most once: later calls get the first one's line."""
    done: list[list[Commit]] = []

    async def line() -> list[Commit]:
        if not done:
            done.append(await walk())
        return done[0]

    return line


async def _walk_day_back(commit: Commit, details: Callable[[str], Awaitable[Commit]],
                         window: DayWindow) -> list[Commit]:
    """The changes before ``commit`` on its first-parent line that ``window``'s day holds, nearest first, fetched
    (through the details cache) one by one, at most DAY_WALK_LIMIT: the line a digest of that day would hand over.
    A parent that cannot be fetched ends the walk: what lies before it is read as released, the reading of old."""
    line: list[Commit] = []
    sha = commit.parents[0] if commit.parents else None
    while sha and len(line) < DAY_WALK_LIMIT:
        try:
            other = await details(sha)
        except DigestError as error:
            log.info("the day before %s was read up to %s: %s", commit.short_sha, sha[:7], error)
            break
        if not window.contains(other.committed_at):
            break
        line.append(other)
        sha = other.parents[0] if other.parents else None
    return line


def observe_llm(analyzer) -> None:
    """Count the LLM analyzer's calls and usage in the bot's metrics (the analyzer knows nothing of them)."""
    analyzer.call_listeners.append(metrics.llm_call)
    analyzer.usage_listeners.append(
        lambda used: metrics.llm_usage(used.model, used.prompt_tokens, used.completion_tokens, used.cost_usd))


def _valid(parse: Callable[[object], T], cached) -> T | None:
    """A cached row parsed; a row that no longer fits (damaged, an older shape) is a miss, computed again."""
    if cached is None:
        return None
    try:
        return parse(cached)
    except (ValidationError, TypeError) as error:
        log.warning("a cached row did not fit its schema and is computed again: %s", type(error).__name__)
        return None


def build_service(settings, store: Store, analyzer_kind: str = "auto") -> DigestService:
    """The digest service ``settings`` ask for: the analyzer, the heuristic fallback and the LLM budget."""
    from analysis.analyzers import make_analyzer

    holder = holder_id()  # this instance, in the claims and LLM slots it holds in a shared store
    analyzer = make_analyzer(analyzer_kind, model=settings.llm_model, api_base=settings.llm_api_base,
                             concurrency=settings.llm_concurrency, timeout=settings.llm_timeout,
                             context_tokens=settings.llm_context_tokens,
                             max_output_tokens=settings.llm_max_output_tokens,
                             max_input_tokens=settings.llm_max_input_tokens, deadline=settings.llm_deadline)
    if analyzer.name == "heuristic":
        return DigestService(store, analyzer, holder=holder, digest_deadline=settings.digest_deadline)
    observe_llm(analyzer)
    if shares_database(settings):  # DIGESTBOT_LLM_CONCURRENCY holds for all the instances together
        analyzer.shared_limit = SharedSlots(store.leases, holder, settings.llm_concurrency).slot
    from analysis.analyzers.heuristic import HeuristicAnalyzer

    budget = LLMBudget(store, settings.llm_daily_budget_usd)
    return DigestService(store, analyzer, fallback=HeuristicAnalyzer(), budget=budget,
                         breaker_failures=settings.llm_breaker_failures, digest_deadline=settings.digest_deadline,
                         holder=holder)
