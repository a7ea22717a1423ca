"""The private-repository guard on ``ask``: analyses stored while a repository was allowed stay unread once not.

A channel followed ``Acme/Secret`` and ``acme/open`` while DIGESTBOT_ALLOWED_REPOS allowed the private
one, and their digests were indexed. Under the operator's list now, ``ask`` answers from the private
repository's analyses only when a pattern still allows it (any case); otherwise it leaves that repository
out (asked by name: one sentence saying why) and still answers from the public one, the control.
Real Slack adapter with signed slash commands, core, store, FTS5 index and heuristic; fake GitHub and Slack.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.core.subscriptions import Subscription
from tests.test_guards import ALLOWANCES, DAY, PRIVATE, PUBLIC, github, slack_bot, texts  # noqa: F401 - fixture

SINCE = "2026-02-01"


async def ask(chat, text: str) -> list[dict]:
    """What ``/digest text`` answered, by response_url or as a post."""
    before = len(chat.slack.posts)
    answers = await chat.run(text)
    return answers + chat.slack.posts[before:]


@pytest.mark.parametrize(("allowed", "may_follow"), ALLOWANCES)
def test_slack_ask_reads_a_private_repository_only_while_allowed(tmp_path, github, allowed, may_follow):  # noqa: F811
    async def scenario():
        async with slack_bot(tmp_path, github, ["acme/*"]) as (chat, core):  # when the channel followed both
            for repo in (PRIVATE, PUBLIC):
                core.subscriptions.save(Subscription(platform="slack", workspace="T0001", channel="C0001", repo=repo))
            await chat.run(f"now {PRIVATE} {DAY}")
            await chat.run(f"now {PUBLIC} {DAY}")
            indexed = await ask(chat, f"ask secret sauce since {SINCE}")
        async with slack_bot(tmp_path, github, allowed) as (chat, core):  # the operator's list now
            return indexed, (await ask(chat, f"ask secret sauce since {SINCE}"),
                             await ask(chat, f"ask secret sauce {PRIVATE} since {SINCE}"),
                             await ask(chat, f"ask open readme since {SINCE}"))

    indexed, (sauce, named, readme) = asyncio.run(scenario())
    assert "the secret sauce" in texts(indexed)  # the private digest was indexed while allowed
    assert "the open readme" in texts(readme)  # the public repository answers whatever the list
    if may_follow:
        assert "the secret sauce" in texts(sauce) and "the secret sauce" in texts(named)
    else:
        assert "the secret sauce" not in texts(sauce) and f"no analysis of {PUBLIC} since" in texts(sauce)
        assert "the secret sauce" not in texts(named) and "private now" in texts(named)
