"""Alerts for important changes: a change landing on a followed branch is posted at once, once, capped per hour.

A head move (a webhook push, or a poll that saw the branch move) names the branch's old and new
head. The changes between them (merges fold the commits they bring in, as in the digest) are
analysed through the digest service (the same cached analysis the next digest reuses); each
channel whose ``alert`` level the change reaches gets one message: the ``explain`` rendering of its
platform. The ledger keys it by (channel, repo, sha), so a replayed push or a second poller posts
nothing twice; at most ``DIGESTBOT_ALERTS_PER_HOUR`` go to a channel per hour, the rest wait for the
digest. ``mark_announced`` then shortens those changes in the channel's next digest to a marker.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from analysis.changes import Change, fold
from analysis.day import DayWindow
from analysis.errors import BadInput, DigestError
from analysis.models import IMPORTANCE_ORDER, Commit, CommitReport, Digest, Insights
from analysis.renderers.post_caps import cap_report
from analysis.sources.base import CommitSource
from analysis.sources.names import is_repo_name
from bot.core.chat import ChannelRef, ChatAdapter, ExplainResponse
from bot.core.ledger import LedgerEntry, ledger_key, post_marker
from bot.core.limits import pools
from bot.core.sources import open_repo
from bot.core.subscriptions import Subscription
from bot.store import Store

if TYPE_CHECKING:
    from bot.core.service import BotCore

log = logging.getLogger(__name__)

TABLE = "alerts"
HOUR = 3600.0
#: how long an alert is remembered: the digest of its day comes at most a day and the catch-up later
KEEP_SECONDS = 4 * 24 * 3600.0
#: a push that names no previous head (a new branch) or GitHub's "no commit" SHA
NO_SHA = "0" * 40
MARKER = {
    "en": "⚡ Already announced in this channel as an alert at {time} UTC; its analysis is in that message "
          "and in the attached report.",
    "zh": "⚡ 已于 UTC {time} 在本频道作为提醒发布；完整分析见该提醒及附带的报告。",
}


def alert_key(channel: ChannelRef, repo: str, sha: str) -> str:
    """The ledger key of one alert: per channel, repository and change."""
    return ledger_key(channel, repo, f"alert:{sha}")


def reaches(importance: str, level: str | None) -> bool:
    """Whether a change of ``importance`` is at least the subscription's alert ``level``."""
    if level not in IMPORTANCE_ORDER or importance not in IMPORTANCE_ORDER:
        return False
    return IMPORTANCE_ORDER.index(importance) <= IMPORTANCE_ORDER.index(level)


@dataclass(frozen=True)
class PushEvent:
    """What a GitHub ``push`` delivery says: the repository, the branch, its old and new head."""

    repo: str
    branch: str
    before: str | None
    after: str
    default_branch: str | None = None


class AlertLog:
    """Per channel, the alerts posted (repo, sha, epoch seconds): for the hourly cap and the digest's markers."""

    def __init__(self, store: Store):
        self.store = store

    def sent(self, channel: ChannelRef, now: float | None = None) -> list[dict]:
        """The channel's alerts (of the last few days before ``now``; all that are kept without it)."""
        rows = (self.store.get(TABLE, channel.key) or {}).get("sent", [])
        return [row for row in rows if now is None or now - float(row.get("at", 0)) < KEEP_SECONDS]

    def sent_within_hour(self, channel: ChannelRef, now: float) -> int:
        return sum(1 for row in self.sent(channel, now) if now - float(row["at"]) < HOUR)

    def record(self, channel: ChannelRef, repo: str, sha: str, now: float) -> None:
        rows = self.sent(channel, now) + [{"repo": repo, "sha": sha, "at": now}]
        self.store.put(TABLE, channel.key, {"sent": rows})


