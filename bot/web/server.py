"""The bot's HTTP endpoints: ``GET /healthz`` and ``GET /metrics`` (and the report pages when public).

``http_routes`` gives the routes; they are served by ``HttpServer`` on their own port, or added to
the Slack adapter's aiohttp app when Slack runs over HTTP, so one port serves everything.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import datetime, timezone
from typing import Any

from aiohttp import web

from bot.observe import metrics
from bot.store import Store

log = logging.getLogger(__name__)

HEALTH_TABLE = "health"
STORE_TIMEOUT = 5.0  # a store write slower than this counts as not writable
#: the store takes a real (synced) write at most this often; checks in between repeat the last answer,
#: so a flood of /healthz requests costs no disk writes (they slowed Slack's acknowledgements)
STORE_CHECK_INTERVAL = 5.0


class Health:
    """What ``/healthz`` checks: the scheduler runs, the store takes a real write, every adapter is connected.

    ``adapters`` and ``scheduler`` are filled in by the runtime as they start; until ``ready``
    is set the answer is 503 "starting".
    """

    def __init__(self, store: Store, store_check_interval: float = STORE_CHECK_INTERVAL):
        self.store = store
        self.adapters: list[Any] = []
        self.scheduler: Any = None
        self.ready = False
        self.store_check_interval = store_check_interval
        self._store_state: tuple[float, str] | None = None  # (monotonic time checked, answer)
        self._store_probe: asyncio.Future | None = None  # the write under way, shared by concurrent checks

    def _write_probe(self) -> None:
        self.store.put(HEALTH_TABLE, "probe", {"at": datetime.now(timezone.utc).isoformat()})

    async def _store_check(self) -> str:
        """The store's state, from a real write at most once per ``store_check_interval``."""
        now = time.monotonic()
        if self._store_state is not None and now - self._store_state[0] < self.store_check_interval:
            return self._store_state[1]
        if self._store_probe is None or self._store_probe.done():
            self._store_probe = asyncio.ensure_future(self._probe_store())
        return await asyncio.shield(self._store_probe)

    async def _probe_store(self) -> str:
        try:
            await asyncio.wait_for(asyncio.to_thread(self._write_probe), STORE_TIMEOUT)
            state = "ok"
        except asyncio.TimeoutError:
            state = f"not writable (no answer within {STORE_TIMEOUT:g} s)"
        except Exception as error:  # noqa: BLE001 - any failure to write is the answer
            log.warning("health check: the store is not writable: %s", error)
            state = f"not writable ({type(error).__name__})"
        self._store_state = (time.monotonic(), state)
        return state

    async def check(self) -> tuple[bool, dict[str, Any]]:
        checks: dict[str, str] = {}
        if not self.ready:
            checks["bot"] = "starting"
        alive = getattr(self.scheduler, "alive", False)
        checks["scheduler"] = "ok" if alive else "not running"
        checks["store"] = await self._store_check()
        corrupt = sorted(getattr(self.store, "corrupt", None) or ())
        if corrupt and checks["store"] == "ok":  # a table that is not a cache cannot be read: commands fail
            checks["store"] = f"corrupt ({', '.join(corrupt[:5])})"
        for adapter in list(self.adapters):
            connected = getattr(adapter, "connected", True)
            checks[f"adapter {adapter.platform}"] = "ok" if connected else "disconnected"
        problems = [f"{name}: {state}" for name, state in checks.items() if state != "ok"]
        body: dict[str, Any] = {"status": "ok" if not problems else "unavailable", "checks": checks}
        if problems:
            body["reason"] = "; ".join(problems)
        return not problems, body


def metrics_routes() -> list[web.RouteDef]:
    """``/metrics`` alone: for its own listener when DIGESTBOT_METRICS_PORT is set."""

    async def metrics_page(request: web.Request) -> web.Response:
        data, content_type = metrics.render()
        return web.Response(body=data, headers={"Content-Type": content_type})

    return [web.get("/metrics", metrics_page)]


def http_routes(health: Health, store: Store, settings: Any) -> list[web.RouteDef]:
    """``/healthz``, ``/metrics`` (unless it has its own port) and, when DIGESTBOT_PUBLIC_URL is set, the report pages."""

    async def healthz(request: web.Request) -> web.Response:
        ok, body = await health.check()
        return web.Response(status=200 if ok else 503, text=json.dumps(body), content_type="application/json")

    routes = [web.get("/healthz", healthz)]
    if getattr(settings, "metrics_port", None) is None:
        routes += metrics_routes()  # public, next to the health check (documented in the README)
    return routes + _report_routes(store, settings)


def _report_routes(store: Store, settings: Any) -> list[web.RouteDef]:
    if not getattr(settings, "public_url", None):
        return []
    try:
        from bot.web.reports import report_routes
    except ModuleNotFoundError as error:
        if error.name != "bot.web.reports":
            raise
        log.warning("DIGESTBOT_PUBLIC_URL is set but this build has no report pages; not served")
        return []
    return list(report_routes(store, settings))


class HttpServer:
    """An aiohttp server for ``routes`` on ``host:port``; ``port`` is the bound one after ``start`` (port 0)."""

    def __init__(self, routes: list[web.RouteDef], host: str, port: int):
        self.host, self.port = host, port
        self.app = web.Application()
        self.app.add_routes(routes)
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as error:
            await self._runner.cleanup()
            self._runner = None
            from analysis.errors import BadInput

            raise BadInput(f"cannot listen on {self.host}:{self.port}: {error.strerror or error}") from None
        if self._runner.addresses:
            self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
