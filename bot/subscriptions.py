"""Subscriptions: which channel follows which repository, when and how; stored per channel and repo."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from bot.chat import ChannelRef
from bot.filters import CommitFilter
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
            parts.append(f"branch {self.branch}")
        if self.paths:
            parts.append("paths " + ",".join(self.paths))
        if self.ignore_authors:
            parts.append("ignoring " + ",".join(self.ignore_authors))
        if self.ignore_bots:
            parts.append("ignoring bots")
        if self.quiet:
            parts.append("quiet")
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
        key = subscription_key(channel, repo)
        if self.store.get(TABLE, key) is None:
            return False
        self.store.delete(TABLE, key)
        return True

    def get(self, channel: ChannelRef, repo: str) -> Subscription | None:
        raw = self.store.get(TABLE, subscription_key(channel, repo))
        return None if raw is None else Subscription.model_validate(raw)

    def in_channel(self, channel: ChannelRef) -> list[Subscription]:
        prefix = channel.key + "|"
        return sorted((Subscription.model_validate(v) for k, v in self.store.items(TABLE) if k.startswith(prefix)),
                      key=lambda s: s.repo)

    def all(self) -> list[Subscription]:
        return [Subscription.model_validate(v) for _, v in self.store.items(TABLE)]