def mark_announced(store: Store, channel: ChannelRef, digest: Digest, lang: str) -> Digest:
    """``digest`` with each change this channel was alerted of reduced to a short marker (zh or en)."""
    announced = {row["sha"]: row["at"] for row in AlertLog(store).sent(channel)}
    if not announced or not any(r.commit.sha in announced for r in digest.commits):
        return digest
    template = MARKER.get(lang, MARKER["en"])
    reports = []
    for report in digest.commits:
        at = announced.get(report.commit.sha)
        if at is not None:
            moment = datetime.fromtimestamp(float(at), timezone.utc).strftime("%Y-%m-%d %H:%M")
            short = report.analysis.model_copy(update={
                "summary": [template.format(time=moment)], "impact": [], "insights": Insights(), "risks": [],
                "recommendations": [], "facts": []})
            report = report.model_copy(update={"analysis": short})
        reports.append(report)
    return digest.model_copy(update={"commits": reports})


def new_commits(listed: list[Commit], before: str | None, after: str) -> list[Commit]:
    """Of ``listed`` (newest first, with parents), those reachable from ``after`` but not from ``before``."""
    by_sha = {c.sha: c for c in listed}

    def reachable(start: str | None) -> set[str]:
        seen: set[str] = set()
        todo = [start] if start in by_sha else []
        while todo:
            sha = todo.pop()
            if sha in seen:
                continue
            seen.add(sha)
            todo += [p for p in by_sha[sha].parents if p in by_sha]
        return seen

    old = reachable(before)
    fresh = reachable(after) - old
    return [c for c in listed if c.sha in fresh]


