"""Discord embeds and message bodies within Discord's limits, shared by every Discord payload module.

They sit below the renderers (digest, weekly roll-up, answer), so each of those imports them at the top
and the digest renderer can import the other two without an import circle.
"""

from __future__ import annotations

from typing import Any

from adapters.discord import text as dt

__all__ = ["NEUTRAL", "Embed", "embed_size", "message_body", "pack"]

#: the colour of an embed that carries no importance
NEUTRAL = 0x5865F2

Embed = dict[str, Any]


def message_body(content: str = "", embeds: list[Embed] | None = None) -> dict[str, Any]:
    """A message body: ``content`` and ``embeds``, no mention ever parsed."""
    body: dict[str, Any] = {"content": content, "allowed_mentions": dict(dt.NO_MENTIONS)}
    if embeds:
        body["embeds"] = embeds
    return body


def embed_size(embed: Embed) -> int:
    """Characters an embed counts toward the 6000 per message."""
    size = dt.dlen(embed.get("title", "")) + dt.dlen(embed.get("description", ""))
    size += dt.dlen(embed.get("footer", {}).get("text", "")) + dt.dlen(embed.get("author", {}).get("name", ""))
    for f in embed.get("fields", []):
        size += dt.dlen(f["name"]) + dt.dlen(f["value"])
    return size


def pack(head: Embed, text: str, footer: str | None = None, content: str = "") -> list[dict[str, Any]]:
    """Message bodies carrying ``head`` (title, url, color, fields) and ``text`` split across embeds.

    The first embed gets ``head``; the others continue the description in the same colour;
    ``footer`` goes on the very last embed. Each message holds at most 10 embeds and 6000 characters.
    """
    color = head.get("color", NEUTRAL)
    footer = dt.shorten(footer, dt.FOOTER_LIMIT) if footer else None
    head_size = embed_size(head)
    reserve = dt.dlen(footer) if footer else 0
    first_room = min(dt.EMBED_DESCRIPTION_LIMIT, dt.EMBED_TOTAL_LIMIT - head_size - reserve - dt.dlen(content))
    chunks: list[str] = []
    rest = text
    if first_room >= 200:
        first = dt.split_text(text, first_room)
        chunks.append(first[0])
        rest = text[len(first[0]):].lstrip("\n ") if len(first) > 1 else ""
    else:
        chunks.append("")
    if rest:
        chunks += dt.split_text(rest, dt.EMBED_DESCRIPTION_LIMIT - reserve)
    embeds: list[Embed] = []
    for i, chunk in enumerate(chunks):
        embed = dict(head) if i == 0 else {"color": color}
        if chunk:
            embed["description"] = chunk
        embeds.append(embed)
    if footer:
        embeds[-1]["footer"] = {"text": footer}
    bodies: list[dict[str, Any]] = []
    batch: list[Embed] = []
    total = dt.dlen(content)
    for embed in embeds:
        size = embed_size(embed)
        if batch and (len(batch) == dt.EMBEDS_PER_MESSAGE or total + size > dt.EMBED_TOTAL_LIMIT):
            bodies.append(message_body(content if not bodies else "", batch))
            batch, total = [], 0
        batch.append(embed)
        total += size
    bodies.append(message_body(content if not bodies else "", batch))
    return bodies
