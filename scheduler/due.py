"""When a subscription's digest is due, which missed digests to catch up, and the job that posts one.

Pure time logic (no scheduler, no real clock) plus ``post_due_digest``, the plain async job
function that APScheduler and the catch-up at start both call; tests call it directly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from analysis.day import parse_zone
from bot.core.chat import ChatAdapter, CommandContext, DigestResponse
from bot.core.ledger import LedgerEntry, ledger_key
from bot.core.subscriptions import Subscription

if TYPE_CHECKING:
    from bot.core.service import BotCore
    from scheduler.builds import SharedBuilds

log = logging.getLogger(__name__)

UTC = timezone.utc


@dataclass(frozen=True)
class Slot:
    """One scheduled run: the instant (UTC) and the local day whose digest it posts."""

    run_at: datetime
    day: str


def parse_at(at: str) -> tuple[int, int]:
    hour, minute = at.split(":")
    return int(hour), int(minute)


def slot_on(sub: Subscription, local_day: date) -> Slot:
    """The run on ``local_day`` at ``sub.at`` in its zone; the digest covers the day before.

    A wall time that does not exist (a spring-forward gap) runs at the same UTC instant as
    APScheduler's CronTrigger does (the earlier offset: 02:30 becomes 03:30); an ambiguous one
    (fall back) runs at its first occurrence.
    """
    hour, minute = parse_at(sub.at)
    local = datetime.combine(local_day, time(hour, minute), tzinfo=parse_zone(sub.tz))
    return Slot(local.astimezone(UTC), (local_day - timedelta(days=1)).isoformat())


def last_slot(sub: Subscription, now: datetime) -> Slot:
    """The latest scheduled run at or before ``now``."""
    today = now.astimezone(parse_zone(sub.tz)).date()
    for back in range(3):
        slot = slot_on(sub, today - timedelta(days=back))
        if slot.run_at <= now:
            return slot
    raise AssertionError("unreachable: a slot two days back is always in the past")


def slots_since(sub: Subscription, now: datetime, since: datetime) -> list[Slot]:
    """Scheduled runs in (since, now], oldest first."""
    slots = []
    slot = last_slot(sub, now)
    local_day = date.fromisoformat(slot.day) + timedelta(days=1)
    while slot.run_at > since:
        slots.append(slot)
        local_day -= timedelta(days=1)
        slot = slot_on(sub, local_day)
    return slots[::-1]


@dataclass(frozen=True)
class CatchUp:
    """What to do at start about one missed slot: ``post`` it (``late_by`` late) or ``skip`` it."""

    action: str  # "post" | "skip"
    slot: Slot
    late_by: timedelta


def plan_catchup(sub: Subscription, now: datetime, *, catchup_hours: float,
                 is_done) -> list[CatchUp]:
    """Missed slots of ``sub`` at start: each one not yet done is posted if it is less than
    ``catchup_hours`` late, else skipped. ``is_done(day)`` reads the ledger.

    Only the slots since the subscription was made count, and of the ones too late to post only
    the latest is reported (older ones were already reported by earlier starts, or are moot).
    """
    window_start = now - timedelta(hours=catchup_hours)
    created = sub.created_at.astimezone(UTC) if sub.created_at else None
    decisions = []
    last = last_slot(sub, now)
    candidates = slots_since(sub, now, window_start) or [last]
    for slot in candidates:
        if created is not None and slot.run_at < created:
            continue
        if is_done(slot.day):
            continue
        late_by = now - slot.run_at
        action = "post" if late_by < timedelta(hours=catchup_hours) else "skip"
        decisions.append(CatchUp(action, slot, late_by))
    return decisions


def late_note(late_by: timedelta, lang: str = "en") -> str:
    """One sentence telling the channel its digest is late."""
    minutes = max(1, round(late_by.total_seconds() / 60))
    if minutes < 60:
        amount, unit_en, unit_zh = minutes, "minute", "分钟"
    else:
        amount, unit_en, unit_zh = round(minutes / 60), "hour", "小时"
    if lang == "zh":
        return f"本摘要晚了 {amount} {unit_zh}（机器人在预定时间未运行）。"
    return f"This digest is {amount} {unit_en}{'s' if amount != 1 else ''} late (the bot was not running at the scheduled time)."


async def post_due_digest(core: "BotCore", adapter: ChatAdapter, sub: Subscription, day: str, *,
                          late_by: timedelta | None = None, builds: "SharedBuilds | None" = None) -> str:
    """Post ``sub``'s digest of ``day`` unless the ledger says it is done; resume it when half posted.

    Returns what happened: ``done-before``, ``quiet`` (no commits, nothing posted, day marked done)
    or ``posted``. Errors propagate; the ledger then still shows the digest unfinished.
    """
    key = ledger_key(sub.channel_ref, sub.repo, day)
    if core.ledger.is_done(key):
        log.info("digest %s already posted; nothing to do", key)
        return "done-before"
    digest = await (builds.build(sub, day) if builds is not None else core.digest_for(sub, day))
    if not digest.commits and sub.quiet:
        core.ledger.save(key, LedgerEntry(total=0, done=True))
        log.info("digest %s: no commits and the subscription is quiet; nothing posted", key)
        return "quiet"
    note = late_note(late_by, sub.lang) if late_by is not None else None
    ctx = CommandContext(channel=sub.channel_ref, user="scheduler")
    await core.publish(adapter, ctx, DigestResponse(digest, lang=sub.lang, note=note, ledger_key=key))
    log.info("digest %s posted (%d commits)", key, len(digest.commits))
    return "posted"
