"""The Slack adapter: slack-bolt's AsyncApp over HTTP (signed requests at POST /slack/events) or Socket Mode.

``/digest <text>`` is acknowledged at once (empty 200, well within Slack's 3 seconds); the command
then runs in a background task. Short answers go to the command's ``response_url`` (ephemeral);
digests and explanations go through ``core.publish``, which calls ``send`` (chat.postMessage).
An ``@digestbot <command>`` mention works too (Events API), and answers in the mention's thread.
A digest reply's buttons arrive as ``block_actions`` (``adapters.slack.buttons``), acknowledged the same way.
HTTP 429 answers are retried after ``Retry-After`` by slack_sdk's rate-limit retry handler: a 429
means Slack posted nothing, so a retry can neither lose nor duplicate a message.
slack_bolt and slack_sdk are imported when an adapter is built, not when this module is.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from adapters.slack.buttons import ACTION_IDS, SlackButtons
from adapters.slack.render import SlackRenderer
from analysis.errors import BadInput, DigestError, RateLimited, RemoteFailure
from bot.core.chat import ChannelRef, CommandContext, Core, OutboundMessage, TextResponse
from bot.observe import metrics
from bot.settings import Settings

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
DEFAULT_PORT = 3000
RATE_LIMIT_RETRIES = 5
STOP_GRACE_SECONDS = 10.0
MARKER_EVENT = "digestbot_message"  # the metadata event_type of a digest's messages (see find_posted)
READ_BACK_PAGES = 50  # pages of a thread or channel read back at most when resuming a digest
READ_BACK_SLACK_SECONDS = 60.0  # clock skew allowance when reading the channel since a digest began
_MENTION = re.compile(r"^\s*<@[A-Z0-9]+>\s*(?:/?digest\b)?\s*", re.IGNORECASE)


class SlackAdapter:
    """A ``bot.core.chat.ChatAdapter`` for Slack; ``app`` is the AsyncApp, ``web_app`` the aiohttp app (HTTP mode)."""

    platform = "slack"
    supports_threads = True
    supports_files = True

    def __init__(self, settings: Settings, core: Core, *, port: int | None = None, host: str = "0.0.0.0"):
        if not settings.slack_bot_token:
            raise BadInput("SLACK_BOT_TOKEN is not set; the Slack adapter needs a bot token")
        self.mode = "socket" if settings.slack_app_token else "http"
        if self.mode == "http" and not settings.slack_signing_secret:
            raise BadInput("SLACK_SIGNING_SECRET is not set; Slack over HTTP needs it to verify requests "
                           "(or set SLACK_APP_TOKEN for Socket Mode)")
        self.settings, self.core = settings, core
        self.renderer = SlackRenderer()
        self.host, self.port = host, DEFAULT_PORT if port is None else port
        self._tasks: set[asyncio.Task] = set()
        self._runner: Any = None
        self._session: Any = None
        self.socket_handler: Any = None
        self.bot_user_id: str | None = None
        self.app, self.client = self._build_app()
        self.web_app = self._build_web_app() if self.mode == "http" else None

    # --- construction ---------------------------------------------------------------------------
    def _build_app(self):
        from slack_bolt.async_app import AsyncApp
        from slack_sdk.web.async_client import AsyncWebClient

        client = AsyncWebClient(token=self.settings.slack_bot_token, base_url=self.settings.slack_api_url)
        client.retry_handlers.append(rate_limit_retry_handler())
        app = AsyncApp(
            client=client,
            signing_secret=self.settings.slack_signing_secret or "",
            request_verification_enabled=True,  # bad signature or stale timestamp: 401
            process_before_response=False,
        )
        app.command("/digest")(self._on_command)
        app.event("app_mention")(self._on_mention)
        self.buttons = SlackButtons(self)
        app.action(ACTION_IDS)(self.buttons.on_action)  # block_actions, signed (HTTP) or over Socket Mode
        return app, client

    def _build_web_app(self):
        from aiohttp import web
        from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
        from slack_sdk.signature import SignatureVerifier

        verifier = SignatureVerifier(self.settings.slack_signing_secret or "")

        async def handle(request: web.Request) -> web.Response:
            # the signature is checked on the raw bytes before bolt parses anything: an unsigned body,
            # however malformed, is a 401 and costs no parsing (and no traceback in the log)
            raw = await request.read()
            if not verifier.is_valid_request(raw, dict(request.headers)):
                return web.Response(status=401, text="invalid request")
            try:
                bolt_request = await to_bolt_request(request)
            except ValueError:  # signed, so from Slack, but not JSON or a form: one line, not a traceback
                log.warning("a signed Slack request could not be parsed (%d bytes); answered 400", len(raw))
                return web.Response(status=400, text="malformed body")
            return await to_aiohttp_response(await self.app.async_dispatch(bolt_request))

        async def health(request: web.Request) -> web.Response:
            return web.Response(text="ok")

        web_app = web.Application()
        web_app.add_routes([web.post(EVENTS_PATH, handle), web.get("/health", health)])
        return web_app

    # --- lifecycle -------------------------------------------------------------------------------
    def make_socket_handler(self):
        """bolt's Socket Mode handler (aiohttp); it opens the socket via apps.connections.open at SLACK_API_URL."""
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        return AsyncSocketModeHandler(self.app, self.settings.slack_app_token)

    async def _authorize_once(self) -> None:
        """Check the bot token now (a clear error at start) and hand the answer to bolt's authorization.

        Without this, bolt calls auth.test while the first command waits for its acknowledgement.
        """
        try:
            result = await self.client.auth_test()
        except Exception as error:  # noqa: BLE001 - re-raised as one sentence below
            code = getattr(getattr(error, "response", None), "get", lambda _k: None)("error")
            raise RemoteFailure(f"Slack did not accept SLACK_BOT_TOKEN ({code or type(error).__name__}).") from None
        from slack_bolt.middleware.authorization.async_single_team_authorization import AsyncSingleTeamAuthorization

        for middleware in getattr(self.app, "_async_middleware_list", []):
            if isinstance(middleware, AsyncSingleTeamAuthorization) and middleware.auth_test_result is None:
                middleware.auth_test_result = result
        self.bot_user_id = result.get("user_id")

    async def start(self) -> None:
        """HTTP mode: returns once the server listens (``self.port`` is the real port); Socket Mode: once connected."""
        import aiohttp

        # one pooled HTTP session for every Web API call and response_url post (not one per call)
        self._session = aiohttp.ClientSession()
        self.client.session = self._session
        await self._authorize_once()
        if self.mode == "socket":
            self.socket_handler = self.make_socket_handler()
            await self.socket_handler.connect_async()
            log.info("Slack adapter connected over Socket Mode")
            return
        from aiohttp import web

        self._runner = web.AppRunner(self.web_app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self._runner.addresses:
            self.port = self._runner.addresses[0][1]  # the real port when asked for port 0
        log.info("Slack adapter listening on %s:%s%s", self.host, self.port, EVENTS_PATH)

    @property
    def connected(self) -> bool:
        """For the health check: the HTTP server listens, or the Socket Mode connection is open."""
        if self.mode == "http":
            return self._runner is not None
        client = getattr(self.socket_handler, "client", None)
        session = getattr(client, "current_session", None)
        return session is not None and not session.closed and not getattr(client, "closed", False)

    async def stop(self) -> None:
        """Let commands in progress finish (a few seconds at most), then close the server or socket."""
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=STOP_GRACE_SECONDS)
            for task in pending:
                task.cancel()
        if self.socket_handler is not None:
            await self.socket_handler.close_async()
            self.socket_handler = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._session is not None:
            await self._session.close()
            self.client.session = self._session = None

    # --- incoming ----------------------------------------------------------------------------------
    def context(self, team_id: str, channel_id: str, user_id: str, thread: str | None = None) -> CommandContext:
        admins = self.settings.slack_admins
        return CommandContext(channel=ChannelRef("slack", team_id or "", channel_id), user=user_id,
                              thread=thread, can_manage=(not admins) or user_id in admins,
                              admin=bool(admins) and user_id in admins)

    async def _on_command(self, ack, command: dict[str, Any]) -> None:
        await ack()  # first, whatever the work behind it
        ctx = self.context(command.get("team_id", ""), command.get("channel_id", ""), command.get("user_id", ""))
        self._spawn(self.run_command(ctx, command.get("text") or "", command.get("response_url")))

    async def _on_mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        text = _MENTION.sub("", event.get("text") or "", count=1)
        team = body.get("team_id") or event.get("team") or ""
        thread = event.get("thread_ts") or event.get("ts")
        ctx = self.context(team, event.get("channel", ""), event.get("user", ""), thread=thread)
        self._spawn(self.run_command(ctx, text, None))

    def _spawn(self, coro) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run_command(self, ctx: CommandContext, text: str, response_url: str | None) -> None:
        """Run one command and deliver every answer; never raises."""
        try:
            responses = await self.core.handle_command(ctx, text)
            for response in responses:
                if isinstance(response, TextResponse):
                    await self.answer(ctx, response, response_url)
                else:
                    await self.core.publish(self, ctx, response)
        except DigestError as error:
            await self._answer_quietly(ctx, TextResponse(str(error), error=True), response_url)
        except Exception:  # noqa: BLE001 - one failing command must not stop the bot
            log.exception("Slack command %r failed", text[:200])
            await self._answer_quietly(ctx, TextResponse("Something went wrong on our side; the details are in "
                                                         "the bot's log.", error=True), response_url)

    async def _answer_quietly(self, ctx: CommandContext, response: TextResponse, response_url: str | None) -> None:
        try:
            await self.answer(ctx, response, response_url)
        except Exception:  # noqa: BLE001
            log.exception("could not deliver an answer to %s", ctx.channel.key)

    async def answer(self, ctx: CommandContext, response: TextResponse, response_url: str | None,
                     replace_original: bool | None = None) -> None:
        """A short answer: to the command's response_url, else as an ephemeral message (in its thread)."""
        await self.answer_body(ctx, dict(self.renderer.text_message(response).body), response.ephemeral,
                               response_url, replace_original)

    async def answer_body(self, ctx: CommandContext, body: dict[str, Any], ephemeral: bool, response_url: str | None,
                          replace_original: bool | None = None) -> None:
        """Deliver a rendered answer; ``replace_original`` (a button's response_url): replace the pressed message."""
        if response_url:
            from slack_sdk.webhook.async_client import AsyncWebhookClient

            hook = AsyncWebhookClient(response_url, session=self._session, retry_handlers=[rate_limit_retry_handler()])
            body["response_type"] = "ephemeral" if ephemeral else "in_channel"
            if replace_original is not None:
                body["replace_original"] = replace_original
            result = await hook.send_dict(body)
            if result.status_code != 200:
                raise RemoteFailure(f"Slack refused the answer to a command (HTTP {result.status_code}).")
            return
        body.update(channel=ctx.channel.channel)
        if ctx.thread:
            body["thread_ts"] = ctx.thread
        if ephemeral:
            body["user"] = ctx.user
            await self._call("chat.postEphemeral", body)
        else:
            await self._call("chat.postMessage", body)

    # --- outgoing ----------------------------------------------------------------------------------
    async def send(self, channel: ChannelRef, message: OutboundMessage, thread_id: str | None = None) -> str:
        """chat.postMessage with the rendered body; returns the message's ``ts``.

        ``message.files`` are uploaded with Slack's external upload flow and shared as the first
        reply in the message's thread: the bytes go up (files.getUploadURLExternal, then a POST to
        the upload URL) before the message is posted, and files.completeUploadExternal shares them
        with the new ``ts`` as ``thread_ts``. Slack cannot attach files to a chat.postMessage, and
        posting the summary as the file share's comment would lose its blocks. An upload that fails
        is logged, never raised: the message is posted (or already was), so raising would make the
        caller post it again.
        """
        uploaded = await self._upload_files(message.files) if message.files else []
        body = {**message.body, "channel": channel.channel}
        if thread_id:
            body["thread_ts"] = thread_id
        if message.marker:  # read back by find_posted after a crash (never shown to the channel)
            body["metadata"] = {"event_type": MARKER_EVENT, "event_payload": {"marker": message.marker}}
        result = await self._call("chat.postMessage", body)
        ts = str(result["ts"])
        if uploaded:
            await self._share_files(uploaded, channel.channel, thread_id or ts)
        return ts

    async def find_posted(self, channel: ChannelRef, thread_id: str | None, markers: set[str],
                          since: float | None = None) -> dict[str, str]:
        """Which of ``markers`` the thread (or the channel's messages since ``since``) carries: marker -> ts.

        conversations.replies / conversations.history with include_all_metadata, every page.
        """
        params: dict[str, Any] = {"channel": channel.channel, "include_all_metadata": True, "limit": 200}
        if thread_id:
            params["ts"] = thread_id
        elif since:
            params["oldest"] = f"{since - READ_BACK_SLACK_SECONDS:.6f}"
        found: dict[str, str] = {}
        for _ in range(READ_BACK_PAGES):
            if thread_id:
                answer = await self._call("conversations.replies", params, http_verb="GET")
            else:
                answer = await self._call("conversations.history", params, http_verb="GET")
            for item in answer.get("messages") or []:
                metadata = item.get("metadata") or {}
                marker = (metadata.get("event_payload") or {}).get("marker")
                if metadata.get("event_type") == MARKER_EVENT and marker in markers:
                    found[marker] = str(item.get("ts"))
            cursor = (answer.get("response_metadata") or {}).get("next_cursor")
            if not cursor or len(found) == len(markers):
                break
            params["cursor"] = cursor
        return found

    async def _upload_files(self, files: list[tuple[str, bytes]]) -> list[dict[str, str]]:
        """Steps 1 and 2 of the external upload for each file; the ``{id, title}`` of those uploaded."""
        import aiohttp

        done = []
        session = self._session or aiohttp.ClientSession()
        try:
            for name, content in files:
                try:
                    ticket = await self.client.files_getUploadURLExternal(filename=name, length=len(content))
                    async with session.post(ticket["upload_url"], data=content,
                                            headers={"Content-Type": "application/octet-stream"}) as answer:
                        if answer.status != 200:
                            raise RemoteFailure(f"the upload URL answered HTTP {answer.status}")
                    done.append({"id": ticket["file_id"], "title": name})
                except Exception as error:  # noqa: BLE001 - see send: an attachment never blocks a digest
                    log.warning("could not upload %s to Slack: %s", name, _reason(error))
        finally:
            if session is not self._session:
                await session.close()
        return done

    async def _share_files(self, uploaded: list[dict[str, str]], channel_id: str, thread_ts: str) -> None:
        """Step 3: files.completeUploadExternal, sharing the uploaded files in ``thread_ts``."""
        try:
            await self.client.files_completeUploadExternal(files=uploaded, channel_id=channel_id,
                                                           thread_ts=thread_ts)
        except Exception as error:  # noqa: BLE001 - see send
            log.warning("could not share %d file(s) in Slack: %s", len(uploaded), _reason(error))

    async def _call(self, method: str, body: dict[str, Any], http_verb: str = "POST") -> Any:
        from aiohttp import ClientError
        from slack_sdk.errors import SlackApiError

        try:
            if http_verb == "GET":
                return await self.client.api_call(method, http_verb="GET", params=body)
            return await self.client.api_call(method, json=body)
        except SlackApiError as error:
            status = getattr(error.response, "status_code", None)
            code = error.response.get("error") if error.response is not None else None
            if status == 429:
                retry_after = (error.response.headers or {}).get("Retry-After") or (
                    error.response.headers or {}).get("retry-after")
                raise RateLimited("Slack kept rate-limiting the bot; try again in a minute.",
                                  reset_in=float(retry_after) if retry_after else None) from None
            raise RemoteFailure(f"Slack refused {method}: {code or 'unknown error'}.") from None
        except (ClientError, asyncio.TimeoutError) as error:
            raise RemoteFailure(f"Slack could not be reached ({type(error).__name__}).") from None


def rate_limit_retry_handler():
    """slack_sdk's retry after ``Retry-After`` on HTTP 429, counting each retry in the metrics."""
    from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler

    class CountingRateLimitRetryHandler(AsyncRateLimitErrorRetryHandler):
        async def prepare_for_next_attempt_async(self, **kwargs) -> None:
            metrics.chat_retry("slack")
            await super().prepare_for_next_attempt_async(**kwargs)

    return CountingRateLimitRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)


def _reason(error: Exception) -> str:
    """One line about a failed Slack call, without tokens or upload URLs."""
    response = getattr(error, "response", None)
    code = response.get("error") if hasattr(response, "get") else None
    return code or (str(error) if isinstance(error, RemoteFailure) else type(error).__name__)
