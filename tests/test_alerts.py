"""Alerts end to end: a signed GitHub push (or a poll that saw the branch move) posts an important change once.

Through the real adapters (slack-bolt against the fake Slack with signed slash commands; discord.py
against the fake Discord gateway; the console) on the real core, store and heuristic, with the fake
GitHub answering conditional requests with 304 as GitHub does. The alert service's clock is pinned
to the day of the fake commits, so the next day's digest is a full day's.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import uuid
from datetime import datetime, timezone

import aiohttp
import pytest

from adapters.console import ConsoleAdapter
from adapters.discord.bot import DiscordAdapter
from adapters.slack.app import SlackAdapter
from bot.core.alerts import AlertLog, AlertService
from bot.core.chat import ChannelRef, CommandContext
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from bot.web.webhook import PATH, WebhookReceiver, signature_of
from scheduler.polling import poll_heads
from tests.fakes import discord_server as fd
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack
from tests.test_discord_adapter import _restore_discord_globals  # noqa: F401 - autouse: discord.py's globals back
from tests.test_guards import ADMIN, SLACK_TOKEN, SlackChat, interact
from tests.test_guards import SECRET as SLACK_SECRET
from tests.test_runtime import unused_port  # noqa: F401 - fixture

REPO, DAY = "Acme/Widget", "2026-02-14"
HOOK_SECRET = "hook-secret-for-tests"
GH_TOKEN = "test-token"
WHEN = datetime(2026, 2, 14, 9, tzinfo=timezone.utc)
PINNED = datetime(2026, 2, 14, 15, tzinfo=timezone.utc).timestamp()
#: the marker's words, as the digest shows them after an alert
EN_MARK, ZH_MARK = "Already announced in this channel as an alert", "在本频道作为提醒发布"


def _file(path: str) -> list[dict]:
    return [{"filename": path, "status": "modified", "additions": 2, "deletions": 2,
             "patch": "@@ -1,2 +1,2 @@\n-a = 1\n-b = 2\n+a = 3\n+b = 4"}]


@pytest.fixture
def github():
    with FakeGitHub(tokens={GH_TOKEN}) as gh:
        gh.add_repo(REPO)
        gh.base = gh.add_commit(REPO, message="docs: a typo", committed_at=WHEN, files=_file("docs/guide.md"))
        yield gh


def land(gh: FakeGitHub, title: str, minute: int, path: str = "src/widget/config.py") -> str:
    return gh.add_commit(REPO, message=title, committed_at=WHEN.replace(minute=minute), files=_file(path))


def settings_for(tmp_path, gh: FakeGitHub, **extra) -> Settings:
    return Settings(data_dir=tmp_path / "data", github_api_url=gh.url, github_token=GH_TOKEN, llm_model=None,
                    **extra)


def push_body(before: str, after: str, repo: str = REPO) -> bytes:
    return json.dumps({"ref": "refs/heads/main", "before": before, "after": after,
                       "repository": {"full_name": repo, "default_branch": "main"}}).encode()


async def deliver(session, url: str, body: bytes, *, event: str = "push", secret: str | None = HOOK_SECRET,
                  delivery: str | None = None) -> int:
    headers = {"Content-Type": "application/json", "X-GitHub-Event": event,
               "X-GitHub-Delivery": delivery or str(uuid.uuid4())}
    if secret is not None:
        headers["X-Hub-Signature-256"] = signature_of(secret, body)
    async with session.post(url, data=body, headers=headers) as resp:
        return resp.status


def dump(bodies) -> str:
    return json.dumps(bodies, ensure_ascii=False, default=repr)


def posts_with(out: io.StringIO, text: str) -> int:
    """How many console posts mention ``text``."""
    return sum(text in part for part in out.getvalue().split("--- message ")[1:])


# --- the webhook on Slack -------------------------------------------------------------------------------------

@contextlib.asynccontextmanager
async def slack_with_webhook(tmp_path, gh, **extra):
    """The Slack adapter over HTTP with the webhook on its port, as ``digestbot run`` wires them."""
    with FakeSlack(token=SLACK_TOKEN) as slack:
        settings = settings_for(tmp_path, gh, slack_api_url=slack.url, slack_bot_token=SLACK_TOKEN,
                                slack_signing_secret=SLACK_SECRET, slack_admins=[ADMIN],
                                github_webhook_secret=HOOK_SECRET, **extra)
        core = BotCore(settings, TinyStore(settings.data_dir))
        adapter = SlackAdapter(settings, core, port=0, host="127.0.0.1")
        alerts = AlertService(core, {"slack": adapter}, clock=lambda: PINNED)
        receiver = WebhookReceiver(HOOK_SECRET, alerts.push)
        adapter.web_app.add_routes(receiver.routes())
        await adapter.start()
        try:
            async with aiohttp.ClientSession() as session:
                chat = SlackChat(slack, adapter, session, f"http://127.0.0.1:{adapter.port}/slack/events")
                yield chat, core, receiver, f"http://127.0.0.1:{adapter.port}{PATH}"
        finally:
            await receiver.drain()
            await adapter.stop()


def test_slack_signed_push_posts_the_alert_once_and_bad_signatures_parse_nothing(tmp_path, github):
    async def scenario():
        async with slack_with_webhook(tmp_path, github) as (chat, core, receiver, url):
            answers = await chat.run(f"subscribe {REPO.lower()} alert high")
            listed = await chat.run("list")
            # one push brings a low and a high change: only the high one is an alert
            land(github, "docs: more words", 10, "docs/more.md")
            high = land(github, "fix!: drop the legacy config flag", 20)
            body = push_body(github.base, high)
            statuses = {}
            statuses["forged"] = await deliver(chat.session, url, body, secret="not-the-secret")
            statuses["unsigned"] = await deliver(chat.session, url, body, secret=None)
            parsed_after_refusals = receiver.parsed
            statuses["ping"] = await deliver(chat.session, url, b'{"zen": "x"}', event="ping")
            statuses["issues"] = await deliver(chat.session, url, b'{"action": "opened"}', event="issues")
            posts_before = list(chat.slack.posts)
            statuses["push"] = await deliver(chat.session, url, body, delivery="d-1")
            await receiver.drain()
            after_push = list(chat.slack.posts)
            statuses["replay"] = await deliver(chat.session, url, body, delivery="d-1")  # GitHub's redelivery
            statuses["again"] = await deliver(chat.session, url, body)
            await receiver.drain()
            return answers, listed, statuses, parsed_after_refusals, posts_before, after_push, list(chat.slack.posts)

    answers, listed, statuses, parsed, before, after_push, final = asyncio.run(scenario())
    assert "alert high" in answers[0]["text"] and "alert high" in listed[0]["text"]
    assert statuses == {"forged": 401, "unsigned": 401, "ping": 200, "issues": 204, "push": 202,
                        "replay": 202, "again": 202}
    assert parsed == 0  # refused before the body was read as JSON
    assert before == []
    alerts = after_push
    assert len(alerts) == 1 and alerts[0]["channel"] == "C0001"
    assert "drop the legacy config flag" in dump(alerts) and "more words" not in dump(alerts)
    assert final == after_push  # the replayed delivery posted nothing


def test_per_hour_cap_and_the_next_digest_marks_what_was_announced(tmp_path, github):
    channel = ChannelRef("slack", "T0001", "C0001")

    async def scenario():
        async with slack_with_webhook(tmp_path, github, alerts_per_hour=2) as (chat, core, receiver, url):
            await chat.run(f"subscribe {REPO} alert medium")
            shas = [land(github, f"fix!: remove switch number {n}", 10 + n) for n in range(3)]
            await deliver(chat.session, url, push_body(github.base, shas[-1]))
            await receiver.drain()
            alerts = list(chat.slack.posts)
            await chat.run(f"now {REPO} {DAY}")
            digest_posts = chat.slack.posts[len(alerts):]
            return shas, alerts, digest_posts, AlertLog(core.store).sent(channel)

    shas, alerts, digest_posts, logged = asyncio.run(scenario())
    assert len(alerts) == 2  # the cap: the third waits for the digest
    assert [row["sha"] for row in logged] == shas[:2]  # oldest first; the held one is not announced
    replies = {sha: dump([p for p in digest_posts if sha[:7] in dump(p)]) for sha in shas}
    for sha in shas[:2]:  # announced: a marker, not the analysis again
        assert EN_MARK in replies[sha] and "Marked breaking" not in replies[sha]
    assert EN_MARK not in replies[shas[2]] and "Marked breaking" in replies[shas[2]]  # held back: in full


# --- the webhook on Discord, in Chinese ---------------------------------------------------------------------

def test_discord_push_posts_one_alert_in_chinese_and_the_digest_marks_it(tmp_path, github):
    async def scenario():
        with FakeDiscord() as fake:
            settings = settings_for(tmp_path, github, discord_token=fd.TOKEN, discord_api_url=fake.api_url,
                                    github_webhook_secret=HOOK_SECRET)
            core = BotCore(settings, TinyStore(settings.data_dir))
            adapter = DiscordAdapter(settings, core)
            await adapter.start()
            alerts = AlertService(core, {"discord": adapter}, clock=lambda: PINNED)
            receiver = WebhookReceiver(HOOK_SECRET, alerts.push)
            from bot.web.server import HttpServer

            server = HttpServer(receiver.routes(), "127.0.0.1", 0)
            await server.start()
            try:
                await interact(fake, "subscribe", {"repo": REPO, "lang": "zh", "alert": "high"})
                subscribed, start = dump(fake.messages), len(fake.messages)  # the answer is posted in the channel
                high = land(github, "fix!: drop the legacy config flag", 20)
                url = f"http://127.0.0.1:{server.port}{PATH}"
                async with aiohttp.ClientSession() as session:
                    for delivery in ("d-1", "d-1"):  # delivered, then redelivered
                        assert await deliver(session, url, push_body(github.base, high), delivery=delivery) == 202
                        await receiver.drain()
                alerts_posted = fake.messages[start:]
                await interact(fake, "now", {"repo": REPO, "date": DAY})
                digest = fake.messages[start + len(alerts_posted):]
                return subscribed, high, alerts_posted, digest
            finally:
                await server.stop()
                await adapter.stop()

    subscribed, high, alerts_posted, digest = asyncio.run(scenario())
    assert "alert high" in subscribed
    assert len(alerts_posted) == 1 and "drop the legacy config flag" in dump(alerts_posted)
    assert "重要" in dump(alerts_posted)  # the explain rendering, in the subscription's language
    mine = dump([m for m in digest if high[:7] in dump(m["body"])])
    assert ZH_MARK in mine and EN_MARK not in mine


# --- polling ------------------------------------------------------------------------------------------------

def test_polling_costs_no_rate_limit_when_nothing_moved_and_alerts_a_new_commit_once(tmp_path, github):
    out = io.StringIO()

    async def scenario():
        settings = settings_for(tmp_path, github)  # no webhook secret: GitHub branches are polled
        core = BotCore(settings, TinyStore(settings.data_dir))
        console = ConsoleAdapter(settings, core, stdin=io.StringIO(""), stdout=out)
        ctx = CommandContext(ChannelRef("console", "local", "console"), "operator")
        for response in await core.handle_command(ctx, f"subscribe {REPO} alert high lang en"):
            await core.publish(console, ctx, response)
        alerts = AlertService(core, {"console": console}, clock=lambda: PINNED)
        first = await poll_heads(alerts)  # learns the head and its ETag
        github.reset_counts()
        used_before = github._used
        quiet = await poll_heads(alerts)
        free = (github.not_modified, github._used - used_before, github.count("/repos/"))
        high = land(github, "fix!: drop the legacy config flag", 20)
        moved = await poll_heads(alerts)
        again = await poll_heads(alerts)
        return first, quiet, free, moved, again, high

    first, quiet, free, moved, again, high = asyncio.run(scenario())
    assert (first, quiet) == (0, 0)
    assert free == (1, 0, 1)  # one conditional request, answered 304, not counted against the rate limit
    assert (moved, again) == (1, 0)
    assert posts_with(out, "drop the legacy config flag") == 1


def test_local_repository_is_polled_with_git(tmp_path, git_repo, github):
    out = io.StringIO()
    git_repo.commit("docs: start", WHEN, {"README.md": "hello\n"})

    async def scenario():
        settings = settings_for(tmp_path, github, github_webhook_secret=HOOK_SECRET)  # local: polled anyway
        core = BotCore(settings, TinyStore(settings.data_dir))
        console = ConsoleAdapter(settings, core, stdin=io.StringIO(""), stdout=out)
        ctx = CommandContext(ChannelRef("console", "local", "console"), "operator")
        await core.handle_command(ctx, f"subscribe {git_repo.path} alert high")
        alerts = AlertService(core, {"console": console}, clock=lambda: PINNED)
        first = await poll_heads(alerts)
        git_repo.commit("fix!: drop the old flag", WHEN.replace(minute=30), {"src/app/config.py": "a = 2\n"})
        moved = await poll_heads(alerts)
        again = await poll_heads(alerts)
        return first, moved, again

    assert asyncio.run(scenario()) == (0, 1, 0)
    assert posts_with(out, "drop the old flag") == 1


# --- pure logic ---------------------------------------------------------------------------------------------

def test_subscribe_parses_the_alert_level():
    from analysis.errors import BadInput
    from bot.core.commands import parse_command

    assert parse_command("subscribe a/b alert HIGH").options["alert"] == "high"
    assert parse_command("subscribe a/b alert medium quiet").options == {"alert": "medium", "quiet": True}
    assert parse_command("subscribe a/b alert off").options["alert"] is None
    with pytest.raises(BadInput, match="unknown alert level"):
        parse_command("subscribe a/b alert low")


def test_new_commits_are_those_reachable_from_the_new_head_only():
    from analysis.models import Commit
    from bot.core.alerts import new_commits, reaches

    def commit(sha: str, *parents: str) -> Commit:
        return Commit(sha=sha * 40, message=sha, author="A", committed_at=WHEN, parents=[p * 40 for p in parents])

    # a <- b (old head) <- m (merge of b and the side commit s, itself on a) <- c (new head)
    listed = [commit("c", "m"), commit("m", "b", "s"), commit("s", "a"), commit("b", "a"), commit("a")]
    assert [c.sha[0] for c in new_commits(listed, "b" * 40, "c" * 40)] == ["c", "m", "s"]
    assert new_commits(listed, "c" * 40, "c" * 40) == []
    assert (reaches("high", "medium"), reaches("medium", "medium"), reaches("medium", "high"),
            reaches("high", None)) == (True, True, False, False)


# --- the wiring of `digestbot run` --------------------------------------------------------------------------

def test_run_serves_the_webhook_on_the_slack_port(tmp_path, unused_port):
    from bot.core.subscriptions import Subscription
    from bot.runtime import run_bot

    now = datetime.now(timezone.utc)
    with FakeGitHub(tokens={GH_TOKEN}) as gh, FakeSlack(token=SLACK_TOKEN) as slack:
        gh.add_repo(REPO)
        base = gh.add_commit(REPO, message="docs: start", committed_at=now, files=_file("docs/a.md"))
        settings = settings_for(tmp_path, gh, slack_api_url=slack.url, slack_bot_token=SLACK_TOKEN,
                                slack_signing_secret=SLACK_SECRET, github_webhook_secret=HOOK_SECRET)
        sub = Subscription(platform="slack", workspace="T0001", channel="C0001", repo=REPO, alert="high")
        TinyStore(settings.data_dir).put("subscriptions", sub.key, sub.model_dump(mode="json"))
        high = gh.add_commit(REPO, message="fix!: drop the legacy config flag", committed_at=now,
                             files=_file("src/widget/config.py"))

        async def scenario():
            stop = asyncio.Event()
            bot = asyncio.create_task(run_bot(settings, port=unused_port, stop=stop))
            url = f"http://127.0.0.1:{unused_port}{PATH}"
            try:
                async with aiohttp.ClientSession() as session:
                    for _ in range(100):  # until the HTTP server listens
                        try:
                            unsigned = await deliver(session, url, push_body(base, high), secret=None)
                            break
                        except aiohttp.ClientConnectionError:
                            await asyncio.sleep(0.1)
                    signed = await deliver(session, url, push_body(base, high))
                for _ in range(300):
                    if slack.posts:
                        break
                    await asyncio.sleep(0.05)
            finally:
                stop.set()
                await asyncio.wait_for(bot, 20)
            return unsigned, signed

        assert asyncio.run(scenario()) == (401, 202)
        assert len(slack.posts) == 1 and "drop the legacy config flag" in dump(slack.posts)