class AlertService:
    """Turns head moves into alerts on every channel that asked for them."""

    def __init__(self, core: "BotCore", adapters: dict[str, ChatAdapter] | None = None,
                 clock: Callable[[], float] = time.time):
        self.core = core
        self.adapters: dict[str, ChatAdapter] = adapters if adapters is not None else {}
        self.clock = clock
        self.log = AlertLog(core.store)
        self._locks: dict[str, asyncio.Lock] = {}
        #: every alert posted by this process (channel key, sha): what the benchmark and the logs read
        self.posted: list[tuple[str, str]] = []

    def followers(self, repo: str, branch: str, default_branch: str | None = None) -> list[Subscription]:
        """The subscriptions with alerts on ``repo`` (any case for GitHub names) and ``branch``."""
        wanted = repo.lower() if is_repo_name(repo) else repo
        found = []
        for sub in self.core.subscriptions.all():
            name = sub.repo.lower() if is_repo_name(sub.repo) else sub.repo
            if sub.alert and name == wanted and (sub.branch or default_branch) == branch:
                found.append(sub)
        return found

    async def push(self, event: PushEvent) -> int:
        """A webhook's push: the alerts of every channel following that branch; the number posted."""
        subs = [s for s in self.followers(event.repo, event.branch, event.default_branch) if is_repo_name(s.repo)]
        if not subs:
            return 0
        source = await pools.remote(open_repo, self.core.settings, subs[0].repo, local=False,
                                    rate=getattr(self.core, "github_rate", None))
        return await self.head_moved(subs, source, event.before, event.after)

    async def head_moved(self, subs: list[Subscription], source: CommitSource, before: str | None,
                         after: str) -> int:
        """Alerts for the changes between ``before`` and ``after`` on the subscriptions' branch; the number posted."""
        if not before or before == NO_SHA or before == after or not subs:
            return 0  # a new branch or a first look: nothing is "new" yet
        try:  # the private-repository guard, as for digests: followed while allowed (or public) is not enough
            await pools.remote(self.core.check_shown, source)
        except BadInput as refused:
            log.warning("no alerts for %s: %s", source.repo_name, refused)
            return 0
        listed = await self._recent(source, subs[0].branch)
        fresh = new_commits(listed, before, after)
        if not fresh:
            return 0
        posted = 0
        reports: dict[tuple[str, str], CommitReport] = {}
        for sub in subs:
            for change in reversed(fold(fresh, keeps=sub.commit_filter.keeps_author)):  # oldest first
                report = await self._report(source, change, sub.lang, reports, sub.tz)
                if report is None or not sub.commit_filter.keeps_files(report.commit):
                    continue
                # the importance this channel taught (feedback) decides, as it does in its digests
                report = await pools.store_io(self.core.feedback.adjust_report, sub.channel_ref.key, sub.repo,
                                              report, sub.lang)
                if reaches(report.analysis.importance, sub.alert):
                    posted += await self._post_once(sub, source, report)
        return posted

    async def _recent(self, source: CommitSource, branch: str | None) -> list[Commit]:
        """The branch's commits of today (and yesterday, near midnight) in UTC: where a landed change is."""
        now = datetime.fromtimestamp(self.clock(), timezone.utc)
        days = [now.date()] + ([now.date() - timedelta(days=1)] if now.hour < 2 else [])
        listed: list[Commit] = []
        for day in days:
            listed += await pools.remote(source.list_commits, DayWindow.of(day, "UTC"), branch)
        return listed

    async def _report(self, source: CommitSource, change: Change, lang: str,
                      reports: dict[tuple[str, str], CommitReport], tz: str = "UTC") -> CommitReport | None:
        key = (change.commit.sha, lang)
        if key not in reports:
            try:
                report = await self.core.digests.explain(source, change.commit.sha, lang, tz=tz)
            except DigestError as error:
                log.warning("no alert for %s of %s: %s", change.commit.short_sha, source.repo_name, error)
                return None
            reports[key] = report.model_copy(update={"includes": list(change.includes), "pr": change.pr})
        return reports[key]

    async def _post_once(self, sub: Subscription, source: CommitSource, report: CommitReport) -> int:
        """Post one alert to the subscription's channel unless it was posted or the hour's cap is reached."""
        adapter = self.adapters.get(sub.platform)
        if adapter is None:
            return 0
        channel, sha = sub.channel_ref, report.commit.sha
        key = alert_key(channel, sub.repo, sha)
        async with self._locks.setdefault(channel.key, asyncio.Lock()):  # the cap counts one post at a time
            entry = self.core.ledger.get(key)
            if entry.done:
                return 0
            now = self.clock()
            if entry.run is not None:  # an earlier attempt began: it may have posted before a crash
                if await self._found_posted(adapter, channel, key, entry):
                    await self._finish(key, entry, channel, sub.repo, sha, now)
                    return 0
            elif self.log.sent_within_hour(channel, now) >= self.core.settings.alerts_per_hour:
                log.info("alert for %s in %s held for the digest: %d alerts this hour already",
                         report.commit.short_sha, channel.key, self.core.settings.alerts_per_hour)
                return 0
            entry.run, entry.started_at = entry.run or secrets.token_hex(8), time.time()
            await pools.store_io(self.core.ledger.save, key, entry)  # before the post, never after
            capped = cap_report(report, self.core.settings.max_commit_chars)
            response = ExplainResponse(capped, repo=source.repo_name, repo_url=source.repo_url, lang=sub.lang)
            messages = adapter.renderer.explain_messages(response)
            first = None
            for index, message in enumerate(messages):
                message = dataclasses.replace(message, marker=post_marker(key, entry.run, f"#{index}"))
                posted = await adapter.send(channel, message, thread_id=first if message.thread else None)
                first = first or posted
            entry.summary_id = first
            await self._finish(key, entry, channel, sub.repo, sha, now)
            self.posted.append((channel.key, sha))
            log.info("alert for %s of %s posted in %s", report.commit.short_sha, source.repo_name, channel.key)
            return 1

    async def _finish(self, key: str, entry: LedgerEntry, channel: ChannelRef, repo: str, sha: str,
                      now: float) -> None:
        entry.done = True
        await pools.store_io(self.core.ledger.save, key, entry)
        await pools.store_io(self.log.record, channel, repo, sha, now)

    @staticmethod
    async def _found_posted(adapter: ChatAdapter, channel: ChannelRef, key: str, entry: LedgerEntry) -> bool:
        """Whether the interrupted attempt's first message is in the channel (True, never twice, if unknowable)."""
        find = getattr(adapter, "find_posted", None)
        if find is None:
            return True
        marker = post_marker(key, entry.run, "#0")
        try:
            return marker in await find(channel, None, {marker}, entry.started_at)
        except DigestError as error:
            log.warning("could not read back the alert %s: %s; not posted again", key, error)
            return True
