"""Discord adapter (discord.py): the /digest app-command group, deferred interactions, messages and threads.

Every subcommand rebuilds the command text (``subscribe o/r at 09:00 ...``) and hands it to the shared
command layer (``core.handle_command``); short answers go back as interaction follow-ups, digests and
explanations through ``core.publish``, which calls ``send`` for each rendered message. A digest reply's
buttons (``adapters.discord.buttons``) are pressed into ``press``, answered the same way.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import shlex
from collections import OrderedDict
from typing import Any, Literal, Optional

import discord
from discord import app_commands

from adapters.discord import text as dt
from adapters.discord.buttons import button_class, view_of
from adapters.discord.embeds import embed_size
from adapters.discord.render import DiscordRenderer
from analysis.errors import BadInput, DigestError, RemoteFailure
from bot.core.actions import ConfirmResponse, parse_action
from bot.core.chat import ChannelRef, CommandContext, Core, OutboundMessage, TextResponse
from bot.observe import metrics
from bot.settings import Settings

log = logging.getLogger(__name__)
#: summaries whose thread name / thread we remember (older ones get a default name, or Discord's answer)
REMEMBERED_MESSAGES = 2000

READY_TIMEOUT = 60.0
THREAD_EXISTS = 160004  # Discord: "A thread has already been created for this message"
UNKNOWN_MESSAGE = 10008
DISCORD_EPOCH_MS = 1420070400000
MARKER_PREFIX = "ref "  # a digest message's footer ends with "ref <marker>": read back by find_posted
_MARKER = re.compile(r"\bref ([0-9a-f]{12})$")
READ_BACK_PAGES = 50  # pages of 100 messages read back at most when resuming a digest
READ_BACK_SKEW_SECONDS = 60.0


def command_text(verb: str, *args: Any, **options: Any) -> str:
    """The ``/digest`` text for ``verb``: positional words, then ``key value`` pairs and flags (True only)."""
    words = [verb] + [str(a) for a in args if a]
    for key, value in options.items():
        if value is None or value is False or value == "":
            continue
        words.append(key.replace("_", "-"))
        if value is not True:
            words.append(str(value))
    return " ".join(shlex.quote(w) for w in words)


class DigestGroup(app_commands.Group, name="digest", description="Daily digest of a repository's commits",
                  guild_only=True):
    """``/digest ...``; each subcommand defers at once and runs its command text through the core."""

    def __init__(self, adapter: DiscordAdapter):
        super().__init__()
        self.adapter = adapter

    @app_commands.command(description="Post this repository's daily digest in this channel")
    @app_commands.describe(repo="owner/name on GitHub", at="time of day HH:MM", tz="IANA zone, e.g. Asia/Shanghai",
                           paths="comma-separated globs", ignore_authors="comma-separated names")
    async def subscribe(self, interaction: discord.Interaction, repo: str, at: Optional[str] = None,
                        tz: Optional[str] = None, branch: Optional[str] = None,
                        lang: Optional[Literal["en", "zh"]] = None, paths: Optional[str] = None,
                        ignore_authors: Optional[str] = None, ignore_bots: bool = False, quiet: bool = False,
                        alert: Optional[Literal["high", "medium", "off"]] = None,
                        weekly: Optional[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun", "off"]] = None):
        await self.adapter.run(interaction, command_text(
            "subscribe", repo, at=at, tz=tz, branch=branch, lang=lang, paths=paths, ignore_authors=ignore_authors,
            ignore_bots=ignore_bots, quiet=quiet, alert=alert, weekly=weekly))

    @app_commands.command(description="Stop posting this repository's digest here")
    async def unsubscribe(self, interaction: discord.Interaction, repo: str):
        await self.adapter.run(interaction, command_text("unsubscribe", repo))

    @app_commands.command(name="list", description="Repositories this channel follows")
    async def list_(self, interaction: discord.Interaction):
        await self.adapter.run(interaction, command_text("list"))

    @app_commands.command(description="Post a digest now")
    @app_commands.describe(date="YYYY-MM-DD (default: yesterday)", force="post again even if already posted")
    async def now(self, interaction: discord.Interaction, repo: Optional[str] = None, date: Optional[str] = None,
                  force: bool = False):
        await self.adapter.run(interaction, command_text("now", repo, date, "force" if force else None))

    @app_commands.command(description="Explain one commit")
    async def explain(self, interaction: discord.Interaction, sha: str, repo: Optional[str] = None):
        await self.adapter.run(interaction, command_text("explain", sha, repo))

    @app_commands.command(description="Post a weekly roll-up now")
    @app_commands.describe(week="YYYY-Www (default: last week)")
    async def week(self, interaction: discord.Interaction, repo: Optional[str] = None, week: Optional[str] = None):
        await self.adapter.run(interaction, command_text("week", repo, week))

    @app_commands.command(description="Ask a question about the followed repositories' recent changes")
    @app_commands.describe(question="your question", since="YYYY-MM-DD (default: 14 days ago)")
    async def ask(self, interaction: discord.Interaction, question: str, repo: Optional[str] = None,
                  since: Optional[str] = None):
        await self.adapter.run(interaction, command_text("ask", question, repo, since and "since", since))

    @app_commands.command(name="help", description="How to use /digest")
    async def help_(self, interaction: discord.Interaction):
        await self.adapter.run(interaction, command_text("help"))


class DiscordAdapter:
    """``ChatAdapter`` for Discord. ``start`` returns once the gateway is READY and commands are synced."""

    platform = "discord"
    supports_threads = True
    supports_files = True

    def __init__(self, settings: Settings, core: Core, *, leased_shards: bool = False):
        """``leased_shards``: the gateway is not connected by ``start``; the runtime runs the shards this
        instance holds leases for (``run_shard``, ``stop_shard``), of ``settings.discord_shards``."""
        if not settings.discord_token:
            raise BadInput("DISCORD_TOKEN is not set; the Discord adapter needs a bot token")
        self.settings = settings
        self.core = core
        self.renderer = DiscordRenderer()
        self.leased_shards = leased_shards
        self.shard_count = settings.discord_shards
        #: posts and reads back (REST); without leased shards also the one gateway connection
        self.client: discord.Client | None = None
        self.tree: app_commands.CommandTree | None = None
        self._gateways: dict[int | None, _Gateway] = {}  # shard id (None: unsharded) -> its connection
        # bounded: a long-running bot posts without end, and only recent summaries get thread replies
        self._threads: OrderedDict[str, None] = OrderedDict()  # message ids whose thread we created or found
        self._thread_names: OrderedDict[str, str] = OrderedDict()
        self._button = button_class(self.press)  # our buttons, whenever they were posted

    # -- lifecycle -------------------------------------------------------------------------------------
    async def start(self) -> None:
        """Log in and sync the commands; without leased shards, also connect the gateway and wait for READY."""
        api_url = self.settings.discord_api_url
        if api_url:
            discord.http.Route.BASE = api_url.rstrip("/")
        self.client, self.tree = self._new_client()
        await self._login(self.client)
        if not self.leased_shards:
            try:
                self._gateways[None] = await self._connect(self.client)
            except RemoteFailure:
                await self.stop()
                raise
        try:
            synced = await self.tree.sync()
        except discord.HTTPException as exc:
            await self.stop()
            raise RemoteFailure(f"Discord refused the command list ({exc.status})") from exc
        log.info("discord connected as %s; %d command(s) synced", self.client.user, len(synced))

    def _new_client(self, shard: int | None = None) -> tuple[discord.Client, app_commands.CommandTree]:
        sharding = {} if shard is None else {"shard_id": shard, "shard_count": self.shard_count}
        client = discord.Client(intents=discord.Intents.default(), allowed_mentions=discord.AllowedMentions.none(),
                                http_trace=_retry_trace(), **sharding)
        tree = app_commands.CommandTree(client)
        tree.add_command(DigestGroup(self))
        client.add_dynamic_items(self._button)  # every client that receives interactions: each shard's
        return client, tree

    async def _login(self, client: discord.Client) -> None:
        try:
            await client.login(self.settings.discord_token)
            if self.settings.discord_api_url:  # a Discord-compatible server: its gateway is wherever /gateway/bot says
                _, gateway, _ = await client.http.get_bot_gateway()
                discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = discord.gateway.yarl.URL(gateway)
        except discord.LoginFailure:
            await client.close()
            raise RemoteFailure("Discord refused the bot token (DISCORD_TOKEN)") from None
        except (discord.HTTPException, OSError, discord.GatewayNotFound) as exc:
            await client.close()
            raise RemoteFailure(f"could not reach Discord: {type(exc).__name__}") from exc

    async def _connect(self, client: discord.Client) -> _Gateway:
        """Open ``client``'s gateway connection; returns once READY (RemoteFailure after READY_TIMEOUT)."""
        gateway = _Gateway(client)
        gateway.task = asyncio.create_task(client.connect(reconnect=True), name=f"discord-gateway-{client.shard_id}")
        gateway.task.add_done_callback(_log_gateway_end)
        waiter = asyncio.create_task(gateway.ready.wait())
        done, _ = await asyncio.wait({gateway.task, waiter}, timeout=READY_TIMEOUT,
                                     return_when=asyncio.FIRST_COMPLETED)
        if waiter not in done:
            waiter.cancel()
            error = gateway.task.exception() if gateway.task.done() else None
            await gateway.close()
            raise RemoteFailure(f"could not connect to the Discord gateway: {type(error).__name__ if error else 'timeout'}")
        return gateway

    async def run_shard(self, shard: int) -> None:
        """Connect shard ``shard`` of ``shard_count`` (a client of its own); returns once it is READY."""
        if shard in self._gateways:
            return
        client, _ = self._new_client(shard)
        await self._login(client)
        self._gateways[shard] = await self._connect(client)
        log.info("discord shard %d of %d connected", shard, self.shard_count)

    async def stop_shard(self, shard: int) -> None:
        """Close shard ``shard``'s gateway connection (another instance holds it now, or this one stops)."""
        gateway = self._gateways.pop(shard, None)
        if gateway is not None:
            await gateway.close()
            log.info("discord shard %d of %d disconnected", shard, self.shard_count)

    @property
    def shards(self) -> list[int]:
        """The shards whose gateway this instance runs."""
        return sorted(s for s in self._gateways if s is not None)

    @property
    def connected(self) -> bool:
        """For the health check: logged in, and every gateway session it runs is up (discord.py reconnects)."""
        return self.client is not None and not self.client.is_closed() \
            and all(g.up for g in self._gateways.values()) and (self.leased_shards or bool(self._gateways))

    async def stop(self) -> None:
        gateways, self._gateways = list(self._gateways.values()), {}
        for gateway in gateways:
            await gateway.close()
        if self.client is not None and not self.client.is_closed():
            await self.client.close()

    # -- commands --------------------------------------------------------------------------------------
    @staticmethod
    def context(interaction: discord.Interaction) -> CommandContext:
        """Where the interaction came from; inside a thread, the channel is the thread's parent."""
        channel = interaction.channel
        channel_id, thread = str(interaction.channel_id), None
        parent = getattr(channel, "parent_id", None)
        if isinstance(channel, discord.Thread) and parent:
            channel_id, thread = str(parent), str(channel.id)
        manager = bool(interaction.guild_id) and interaction.permissions.manage_channels
        return CommandContext(
            channel=ChannelRef("discord", str(interaction.guild_id or "dm"), channel_id),
            user=str(interaction.user.id), thread=thread, can_manage=manager, admin=manager)

    async def run(self, interaction: discord.Interaction, text: str) -> None:
        """Defer at once, run ``text`` through the core, answer by follow-ups and ``core.publish``."""
        await self._answer(interaction, lambda ctx: self.core.handle_command(ctx, text), f"command {text[:200]!r}")

    async def press(self, interaction: discord.Interaction, custom_id: str) -> None:
        """A button of ours pressed: its custom_id parsed again (never trusted), acted on like a command."""
        await self._answer(interaction, lambda ctx: self.core.act(ctx, parse_action(custom_id)),
                           f"button {custom_id[:60]!r}")

    async def _answer(self, interaction: discord.Interaction, work, what: str) -> None:
        """Defer at once, then answer what ``work(ctx)`` returns: ephemeral follow-ups, or ``core.publish``."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        ctx = self.context(interaction)
        answered = False
        try:
            responses = await work(ctx)
            for response in responses:
                if isinstance(response, ConfirmResponse):
                    body = self.renderer.confirm_message(response).body
                    await interaction.followup.send(content=body["content"], ephemeral=True,
                                                    view=view_of(body["components"], self._button),
                                                    allowed_mentions=discord.AllowedMentions.none())
                    answered = True
                elif isinstance(response, TextResponse) and (response.ephemeral or response.error):
                    await self._followup(interaction, response.text)
                    answered = True
                else:
                    await self.core.publish(self, ctx, response)
        except DigestError as exc:
            await self._followup(interaction, str(exc))
            return
        except Exception:  # noqa: BLE001 - the member still deserves an answer
            log.exception("discord %s failed", what)
            await self._followup(interaction, "Something went wrong on our side; the details are in the bot's log.")
            return
        if not answered:
            await self._followup(interaction, "Done.")

    async def _followup(self, interaction: discord.Interaction, text: str) -> None:
        for body in self.renderer.text_bodies(text):
            await interaction.followup.send(content=body["content"], ephemeral=True,
                                            allowed_mentions=discord.AllowedMentions.none())

    # -- posting ---------------------------------------------------------------------------------------
    async def send(self, channel: ChannelRef, message: OutboundMessage, thread_id: str | None = None) -> str:
        if self.client is None:
            raise RemoteFailure("the Discord adapter is not started")
        target = thread_id or channel.channel
        if thread_id and thread_id not in self._threads:
            await self._open_thread(channel, thread_id)
        body = _marked(message.body, message.marker) if message.marker else message.body
        embeds = [discord.Embed.from_dict(e) for e in body.get("embeds", [])]
        messageable = self.client.get_partial_messageable(int(target), guild_id=_int(channel.workspace))
        try:
            try:
                posted = await messageable.send(content=body.get("content") or None, embeds=embeds,
                                                files=_files(message.files), view=self._view(body),
                                                allowed_mentions=discord.AllowedMentions.none())
            except discord.HTTPException as exc:
                # too large, or no Attach Files permission: Discord posted nothing; post without the files
                if not message.files or exc.status not in (403, 413):
                    raise
                log.warning("discord refused the attachments (%s %s); posting without them", exc.status, exc.text)
                posted = await messageable.send(content=body.get("content") or None, embeds=embeds,
                                                view=self._view(body), allowed_mentions=discord.AllowedMentions.none())
        except discord.HTTPException as exc:
            log.warning("discord refused a message: %s %s", exc.status, exc.text)
            raise RemoteFailure(f"Discord refused the message ({exc.status}: {exc.text[:200]})") from exc
        if not thread_id:
            _remember(self._thread_names, str(posted.id), _thread_name(body))
        return str(posted.id)

    def _view(self, body: dict[str, Any]) -> discord.ui.View | None:
        return view_of(body["components"], self._button) if body.get("components") else None

    async def find_posted(self, channel: ChannelRef, thread_id: str | None, markers: set[str],
                          since: float | None = None) -> dict[str, str]:
        """Which of ``markers`` the thread (or the channel since ``since``) carries in a footer: marker -> id."""
        if self.client is None:
            raise RemoteFailure("the Discord adapter is not started")
        target = int(thread_id or channel.channel)
        floor = _snowflake_at(since - READ_BACK_SKEW_SECONDS) if since and not thread_id else 0
        found: dict[str, str] = {}
        before = None
        try:
            for _ in range(READ_BACK_PAGES):
                page = await self.client.http.logs_from(target, 100, before=before)
                for item in page:
                    for embed in item.get("embeds") or []:
                        match = _MARKER.search((embed.get("footer") or {}).get("text") or "")
                        if match and match.group(1) in markers:
                            found[match.group(1)] = str(item["id"])
                if len(page) < 100 or len(found) == len(markers) or int(page[-1]["id"]) <= floor:
                    break
                before = discord.Object(id=int(page[-1]["id"]))
        except discord.HTTPException as exc:
            if exc.status == 404:  # no thread yet: nothing was posted in it
                return found
            raise RemoteFailure(f"Discord refused to list messages ({exc.status})") from exc
        return found

    async def _open_thread(self, channel: ChannelRef, message_id: str) -> None:
        """Start the thread on ``message_id`` (a thread started on a message has that message's id)."""
        name = self._thread_names.get(message_id) or "Digest"
        try:
            await self.client.http.start_thread_with_message(int(channel.channel), int(message_id), name=name,
                                                             auto_archive_duration=1440)
        except discord.HTTPException as exc:
            # already started (e.g. before a restart), or ``message_id`` is itself a thread: post into it
            if exc.code not in (THREAD_EXISTS, UNKNOWN_MESSAGE):
                raise RemoteFailure(f"Discord refused to start a thread ({exc.status}: {exc.text[:200]})") from exc
        _remember(self._threads, message_id, None)


class _Gateway:
    """One gateway connection (a shard's, or the unsharded bot's): its client, task and whether it is up."""

    def __init__(self, client: discord.Client):
        self.client, self.task = client, None
        self.up = False  # between READY/RESUMED and the next disconnect
        self.ready = asyncio.Event()
        client.event(self.on_ready)
        client.event(self.on_resumed)
        client.event(self.on_disconnect)

    async def on_ready(self) -> None:
        self.up = True
        self.ready.set()

    async def on_resumed(self) -> None:
        self.up = True

    async def on_disconnect(self) -> None:
        self.up = False

    async def close(self) -> None:
        self.up = False
        if not self.client.is_closed():
            await self.client.close()
        if self.task is not None:
            try:
                await asyncio.wait_for(self.task, 5)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass
            except Exception:  # noqa: BLE001 - the connection's end is not our error
                log.debug("gateway task ended with an error", exc_info=True)
            self.task = None


def _marked(body: dict[str, Any], marker: str) -> dict[str, Any]:
    """``body`` with ``ref <marker>`` at the end of its last embed's footer (an embed of its own if none)."""
    tag = MARKER_PREFIX + marker
    embeds = [dict(e) for e in body.get("embeds") or []] or [{}]
    last = embeds[-1]
    text = (last.get("footer") or {}).get("text") or ""
    text = dt.shorten(text, dt.FOOTER_LIMIT - dt.dlen(tag) - 3)
    last["footer"] = {**(last.get("footer") or {}), "text": f"{text} · {tag}" if text else tag}
    over = sum(embed_size(e) for e in embeds) - dt.EMBED_TOTAL_LIMIT
    if over > 0 and last.get("description"):  # the tag must fit in the 6000 characters of a message
        last["description"] = dt.shorten(last["description"], max(dt.dlen(last["description"]) - over, 1))
    return {**body, "embeds": embeds}


def _snowflake_at(epoch_seconds: float) -> int:
    """The smallest Discord id of a message created at ``epoch_seconds``."""
    return max(int(epoch_seconds * 1000) - DISCORD_EPOCH_MS, 0) << 22


def _remember(recent: OrderedDict, key: str, value) -> None:
    """Put ``key`` in a bounded most-recently-used map."""
    recent[key] = value
    recent.move_to_end(key)
    while len(recent) > REMEMBERED_MESSAGES:
        recent.popitem(last=False)


def _retry_trace():
    """An aiohttp trace counting the REST answers discord.py retries (429, and 500/502/504/524)."""
    import aiohttp

    async def on_end(session, context, params) -> None:
        if params.response.status in (429, 500, 502, 504, 524):
            metrics.chat_retry("discord")

    trace = aiohttp.TraceConfig()
    trace.on_request_end.append(on_end)
    return trace


def _log_gateway_end(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the Discord gateway connection ended: %r", task.exception())


def _thread_name(body: dict[str, Any]) -> str:
    embeds = body.get("embeds") or []
    name = (embeds[0].get("title") if embeds else None) or body.get("content") or "Digest"
    return dt.shorten(name.replace("\n", " "), dt.THREAD_NAME_LIMIT).strip() or "Digest"


def _files(files: list[tuple[str, bytes]]) -> list[discord.File]:
    """Attachments for one message (multipart/form-data with payload_json, as discord.py sends them)."""
    return [discord.File(io.BytesIO(content), filename=name) for name, content in files]


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None
