"""What the core and the chat adapters exchange: who asked, what to answer, what to send.

The core never imports slack_bolt or discord. It hands an adapter plain data:
``Response`` objects answering a command, and ``OutboundMessage`` lists that the
adapter's own renderer produced from a ``Digest``. The adapter only knows how to
render for its platform and how to send one message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from analysis.models import CommitReport, Digest


@dataclass(frozen=True)
class ChannelRef:
    """One channel on one platform: (platform, workspace or guild, channel)."""

    platform: str  # "slack" | "discord" | "console"
    workspace: str  # Slack team id, Discord guild id, "local" for the console
    channel: str

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.workspace}:{self.channel}"


@dataclass(frozen=True)
class CommandContext:
    """Where a command came from."""

    channel: ChannelRef
    user: str
    thread: str | None = None  # id of the thread the command was typed in, if any
    can_manage: bool = True  # may subscribe/unsubscribe (platform permission already checked)
    #: a configured admin (on DIGESTBOT_SLACK_ADMINS; Discord: Manage Channels; the console's operator):
    #: may post the digest of a repository the channel does not follow without 'force'
    admin: bool = True


@dataclass
class TextResponse:
    """A short answer (help, list, subscribe, errors): response_url or ephemeral on Slack."""

    text: str  # our own Markdown-ish text; adapters still escape any untrusted parts in it
    ephemeral: bool = True
    error: bool = False


@dataclass
class DigestResponse:
    """A digest to post to the channel: one summary message, one thread reply per commit."""

    digest: Digest
    lang: str = "en"
    note: str | None = None  # e.g. "This digest is 3 hours late."
    ledger_key: str | None = None  # (channel, repo, day): progress recorded so nothing posts twice
    force: bool = False  # post again even if the ledger says this digest was already posted


@dataclass
class ExplainResponse:
    """One commit's analysis, posted to the channel (in ``thread`` when asked in one)."""

    report: CommitReport
    repo: str
    repo_url: str | None
    lang: str = "en"


Response = TextResponse | DigestResponse | ExplainResponse


@dataclass
class OutboundMessage:
    """One API payload in posting order; ``thread`` is True for a reply in the summary's thread.

    ``body`` is the exact platform payload (Slack chat.postMessage body without channel and
    thread_ts; Discord message body with content, embeds, allowed_mentions).
    """

    thread: bool
    body: dict[str, Any]
    #: (filename, content) attachments; the core puts the full report and the chart on the summary
    #: ("summary/0") only, so a resumed digest never sends them twice. Never part of a preview.
    files: list[tuple[str, bytes]] = field(default_factory=list)
    #: stable name of this part of a digest ("summary/0", "<sha>/1"): the ledger records what was
    #: posted by key, so a resumed digest skips the right messages even if its order changed
    key: str | None = None
    #: set by the core when the ledger records this message: a tag the adapter attaches where it can read
    #: it back (``find_posted``), so a message posted but not recorded before a crash is not posted again
    marker: str | None = None

    def to_preview(self) -> dict[str, Any]:
        return {"thread": self.thread, "body": self.body}


@runtime_checkable
class ChatRenderer(Protocol):
    """Turns core data into one platform's payloads, within that platform's limits."""

    target: Literal["slack", "discord", "console"]

    def digest_messages(self, digest: Digest, lang: str, note: str | None = None, *,
                        report_url: str | None = None, max_replies: int | None = None) -> list[OutboundMessage]:
        """The digest's messages; ``report_url`` (the digest's web page) is linked from the summary.

        With ``max_replies``, only that many commits (the most important) get replies of their own; the
        rest are listed in one reply (key ``overflow/0``) and the summary says so.
        """
        ...

    def explain_messages(self, response: ExplainResponse) -> list[OutboundMessage]: ...

    def text_message(self, response: TextResponse) -> OutboundMessage: ...


@runtime_checkable
class ChatAdapter(Protocol):
    """A connection to one chat platform. ``send`` returns the new message's id."""

    platform: str
    renderer: ChatRenderer
    supports_threads: bool
    # An adapter that sends ``OutboundMessage.files`` also sets ``supports_files = True``; the core reads
    # it with getattr(adapter, "supports_files", False) and only then attaches the report and the chart.
    # An adapter that attaches ``OutboundMessage.marker`` to what it posts also has
    # ``async find_posted(channel, thread_id | None, markers: set[str], since: float | None) -> dict[str, str]``:
    # of ``markers``, those found in the thread (or, for None, the channel's messages since ``since``), with
    # the id of the message carrying each. The core calls it when resuming a digest.

    async def start(self) -> None:
        """Connect and begin delivering commands to the core; returns once connected."""
        ...

    async def stop(self) -> None: ...

    async def send(self, channel: ChannelRef, message: OutboundMessage, thread_id: str | None = None) -> str:
        """Post one message (a reply in ``thread_id`` when given); raise RemoteFailure if it fails."""
        ...


@runtime_checkable
class Core(Protocol):
    """What an adapter calls: the command layer, and the publisher of digests and explanations.

    An adapter receiving ``/digest <text>``: acknowledge at once, then
    ``responses = await core.handle_command(ctx, text)``; answer each ``TextResponse``
    itself (response_url / ephemeral / follow-up); hand every other response to
    ``await core.publish(self, ctx, response)``, which renders it with
    ``self.renderer`` and posts it through ``self.send`` (summary first, then the
    thread replies), recording progress so nothing is posted twice.
    """

    async def handle_command(self, ctx: CommandContext, text: str) -> list[Response]: ...

    async def act(self, ctx: CommandContext, action: Any) -> list:
        """A button pressed (a ``bot.core.actions.ButtonAction``): answer each ``TextResponse`` and
        ``ConfirmResponse`` to the presser (ephemeral where possible), publish the rest in ``ctx.thread``."""
        ...

    async def publish(self, adapter: ChatAdapter, ctx: CommandContext, response: Response) -> None: ...
