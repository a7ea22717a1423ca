"""``digestbot run``: build the core, start the adapters (console by default), run until told to stop."""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.core import BotCore
from bot.platforms import adapter_class
from bot.settings import Settings
from bot.store import TinyStore

log = logging.getLogger(__name__)


def configured_adapters(settings: Settings) -> list[str]:
    """Every platform whose credentials are present; the console when there are none."""
    names = []
    if settings.slack_bot_token and (settings.slack_signing_secret or settings.slack_app_token):
        names.append("slack")
    if settings.discord_token:
        names.append("discord")
    return names or ["console"]


def _make_adapter(name: str, settings: Settings, core: BotCore, port: int | None):
    cls = adapter_class(name)
    if name == "slack":
        return cls(settings, core, port=port)
    return cls(settings, core)


async def run_bot(settings: Settings, *, adapters: list[str] | None = None, port: int | None = None,
                  stop: asyncio.Event | None = None) -> None:
    """Run until end of console input (console only), SIGINT/SIGTERM, or ``stop`` is set."""
    store = TinyStore(settings.data_dir)
    # read the small tables now: a corrupt file is reported before any adapter starts or waits on input
    store.items("subscriptions")
    store.items("ledger")
    core = BotCore(settings, store)
    names = adapters or configured_adapters(settings)
    running = []
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    scheduler = None
    try:
        for name in names:
            adapter = _make_adapter(name, settings, core, port)
            await adapter.start()
            running.append(adapter)
            log.info("adapter %s started", name)
        scheduler = _start_scheduler(core, running)
        waiters = [asyncio.create_task(stop.wait())]
        waiters += [asyncio.create_task(a.finished.wait()) for a in running if a.platform == "console"]
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for waiter in waiters:
            waiter.cancel()
    finally:
        if scheduler is not None:
            scheduler.shutdown()
        for adapter in reversed(running):
            try:
                await adapter.stop()
            except Exception:  # noqa: BLE001
                log.exception("stopping %s failed", adapter.platform)


def _start_scheduler(core: BotCore, adapters: list):
    try:
        from scheduler.jobs import DigestScheduler
    except ImportError:
        return None
    scheduler = DigestScheduler(core, {a.platform: a for a in adapters})
    scheduler.start()
    return scheduler
