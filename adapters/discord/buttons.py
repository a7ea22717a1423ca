"""Discord buttons: a digest reply's components as discord.py dynamic items, pressed ones routed to the adapter.

Each button is a ``DynamicItem`` whose template matches our custom_ids (``bot.core.actions``), registered
with ``Client.add_dynamic_items`` at start: a button on a message posted before a restart still works,
and no per-message view is kept in memory. Discord delivers a press through the gateway
(INTERACTION_CREATE, type 3); the adapter defers it within 3 seconds, then follows up.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.core.actions import PREFIX

#: our custom_ids: ``db1:<code>:<sha>:<owner/name or ~hash>`` (at most 100 characters)
TEMPLATE = rf"{PREFIX}:[a-z]:[0-9a-f]{{40}}:[^\s:]{{1,60}}"

OnPress = Callable[[discord.Interaction, str], Awaitable[None]]


def button_class(on_press: OnPress) -> type:
    """The dynamic button type of one adapter: a press calls ``on_press(interaction, custom_id)``."""

    class DigestButton(discord.ui.DynamicItem[discord.ui.Button], template=TEMPLATE):
        def __init__(self, item: discord.ui.Button):
            super().__init__(item)

        @classmethod
        async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match):
            return cls(item)

        async def callback(self, interaction: discord.Interaction) -> None:
            await on_press(interaction, self.item.custom_id)

    return DigestButton


def view_of(components: list[dict[str, Any]], item_class: type) -> discord.ui.View:
    """The rendered action rows (``adapters.discord.render.components``) as a view discord.py can send."""
    view = discord.ui.View(timeout=None)
    for row_index, row in enumerate(components):
        for button in row.get("components") or []:
            view.add_item(item_class(discord.ui.Button(style=discord.ButtonStyle(button["style"]),
                                                       label=button.get("label"), custom_id=button["custom_id"],
                                                       row=row_index)))
    return view
