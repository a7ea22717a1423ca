"""The bot's core: answers /digest commands and publishes digests through any adapter.

Adapters call ``handle_command`` and ``publish`` (see ``bot.core.chat.Core``); the scheduler
calls ``digest_for`` and ``publish``. Nothing here knows which chat platform it serves.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import re
import secrets
import signal
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from fnmatch import fnmatchcase

from analysis.day import DayWindow, parse_zone
from analysis.errors import BadInput, DigestError
from analysis.renderers.post_caps import cap_digest, cap_report
from analysis.sources import is_local_repo
from analysis.sources.names import is_repo_name, parse_repo_name
from bot.core import actions, ask
from bot.core.alerts import mark_announced
from bot.core.chat import ChatAdapter, CommandContext, DigestResponse, ExplainResponse, Response, TextResponse
from bot.core.commands import Command, help_text, parse_command
from bot.core.coordination.github_rate import SharedGitHubRate
from bot.core.coordination.posting import NO_FENCE, NoFence, PostingFence, fence_for
from bot.core.digests import history, weekly
from bot.core.digests.report_pages import report_url, save_report
from bot.core.digests.service import DigestService, build_service
from bot.core.feedback import commands as feedback_commands
from bot.core.feedback.votes import FeedbackBook
from bot.core.ledger import Ledger, LedgerEntry, ledger_key, post_marker
from bot.core.limits import pools
from bot.core.limits.builds import BuildLimits
from bot.core.search.index import Search, open_search
from bot.core.sources import open_repo
from bot.core.subscriptions import Subscription, SubscriptionBook
from bot.core.visibility import RepoVisibility
from bot.settings import Settings
from bot.store import Store, StoreCorrupt, shares_database
from bot.store.leases import holder_id

log = logging.getLogger(__name__)

#: the key of a digest's summary message: the only message that carries the attachments
SUMMARY_KEY = "summary/0"
CHART_CACHE_SIZE = 16


class BotCore:
    """Commands, subscriptions, digests and exactly-once posting, for every adapter."""

    def __init__(self, settings: Settings, store: Store, *, clock: Callable[[], datetime] | None = None,
                 digests: DigestService | None = None, search: Search | None = None):
        self.settings = settings
        self.store = store
        self.subscriptions = SubscriptionBook(store)
        self.ledger = Ledger(store)
        #: each channel's "less"/"more" votes and what they taught; the buttons record through it
        self.feedback = FeedbackBook(store)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.digests = digests or build_service(settings, store)
        #: what `ask` reads; every digest is indexed (FTS5 beside TinyDB, or full-text search in PostgreSQL)
        self.search = search or open_search(store, settings)
        self.limits = BuildLimits(settings.builds_per_user, settings.builds_per_channel)
        #: GitHub's rate limit as every instance sharing the database sees it (one instance: its own sources')
        self.github_rate = SharedGitHubRate(store, settings.github_token) if shares_database(settings) else None
        #: whether a followed GitHub repository is public now (cached): ``ask`` leaves out one turned private
        self.visibility = RepoVisibility(settings, ttl=settings.report_visibility_ttl)
        #: called with the changed Subscription (or None for a removal) so the scheduler can react
        self.on_change: list[Callable[[Subscription, bool], None]] = []
        self._post_locks: dict[str, asyncio.Lock] = {}
        self._holder = holder_id()  # this instance, in the posting fences it holds in a shared store
        #: digest repo name (lower case) -> (what to open it with, platform), learnt in digest_for (for the chart)
        self._repo_specs: dict[str, tuple[str, str]] = {}
        self._charts: dict[tuple, bytes] = {}  # (repo, day, series) -> PNG: one drawing for every channel
        self._chart_lock = threading.Lock()
        self._posts_sent = 0

    # -- commands ----------------------------------------------------------------------------

    async def handle_command(self, ctx: CommandContext, text: str) -> list[Response]:
        try:
            command = parse_command(text)
            handler = getattr(self, f"_cmd_{command.verb}")
            return await handler(ctx, command)
        except StoreCorrupt:
            log.exception("command %r failed: the store is damaged", text[:200])
            return [TextResponse("Something went wrong on our side; the details are in the bot's log.",
                                 error=True)]
        except DigestError as error:
            return [TextResponse(str(error), error=True)]
        except Exception:  # noqa: BLE001 - one failing command must not stop the bot
            log.exception("command %r failed", text[:200])
            return [TextResponse("Something went wrong on our side; the details are in the bot's log.",
                                 error=True)]

    async def act(self, ctx: CommandContext, action: actions.ButtonAction) -> list:
        """A button pressed under a digest's commit reply: its answers (``bot.core.actions``); never raises."""
        return await actions.act(self, ctx, action)

    async def _cmd_help(self, ctx: CommandContext, command: Command) -> list[Response]:
        return [TextResponse(help_text())]

    async def _cmd_subscribe(self, ctx: CommandContext, command: Command) -> list[Response]:
        self._require_manage(ctx)
        repo = await self._check_repo(ctx, command.repo)
        existing = self.subscriptions.get(ctx.channel, repo)
        base = existing.model_dump() if existing else {}
        sub = Subscription(**{**base, "platform": ctx.channel.platform, "workspace": ctx.channel.workspace,
                              "channel": ctx.channel.channel, "repo": repo, **command.options})
        if sub.branch and (sub.branch != (existing.branch if existing else None)):
            await self._check_branch(sub)
        if existing and existing.key != sub.key:  # the same repository, typed in another case before
            self.subscriptions.remove(ctx.channel, existing.repo)
        self.subscriptions.save(sub)
        self._changed(sub, removed=False)
        verb = "Updated" if existing else "Subscribed this channel to"
        return [TextResponse(f"{verb} {sub.describe()}. The digest covers the previous day in {sub.tz}.",
                             ephemeral=False)]

    async def _cmd_unsubscribe(self, ctx: CommandContext, command: Command) -> list[Response]:
        self._require_manage(ctx)
        sub = self.subscriptions.get(ctx.channel, command.repo)
        if sub is None or not self.subscriptions.remove(ctx.channel, sub.repo):
            raise BadInput(f"this channel does not follow {command.repo}; see /digest list")
        self._changed(sub, removed=True)
        return [TextResponse(f"Unsubscribed this channel from `{sub.repo}`.", ephemeral=False)]

    async def _cmd_list(self, ctx: CommandContext, command: Command) -> list[Response]:
        subs = self.subscriptions.in_channel(ctx.channel)
        if not subs:
            return [TextResponse("This channel follows no repository. Try /digest subscribe owner/repo.")]
        lines = []
        for sub in subs:
            lines.append(f"• {sub.describe()}")
            lessons = await pools.store_io(self.feedback.lessons, ctx.channel.key, sub.repo)
            if lessons:
                lines.append(feedback_commands.lessons_line(sub.repo, lessons))
        return [TextResponse("This channel follows:\n" + "\n".join(lines))]

    async def _cmd_forget(self, ctx: CommandContext, command: Command) -> list[Response]:
        self._require_manage(ctx)
        return await feedback_commands.forget_command(self, ctx, command)

    async def _cmd_now(self, ctx: CommandContext, command: Command) -> list[Response]:
        sub = self._subscription_for(ctx, command.repo, "now")
        followed = self.subscriptions.get(ctx.channel, sub.repo) is not None
        if not followed and ctx.channel.platform != "console":
            parse_repo_name(sub.repo)  # a name, not a path, before it is echoed back
        if not followed and not (command.force or ctx.admin):
            raise BadInput(f"this channel does not follow {sub.repo}; add 'force' to post its digest anyway")
        with self._build_slot(ctx):
            return await self._now(ctx, command, sub, followed)

    async def _now(self, ctx: CommandContext, command: Command, sub: Subscription, followed: bool) -> list[Response]:
        if not followed and is_repo_name(sub.repo):
            # not followed here: GitHub's spelling, so "Acme/Widget" and "acme/widget" share one ledger entry
            sub = sub.model_copy(update={"repo": await self._check_repo(ctx, sub.repo)})
        day = command.date or self.previous_day(sub.tz)
        window = DayWindow.of(day, sub.tz)
        window.require_begun(self.clock())  # a day years ahead has no digest, partial or full
        if not window.is_over(self.clock()):
            # the day is not over: post what there is, outside the ledger, so the day's real digest still comes
            digest = await self.digest_for(sub, day)
            return [DigestResponse(digest, lang=sub.lang, note=f"{day} is not over yet in {sub.tz}: this digest "
                                                                "is partial; the full one still comes.")]
        key = ledger_key(ctx.channel, sub.repo, day)
        if not command.force and self.ledger.is_done(key):
            return [TextResponse(f"The digest of {sub.repo} for {day} was already posted here; "
                                 "add 'force' to post it again.")]
        digest = await self.digest_for(sub, day)
        return [DigestResponse(digest, lang=sub.lang, ledger_key=key, force=command.force)]

    async def _cmd_explain(self, ctx: CommandContext, command: Command) -> list[Response]:
        sub = self._subscription_for(ctx, command.repo, "explain")
        with self._build_slot(ctx):
            source = await self._open_checked(ctx.channel.platform, sub.repo)
            report = await self.digests.explain(source, command.sha, sub.lang, tz=sub.tz)
        report = await pools.store_io(self.feedback.adjust_report, ctx.channel.key, source.repo_name, report, sub.lang)
        return [ExplainResponse(report, repo=source.repo_name, repo_url=source.repo_url, lang=sub.lang)]

    async def _cmd_week(self, ctx: CommandContext, command: Command) -> list[Response]:
        return await weekly.week_command(self, ctx, command)

    async def _cmd_ask(self, ctx: CommandContext, command: Command) -> list[Response]:
        return await ask.ask_command(self, ctx, command)

    # -- helpers -----------------------------------------------------------------------------

    def _build_slot(self, ctx: CommandContext):
        """A slot for one digest build asked for in chat (LimitReached when used up); the console is not limited."""
        if ctx.channel.platform == "console":
            return contextlib.nullcontext()
        return self.limits.build(f"{ctx.channel.platform}:{ctx.channel.workspace}:{ctx.user}", ctx.channel.key)

    def _require_manage(self, ctx: CommandContext) -> None:
        if not ctx.can_manage:
            raise BadInput("you are not allowed to change this channel's subscriptions; ask a channel manager")

    def _changed(self, sub: Subscription, removed: bool) -> None:
        for callback in self.on_change:
            callback(sub, removed)

    def _allowed(self, repo: str) -> bool:
        """A private GitHub repository that DIGESTBOT_ALLOWED_REPOS lets channels follow."""
        return is_repo_name(repo) and any(fnmatchcase(repo.lower(), pattern.lower())
                                          for pattern in self.settings.allowed_repos)

    def _source(self, repo: str, platform: str):
        """The source of ``repo``: local folders only for the console; chat platforms name GitHub repositories."""
        return open_repo(self.settings, repo, local=platform == "console", rate=self.github_rate)

    async def _open_checked(self, platform: str, repo: str | None):
        """The source for ``repo`` if it exists, is readable and may be shown on ``platform``."""
        if not repo:
            raise BadInput("name a repository: owner/name on GitHub")
        if platform != "console":
            # chat users name GitHub repositories only: never a path on the bot's machine (not even
            # whether one exists)
            parse_repo_name(repo)
        source = await pools.remote(self._source, repo, platform)
        check = getattr(source, "check_readable", None)
        if check is not None:
            await pools.remote(check)
        self.check_shown(source)
        return source

    async def may_show(self, repo: str, platform: str) -> bool:
        """False for a GitHub repository GitHub now says is private (or gone) that DIGESTBOT_ALLOWED_REPOS does not
        allow; a console's local folder, an allowed repository or an unanswered question (None) is shown."""
        if (platform == "console" and is_local_repo(repo)) or not is_repo_name(repo) or self._allowed(repo):
            return True
        return await self.visibility.is_public(repo) is not False

    def check_shown(self, source) -> None:
        """BadInput if ``source`` is a private repository DIGESTBOT_ALLOWED_REPOS does not allow (may ask GitHub)."""
        if getattr(source, "private", False) and not self._allowed(source.repo_name):
            raise BadInput(f"{source.repo_name} is private; a channel may follow it only if "
                           "DIGESTBOT_ALLOWED_REPOS allows it")

    async def _check_branch(self, sub: Subscription) -> None:
        """BadInput now, rather than a failing digest every morning, if the branch does not exist."""
        source = await self._open_checked(sub.platform, sub.repo)
        await pools.remote(source.check_branch, sub.branch)

    async def _check_repo(self, ctx: CommandContext, repo: str | None) -> str:
        source = await self._open_checked(ctx.channel.platform, repo)
        local = ctx.channel.platform == "console" and is_local_repo(repo)  # chat platforms: never a folder
        return repo if local else source.repo_name

    def _subscription_for(self, ctx: CommandContext, repo: str | None, verb: str) -> Subscription:
        """The channel's subscription to ``repo`` (or its only one); defaults for a repo it does not follow."""
        if repo:
            return self.subscriptions.get(ctx.channel, repo) or Subscription(
                platform=ctx.channel.platform, workspace=ctx.channel.workspace, channel=ctx.channel.channel,
                repo=repo)
        subs = self.subscriptions.in_channel(ctx.channel)
        if len(subs) == 1:
            return subs[0]
        if not subs:
            raise BadInput(f"this channel follows no repository; name one: /digest {verb} ... REPO")
        names = ", ".join(s.repo for s in subs)
        raise BadInput(f"this channel follows several repositories ({names}); name one")

    def previous_day(self, tz: str) -> str:
        return (self.clock().astimezone(parse_zone(tz)).date() - timedelta(days=1)).isoformat()

    async def digest_for(self, sub: Subscription, day: str):
        """The digest of ``sub``'s repository for ``day`` in its zone, with its filters."""
        window = DayWindow.of(day, sub.tz)
        source = await self._open_checked(sub.platform, sub.repo)
        digest = await self.digests.build(source, window, branch=sub.branch, lang=sub.lang,
                                          commit_filter=sub.commit_filter)
        self._repo_specs[digest.repo.lower()] = (sub.repo, sub.platform)
        digest = digest.model_copy(update={"private": bool(getattr(source, "private", False))})
        await pools.store_io(history.record, self.store, digest)
        await pools.store_io(ask.index_digest, self.search, digest, sub.lang, sub.repo)
        return digest

    # -- publishing --------------------------------------------------------------------------

    async def publish(self, adapter: ChatAdapter, ctx: CommandContext, response: Response) -> None:
        if isinstance(response, DigestResponse):
            await self._publish_digest(adapter, ctx, response)
        elif isinstance(response, weekly.WeekResponse):
            await weekly.publish_week(self, adapter, ctx, response)
        elif isinstance(response, ExplainResponse):
            capped = cap_report(response.report, self.settings.max_commit_chars)
            await self.send_all(adapter, ctx, adapter.renderer.explain_messages(dataclasses.replace(response,
                                                                                           report=capped)))
        elif isinstance(response, ask.AskResponse):
            await self.send_all(adapter, ctx, adapter.renderer.answer_messages(response.answer, response.lang))
        else:
            await adapter.send(ctx.channel, adapter.renderer.text_message(response), thread_id=ctx.thread)

    async def send_all(self, adapter: ChatAdapter, ctx: CommandContext, messages: list) -> None:
        """Post ``messages`` where asked (in the command's thread, if any), the rest in the first one's thread."""
        first_id = None
        for message in messages:
            thread = first_id if message.thread else ctx.thread
            posted = await adapter.send(ctx.channel, message, thread_id=thread)
            first_id = first_id or (ctx.thread or posted)

    async def _publish_digest(self, adapter: ChatAdapter, ctx: CommandContext, response: DigestResponse) -> None:
        key = response.ledger_key
        lock = self._post_locks.setdefault(key or "", asyncio.Lock())
        try:
            await self._post_digest_locked(adapter, ctx, response, key, lock)
        finally:
            if not lock.locked() and not getattr(lock, "_waiters", None) and self._post_locks.get(key or "") is lock:
                del self._post_locks[key or ""]  # one lock per digest being posted, not per digest ever

    async def _post_digest_locked(self, adapter: ChatAdapter, ctx: CommandContext, response: DigestResponse,
                                  key: str | None, lock: asyncio.Lock) -> None:
        async with lock, self.posting_fence(key) as fence:
            entry = self.ledger.get(key) if key else None  # read under the fence: no other poster is at it now
            if entry is not None and entry.done and not response.force:
                log.info("digest %s already posted; skipped", key)
                return
            if entry is None or response.force:
                entry = LedgerEntry()
            resuming = entry.run is not None  # an earlier attempt began: it may have posted more than it recorded
            if key and not resuming:
                entry.run, entry.started_at = secrets.token_hex(8), time.time()
                await pools.store_io(self.ledger.save, key, entry)  # before the first post, never after
            # what this channel taught (feedback) moves importance in its copy only: the analyses stay shared
            adjusted = await pools.store_io(self.feedback.adjust, ctx.channel.key, response.digest, response.lang)
            url, files = await self._report_parts(response, adjusted, with_files=SUMMARY_KEY not in entry.posted
                                                  and getattr(adapter, "supports_files", False))
            extra = {"report_url": url} if url else {}
            # changes already announced here as alerts are a short marker; the attached report keeps them whole
            shown = await pools.store_io(mark_announced, self.store, ctx.channel, adjusted, response.lang)
            capped = cap_digest(shown, self.settings.max_commit_chars)  # the report itself is not
            messages = adapter.renderer.digest_messages(capped, response.lang, response.note,
                                                        max_replies=self.settings.max_replies, **extra)
            summary = next((m for m in messages if m.key == SUMMARY_KEY), None)
            if summary is not None:
                summary.files = files
            entry.total = len(messages)
            await self.post_messages(adapter, ctx, key, entry, messages, resuming, fence)

    def posting_fence(self, key: str | None) -> PostingFence | NoFence:
        """Held while a digest with ledger ``key`` is posted: one instance at a time (``coordination.posting``)."""
        return fence_for(getattr(self.store, "leases", None), key, self._holder, self.settings.queue_stalled_seconds)

    async def post_messages(self, adapter: ChatAdapter, ctx: CommandContext, key: str | None, entry: LedgerEntry,
                            messages: list, resuming: bool, fence: PostingFence | NoFence = NO_FENCE) -> None:
        """Post what ``entry`` does not record as posted, recording each post under ``key`` (when given).

        ``fence`` (held by the caller) is checked before each message: a poster taken over stops there.
        """
        if key:
            for index, message in enumerate(messages):
                message.marker = post_marker(key, entry.run, message.key or f"#{index}")
            if resuming:
                await self._read_back(adapter, ctx, key, entry, messages)
        for index, message in enumerate(messages):
            message_key = message.key or f"#{index}"
            if message_key in entry.posted:
                continue
            thread = entry.summary_id if message.thread else None
            if message.thread and thread is None:
                raise DigestError("the digest's summary message is missing; cannot post its thread")
            await fence.check()
            step = asyncio.ensure_future(self._post_one(adapter, ctx, key, entry, message, message_key, thread,
                                                        fence))
            try:
                await asyncio.shield(step)
            except asyncio.CancelledError:
                # told to stop (a shutdown): the message on its way is finished and recorded first, so whoever
                # resumes the digest (another instance, at once) finds it in the ledger, not still in flight
                with contextlib.suppress(Exception):
                    await step
                raise
        entry.done = True
        entry.posted = []  # finished: only "done" matters from now on, and the ledger stays small
        if key:
            await fence.check()
            await pools.store_io(self.ledger.save, key, entry)

    async def _post_one(self, adapter: ChatAdapter, ctx: CommandContext, key: str | None, entry: LedgerEntry,
                        message, message_key: str, thread: str | None, fence: PostingFence | NoFence) -> None:
        """Post one message and record it in ``entry`` (and the ledger, under ``key``, while the fence holds)."""
        posted = await adapter.send(ctx.channel, message, thread_id=thread)
        self._after_post()
        if not message.thread:
            entry.summary_id = posted
        entry.posted.append(message_key)
        if key:
            await fence.check()  # taken over meanwhile: the taker's ledger entry is newer than this one
            await pools.store_io(self.ledger.save, key, entry)

    async def _read_back(self, adapter: ChatAdapter, ctx: CommandContext, key: str, entry: LedgerEntry,
                         messages: list) -> None:
        """Record the messages an earlier attempt posted but could not record, found by their markers."""
        find = getattr(adapter, "find_posted", None)
        missing = {m.marker: m for m in messages if (m.key or "") not in entry.posted and m.marker}
        if find is None or not missing:
            return
        found: dict[str, str] = {}
        try:
            if entry.summary_id is None:
                top = {marker: m for marker, m in missing.items() if not m.thread}
                found.update(await find(ctx.channel, None, set(top), entry.started_at))
                entry.summary_id = next((found[marker] for marker in top if marker in found), None)
            if entry.summary_id is not None:
                found.update(await find(ctx.channel, entry.summary_id, set(missing), entry.started_at))
        except DigestError as error:  # cannot read back: post what the ledger lacks, as before
            log.warning("could not read back the thread of %s: %s", key, error)
            return
        recovered = [missing[marker].key for marker in missing if marker in found and missing[marker].key]
        if recovered:
            entry.posted += [k for k in recovered if k not in entry.posted]
            log.info("digest %s: %d message(s) were posted before a crash and are not posted again",
                     key, len(recovered))
            await pools.store_io(self.ledger.save, key, entry)

    def _after_post(self) -> None:
        """The DIGESTBOT_TEST_CRASH_AFTER_POSTS fault injection: die between a post and its ledger write."""
        self._posts_sent += 1
        if self.settings.test_crash_after_posts and self._posts_sent >= self.settings.test_crash_after_posts:
            log.warning("DIGESTBOT_TEST_CRASH_AFTER_POSTS reached: killing this process now")
            os.kill(os.getpid(), signal.SIGKILL)

    # -- the full report and the chart -------------------------------------------------------

    async def _report_parts(self, response: DigestResponse, adjusted, *, with_files: bool) -> tuple[str | None, list]:
        """The web page's URL (when public and stored) and the summary's attachments (report, chart).

        The page is every channel's (the analyzer's importance); the attached report is ``adjusted``,
        the channel's own copy.
        """
        from analysis.renderers.markdown import render_markdown

        digest, lang = response.digest, response.lang
        markdown = render_markdown(digest, lang)
        url = None
        if self.settings.public_url and digest.private is False:  # unknown counts as private
            if await pools.store_io(save_report, self.store, digest, lang, markdown):
                url = report_url(self.settings.public_url, digest.repo, digest.date)
        if not with_files:
            return url, []
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", digest.repo).strip("-.") + f"-{digest.date}"
        attached = markdown if adjusted is digest else render_markdown(adjusted, lang)
        files: list[tuple[str, bytes]] = [(f"digest-{stem}.md", attached.encode("utf-8"))]
        try:
            files.append((f"chart-{stem}.png", await pools.remote(self._draw_chart, digest)))
        except Exception:  # noqa: BLE001 - a chart is a nicety; the digest goes out without it
            log.warning("the chart of %s on %s could not be drawn", digest.repo, digest.date, exc_info=True)
        return url, files

    def _draw_chart(self, digest) -> bytes:
        from analysis.renderers.chart import render_chart

        spec, platform = self._repo_specs.get(digest.repo.lower(), (digest.repo, "github"))
        estimate = None
        if spec and (platform == "console" or is_repo_name(spec)):
            try:
                estimate = history.source_estimator(self._source(spec, platform), digest.timezone, digest.branch)
            except DigestError as error:
                log.info("no estimates for the chart of %s: %s", digest.repo, error)
        days = history.series(self.store, digest.repo, digest.date, estimate=estimate)
        key = (digest.repo, digest.date, tuple(days))
        with self._chart_lock:  # channels of one repository draw it once, one after the other
            png = self._charts.get(key)
            if png is None:
                png = render_chart(days, digest.repo)
                if len(self._charts) >= CHART_CACHE_SIZE:
                    self._charts.pop(next(iter(self._charts)))
                self._charts[key] = png
        return png
