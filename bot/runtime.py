"""``digestbot run``: build the core, start the adapters (console by default), run until told to stop.

The composition root, with ``bot.cli`` (and ``bot.platforms``, the adapters by name): the only
modules that import ``scheduler/`` and ``adapters/``. The rest of ``bot/`` is the core they sit on,
so every arrow points down: analysis <- bot core <- scheduler, adapters <- runtime and CLI.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.core.alerts import AlertService
from bot.core.chat import DigestResponse
from bot.core.coordination.shards import ShardKeeper
from bot.core.digests.service import build_service
from bot.core.service import BotCore
from bot.observe import metrics
from bot.platforms import adapter_class
from bot.settings import Settings
from bot.store import open_store, shares_database
from bot.store.data_dir import claim_data_dir
from bot.store.leases import holder_id
from bot.web.server import Health, HttpServer, http_routes, metrics_routes
from bot.web.webhook import WebhookReceiver
from scheduler.cluster import start_shared
from scheduler.jobs import DigestScheduler
from scheduler.polling import HeadPoller

log = logging.getLogger(__name__)


def configured_adapters(settings: Settings) -> list[str]:
    """Every platform whose credentials are present; the console when there are none."""
    names = []
    if settings.slack_bot_token and (settings.slack_signing_secret or settings.slack_app_token):
        names.append("slack")
    if settings.discord_token:
        names.append("discord")
    return names or ["console"]


class ObservedCore(BotCore):
    """The running bot's core: counts the digests it posts and those it fails to build or post."""

    async def digest_for(self, sub, day: str):
        try:
            return await super().digest_for(sub, day)
        except Exception:
            metrics.digest_failed(sub.platform)
            raise

    async def publish(self, adapter, ctx, response) -> None:
        if not isinstance(response, DigestResponse):
            return await super().publish(adapter, ctx, response)
        try:
            await super().publish(adapter, ctx, response)
        except Exception:
            metrics.digest_failed(adapter.platform)
            raise
        metrics.digest_posted(adapter.platform)


def _make_adapter(name: str, settings: Settings, core: BotCore, port: int | None):
    cls = adapter_class(name)
    if name == "slack":
        return cls(settings, core, port=port, host=settings.http_host)
    if name == "discord":  # several instances or several shards: the shards this instance holds leases for
        return cls(settings, core, leased_shards=shares_database(settings) or settings.discord_shards > 1)
    return cls(settings, core)


async def _keep_shards(adapter, store, settings: Settings) -> ShardKeeper | None:
    """The shard leases of a Discord adapter that runs leased shards (started: the free shards run now)."""
    if not getattr(adapter, "leased_shards", False):
        return None
    keeper = ShardKeeper(store.leases, holder_id(), settings.discord_shards, adapter.run_shard, adapter.stop_shard)
    await keeper.start()
    return keeper


async def run_bot(settings: Settings, *, adapters: list[str] | None = None, port: int | None = None,
                  stop: asyncio.Event | None = None) -> None:
    """Run until end of console input (console only), SIGINT/SIGTERM, or ``stop`` is set."""
    # one bot per directory, writable, leftovers removed; a shared database is shared by design
    lock = None if shares_database(settings) else claim_data_dir(settings.data_dir)
    try:
        await _run_on(settings, adapters, port, stop)
    finally:
        if lock is not None:
            lock.release()


