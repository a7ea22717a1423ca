"""Rules of the core a chat user meets: partial days, repository name case, branches, local paths."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from adapters.console import ConsoleRenderer
from bot.core.chat import ChannelRef, CommandContext, DigestResponse, TextResponse
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub

SLACK = CommandContext(channel=ChannelRef("slack", "T1", "C1"), user="U1")


class Recorder:
    platform = "slack"
    supports_threads = True

    def __init__(self):
        self.renderer = ConsoleRenderer()
        self.posts: list[dict] = []

    async def send(self, channel, message, thread_id=None):
        self.posts.append({"thread": thread_id, "text": message.body["text"]})
        return str(len(self.posts))


@pytest.fixture
def world(tmp_path):
    with FakeGitHub() as gh:
        gh.add_repo("Acme/Widget")
        gh.add_commit("Acme/Widget", message="feat: morning work", author_name="Ann",
                      committed_at=datetime(2026, 2, 15, 8, tzinfo=timezone.utc),
                      files=[{"filename": "src/a.py", "status": "modified", "additions": 3, "deletions": 1,
                              "patch": "@@ -1 +1 @@\n-a\n+b"}])
        clock = {"now": datetime(2026, 2, 15, 12, tzinfo=timezone.utc)}
        settings = Settings(data_dir=tmp_path / "data", github_api_url=gh.url)
        core = BotCore(settings, TinyStore(tmp_path / "data"), clock=lambda: clock["now"])
        yield gh, core, clock


def ask(core: BotCore, text: str, ctx: CommandContext = SLACK):
    async def go():
        adapter = Recorder()
        responses = await core.handle_command(ctx, text)
        for response in responses:
            if not isinstance(response, TextResponse):
                await core.publish(adapter, ctx, response)
        return responses, adapter.posts

    return asyncio.run(go())


def test_now_on_a_day_not_over_posts_a_partial_digest_and_the_full_one_still_comes(world):
    gh, core, clock = world
    responses, posts = ask(core, "now Acme/Widget 2026-02-15")
    assert isinstance(responses[0], DigestResponse) and responses[0].ledger_key is None
    assert "is not over yet" in posts[0]["text"] and "morning work" in posts[0]["text"]
    gh.add_commit("Acme/Widget", message="fix: evening work", author_name="Bo",
                  committed_at=datetime(2026, 2, 15, 18, tzinfo=timezone.utc))
    clock["now"] = datetime(2026, 2, 16, 9, tzinfo=timezone.utc)
    _, posts = ask(core, "now Acme/Widget 2026-02-15")  # the day is over: the real digest, with everything
    assert "not over" not in posts[0]["text"]
    assert "evening work" in posts[0]["text"] and "morning work" in posts[0]["text"]
    responses, _ = ask(core, "now Acme/Widget 2026-02-15")
    assert "already posted" in responses[0].text


def test_a_repository_is_one_whatever_the_case_it_is_typed_in(world):
    _, core, _ = world
    ask(core, "subscribe acme/widget tz Asia/Tokyo lang zh")
    responses, _ = ask(core, "subscribe ACME/WIDGET at 07:00")
    assert responses[0].text.startswith("Updated `Acme/Widget` at 07:00 Asia/Tokyo")
    assert [s.repo for s in core.subscriptions.in_channel(SLACK.channel)] == ["Acme/Widget"]
    ask(core, "now acme/widget 2026-02-14")
    responses, posts = ask(core, "now Acme/WIDGET 2026-02-14")
    assert "already posted" in responses[0].text and not posts
    responses, _ = ask(core, "unsubscribe acme/WIDGET")
    assert responses[0].text == "Unsubscribed this channel from `Acme/Widget`."
    assert core.subscriptions.in_channel(SLACK.channel) == []


def test_subscribe_checks_the_branch(world):
    gh, core, _ = world
    responses, _ = ask(core, "subscribe Acme/Widget branch nope")
    assert responses[0].error and "branch 'nope' was not found in Acme/Widget" in responses[0].text
    assert core.subscriptions.in_channel(SLACK.channel) == []
    gh.add_commit("Acme/Widget", message="dev work", author_name="Ann",
                  committed_at=datetime(2026, 2, 15, 9, tzinfo=timezone.utc), branch="dev")
    responses, _ = ask(core, "subscribe Acme/Widget branch dev")
    assert not responses[0].error and "branch `dev`" in responses[0].text


def test_chat_users_cannot_name_paths_on_the_bots_machine(world, tmp_path):
    _, core, _ = world
    for text in (f"now {tmp_path}", "now /etc", "subscribe ../..", f"explain abcd {tmp_path}"):
        responses, posts = ask(core, text)
        assert responses[0].error and "bad repository name" in responses[0].text and not posts
    # the same settings allowing every private repository do not open local paths either
    core.settings = core.settings.model_copy(update={"allowed_repos": ["*", "*/*"]})
    responses, _ = ask(core, f"now {tmp_path}")
    assert "bad repository name" in responses[0].text


def test_a_damaged_store_is_not_described_in_the_channel(world, tmp_path):
    _, core, _ = world
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "subscriptions.json").write_text("{broken")
    core.store = core.subscriptions.store = TinyStore(tmp_path / "data")
    responses, _ = ask(core, "list")
    assert responses[0].error and "on our side" in responses[0].text
    assert str(tmp_path) not in responses[0].text


def test_only_a_digest_known_to_be_public_becomes_a_web_page(tmp_path):
    with FakeGitHub() as gh:
        for name, private in (("o/public", False), ("o/secret", True)):
            gh.add_repo(name, private=private)
            gh.add_commit(name, message="feat: x", author_name="Ann",
                          committed_at=datetime(2026, 2, 14, 8, tzinfo=timezone.utc))
        settings = Settings(data_dir=tmp_path / "data", github_api_url=gh.url, github_token="test-token",
                            allowed_repos=["o/secret"], public_url="https://digests.example")
        core = BotCore(settings, TinyStore(tmp_path / "data"),
                       clock=lambda: datetime(2026, 2, 16, tzinfo=timezone.utc))
        _, public_posts = ask(core, "now o/public 2026-02-14")
        _, secret_posts = ask(core, "now o/secret 2026-02-14")
    assert "https://digests.example/reports/o/public/2026-02-14" in public_posts[0]["text"]
    assert secret_posts and "digests.example" not in secret_posts[0]["text"]
    assert "o/secret" not in {key.split("/2026")[0] for key, _ in core.store.items("reports")}
