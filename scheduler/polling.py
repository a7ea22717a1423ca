"""Polling for alerts: every few minutes, each followed branch's head, asked conditionally so no move costs nothing.

``poll_heads`` is the job (a plain function); APScheduler only runs it every
``DIGESTBOT_ALERT_POLL_MINUTES``. GitHub branches are asked with their last ETag
(``If-None-Match``): an unchanged branch is a 304, which GitHub does not count against the rate
limit. With ``DIGESTBOT_GITHUB_WEBHOOK_SECRET`` set, GitHub pushes arrive by webhook and only local
repositories (console) are polled, with git. Heads and ETags are kept in the store, so a restart
neither alerts old changes nor pays a full request per branch.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timezone

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from analysis.errors import DigestError
from analysis.sources import is_local_repo
from bot.core.alerts import AlertService
from bot.core.limits import pools
from bot.core.sources import open_repo
from bot.core.subscriptions import Subscription

log = logging.getLogger(__name__)

HEADS_TABLE = "alert_heads"
JOB_ID = "digestbot:alert-poll"


def _is_local(sub: Subscription) -> bool:
    """A local git repository: only the console may follow one (chat platforms name GitHub repositories)."""
    return sub.platform == "console" and is_local_repo(sub.repo)


def _watch_key(sub: Subscription) -> str:
    repo = sub.repo if _is_local(sub) else sub.repo.lower()
    return f"{'local' if _is_local(sub) else 'github'}|{repo}|{sub.branch or ''}"


async def poll_heads(alerts: AlertService) -> int:
    """One round: every branch some channel wants alerts for; the number of alerts posted."""
    settings, store = alerts.core.settings, alerts.core.store
    groups: dict[str, list[Subscription]] = {}
    for sub in alerts.core.subscriptions.all():
        if sub.alert:
            groups.setdefault(_watch_key(sub), []).append(sub)
    posted = 0
    for key, subs in groups.items():
        local = _is_local(subs[0])
        if settings.github_webhook_secret and not local:
            continue  # GitHub tells us by webhook
        try:
            source = await pools.remote(open_repo, settings, subs[0].repo, local=local)
            seen = store.get(HEADS_TABLE, key) or {}
            head, etag = await pools.remote(source.branch_head, subs[0].branch, seen.get("etag"))
            if head is None or head == seen.get("sha"):
                continue
            posted += await alerts.head_moved(subs, source, seen.get("sha"), head)
            # kept once its alerts are out: a round that failed half way is tried again (the ledger skips the posted)
            await pools.store_io(store.put, HEADS_TABLE, key, {"sha": head, "etag": etag})
        except DigestError as error:
            log.warning("alert poll of %s failed: %s", subs[0].repo, error)
    return posted


class HeadPoller:
    """Runs ``poll_heads`` every ``DIGESTBOT_ALERT_POLL_MINUTES`` (one round at a time)."""

    def __init__(self, alerts: AlertService, scheduler: AsyncIOScheduler | None = None):
        self.alerts = alerts
        self.scheduler = scheduler or AsyncIOScheduler(
            timezone=timezone.utc, job_defaults={"coalesce": True, "max_instances": 1})

    def start(self) -> None:
        minutes = self.alerts.core.settings.alert_poll_minutes
        self.scheduler.add_job(self._round, "interval", minutes=minutes, id=JOB_ID, name="poll followed branches",
                               replace_existing=True)
        if not self.scheduler.running:
            self.scheduler.start()

    async def _round(self) -> None:
        try:
            await poll_heads(self.alerts)
        except asyncio.CancelledError:  # shutting down: the heads kept in the store resume the next round
            log.info("alert poll interrupted by shutdown")
        except Exception:  # noqa: BLE001 - the next round tries again
            log.exception("alert poll failed")

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
