"""``POST /github/webhook``: GitHub's push deliveries, verified (X-Hub-Signature-256) before anything is parsed.

The HMAC-SHA256 of the raw body under ``DIGESTBOT_GITHUB_WEBHOOK_SECRET`` is compared in constant
time; a missing or wrong signature is 401 and the body is never parsed. ``ping`` is answered,
``push`` (JSON or form-encoded) is handed to the alerts (in a task of its own: GitHub waits 10 s at
most), every other event is 204.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from aiohttp import web

from bot.core.alerts import PushEvent

log = logging.getLogger(__name__)

PATH = "/github/webhook"
#: GitHub caps a delivery at 25 MB; a push payload of that size still says only a few fields we read
MAX_BODY = 25 * 1024 * 1024
BRANCH_PREFIX = "refs/heads/"


def signature_of(secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value GitHub sends for ``body``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookReceiver:
    """Verifies deliveries and hands pushes to ``on_push``; ``parsed`` counts the bodies it parsed."""

    def __init__(self, secret: str, on_push: Callable[[PushEvent], Awaitable[object]]):
        self._secret = secret
        self.on_push = on_push
        self.parsed = 0
        self._tasks: set[asyncio.Task] = set()

    def routes(self) -> list[web.RouteDef]:
        return [web.post(PATH, self.handle)]

    async def handle(self, request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.Response(status=413, text="payload too large")
        body = await request.content.read(MAX_BODY + 1)
        given = request.headers.get("X-Hub-Signature-256", "")
        if len(body) > MAX_BODY or not hmac.compare_digest(given.encode(), signature_of(self._secret, body).encode()):
            log.warning("GitHub webhook refused: %s signature", "no" if not given else "a wrong")
            return web.Response(status=401, text="bad signature")
        event = request.headers.get("X-GitHub-Event", "")
        if event == "ping":
            return web.json_response({"ok": True})
        if event != "push":
            return web.Response(status=204)
        push = self._parse(body)
        if push is None:
            return web.Response(status=400, text="not a push payload")
        if not push.branch:
            return web.Response(status=204)  # a tag was pushed
        task = asyncio.get_running_loop().create_task(self._run(push, request.headers.get("X-GitHub-Delivery")))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=202, text="accepted")

    def _parse(self, body: bytes) -> PushEvent | None:
        self.parsed += 1
        try:
            if body.startswith(b"payload="):  # the webhook's content type set to form-encoded
                body = parse_qs(body.decode(), strict_parsing=True)["payload"][0].encode()
            payload = json.loads(body)
            repo = payload["repository"]
            ref = str(payload["ref"])
            return PushEvent(repo=str(repo["full_name"]),
                             branch=ref[len(BRANCH_PREFIX):] if ref.startswith(BRANCH_PREFIX) else "",
                             before=str(payload.get("before") or "") or None, after=str(payload["after"]),
                             default_branch=repo.get("default_branch") or None)
        except (ValueError, KeyError, TypeError):
            return None

    async def _run(self, push: PushEvent, delivery: str | None) -> None:
        try:
            await self.on_push(push)
        except Exception:  # noqa: BLE001 - one failing delivery must not stop the bot
            log.exception("GitHub push %s (%s) could not be handled", (delivery or "?")[:64], push.repo)

    async def drain(self) -> None:
        """Wait for the pushes under way (tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
