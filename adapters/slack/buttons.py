"""Slack buttons: a digest reply's ``block_actions`` acknowledged at once, then acted on by the core.

bolt checks the request's signature (HTTP mode; the adapter checks it on the raw bytes first) or
receives it over Socket Mode; ``on_action`` acknowledges within Slack's 3 seconds and the work runs
in a background task. The button's value is parsed again (``bot.core.actions.parse_action``), never
trusted; answers for the presser go to the interaction's ``response_url`` as ephemeral messages (a
Confirm / Cancel answer replaces the question it answers); an explanation is posted in the thread.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from analysis.errors import DigestError
from bot.core.actions import KINDS, ConfirmResponse, parse_action
from bot.core.chat import CommandContext, TextResponse

if TYPE_CHECKING:
    from adapters.slack.app import SlackAdapter

log = logging.getLogger(__name__)

#: the action_id of every button of ours: ``digest_<kind>``
ACTION_IDS = re.compile(rf"^digest_(?:{'|'.join(KINDS)})$")
#: kinds that answer a question of ours: their answer replaces the question (and its buttons)
ANSWERS = ("mute_confirm", "mute_cancel")


class SlackButtons:
    """The ``block_actions`` listener of one Slack adapter."""

    def __init__(self, adapter: "SlackAdapter"):
        self.adapter = adapter

    async def on_action(self, ack, body: dict[str, Any]) -> None:
        await ack()  # first, whatever the work behind it
        pressed = (body.get("actions") or [{}])[0]
        container = body.get("container") or {}
        message = body.get("message") or {}
        team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or ""
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
        thread = container.get("thread_ts") or message.get("thread_ts")
        ctx = self.adapter.context(team, channel, (body.get("user") or {}).get("id") or "", thread=thread)
        self.adapter._spawn(self.run(ctx, pressed.get("action_id") or "", pressed.get("value"),
                                     body.get("response_url")))

    async def run(self, ctx: CommandContext, action_id: str, value: Any, response_url: str | None) -> None:
        """Act on one button press and deliver every answer; never raises."""
        replace = None
        try:
            action = parse_action(value)
            if action_id != f"digest_{action.kind}":
                raise DigestError("this button is not one of ours; use /digest help")
            replace = True if action.kind in ANSWERS else False
            for response in await self.adapter.core.act(ctx, action):
                await self._deliver(ctx, response, response_url, replace)
        except DigestError as error:
            await self._quietly(ctx, TextResponse(str(error), error=True), response_url, replace)
        except Exception:  # noqa: BLE001 - one failing button must not stop the bot
            log.exception("Slack button %s failed", action_id[:40])
            await self._quietly(ctx, TextResponse("Something went wrong on our side; the details are in the bot's "
                                                  "log.", error=True), response_url, replace)

    async def _deliver(self, ctx: CommandContext, response, response_url: str | None, replace: bool | None) -> None:
        adapter = self.adapter
        if isinstance(response, ConfirmResponse):
            body = dict(adapter.renderer.confirm_message(response).body)
            await adapter.answer_body(ctx, body, True, response_url, replace_original=False)
        elif isinstance(response, TextResponse) and (response.ephemeral or response.error):
            await adapter.answer(ctx, response, response_url, replace_original=replace)
        else:  # an explanation, or the facts: in the thread, for everyone
            await adapter.core.publish(adapter, ctx, response)

    async def _quietly(self, ctx: CommandContext, response: TextResponse, response_url: str | None,
                       replace: bool | None) -> None:
        try:
            await self.adapter.answer(ctx, response, response_url, replace_original=replace)
        except Exception:  # noqa: BLE001
            log.exception("could not deliver a button's answer to %s", ctx.channel.key)
