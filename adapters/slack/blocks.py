"""Slack Block Kit building blocks (sections, header, message body) that every Slack payload module shares.

They sit below the renderers (digest, weekly roll-up, answer), so each of those imports them at the top
and the digest renderer can import the other two without an import circle.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.text import HEADER_LIMIT, MAX_BLOCKS, SECTION_LIMIT, TEXT_LIMIT, plain, shorten, split_mrkdwn

__all__ = ["MAX_BLOCKS", "body", "header", "section", "text_sections"]


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": shorten(plain(text), HEADER_LIMIT),
                                       "emoji": True}}


def body(text: str, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    """A chat.postMessage body; ``text`` is the fallback shown in notifications."""
    if len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 40].rstrip() + "\n… (full text in the blocks)"
    return {"text": text, "blocks": blocks, "unfurl_links": False, "unfurl_media": False}


def text_sections(text: str) -> list[dict[str, Any]]:
    """``text`` as mrkdwn sections, each within Slack's section limit."""
    return [section(chunk) for chunk in split_mrkdwn(text, SECTION_LIMIT) if chunk.strip()]
