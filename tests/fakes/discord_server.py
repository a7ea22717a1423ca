"""A local Discord (REST under /api/v10 and a gateway websocket) answering like discord.com, for tests.

aiohttp on 127.0.0.1 (an ephemeral port) in a daemon thread with its own event loop. discord.py pointed
at ``FakeDiscord.api_url`` logs in, fetches ``/gateway/bot``, connects to the websocket (HELLO,
IDENTIFY, READY, GUILD_CREATE, heartbeats), syncs its command tree, and receives interactions pushed
with ``invoke`` (a slash command) or ``press`` (a message button: type 3 with its ``custom_id`` and
message; components are held to Discord's limits). An interaction not acknowledged within 3 seconds
of its dispatch is gone, as on Discord: its callback answers 404 ``10062 Unknown interaction`` (``Interaction.expired`` records it). Message bodies are checked against Discord's limits and must carry
``allowed_mentions: {"parse": []}``; everything received is recorded for assertions. A message with
files arrives as multipart/form-data: a ``payload_json`` part and ``files[n]`` parts, each listed in
the payload's ``attachments`` by id; their bytes are recorded in the message's ``files``. A channel's or
thread's messages read back with ``GET /channels/{id}/messages`` (``limit``, ``before``, ``after``).
Several gateway connections may be open at once (a sharded bot): each IDENTIFY is recorded with its
``shard`` ([id, count]); the guild is sent to the shard Discord would put it on ((guild_id >> 22) % count)
and its interactions go to that shard's connection. ``connections`` lists them all, open or closed.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import threading
import time
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import WSMsgType, web

log = logging.getLogger(__name__)

TOKEN = "fake-discord-token"
APP_ID = "1100000000000000001"
BOT_ID = APP_ID
GUILD_ID = "1200000000000000001"
CHANNEL_ID = "1300000000000000001"
USER_ID = "1400000000000000001"
MANAGE_CHANNELS = 1 << 4
MAX_FILES = 10
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # the smallest tier's limit
EVERYONE_PERMS = "1071698660929"  # view, send messages, threads, embeds ... (no manage channels)

OPTION_SUB_COMMAND, OPTION_STRING, OPTION_BOOLEAN = 1, 3, 5
ACK_DEADLINE = 3.0  # seconds Discord gives a bot to answer (or defer) an interaction


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _reply(data: Any, status: int = 200) -> web.Response:
    """JSON as Discord sends it: ``Content-Type: application/json`` exactly (discord.py checks it)."""
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


class _Invalid(Exception):
    def __init__(self, status: int, code: int, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def check_message_body(body: dict[str, Any]) -> None:
    """Raise ``_Invalid`` as Discord would for a body over a limit; also require allowed_mentions parse []."""
    mentions = body.get("allowed_mentions")
    if not isinstance(mentions, dict) or mentions.get("parse") != [] or mentions.get("users") or mentions.get("roles"):
        raise _Invalid(400, 50035, "allowed_mentions must be {'parse': []} on every message (test rule)")
    content = body.get("content") or ""
    embeds = body.get("embeds") or []
    if _units(content) > 2000:
        raise _Invalid(400, 50035, "content: Must be 2000 or fewer in length.")
    if not content and not embeds:
        raise _Invalid(400, 50006, "Cannot send an empty message")
    if len(embeds) > 10:
        raise _Invalid(400, 50035, "embeds: Must be 10 or fewer in length.")
    total = 0
    for embed in embeds:
        limits = [("title", embed.get("title", ""), 256), ("description", embed.get("description", ""), 4096),
                  ("footer.text", (embed.get("footer") or {}).get("text", ""), 2048),
                  ("author.name", (embed.get("author") or {}).get("name", ""), 256)]
        fields = embed.get("fields") or []
        if len(fields) > 25:
            raise _Invalid(400, 50035, "embeds.fields: Must be 25 or fewer in length.")
        for f in fields:
            if not f.get("name") or not f.get("value"):
                raise _Invalid(400, 50035, "embeds.fields: name and value are required.")
            limits += [("fields.name", f["name"], 256), ("fields.value", f["value"], 1024)]
        for name, text, limit in limits:
            if _units(text) > limit:
                raise _Invalid(400, 50035, f"embeds.{name}: Must be {limit} or fewer in length.")
            total += _units(text)
    if total > 6000:
        raise _Invalid(400, 50035, "embeds: Embed size exceeds maximum size of 6000")
    check_components(body.get("components") or [])


def check_components(rows: list[Any]) -> None:
    """Message components as Discord checks them: at most 5 action rows of at most 5 buttons; a button
    with a style 1-4 has a unique ``custom_id`` of 1-100 characters; labels at most 80 characters."""
    if len(rows) > 5:
        raise _Invalid(400, 50035, "components: Must be 5 or fewer in length.")
    seen: set[str] = set()
    for row in rows:
        if not isinstance(row, dict) or row.get("type") != 1:
            raise _Invalid(400, 50035, "components: top-level components must be action rows (type 1).")
        buttons = row.get("components") or []
        if not 1 <= len(buttons) <= 5:
            raise _Invalid(400, 50035, "components.components: Must be between 1 and 5 in length.")
        for button in buttons:
            if button.get("type") != 2:
                raise _Invalid(400, 50035, "components.components: only buttons are supported here (test rule).")
            if _units(button.get("label") or "") > 80:
                raise _Invalid(400, 50035, "components.label: Must be 80 or fewer in length.")
            style, custom_id = button.get("style"), button.get("custom_id")
            if style == 5:
                if custom_id or not button.get("url"):
                    raise _Invalid(400, 50035, "components: a link button has a url and no custom_id.")
                continue
            if style not in (1, 2, 3, 4) or not isinstance(custom_id, str) or not 1 <= len(custom_id) <= 100:
                raise _Invalid(400, 50035, "components.custom_id: Must be between 1 and 100 in length.")
            if custom_id in seen:
                raise _Invalid(400, 50035, "components.custom_id: Component custom id cannot be duplicated.")
            seen.add(custom_id)


@dataclass
class Interaction:
    """One interaction pushed by ``invoke`` and what the bot answered to it."""

    id: str
    token: str
    channel_id: str = CHANNEL_ID
    kind: int = 2  # 2: a slash command, 3: a button pressed (MESSAGE_COMPONENT)
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    created: float = field(default_factory=time.monotonic)
    deferred_after: float | None = None  # seconds from push to the type-5 callback
    expired: bool = False  # a callback came after ACK_DEADLINE and was refused with 10062


@dataclass
class GatewayConnection:
    """One websocket a client opened; ``shard`` is what its IDENTIFY said ([id, count]), None before."""

    ws: web.WebSocketResponse
    compress: Any = None
    shard: list[int] | None = None

    @property
    def open(self) -> bool:
        return not self.ws.closed


def guild_shard(guild_id: str, count: int) -> int:
    """The shard Discord puts a guild on."""
    return (int(guild_id) >> 22) % max(count, 1)


class FakeDiscord:
    """The fake Discord. Use as a context manager; see the module docstring."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.port = 0
        #: accepted channel messages: {"channel_id", "id", "body", "files": [(filename, bytes), ...]}
        self.messages: list[dict[str, Any]] = []
        self.rejected: list[dict[str, Any]] = []  # bodies refused, with the reason
        self.threads: dict[str, dict[str, Any]] = {}  # thread id (= message id) -> channel object
        self.commands: list[dict[str, Any]] = []  # the last bulk overwrite, with ids
        self.syncs = 0
        self.requests: list[tuple[str, str]] = []  # (method, path) of every HTTP request
        self.identified: list[dict[str, Any]] = []
        self.heartbeats = 0
        self.interactions: dict[str, Interaction] = {}
        #: interaction follow-ups as messages (id -> message object): a button on one can be pressed too
        self.followup_messages: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1500000000000000001)
        self._seq = itertools.count(1)
        self.connections: list[GatewayConnection] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/v10"

    def __enter__(self) -> FakeDiscord:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self._serve())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="fake-discord", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Discord did not start")

    def stop(self) -> None:
        if not self._loop:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()
        self._loop = None

    async def _serve(self) -> None:
        @web.middleware
        async def record(request: web.Request, handler: Callable) -> web.StreamResponse:
            self.requests.append((request.method, request.path))
            return await handler(request)

        app = web.Application(middlewares=[record])
        r = app.router
        r.add_get("/gateway-ws", self._gateway)
        r.add_get("/api/v10/users/@me", self._auth(self._me))
        r.add_get("/api/v10/applications/@me", self._auth(self._application))
        r.add_get("/api/v10/oauth2/applications/@me", self._auth(self._application))
        r.add_get("/api/v10/gateway", self._gateway_url)
        r.add_get("/api/v10/gateway/bot", self._auth(self._gateway_url))
        r.add_put("/api/v10/applications/{app}/commands", self._auth(self._bulk_overwrite))
        r.add_post("/api/v10/channels/{channel}/messages", self._auth(self._post_message))
        r.add_get("/api/v10/channels/{channel}/messages", self._auth(self._get_messages))
        r.add_post("/api/v10/channels/{channel}/messages/{message}/threads", self._auth(self._start_thread))
        r.add_post("/api/v10/interactions/{id}/{token}/callback", self._callback)
        r.add_post("/api/v10/webhooks/{app}/{token}", self._followup)
        r.add_patch("/api/v10/webhooks/{app}/{token}/messages/@original", self._edit_original)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        for conn in self.connections:
            if conn.open:
                await conn.ws.close(code=1000)
        await self._runner.cleanup()

    # -- helpers -------------------------------------------------------------------------------------
    def _auth(self, handler: Callable) -> Callable:
        async def wrapped(request: web.Request) -> web.StreamResponse:
            if request.headers.get("Authorization") != f"Bot {self.token}":
                return _reply({"message": "401: Unauthorized", "code": 0}, status=401)
            return await handler(request)
        return wrapped

    @staticmethod
    async def _json(request: web.Request) -> dict[str, Any]:
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":
                    return json.loads(await part.text())
            return {}
        return await request.json() if request.can_read_body else {}

    @staticmethod
    async def _message_parts(request: web.Request) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
        """A message POST's JSON body and its files, as Discord reads them (JSON or multipart/form-data)."""
        if not request.content_type.startswith("multipart/"):
            return (await request.json() if request.can_read_body else {}), []
        body: dict[str, Any] | None = None
        parts: dict[str, tuple[str, bytes]] = {}
        reader = await request.multipart()
        async for part in reader:
            if part.name == "payload_json":
                body = json.loads(await part.text())
            elif part.name and part.name.startswith("files[") and part.name.endswith("]"):
                parts[part.name[6:-1]] = (part.filename or "", bytes(await part.read()))
            else:
                raise _Invalid(400, 50035, f"unexpected form part {part.name!r}")
        if body is None:
            raise _Invalid(400, 50035, "payload_json is missing")
        listed = {str(a.get("id")): a for a in body.get("attachments") or []}
        if set(listed) != set(parts):
            raise _Invalid(400, 50035, "attachments: ids must match the files[n] parts")
        if len(parts) > MAX_FILES:
            raise _Invalid(400, 50035, f"files: Must be {MAX_FILES} or fewer in length.")
        if sum(len(data) for _, data in parts.values()) > MAX_UPLOAD_BYTES:
            raise _Invalid(413, 40005, "Request entity too large")
        files = [(listed[key].get("filename") or name, data) for key, (name, data) in sorted(parts.items())]
        return body, files

    def _snowflake(self) -> str:
        return str(next(self._ids))

    @staticmethod
    def _error(exc: _Invalid) -> web.Response:
        return _reply({"message": exc.message, "code": exc.code}, status=exc.status)

    def _user(self) -> dict[str, Any]:
        return {"id": BOT_ID, "username": "digestbot", "discriminator": "0", "global_name": None,
                "avatar": None, "bot": True, "flags": 0}

    def _message(self, channel_id: str, body: dict[str, Any], *, webhook: bool = False) -> dict[str, Any]:
        return {"id": self._snowflake(), "channel_id": channel_id, "type": 0, "author": self._user(),
                "content": body.get("content") or "", "embeds": body.get("embeds") or [], "attachments": [],
                "mentions": [], "mention_roles": [], "mention_everyone": False, "pinned": False, "tts": False,
                "timestamp": "2026-02-15T01:00:00.000000+00:00", "edited_timestamp": None,
                "flags": body.get("flags", 0), "components": body.get("components") or [],
                **({"webhook_id": APP_ID, "application_id": APP_ID} if webhook else {})}

    # -- REST ----------------------------------------------------------------------------------------
    async def _me(self, request: web.Request) -> web.Response:
        return _reply(self._user())

    async def _application(self, request: web.Request) -> web.Response:
        return _reply({"id": APP_ID, "name": "digestbot", "icon": None, "description": "",
                                  "bot_public": True, "bot_require_code_grant": False, "verify_key": "00",
                                  "flags": 0, "owner": {**self._user(), "bot": False, "id": USER_ID}})

    async def _gateway_url(self, request: web.Request) -> web.Response:
        return _reply({"url": f"ws://127.0.0.1:{self.port}/gateway-ws", "shards": 1,
                                  "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                                          "max_concurrency": 1}})

    async def _bulk_overwrite(self, request: web.Request) -> web.Response:
        if request.match_info["app"] != APP_ID:
            return _reply({"message": "Unknown Application", "code": 10002}, status=404)
        commands = await self._json(request)
        self.commands = [{**c, "id": self._snowflake(), "application_id": APP_ID, "version": "1",
                          "type": c.get("type", 1)} for c in commands]
        self.syncs += 1
        return _reply(self.commands)

    async def _post_message(self, request: web.Request) -> web.Response:
        channel_id = request.match_info["channel"]
        if channel_id != CHANNEL_ID and channel_id not in self.threads:
            return _reply({"message": "Unknown Channel", "code": 10003}, status=404)
        body: dict[str, Any] = {}
        try:
            body, files = await self._message_parts(request)
            if files:
                # a message may be files only; the other rules stay as they are
                check_message_body({**body, "content": body.get("content") or "\u200b"})
            else:
                check_message_body(body)
        except _Invalid as exc:
            self.rejected.append({"channel_id": channel_id, "body": body, "reason": exc.message})
            return self._error(exc)
        message = self._message(channel_id, body)
        message["attachments"] = [
            {"id": self._snowflake(), "filename": name, "size": len(data),
             "url": f"{self.url}/attachments/{channel_id}/{message['id']}/{name}",
             "proxy_url": f"{self.url}/attachments/{channel_id}/{message['id']}/{name}"}
            for name, data in files]
        self.messages.append({"channel_id": channel_id, "id": message["id"], "body": body, "files": files,
                              "message": message})
        return _reply(message)

    async def _get_messages(self, request: web.Request) -> web.Response:
        """GET /channels/{id}/messages: newest first; ``limit`` 1-100 (default 50), ``before`` / ``after``."""
        channel_id = request.match_info["channel"]
        if channel_id != CHANNEL_ID and channel_id not in self.threads:
            return _reply({"message": "Unknown Channel", "code": 10003}, status=404)
        query = request.query
        try:
            limit = int(query.get("limit", 50))
            before, after = int(query.get("before", 0)), int(query.get("after", 0))
        except ValueError:
            return self._error(_Invalid(400, 50035, "Invalid Form Body"))
        if not 1 <= limit <= 100:
            return self._error(_Invalid(400, 50035, "limit: int value should be less than or equal to 100."))
        found = [m["message"] for m in self.messages if m["channel_id"] == channel_id
                 and (not before or int(m["id"]) < before) and int(m["id"]) > after]
        found.sort(key=lambda m: int(m["id"]), reverse=True)
        # with ``after`` Discord answers the ``limit`` messages right after it (still newest first)
        page = found[-limit:] if after and not before else found[:limit]
        return _reply(page)

    async def _start_thread(self, request: web.Request) -> web.Response:
        channel_id, message_id = request.match_info["channel"], request.match_info["message"]
        if not any(m["id"] == message_id and m["channel_id"] == channel_id for m in self.messages):
            return _reply({"message": "Unknown Message", "code": 10008}, status=404)
        if message_id in self.threads:
            return _reply({"message": "A thread has already been created for this message",
                                      "code": 160004}, status=400)
        body = await self._json(request)
        name = body.get("name") or ""
        if not 1 <= len(name) <= 100:
            return self._error(_Invalid(400, 50035, "name: Must be between 1 and 100 in length."))
        thread = {"id": message_id, "type": 11, "guild_id": GUILD_ID, "parent_id": channel_id, "name": name,
                  "owner_id": BOT_ID, "last_message_id": None, "rate_limit_per_user": 0,
                  "message_count": 0, "member_count": 1, "flags": 0,
                  "thread_metadata": {"archived": False, "auto_archive_duration":
                                      body.get("auto_archive_duration", 1440), "locked": False,
                                      "archive_timestamp": "2026-02-15T01:00:00.000000+00:00"}}
        self.threads[message_id] = thread
        return _reply(thread, status=201)

    async def _callback(self, request: web.Request) -> web.Response:
        interaction = self.interactions.get(request.match_info["id"])
        if interaction is None or interaction.token != request.match_info["token"]:
            return _reply({"message": "Unknown interaction", "code": 10062}, status=404)
        if not interaction.callbacks and time.monotonic() - interaction.created > ACK_DEADLINE:
            interaction.expired = True
            return _reply({"message": "Unknown interaction", "code": 10062}, status=404)
        if interaction.callbacks:
            return _reply({"message": "Interaction has already been acknowledged.", "code": 40060},
                                     status=400)
        body = await self._json(request)
        interaction.callbacks.append(body)
        if body.get("type") in (5, 6):  # deferred (6: a component's, updating its message later)
            interaction.deferred_after = time.monotonic() - interaction.created
        if request.query.get("with_response") not in ("1", "true"):
            return web.Response(status=204)
        flags = (body.get("data") or {}).get("flags", 0)
        return _reply({"interaction": {"id": interaction.id, "type": interaction.kind,
                                                  "response_message_loading": body.get("type") == 5,
                                                  "response_message_ephemeral": bool(flags & 64)},
                                  "resource": {"type": body.get("type")}})

    def _by_token(self, request: web.Request) -> Interaction | None:
        if request.match_info["app"] != APP_ID:
            return None
        return next((i for i in self.interactions.values() if i.token == request.match_info["token"]), None)

    async def _followup(self, request: web.Request) -> web.Response:
        interaction = self._by_token(request)
        if interaction is None or not interaction.callbacks:
            return _reply({"message": "Unknown Webhook", "code": 10015}, status=404)
        body = await self._json(request)
        try:
            check_message_body(body)
        except _Invalid as exc:
            self.rejected.append({"interaction": interaction.id, "body": body, "reason": exc.message})
            return self._error(exc)
        interaction.followups.append(body)
        message = self._message(interaction.channel_id, body, webhook=True)
        self.followup_messages[message["id"]] = message
        return _reply(message)

    async def _edit_original(self, request: web.Request) -> web.Response:
        interaction = self._by_token(request)
        if interaction is None or not interaction.callbacks:
            return _reply({"message": "Unknown Webhook", "code": 10015}, status=404)
        body = await self._json(request)
        interaction.edits.append(body)
        return _reply(self._message(CHANNEL_ID, body, webhook=True))

    # -- gateway -------------------------------------------------------------------------------------
    @staticmethod
    async def _send(conn: GatewayConnection, payload: dict[str, Any]) -> None:
        data = json.dumps(payload)
        if conn.compress is not None:
            await conn.ws.send_bytes(conn.compress.compress(data.encode()) + conn.compress.flush(zlib.Z_SYNC_FLUSH))
        else:
            await conn.ws.send_str(data)

    async def _dispatch(self, event: str, data: dict[str, Any], conn: GatewayConnection | None = None) -> None:
        conn = conn or self._connection_for(data.get("guild_id") or GUILD_ID)
        await self._send(conn, {"op": 0, "t": event, "s": next(self._seq), "d": data})

    def _connection_for(self, guild_id: str) -> GatewayConnection:
        """The open connection of the guild's shard (the newest open one when no IDENTIFY said shards)."""
        live = [c for c in self.connections if c.open and c.shard is not None]
        for conn in reversed(live):
            if conn.shard[0] == guild_shard(guild_id, conn.shard[1]):
                return conn
        if not live:
            raise RuntimeError("no gateway connection is open")
        return live[-1]

    def open_shards(self) -> list[int]:
        """The shard of every open, identified connection (a shard twice: two connections for one shard)."""
        return sorted(c.shard[0] for c in self.connections if c.open and c.shard is not None)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        conn = GatewayConnection(ws, zlib.compressobj() if request.query.get("compress") == "zlib-stream" else None)
        self.connections.append(conn)
        await self._send(conn, {"op": 10, "s": None, "t": None, "d": {"heartbeat_interval": 41250}})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            op = payload.get("op")
            if op == 1:
                self.heartbeats += 1
                await self._send(conn, {"op": 11, "s": None, "t": None, "d": None})
            elif op == 2:
                if payload["d"].get("token") != self.token:
                    await ws.close(code=4004, message=b"Authentication failed.")
                    break
                self.identified.append(payload["d"])
                conn.shard = list(payload["d"].get("shard") or [0, 1])
                ours = guild_shard(GUILD_ID, conn.shard[1]) == conn.shard[0]
                await self._dispatch("READY", {
                    "v": 10, "user": self._user(), "guilds": [{"id": GUILD_ID, "unavailable": True}] if ours else [],
                    "session_id": "fake-session", "resume_gateway_url": f"ws://127.0.0.1:{self.port}/gateway-ws",
                    "application": {"id": APP_ID, "flags": 0}, "private_channels": [], "relationships": [],
                    "shard": conn.shard}, conn)
                if ours:
                    await self._dispatch("GUILD_CREATE", self._guild(), conn)
        return ws

    def _guild(self) -> dict[str, Any]:
        return {"id": GUILD_ID, "name": "Fake Guild", "icon": None, "owner_id": USER_ID, "unavailable": False,
                "member_count": 2, "large": False, "features": [], "emojis": [], "stickers": [],
                "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
                "mfa_level": 0, "premium_tier": 0, "system_channel_flags": 0, "preferred_locale": "en-US",
                "nsfw_level": 0, "joined_at": "2026-01-01T00:00:00.000000+00:00",
                "roles": [{"id": GUILD_ID, "name": "@everyone", "permissions": EVERYONE_PERMS, "position": 0,
                           "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}],
                "channels": [{"id": CHANNEL_ID, "type": 0, "name": "general", "position": 0,
                              "permission_overwrites": [], "nsfw": False, "parent_id": None,
                              "rate_limit_per_user": 0, "topic": None, "last_message_id": None}],
                "threads": [], "members": [], "voice_states": [], "presences": [], "stage_instances": [],
                "guild_scheduled_events": [], "soundboard_sounds": []}

    # -- driving -------------------------------------------------------------------------------------
    def invoke(self, command: str, subcommand: str | None = None, options: dict[str, Any] | None = None, *,
               channel_id: str = CHANNEL_ID, guild_id: str = GUILD_ID, permissions: int | None = None,
               user_id: str = USER_ID) -> Interaction:
        """Push an INTERACTION_CREATE for a synced chat-input command, as Discord does when a member runs it.

        ``permissions`` are the member's resolved permissions (default: everyone's, without Manage Channels).
        """
        registered = next((c for c in self.commands if c["name"] == command), None)
        if registered is None:
            raise KeyError(f"/{command} was not synced")
        option_types: dict[str, int] = {}
        data: dict[str, Any] = {"id": registered["id"], "name": command, "type": 1}
        given = [{"name": k, "value": v} for k, v in (options or {}).items()]
        if subcommand:
            sub = next((o for o in registered.get("options", []) if o["name"] == subcommand), None)
            if sub is None or sub.get("type") != OPTION_SUB_COMMAND:
                raise KeyError(f"/{command} {subcommand} was not synced")
            option_types = {o["name"]: o["type"] for o in sub.get("options", [])}
        else:
            option_types = {o["name"]: o["type"] for o in registered.get("options", [])}
        for opt in given:
            if opt["name"] not in option_types:
                raise KeyError(f"option {opt['name']} is not declared")
            opt["type"] = option_types[opt["name"]]
        data["options"] = [{"name": subcommand, "type": OPTION_SUB_COMMAND, "options": given}] if subcommand \
            else given
        return self._push(2, data, channel_id=channel_id, guild_id=guild_id, permissions=permissions,
                          user_id=user_id)

    def press(self, message_id: str, custom_id: str, *, guild_id: str = GUILD_ID, permissions: int | None = None,
              user_id: str = USER_ID) -> Interaction:
        """Push an INTERACTION_CREATE of type 3 (MESSAGE_COMPONENT): a member pressed the button ``custom_id`` on
        message ``message_id`` (a channel or thread message, or an interaction follow-up), which must carry it."""
        found = next((m for m in self.messages if m["id"] == message_id), None)
        message = found["message"] if found else self.followup_messages.get(message_id)
        if message is None:
            raise KeyError(f"no message {message_id}")
        buttons = [c for row in message.get("components") or [] for c in row.get("components") or []]
        if not any(b.get("custom_id") == custom_id for b in buttons):
            raise KeyError(f"message {message_id} has no button {custom_id!r}")
        data = {"custom_id": custom_id, "component_type": 2}
        return self._push(3, data, channel_id=message["channel_id"], guild_id=guild_id, permissions=permissions,
                          user_id=user_id, message=message)

    def _push(self, kind: int, data: dict[str, Any], *, channel_id: str, guild_id: str, permissions: int | None,
              user_id: str, message: dict[str, Any] | None = None) -> Interaction:
        """Dispatch one INTERACTION_CREATE (``permissions``: the member's, default everyone's without Manage
        Channels); in a thread the channel is the thread (type 11) with its parent."""
        perms = str(permissions if permissions is not None else int(EVERYONE_PERMS))
        interaction = Interaction(id=self._snowflake(), token=f"itoken-{next(self._seq)}", channel_id=channel_id,
                                  kind=kind)
        self.interactions[interaction.id] = interaction
        thread = self.threads.get(channel_id)
        channel = {"id": channel_id, "type": 0, "guild_id": guild_id, "name": "general", "permissions": perms,
                   "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None}
        if thread is not None:
            channel = {**thread, "permissions": perms}
        payload = {
            "id": interaction.id, "application_id": APP_ID, "type": kind, "token": interaction.token, "version": 1,
            "guild_id": guild_id, "channel_id": channel_id, "channel": channel,
            "member": {"user": {"id": user_id, "username": "alice", "discriminator": "0", "global_name": "Alice",
                                "avatar": None}, "roles": [], "joined_at": "2026-01-01T00:00:00.000000+00:00",
                       "deaf": False, "mute": False, "flags": 0, "permissions": perms, "nick": None},
            "app_permissions": EVERYONE_PERMS, "locale": "en-US", "guild_locale": "en-US", "entitlements": [],
            "authorizing_integration_owners": {"0": guild_id}, "context": 0, "data": data,
            "attachment_size_limit": 10485760,
        }
        if message is not None:
            payload["message"] = message
        interaction.created = time.monotonic()
        asyncio.run_coroutine_threadsafe(self._dispatch("INTERACTION_CREATE", payload), self._loop).result(5)
        return interaction

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Await (in the caller's loop) until ``predicate()`` holds; AssertionError after ``timeout``."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError("condition not reached in time")
            await asyncio.sleep(0.02)
