"""Subscriptions: which channel follows which repository, when and how; stored per channel and repo."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from analysis.renderers.inert_text import code_span
from analysis.sources.names import is_repo_name
from bot.core.chat import ChannelRef
from bot.core.filters import CommitFilter
from bot.store import Store

TABLE = "subscriptions"


class Subscription(BaseModel):
    platform: str
    workspace: str
    channel: str
    repo: str
    at: str = "09:00"
    tz: str = "UTC"
    branch: str | None = None
    lang: str = "en"
    paths: list[str] = Field(default_factory=list)
    ignore_authors: list[str] = Field(default_factory=list)
    ignore_bots: bool = False
    quiet: bool = False
    #: the day ("mon" ... "sun") of a weekly roll-up at ``at`` in ``tz``; None: no roll-up
    weekly: str | None = None
    #: post a change of at least this importance within minutes of landing ("high" | "medium"); None: off
    alert: str | None = None
    #: when the channel first subscribed (stamped by the scheduler); no catch-up for a slot before it
    created_at: datetime | None = None

    @property
    def channel_ref(self) -> ChannelRef:
        return ChannelRef(self.platform, self.workspace, self.channel)

    @property
    def key(self) -> str:
        return subscription_key(self.channel_ref, self.repo)

    @property
    def commit_filter(self) -> CommitFilter:
        return CommitFilter(tuple(self.paths), tuple(self.ignore_authors), self.ignore_bots)

    def describe(self) -> str:
        parts = [f"`{self.repo}` at {self.at} {self.tz}", f"lang {self.lang}"]
        if self.branch:
            parts.append(f"branch {code_span(self.branch)}")  # what members typed: echoed as code
        if self.paths:
            parts.append("paths " + ", ".join(code_span(p) for p in self.paths))
        if self.ignore_authors:
            parts.append("ignoring " + ", ".join(code_span(a) for a in self.ignore_authors))
        if self.ignore_bots:
            parts.append("ignoring bots")
        if self.quiet:
            parts.append("quiet")
        if self.weekly:
            parts.append(f"weekly on {self.weekly}")
        if self.alert:
            parts.append(f"alert {self.alert}")
        return ", ".join(parts)


def subscription_key(channel: ChannelRef, repo: str) -> str:
    return f"{channel.key}|{repo}"


class SubscriptionBook:
    """Subscriptions in the store."""

    def __init__(self, store: Store):
        self.store = store

    def save(self, sub: Subscription) -> None:
        self.store.put(TABLE, sub.key, sub.model_dump(mode="json"))

    def remove(self, channel: ChannelRef, repo: str) -> bool:
        sub = self.get(channel, repo)
        if sub is None:
            return False
        self.store.delete(TABLE, sub.key)
        return True

    def by_key(self, key: str) -> Subscription | None:
        """The subscription stored under ``key`` (``Subscription.key``), as it is now."""
        raw = self.store.get(TABLE, key)
        return None if raw is None else Subscription.model_validate(raw)

    def get(self, channel: ChannelRef, repo: str) -> Subscription | None:
        """The channel's subscription to ``repo``; GitHub names match whatever their case."""
        raw = self.store.get(TABLE, subscription_key(channel, repo))
        if raw is not None:
            return Subscription.model_validate(raw)
        if not is_repo_name(repo):
            return None  # a local path: its case matters
        wanted = repo.lower()
        return next((sub for sub in self.in_channel(channel) if sub.repo.lower() == wanted), None)

    def in_channel(self, channel: ChannelRef) -> list[Subscription]:
        prefix = channel.key + "|"
        return sorted((Subscription.model_validate(v) for k, v in self.store.items(TABLE) if k.startswith(prefix)),
                      key=lambda s: s.repo)

    def all(self) -> list[Subscription]:
        return [Subscription.model_validate(v) for _, v in self.store.items(TABLE)]