async def _run_on(settings: Settings, adapters: list[str] | None, port: int | None,
                  stop: asyncio.Event | None) -> None:
    store = open_store(settings)
    # read the small tables now: a corrupt file is reported before any adapter starts or waits on input
    store.items("subscriptions")
    store.items("ledger")
    core = ObservedCore(settings, store, digests=build_service(settings, store))
    names = adapters or configured_adapters(settings)
    running = []
    health = Health(store, settings.health_store_interval)
    health.adapters = running
    server = metrics_server = None
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    scheduler = poller = None
    cluster: list = []  # the job queue and the schedule sync, with a shared database
    keepers = []
    alerts = AlertService(core, {a.platform: a for a in running})
    routes = http_routes(health, store, settings)
    if settings.github_webhook_secret:
        routes += WebhookReceiver(settings.github_webhook_secret, alerts.push).routes()
    try:
        built = [_make_adapter(name, settings, core, port) for name in names]
        server = await _serve_http(built, routes, settings, port)
        if settings.metrics_port is not None:
            metrics_server = HttpServer(metrics_routes(), settings.metrics_host, settings.metrics_port)
            await metrics_server.start()
            log.info("metrics listening on http://%s:%s/metrics", metrics_server.host, metrics_server.port,
                     extra={"host": metrics_server.host, "port": metrics_server.port})
        for adapter in built:
            await adapter.start()
            running.append(adapter)
            keeper = await _keep_shards(adapter, store, settings)
            if keeper is not None:
                keepers.append(keeper)
            log.info("adapter %s started", adapter.platform)
        scheduler, cluster = await _start_scheduler(core, running, settings, store)
        alerts.adapters.update({a.platform: a for a in running})
        poller = HeadPoller(alerts)
        poller.start()
        health.scheduler, health.ready = scheduler, True
        _log_listening(server, built, settings)
        waiters = [asyncio.create_task(stop.wait())]
        waiters += [asyncio.create_task(a.finished.wait()) for a in running if a.platform == "console"]
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
    finally:
        if scheduler is not None:
            scheduler.shutdown()
        for part in reversed(cluster):  # before the adapters: running digests finish or go back to the queue
            try:
                await part.stop()
            except Exception:  # noqa: BLE001
                log.exception("stopping %s failed", type(part).__name__)
        if poller is not None:
            poller.shutdown()
        for keeper in keepers:
            await keeper.stop()
        for adapter in reversed(running):
            try:
                await adapter.stop()
            except Exception:  # noqa: BLE001
                log.exception("stopping %s failed", adapter.platform)
        for listener in (server, metrics_server):
            if listener is not None:
                await listener.stop()
        store.close()


async def _serve_http(adapters: list, routes: list, settings: Settings, port: int | None):
    """Health, metrics (report pages, the GitHub webhook) on Slack's HTTP app when there is one, else on ``port``.

    Returns the server started here, or None (served by Slack, or no port at all).
    """
    for adapter in adapters:
        web_app = getattr(adapter, "web_app", None)
        if web_app is not None:  # Slack over HTTP: one app, one port (routes added before it starts)
            web_app.add_routes(routes)
            return None
    if port is None:
        if settings.public_url:
            log.warning("DIGESTBOT_PUBLIC_URL is set but no HTTP port is open; pass --port to serve the reports")
        if settings.github_webhook_secret:
            log.warning("DIGESTBOT_GITHUB_WEBHOOK_SECRET is set but no HTTP port is open; pass --port to receive "
                        "GitHub's pushes (alerts wait for them)")
        return None
    server = HttpServer(routes, settings.http_host, port)
    await server.start()
    return server


def _log_listening(server: HttpServer | None, adapters: list, settings: Settings) -> None:
    if server is not None:
        host, port = server.host, server.port
    else:
        web = [a for a in adapters if getattr(a, "web_app", None) is not None]
        if not web:
            return
        host, port = web[0].host, web[0].port
    paths = "/healthz" if settings.metrics_port is not None else "/healthz, /metrics"
    log.info("HTTP server listening on http://%s:%s (%s)", host, port, paths, extra={"host": host, "port": port})


async def _start_scheduler(core: BotCore, adapters: list, settings: Settings, store) -> tuple[DigestScheduler, list]:
    """APScheduler's jobs; with a shared database, due digests go through the job queue and the schedule
    follows changes made through other instances. Returns the scheduler and the parts to stop."""
    by_platform = {a.platform: a for a in adapters}
    scheduler = DigestScheduler(core, by_platform)
    parts = await start_shared(scheduler, settings, store, list(by_platform)) if shares_database(settings) else []
    scheduler.start()
    return scheduler, parts
