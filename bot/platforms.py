"""Chat platforms by name: their renderers and adapters, imported lazily."""

from __future__ import annotations

import importlib

from analysis.errors import BadInput

RENDERERS = {
    "slack": "adapters.slack.render:SlackRenderer",
    "discord": "adapters.discord.render:DiscordRenderer",
    "console": "adapters.console:ConsoleRenderer",
}
ADAPTERS = {
    "slack": "adapters.slack.app:SlackAdapter",
    "discord": "adapters.discord.bot:DiscordAdapter",
    "console": "adapters.console:ConsoleAdapter",
}


def _load(table: dict[str, str], name: str, what: str):
    if name not in table:
        raise BadInput(f"unknown {what} {name!r}; use one of {', '.join(sorted(table))}")
    module, _, attr = table[name].partition(":")
    return getattr(importlib.import_module(module), attr)


def renderer_for(target: str):
    """A renderer instance for ``target``."""
    return _load(RENDERERS, target, "target")()


def adapter_class(platform: str):
    return _load(ADAPTERS, platform, "adapter")
