"""Explain in depth on the real core: one deeper LLM request (fake OpenAI server), the heuristic's facts, the guards.

The core is driven through ``BotCore.act`` with a Slack channel's context (the adapters' part is in
``test_buttons_slack.py`` and ``test_buttons_discord.py``); GitHub is the fake GitHub, the LLM the fake
OpenAI-compatible server through litellm.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timezone

import pytest

from analysis.analyzers.llm.context import fact_line
from bot.core.actions import ButtonAction
from bot.core.chat import ChannelRef, CommandContext, ExplainResponse, TextResponse
from bot.core.service import BotCore
from bot.core.subscriptions import Subscription
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_server import FakeOpenAI

GH_TOKEN = "test-token"
CTX = CommandContext(channel=ChannelRef("slack", "T1", "C1"), user="U1", thread="1.000001", can_manage=False,
                     admin=False)
PATCH = "@@ -0,0 +1,2 @@\n+def refresh_token(user):\n+    return user\n"
CHANGELOG = "@@ -1,2 +1,3 @@\n # Changes\n+- Tokens are refreshed by `Vault` <!channel>\n \n"
DAY = "2026-02-14"


@pytest.fixture
def github():
    with FakeGitHub(tokens={GH_TOKEN}) as gh:
        when = datetime(2026, 2, 14, 10, tzinfo=timezone.utc)
        gh.add_repo("o/r")
        gh.add_repo("o/secret", private=True)
        gh.add_repo("o/other")
        gh.add_commit("o/other", message="chore: start", committed_at=when)
        gh.sha = gh.add_commit("o/r", message="feat: refresh tokens", committed_at=when,
                               files=[{"filename": "src/auth/token.py", "status": "added", "additions": 6,
                                       "patch": PATCH},
                                      {"filename": "CHANGELOG.md", "status": "modified", "additions": 1,
                                       "patch": CHANGELOG},
                                      {"filename": "config/app.yaml", "status": "modified", "additions": 1,
                                       "deletions": 1, "patch": "@@ -1 +1 @@\n-timeout: 5\n+timeout: 30"}])
        gh.secret_sha = gh.add_commit("o/secret", message="feat: hidden", committed_at=when,
                                      files=[{"filename": "a.py", "status": "added", "additions": 1,
                                              "patch": "@@ -0,0 +1 @@\n+x = 1"}])
        yield gh


def core_for(tmp_path, github, **llm) -> BotCore:
    settings = Settings(data_dir=tmp_path / "data", github_api_url=github.url, github_token=GH_TOKEN, **llm)
    core = BotCore(settings, TinyStore(settings.data_dir))
    for repo in ("o/r", "o/secret"):  # followed before o/secret became private, say
        core.subscriptions.save(Subscription(platform="slack", workspace="T1", channel="C1", repo=repo))
    return core


def test_explain_in_depth_asks_the_llm_once_with_the_deep_prompt(tmp_path, github, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-buttons-0000000000")
    with FakeOpenAI() as llm:
        core = core_for(tmp_path, github, llm_model="openai/fake-model", llm_api_base=llm.url)

        async def scenario():
            sub = core.subscriptions.get(CTX.channel, "o/r")
            digest = await core.digest_for(sub, DAY)  # the digest the buttons sit under
            shown = llm.calls
            first = await core.act(CTX, ButtonAction("explain", "o/r", github.sha))
            deep_calls = llm.calls - shown
            deep_request = llm.requests[-1]
            after_first = llm.calls
            again = await core.act(CTX, ButtonAction("explain", "o/r", github.sha))
            return digest, first, deep_calls, deep_request, again, llm.calls - after_first

        digest, first, deep_calls, request, again, second_calls = asyncio.run(scenario())
    assert digest.commits[0].analysis.analyzer == "llm:openai/fake-model"
    assert deep_calls == 1  # one request, the deep one
    system, user = (m["content"] for m in request["messages"])
    assert "IN-DEPTH explanation" in system and "Answer with ONE JSON object" in system  # wraps the full prompt
    assert "Explain this commit in depth" in user and "Title: feat: refresh tokens" in user
    assert "timeout" in user and "refresh_token" in user  # the facts and the diff
    [response] = first
    assert isinstance(response, ExplainResponse) and response.repo == "o/r"
    assert response.report.analysis.analyzer == "llm:openai/fake-model"
    assert response.report.analysis.summary == ["Change: feat: refresh tokens"]  # the model's answer
    assert isinstance(again[0], ExplainResponse) and second_calls == 0  # pressed again: from the cache


def test_explain_in_depth_with_the_heuristic_lists_every_fact_inert(tmp_path, github):
    core = core_for(tmp_path, github, llm_model=None)

    async def scenario():
        responses = await core.act(CTX, ButtonAction("explain", "o/r", github.sha))
        report = core.digests.cached_report("o/r", github.sha, "en")
        return responses, report

    responses, report = asyncio.run(scenario())
    facts = report.analysis.facts
    assert len(facts) >= 3  # the function, the changelog line, the configuration key
    assert all(isinstance(r, TextResponse) and not r.ephemeral and not r.error for r in responses)
    text = "\n".join(r.text for r in responses)
    assert f" {len(facts)}):" in text.splitlines()[0] and "heuristic" in text.splitlines()[0]
    lines = [line for line in text.splitlines()[1:] if line.startswith("• ")]
    assert len(lines) == len(facts)
    for line, fact in zip(lines, facts):
        assert re.fullmatch(r"• `[^`\n]+`", line), line  # each fact one code span: nothing in it is markup
        assert fact.path in line and fact.kind in fact_line(fact)
    assert "`Vault`" not in text and "'Vault'" in text  # backticks of the diff cannot close the span


def test_explain_in_depth_keeps_the_private_repository_guard(tmp_path, github):
    core = core_for(tmp_path, github, llm_model=None)
    [answer] = asyncio.run(core.act(CTX, ButtonAction("explain", "o/secret", github.secret_sha)))
    assert answer.error and "o/secret is private" in answer.text


def test_a_cached_commit_of_another_repository_is_not_read_through_a_followed_one(tmp_path, github):
    core = core_for(tmp_path, github, llm_model=None)
    admin = CommandContext(channel=CTX.channel, user="U1", thread=CTX.thread)  # may mute
    assert asyncio.run(core.act(admin, ButtonAction("explain", "o/r", github.sha)))  # o/r's commit, now cached
    core.subscriptions.save(Subscription(platform="slack", workspace="T1", channel="C1", repo="o/other"))
    [answer] = asyncio.run(core.act(admin, ButtonAction("mute", "o/other", github.sha)))
    assert answer.error and "no commit matches" in answer.text  # asked of o/other; o/r's directories unnamed
    assert core.digests.cached_report("o/other", github.sha, "en") is None


def test_a_button_for_a_repository_the_channel_no_longer_follows_is_refused(tmp_path, github):
    core = core_for(tmp_path, github, llm_model=None)
    core.subscriptions.remove(CTX.channel, "o/r")
    for kind in ("explain", "less", "more", "mute", "mute_confirm", "mute_cancel"):
        [answer] = asyncio.run(core.act(CTX, ButtonAction(kind, "o/r", github.sha)))
        assert answer.error and "does not follow `o/r`" in answer.text, kind
    assert core.feedback.votes(CTX.channel.key, "o/r") == []
