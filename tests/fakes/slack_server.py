"""A local Slack Web API (auth.test, chat.postMessage, chat.postEphemeral, response_url) that enforces Slack's limits.

Real HTTP on 127.0.0.1 (ephemeral port, daemon thread), modelled on bolt-python's
``tests/mock_web_api_server``. ``FakeSlack().url`` ends with ``/api/`` (use it as SLACK_API_URL).
chat.postMessage answers as Slack does: ``invalid_blocks`` for more than 50 blocks, a section text
over 3000 characters or a header over 150, ``msg_too_long`` for text over 40000, ``no_text``,
``channel_not_found``, ``invalid_auth``; ``rate_limit()`` makes the next calls answer 429 with
``Retry-After``, and any call before that time has passed is refused again, as Slack does. File
uploads follow Slack's external flow: files.getUploadURLExternal (filename, length) hands out an
upload URL on this server, a POST of the bytes to it must match the length,
files.completeUploadExternal (files JSON, channel_id, thread_ts) shares them; ``uploads`` records
each completed share with its files' bytes. Messages keep their ``metadata`` (event_type,
event_payload), returned by conversations.history (channel, newest first) and conversations.replies
(a thread, parent first) only with ``include_all_metadata``; both page with ``limit`` and opaque
``cursor``s (``response_metadata.next_cursor``, ``has_more``), as Slack does. A body posted to a ``response_url`` is held to the same
limits; a refusal is HTTP 400 with the error as plain text, as Slack's webhooks answer (``refused``
records it). Also: helpers to send correctly (or wrongly) signed slash commands and events, which
hold the app under test to Slack's 3-second acknowledgement deadline: ``post_signed`` gives up after
it and answers ``operation_timeout`` (what Slack shows the user), and ``FakeSocketMode`` keeps late
acks apart. ``block_actions_body`` is what Slack posts when a member presses a button, and
``block_errors`` checks ``actions`` blocks (buttons' text, action_id, value and style) as Slack does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlencode

from tests.fakes.local_http import LocalHTTPServer

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
TEXT_LIMIT = 40000
MAX_BLOCKS = 50
ACK_DEADLINE = 3.0  # seconds Slack waits for a slash command's (or an envelope's) acknowledgement
BLOCK_TYPES = {"section", "header", "context", "divider", "image", "actions", "rich_text", "input", "file",
               "video", "markdown"}


def block_errors(blocks: Any) -> list[str]:
    """Why Slack would answer ``invalid_blocks`` to these blocks (empty when they are valid)."""
    if not isinstance(blocks, list):
        return ["blocks must be an array"]
    errors = []
    if len(blocks) > MAX_BLOCKS:
        errors.append(f"no more than {MAX_BLOCKS} items allowed [json-pointer:/blocks]")
    for i, block in enumerate(blocks):
        kind = block.get("type") if isinstance(block, dict) else None
        if kind not in BLOCK_TYPES:
            errors.append(f"unknown block type [json-pointer:/blocks/{i}]")
            continue
        text = block.get("text")
        if kind == "header":
            if not isinstance(text, dict) or text.get("type") != "plain_text":
                errors.append(f"header text must be plain_text [json-pointer:/blocks/{i}/text]")
            elif not text.get("text") or len(text["text"]) > HEADER_LIMIT:
                errors.append(f"must be less than {HEADER_LIMIT + 1} characters [json-pointer:/blocks/{i}/text]")
        if kind == "actions":
            errors += _actions_errors(block, i)
        if kind == "section":
            if text is None and not block.get("fields"):
                errors.append(f"section needs text or fields [json-pointer:/blocks/{i}]")
            elif text is not None and (not text.get("text") or len(text["text"]) > SECTION_LIMIT):
                errors.append(f"must be less than {SECTION_LIMIT + 1} characters [json-pointer:/blocks/{i}/text]")
    return errors


def _actions_errors(block: dict[str, Any], i: int) -> list[str]:
    """An ``actions`` block as Slack checks it: 1-25 elements; a button's text (plain_text, 1-75
    characters), ``action_id`` (at most 255, unique in the block), ``value`` (at most 2000), ``style``."""
    elements = block.get("elements")
    where = f"[json-pointer:/blocks/{i}/elements]"
    if not isinstance(elements, list) or not 1 <= len(elements) <= 25:
        return [f"must provide between 1 and 25 items {where}"]
    errors, seen = [], set()
    for j, element in enumerate(elements):
        at = f"[json-pointer:/blocks/{i}/elements/{j}]"
        if not isinstance(element, dict) or element.get("type") != "button":
            continue  # other interactive elements are not used here
        text = element.get("text")
        if not isinstance(text, dict) or text.get("type") != "plain_text" or not 1 <= len(text.get("text") or "") <= 75:
            errors.append(f"button text must be plain_text of 1 to 75 characters {at}")
        action_id = element.get("action_id") or ""
        if len(action_id) > 255 or (action_id and action_id in seen):
            errors.append(f"action_id must be unique in the block and at most 255 characters {at}")
        seen.add(action_id)
        if len(element.get("value") or "") > 2000:
            errors.append(f"must be less than 2001 characters {at}/value")
        if element.get("style") not in (None, "primary", "danger"):
            errors.append(f"style must be primary or danger {at}/style")
    return errors


class FakeSlack(LocalHTTPServer):
    """The fake server; ``posts``, ``ephemerals``, ``responses`` and ``calls`` record what arrived."""

    def __init__(self, token: str = "xoxb-test", channels: set[str] | None = None, team_id: str = "T0001",
                 bot_user_id: str = "UBOT", app_token: str = "xapp-1-test") -> None:
        self.token, self.app_token = token, app_token
        self.socket_url: str | None = None  # what apps.connections.open hands out (see FakeSocketMode)
        self.channels = channels  # None: every channel exists
        self.team_id, self.bot_user_id = team_id, bot_user_id
        self.latency = 0.0  # seconds chat.postMessage takes (a slow Slack, for benchmarks)
        #: called (in the server's thread) with each recorded post, before its answer goes back
        self.after_post: Callable[[dict[str, Any]], None] | None = None
        self.posts: list[dict[str, Any]] = []  # successful chat.postMessage bodies (+ "ts")
        self.ephemerals: list[dict[str, Any]] = []
        self.responses: list[tuple[str, dict[str, Any]]] = []  # (response_url key, body)
        self.refused: list[tuple[str, dict[str, Any], str]] = []  # (response_url key, body, error)
        self.calls: list[tuple[str, dict[str, Any], int]] = []  # (method, body, HTTP status)
        #: completed shares: {"channel_id", "thread_ts", "files": [{"id", "title", "name", "content"}]}
        self.uploads: list[dict[str, Any]] = []
        self._files: dict[str, dict[str, Any]] = {}  # file id -> {"name", "length", "content", "shared"}
        self._lock = threading.Lock()
        self._limited: list[int] = []  # Retry-After of each coming rate-limited answer
        self._blocked_until = 0.0  # monotonic time until which every call is rate-limited
        self._ts = 0

    # --- lifecycle ------------------------------------------------------------------------------
    server_name = "fake-slack"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        return _make_handler(self)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return self.base + "/api/"

    def response_url(self, key: str = "cmd") -> str:
        return f"{self.base}/response/{key}"

    # --- steering ---------------------------------------------------------------------------------
    def rate_limit(self, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``times`` Web API calls with HTTP 429 and ``Retry-After: retry_after``."""
        with self._lock:
            self._limited.extend([retry_after] * times)

    def call_count(self, method: str) -> int:
        with self._lock:
            return sum(1 for m, _, _ in self.calls if m == method)

    # --- the API ----------------------------------------------------------------------------------
    def _next_ts(self) -> str:
        self._ts += 1
        return f"{int(time.time())}.{self._ts:06d}"

    def handle_api(self, method: str, body: dict[str, Any], auth: str | None) -> tuple[int, dict, dict]:
        with self._lock:
            now = time.monotonic()
            if self._limited:
                retry_after = self._limited.pop(0)
                self._blocked_until = now + retry_after
            elif now < self._blocked_until:  # as Slack: a call before Retry-After has passed is refused again
                retry_after = max(1, int(self._blocked_until - now + 0.999))
            else:
                retry_after = None
            if retry_after is not None:
                self.calls.append((method, body, 429))
                return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)}
        status, answer = 200, self._answer(method, body, auth)
        with self._lock:
            self.calls.append((method, body, status))
        return status, answer, {}

    def _answer(self, method: str, body: dict[str, Any], auth: str | None) -> dict[str, Any]:
        if method == "apps.connections.open":
            if auth != f"Bearer {self.app_token}":
                return {"ok": False, "error": "invalid_auth"}
            if not self.socket_url:
                return {"ok": False, "error": "internal_error"}
            return {"ok": True, "url": self.socket_url}
        if auth != f"Bearer {self.token}":
            return {"ok": False, "error": "not_authed" if not auth else "invalid_auth"}
        if method == "auth.test":
            return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake", "user": "digestbot",
                    "team_id": self.team_id, "user_id": self.bot_user_id, "bot_id": "BBOT"}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            return self._post(method, body)
        if method == "conversations.history":
            return self._history(body)
        if method == "conversations.replies":
            return self._replies(body)
        if method == "files.getUploadURLExternal":
            return self._upload_url(body)
        if method == "files.completeUploadExternal":
            return self._complete_upload(body)
        return {"ok": False, "error": "unknown_method"}

    # --- reading messages back ---------------------------------------------------------------------
    @staticmethod
    def _flag(value: Any) -> bool:
        return value is True or str(value).lower() in ("1", "true")

    def _message_json(self, post: dict[str, Any], with_metadata: bool) -> dict[str, Any]:
        message = {"type": "message", "subtype": "bot_message", "bot_id": "BBOT", "user": self.bot_user_id,
                   "text": post.get("text") or "", "ts": post["ts"]}
        if post.get("blocks") is not None:
            message["blocks"] = post["blocks"]
        thread_ts = post.get("thread_ts")
        if thread_ts:
            message["thread_ts"] = thread_ts
        elif any(p.get("thread_ts") == post["ts"] for p in self.posts):
            message["thread_ts"] = post["ts"]
        if with_metadata and post.get("metadata"):
            message["metadata"] = post["metadata"]
        return message

    def _page(self, items: list, body: dict[str, Any], default: int, maximum: int) -> tuple[list, dict]:
        """One page of ``items`` by Slack's cursor rules: (page, fields for the answer)."""
        try:
            limit = min(max(int(body.get("limit") or default), 1), maximum)
        except ValueError:
            limit = default
        cursor = body.get("cursor") or ""
        try:
            start = int(base64.urlsafe_b64decode(cursor.encode()).decode().removeprefix("next_ts:")) if cursor else 0
        except ValueError:
            return [], {"ok": False, "error": "invalid_cursor"}
        page, more = items[start:start + limit], start + limit < len(items)
        next_cursor = base64.urlsafe_b64encode(f"next_ts:{start + limit}".encode()).decode() if more else ""
        return page, {"ok": True, "has_more": more, "response_metadata": {"next_cursor": next_cursor}}

    def _listing(self, body: dict[str, Any], select, default: int, maximum: int) -> dict[str, Any]:
        """One page of the messages ``select(channel)`` picks (None: ``thread_not_found``), as Slack lists them."""
        channel = body.get("channel")
        if not channel or (self.channels is not None and channel not in self.channels):
            return {"ok": False, "error": "channel_not_found"}
        with self._lock:
            items = select(channel)
            if items is None:
                return {"ok": False, "error": "thread_not_found"}
            page, answer = self._page(items, body, default, maximum)
            if answer["ok"]:
                with_metadata = self._flag(body.get("include_all_metadata"))
                answer["messages"] = [self._message_json(p, with_metadata) for p in page]
        return answer

    def _history(self, body: dict[str, Any]) -> dict[str, Any]:
        """conversations.history: the channel's top-level messages after ``oldest``, newest first."""
        oldest = float(body.get("oldest") or 0)

        def select(channel: str) -> list:
            top = [p for p in self.posts if p["channel"] == channel and not p.get("thread_ts")
                   and float(p["ts"]) > oldest]
            return sorted(top, key=lambda p: float(p["ts"]), reverse=True)

        return self._listing(body, select, 100, 999)

    def _replies(self, body: dict[str, Any]) -> dict[str, Any]:
        """conversations.replies: the thread's parent, then its replies oldest first."""
        ts = body.get("ts")

        def select(channel: str) -> list | None:
            parent = next((p for p in self.posts if p["channel"] == channel and p["ts"] == ts), None)
            if parent is None:
                return None
            replies = [p for p in self.posts if p["channel"] == channel and p.get("thread_ts") == ts]
            return [parent] + sorted(replies, key=lambda p: float(p["ts"]))

        return self._listing(body, select, 1000, 1000)

    # --- external file uploads ----------------------------------------------------------------------
    def _upload_url(self, body: dict[str, Any]) -> dict[str, Any]:
        name, length = body.get("filename"), str(body.get("length") or "")
        if not name or not length.isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        with self._lock:
            file_id = f"F{len(self._files) + 1:08d}"
            self._files[file_id] = {"name": name, "length": int(length), "content": None, "shared": False}
        return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}

    def handle_upload(self, file_id: str, content: bytes) -> tuple[int, str]:
        with self._lock:
            entry = self._files.get(file_id)
            if entry is None:
                return 404, "unknown upload"
            if len(content) != entry["length"]:
                return 400, f"expected {entry['length']} bytes, got {len(content)}"
            entry["content"] = content
        return 200, f"OK - {len(content)}"

    def _complete_upload(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            files = json.loads(body.get("files") or "")
        except ValueError:
            return {"ok": False, "error": "invalid_arguments"}
        if not isinstance(files, list) or not files:
            return {"ok": False, "error": "invalid_arguments"}
        channel, thread_ts = body.get("channel_id"), body.get("thread_ts")
        if thread_ts and not channel:
            return {"ok": False, "error": "invalid_arguments"}
        if channel and self.channels is not None and channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        with self._lock:
            if thread_ts and not any(p["ts"] == thread_ts and p["channel"] == channel for p in self.posts):
                return {"ok": False, "error": "invalid_thread_ts"}
            shared = []
            for item in files:
                entry = self._files.get(item.get("id")) if isinstance(item, dict) else None
                if entry is None or entry["content"] is None or entry["shared"]:
                    return {"ok": False, "error": "file_not_found" if entry is None else "file_upload_failed"}
                shared.append((item, entry))
            for item, entry in shared:
                entry["shared"] = True
            self.uploads.append({"channel_id": channel, "thread_ts": thread_ts, "files": [
                {"id": item["id"], "title": item.get("title") or entry["name"], "name": entry["name"],
                 "content": entry["content"]} for item, entry in shared]})
        return {"ok": True, "files": [{"id": item["id"], "name": entry["name"], "title": item.get("title")}
                                      for item, entry in shared]}

    def _post(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        channel = body.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if self.channels is not None and channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        blocks, refusal = message_refusal(body)
        if refusal is not None:
            return {"ok": False, **refusal}
        text = body.get("text") or ""
        metadata = body.get("metadata")
        if isinstance(metadata, str):
            try:
                metadata = json.loads(metadata)
            except ValueError:
                metadata = "invalid"
        if metadata is not None and not (isinstance(metadata, dict) and isinstance(metadata.get("event_type"), str)
                                         and metadata["event_type"] and isinstance(metadata.get("event_payload"), dict)):
            return {"ok": False, "error": "invalid_metadata_format"}
        if method == "chat.postEphemeral":
            with self._lock:
                self.ephemerals.append(dict(body, blocks=blocks))
                return {"ok": True, "message_ts": self._next_ts()}
        if self.latency:
            time.sleep(self.latency)
        with self._lock:
            ts = self._next_ts()
            self.posts.append(dict(body, blocks=blocks, ts=ts, metadata=metadata))
        if self.after_post is not None:
            self.after_post(self.posts[-1])
        return {"ok": True, "channel": channel, "ts": ts,
                "message": {"type": "message", "text": text, "ts": ts, "bot_id": "BBOT"}}

    def handle_response_url(self, key: str, body: dict[str, Any]) -> tuple[int, str]:
        _, refusal = message_refusal(body)
        with self._lock:
            if refusal is not None:
                self.refused.append((key, body, refusal["error"]))
                return 400, refusal["error"]
            self.responses.append((key, body))
        return 200, "ok"


def message_refusal(body: dict[str, Any]) -> tuple[Any, dict[str, Any] | None]:
    """(the blocks, decoded) and why Slack would refuse this message body (None when it is within the limits)."""
    blocks = body.get("blocks")
    if isinstance(blocks, str):
        try:
            blocks = json.loads(blocks)
        except ValueError:
            return None, {"error": "invalid_blocks_format"}
    text = body.get("text") or ""
    if not text and not blocks:
        return blocks, {"error": "no_text"}
    if len(text) > TEXT_LIMIT:
        return blocks, {"error": "msg_too_long"}
    if blocks is not None:
        errors = block_errors(blocks)
        if errors:
            return blocks, {"error": "invalid_blocks", "errors": errors}
    return blocks, None


def _make_handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _raw(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _read(self, raw: bytes) -> dict[str, Any]:
            query = dict(parse_qsl(self.path.split("?", 1)[1], keep_blank_values=True)) if "?" in self.path else {}
            if not raw:
                return query
            if "json" in (self.headers.get("Content-Type") or ""):
                return {**query, **json.loads(raw.decode("utf-8"))}
            return {**query, **dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))}

        def _send(self, status: int, payload: bytes, content_type: str, headers: dict | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            path = self.path.split("?", 1)[0]
            raw = self._raw()
            if path.startswith("/upload/"):
                status, text = fake.handle_upload(path[len("/upload/"):], raw)
                self._send(status, text.encode(), "text/plain")
                return
            body = self._read(raw)
            if path.startswith("/api/"):
                auth = self.headers.get("Authorization")
                if not auth and body.get("token"):
                    auth = f"Bearer {body.pop('token')}"
                status, answer, headers = fake.handle_api(path[len("/api/"):], body, auth)
                self._send(status, json.dumps(answer).encode(), "application/json; charset=utf-8", headers)
            elif path.startswith("/response/"):
                status, text = fake.handle_response_url(path[len("/response/"):], body)
                self._send(status, text.encode(), "text/plain")
            else:
                self._send(404, b"not found", "text/plain")

        do_GET = do_POST

    return Handler


# --- signed requests to the app under test ----------------------------------------------------------
def signature(secret: str, timestamp: str, body: str) -> str:
    """Slack's v0 request signature: HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


def signed_headers(secret: str, body: str, content_type: str, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature(secret, ts, body)}


def slash_command_body(text: str, *, response_url: str, command: str = "/digest", team_id: str = "T0001",
                       channel_id: str = "C0001", user_id: str = "U0001", trigger_id: str = "1.2.3") -> str:
    """The form-encoded body Slack sends for a slash command."""
    return urlencode({
        "token": "deprecated-verification-token", "team_id": team_id, "team_domain": "fake",
        "channel_id": channel_id, "channel_name": "general", "user_id": user_id, "user_name": "someone",
        "command": command, "text": text, "api_app_id": "A0001", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": trigger_id,
    })


def block_actions_body(action: dict[str, Any], *, response_url: str, team_id: str = "T0001",
                       channel_id: str = "C0001", user_id: str = "U0001", message: dict[str, Any] | None = None,
                       ephemeral: bool = False, trigger_id: str = "4.5.6") -> str:
    """The form-encoded body Slack sends when a member presses a button: ``payload=<block_actions JSON>``.

    ``action`` is the pressed element as posted (action_id, value, text); ``message`` the message carrying it
    (its ``ts`` and ``thread_ts``; an ephemeral message is not sent back, only its container).
    """
    message = message or {}
    container = {"type": "message", "message_ts": message.get("ts", "1.000001"), "channel_id": channel_id,
                 "is_ephemeral": ephemeral}
    if message.get("thread_ts"):
        container["thread_ts"] = message["thread_ts"]
    payload: dict[str, Any] = {
        "type": "block_actions", "api_app_id": "A0001", "token": "deprecated-verification-token",
        "team": {"id": team_id, "domain": "fake"}, "enterprise": None, "is_enterprise_install": False,
        "user": {"id": user_id, "username": "someone", "name": "someone", "team_id": team_id},
        "channel": {"id": channel_id, "name": "general"}, "container": container, "trigger_id": trigger_id,
        "response_url": response_url, "state": {"values": {}},
        "actions": [{"type": "button", "action_id": action["action_id"], "block_id": action.get("block_id", "b1"),
                     "text": action.get("text", {"type": "plain_text", "text": "button"}),
                     "value": action.get("value", ""), "action_ts": f"{time.time():.6f}"}],
    }
    if not ephemeral and message:
        payload["message"] = {"type": "message", "user": "UBOT", "bot_id": "BBOT", "ts": message.get("ts"),
                              "text": message.get("text", ""), "blocks": message.get("blocks", []),
                              **({"thread_ts": message["thread_ts"]} if message.get("thread_ts") else {})}
    return urlencode({"payload": json.dumps(payload)})


def event_body(event: dict[str, Any], *, team_id: str = "T0001") -> str:
    """The JSON body of an Events API ``event_callback``."""
    return json.dumps({"token": "deprecated-verification-token", "team_id": team_id, "api_app_id": "A0001",
                       "type": "event_callback", "event_id": f"Ev{time.time_ns()}", "event_time": int(time.time()),
                       "authorizations": [{"team_id": team_id, "user_id": "UBOT", "is_bot": True}],
                       "event": event})


async def post_signed(session: Any, url: str, secret: str, body: str, *, json_body: bool = False,
                      timestamp: int | None = None) -> tuple[int, str, float]:
    """POST a signed request as Slack does; returns (status, text, seconds taken).

    Like Slack, it waits ``ACK_DEADLINE`` seconds for the answer and no longer: a later one is
    ``(0, "operation_timeout", ...)``, so an app that acknowledges too slowly fails by behaviour.
    """
    import asyncio

    content_type = "application/json" if json_body else "application/x-www-form-urlencoded"
    headers = signed_headers(secret, body, content_type, timestamp)
    started = time.perf_counter()
    try:
        async with asyncio.timeout(ACK_DEADLINE):
            async with session.post(url, data=body.encode(), headers=headers) as resp:
                text = await resp.text()
    except TimeoutError:
        return 0, "operation_timeout", time.perf_counter() - started
    return resp.status, text, time.perf_counter() - started


class FakeSocketMode:
    """A Socket Mode websocket (aiohttp, on the caller's event loop): says hello, sends envelopes, collects acks."""

    def __init__(self) -> None:
        self.acks: list[dict[str, Any]] = []  # acks that arrived within ACK_DEADLINE of their envelope
        self.late_acks: list[dict[str, Any]] = []  # Slack would have given up on these (and retried)
        self._sent: dict[str, float] = {}  # envelope id -> when it was sent
        self.connected = None  # asyncio.Event, made in start()
        self._ws = None
        self._runner = None
        self.url = ""

    async def start(self) -> "FakeSocketMode":
        import asyncio

        from aiohttp import web

        self.connected = asyncio.Event()

        async def link(request):
            ws = web.WebSocketResponse(autoping=True)
            await ws.prepare(request)
            self._ws = ws
            await ws.send_json({"type": "hello", "num_connections": 1,
                                "connection_info": {"app_id": "A0001"}})
            self.connected.set()
            async for msg in ws:
                if msg.type == web.WSMsgType.TEXT:
                    ack = json.loads(msg.data)
                    sent = self._sent.get(ack.get("envelope_id"), time.monotonic())
                    late = time.monotonic() - sent > ACK_DEADLINE
                    (self.late_acks if late else self.acks).append(ack)
            return ws

        app = web.Application()
        app.add_routes([web.get("/link", link)])
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/link"
        return self

    async def send_slash_command(self, payload: dict[str, Any], envelope_id: str = "env-1") -> None:
        self._sent[envelope_id] = time.monotonic()
        await self._ws.send_json({"envelope_id": envelope_id, "type": "slash_commands",
                                  "accepts_response_payload": True, "payload": payload})

    async def send_interactive(self, payload: dict[str, Any], envelope_id: str = "env-i") -> None:
        """An ``interactive`` envelope (a block_actions payload, as JSON) as Socket Mode delivers a button press."""
        self._sent[envelope_id] = time.monotonic()
        await self._ws.send_json({"envelope_id": envelope_id, "type": "interactive",
                                  "accepts_response_payload": False, "payload": payload})

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
