"""The posting ledger: per (channel, repository, day), which messages of a digest were posted.

A restart after a crash mid-post resumes the thread and posts only the missing replies;
a finished digest is never posted again unless forced.
"""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, Field

from bot.core.chat import ChannelRef
from bot.store import Store

TABLE = "ledger"


class LedgerEntry(BaseModel):
    summary_id: str | None = None
    posted: list[str] = Field(default_factory=list)  # keys of the messages posted (see OutboundMessage.key)
    total: int | None = None
    done: bool = False
    #: this posting attempt's id, saved before its first post: each message carries a marker made from it,
    #: so a restart can find in the channel what was posted but never recorded (a crash, a full disk)
    run: str | None = None
    started_at: float | None = None  # epoch seconds of that first save: how far back to read


def post_marker(key: str, run: str, message_key: str) -> str:
    """The short, stable tag of one message of one posting attempt (Slack metadata, Discord footer)."""
    return hashlib.sha256(f"{key}|{run}|{message_key}".encode()).hexdigest()[:12]


def ledger_key(channel: ChannelRef, repo: str, day: str) -> str:
    return f"{channel.key}|{repo}|{day}"


class Ledger:
    def __init__(self, store: Store):
        self.store = store

    def get(self, key: str) -> LedgerEntry:
        raw = self.store.get(TABLE, key)
        return LedgerEntry() if raw is None else LedgerEntry.model_validate(raw)

    def save(self, key: str, entry: LedgerEntry) -> None:
        self.store.put(TABLE, key, entry.model_dump(mode="json"))

    def is_done(self, key: str) -> bool:
        return self.get(key).done
