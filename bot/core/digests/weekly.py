"""Weekly roll-ups: the ``week`` command, building a ``Week`` from seven cached digests, and posting it once.

A week reuses the days' digests (cached details and analyses: a week of already-digested days
costs no per-commit LLM request) and asks the analyzer once for the week's highlights (the
heuristic writes them from the facts otherwise). A scheduled post goes through the posting ledger
under a week key (``ledger_key(channel, repo, "2026-W48")``), so it is posted once, across restarts.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.day import DayWindow
from analysis.errors import BadInput
from analysis.renderers.week_markdown import render_week_markdown
from analysis.week import Week, last_full_week, week_days
from bot.core.chat import ChatAdapter, CommandContext
from bot.core.digests import history
from bot.core.digests.highlights import day_highlights
from bot.core.ledger import LedgerEntry, ledger_key
from bot.core.limits import pools
from bot.core.subscriptions import Subscription

if TYPE_CHECKING:
    from bot.core.service import BotCore

log = logging.getLogger(__name__)

SUMMARY_KEY = "summary/0"


@dataclass
class WeekResponse:
    """A weekly roll-up to post: one summary message carrying the full report and the 7-day chart."""

    week: Week
    lang: str = "en"
    ledger_key: str | None = None  # (channel, repo, week) for a scheduled post: posted once


def week_key(sub: Subscription, week: str) -> str:
    """The ledger key of ``sub``'s roll-up of ``week``: beside its days' keys, never equal to one."""
    return ledger_key(sub.channel_ref, sub.repo, week)


async def week_command(core: "BotCore", ctx: CommandContext, command) -> list:
    """``week [REPO] [YYYY-Www]``: the roll-up now (default: the last full ISO week in the channel's zone)."""
    sub = core._subscription_for(ctx, command.repo, "week")
    if core.subscriptions.get(ctx.channel, sub.repo) is None and not ctx.admin:
        raise BadInput(f"this channel does not follow {sub.repo}; subscribe to it first")
    label = command.date or last_full_week(core.clock(), sub.tz)
    last = DayWindow.of(week_days(label)[-1].isoformat(), sub.tz)
    if not last.is_over(core.clock()):
        raise BadInput(f"the week {label} is not over yet in {sub.tz}; ask for an earlier week")
    with core._build_slot(ctx):
        week = await build_week(core, sub, label)
    return [WeekResponse(week, lang=sub.lang)]


async def build_week(core: "BotCore", sub: Subscription, label: str) -> Week:
    """The roll-up of ``sub``'s repository for the ISO week ``label`` in its zone, with its filters."""
    digests = await asyncio.gather(*(core.digest_for(sub, day.isoformat()) for day in week_days(label)))
    first = digests[0]
    week = Week(repo=first.repo, week=label, timezone=sub.tz, branch=sub.branch, repo_url=first.repo_url,
                days=list(digests))
    service = core.digests
    highlights = await day_highlights(core.store, service.analyzer, service.budget, repo=week.repo, date=label,
                                      zone=sub.tz, lang=sub.lang, reports=week.reports, period="week",
                                      claims=service.claims)
    # the highlights (cached for every channel) read the analyzer's levels; the days shown, the channel's
    shown = [await pools.store_io(core.feedback.adjust, sub.channel_ref.key, day, sub.lang) for day in digests]
    return week.model_copy(update={"highlights": highlights, "days": shown})


def _attachments(core: "BotCore", week: Week, lang: str) -> list[tuple[str, bytes]]:
    """The full report (Markdown) and the week's chart (the 14-day chart's drawing over the 7 days)."""
    from analysis.renderers.chart import render_chart

    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", week.repo).strip("-.") + f"-{week.week}"
    files = [(f"week-{stem}.md", render_week_markdown(week, lang).encode("utf-8"))]
    try:
        days = history.series(core.store, week.repo, week.last_day, days=7)
        files.append((f"chart-{stem}.png", render_chart(days, week.repo)))
    except Exception:  # noqa: BLE001 - a chart is a nicety; the roll-up goes out without it
        log.warning("the chart of %s for %s could not be drawn", week.repo, week.week, exc_info=True)
    return files


async def publish_week(core: "BotCore", adapter: ChatAdapter, ctx: CommandContext, response: WeekResponse) -> None:
    """Post the roll-up; with a ledger key, once: a finished one is skipped, an interrupted one resumed."""
    key = response.ledger_key
    lock_key = key or f"week:{id(response)}"
    lock = core._post_locks.setdefault(lock_key, asyncio.Lock())
    try:
        await _post_locked(core, adapter, ctx, response, key, lock)
    finally:
        if not lock.locked() and core._post_locks.get(lock_key) is lock:
            del core._post_locks[lock_key]


async def _post_locked(core: "BotCore", adapter: ChatAdapter, ctx: CommandContext, response: WeekResponse,
                       key: str | None, lock: asyncio.Lock) -> None:
    async with lock, core.posting_fence(key) as fence:
        entry = core.ledger.get(key) if key else LedgerEntry()
        if entry.done:
            log.info("weekly roll-up %s already posted; skipped", key)
            return
        resuming = entry.run is not None
        if key and not resuming:
            entry.run, entry.started_at = secrets.token_hex(8), time.time()
            await pools.store_io(core.ledger.save, key, entry)  # before the first post, never after
        messages = adapter.renderer.week_messages(response.week, response.lang)
        if getattr(adapter, "supports_files", False) and SUMMARY_KEY not in entry.posted:
            messages[0].files = await pools.remote(_attachments, core, response.week, response.lang)
        entry.total = len(messages)
        await core.post_messages(adapter, ctx, key, entry, messages, resuming, fence)


async def post_due_week(core: "BotCore", adapter: ChatAdapter, sub: Subscription, week: str | None = None) -> str:
    """The scheduled roll-up of ``week`` (default: the last full week in ``sub``'s zone), once: "posted" or
    "already-posted"."""
    label = week or last_full_week(core.clock(), sub.tz)
    key = week_key(sub, label)
    if core.ledger.is_done(key):
        return "already-posted"
    week = await build_week(core, sub, label)
    if sub.quiet and not week.reports:
        return "quiet"  # a quiet subscription posts nothing for a week without commits
    ctx = CommandContext(channel=sub.channel_ref, user="scheduler")
    await publish_week(core, adapter, ctx, WeekResponse(week, lang=sub.lang, ledger_key=key))
    return "posted"
