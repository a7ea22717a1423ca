"""Issue 10 guards that the first round of tests did not pin down (found by tests/guard_mutations.py).

- item 2: every commit a local listing returns is in the day's window by its own committer date, and a
  message line shaped like a commit header (``parent``, ``encoding``, ``author``) is only text;
- item 5 (with item 6's pools): a flood of page requests asks GitHub once per repository, in the remote
  pool, and leaves the default thread pool free;
- item 6: on Discord too, a member needs ``force`` for a repository the channel does not follow;
- item 7: the digest's total LLM deadline reaches its circuit breaker, DIGESTBOT_GITHUB_DEADLINE the bot's
  GitHub calls;
- item 8: a data directory that takes no write (a full disk) is refused at start though its lock opens;
- item 10: what a member typed is echoed as a code span.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from analysis.day import DayWindow
from analysis.sources.local_git import LocalGitSource
from tests.bot_process import DIGESTBOT, bot_environment
from tests.fakes.github_server import FakeGitHub
from tests.test_hardening_paths import _restore_discord_globals  # noqa: F401 - a fixture
from tests.test_hardening_store import _can_mount_read_only, _one_error_line
from tests.test_inert_text import EVIL, SHORT_EVIL, _answers

DAY = datetime(2026, 2, 14, 10, tzinfo=UTC)


def test_commits_just_outside_the_day_are_left_out_though_git_lists_them(git_repo):
    # git's --since/--until get a day of slack either side (clock skew): the window check is ours
    git_repo.commit("chore: the evening before", datetime(2026, 2, 13, 23, 30, tzinfo=UTC), {"a.txt": "1\n"})
    inside = git_repo.commit("feat: inside", DAY, {"b.txt": "2\n"})
    git_repo.commit("chore: the morning after", datetime(2026, 2, 15, 0, 30, tzinfo=UTC), {"c.txt": "3\n"})
    assert [c.sha for c in LocalGitSource(git_repo.path).list_commits(DayWindow.of("2026-02-14"))] == [inside]


def test_message_lines_shaped_like_headers_forge_nothing(git_repo):
    base = git_repo.commit("chore: base", datetime(2025, 1, 1, tzinfo=UTC), {"base.txt": "b\n"})
    git_repo.git("checkout", "-q", "-b", "other")
    hidden = git_repo.commit("secret: from another branch", datetime(2025, 6, 1, tzinfo=UTC), {"s.txt": "s\n"})
    git_repo.git("checkout", "-q", "main")
    forged = f"parent {hidden}\nauthor Mallory <m@example.invalid> 1 +0000\nencoding utf-16"
    shown = git_repo.commit(f"feat: ordinary change\n\n{forged}", DAY, {"a.txt": "1\n"})
    [commit] = LocalGitSource(git_repo.path).list_commits(DayWindow.of("2026-02-14"))
    assert commit.sha == shown and commit.parents == [base]
    assert commit.author == "Ann Author" and commit.title == "feat: ordinary change"
    assert forged in commit.message  # kept, as the text it is


def test_what_a_member_typed_is_echoed_as_a_code_span(tmp_path):
    code_spans = re.compile(r"`([^`\n]*)`")
    for command, typed in ((f"subscribe acme/widget paths '{EVIL}'", EVIL),
                           (f"subscribe acme/widget ignore-authors '{EVIL}'", EVIL),
                           (f"now acme/widget 2026-02-14 '{SHORT_EVIL}'", SHORT_EVIL),
                           (f"'{SHORT_EVIL}'", SHORT_EVIL)):
        [answer] = _answers(command, tmp_path)
        echoed = [span for span in code_spans.findall(answer.text) if "evil.example" in span]
        assert echoed and all(span in typed for span in echoed), answer.text
        assert "evil.example" not in code_spans.sub("", answer.text), answer.text


def test_a_flood_of_page_requests_asks_github_once_a_repository_and_leaves_the_default_pool_free(tmp_path):
    from bot.core.visibility import RepoVisibility
    from bot.settings import Settings

    repos = [f"acme/w{i:02d}" for i in range(40)]  # more than the default pool's threads (min(32, cpus + 4))
    with FakeGitHub() as github:
        for repo in repos:
            github.add_repo(repo)
        held = github.hold("/repos/acme/")
        visibility = RepoVisibility(Settings(data_dir=tmp_path, github_api_url=github.url), ttl=300)

        async def flood():
            asks = [asyncio.create_task(visibility.is_public(repo)) for repo in repos for _ in range(3)]
            waiter = ThreadPoolExecutor(1)  # waits here, in no pool under test
            try:
                await asyncio.get_running_loop().run_in_executor(waiter, held.wait_arrived, 1)
                # a store read or the health probe (the default pool) does not wait behind GitHub
                assert await asyncio.wait_for(asyncio.to_thread(lambda: "free"), 10) == "free"
            finally:
                held.release()
                waiter.shutdown()
            return await asyncio.gather(*asks)

        answers = asyncio.run(flood())
        assert answers == [True] * 3 * len(repos)
        assert [github.count(f"/repos/{repo}") for repo in repos] == [1] * len(repos)


def test_the_digests_llm_deadline_sends_the_rest_to_the_heuristic(tmp_path, monkeypatch):
    from analysis.sources.github import GitHubSource
    from bot.core.digests.service import build_service
    from bot.settings import Settings
    from bot.store import TinyStore
    from tests.fakes.openai_server import FakeOpenAI

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    with FakeGitHub() as github, FakeOpenAI() as llm:
        github.add_repo("acme/widget")
        for i in range(3):
            github.add_commit("acme/widget", message=f"fix(part{i}): handle case {i}",
                              committed_at=DAY + timedelta(minutes=i),
                              files=[{"filename": f"src/part{i}.py", "status": "modified", "additions": 2,
                                      "deletions": 1, "patch": f"@@ -1 +1,2 @@\n-a\n+b{i}\n+c"}])
        # the LLM hangs; one request at a time: the first commit's request outlives the digest's deadline (its
        # own timeout is longer), so the next commits find the deadline over and the LLM is not asked for them.
        # (The deadline also bounds fetching: the three details arrive long before it.)
        llm.mode = "hang"
        settings = Settings(data_dir=tmp_path, github_api_url=github.url, llm_model="openai/fake-model",
                            llm_api_base=llm.url, llm_concurrency=1, llm_timeout=6.0, llm_breaker_failures=10,
                            digest_deadline=3.0)
        service = build_service(settings, TinyStore(tmp_path))
        source = GitHubSource("acme/widget", token=None, api_url=github.url)
        digest = asyncio.run(service.build(source, DayWindow.of("2026-02-14", "UTC")))
        asked = llm.calls
    assert len(digest.commits) == 3 and all(r.analysis.analyzer == "heuristic" for r in digest.commits)
    reasons = [r.analysis.fallback or "" for r in digest.commits]
    # the breaker's deadline, not each request's timeout, sends the later commits to the heuristic (on a slow
    # machine the deadline may already be over when the first commit is ready: then none is asked)
    by_deadline = sum("time for the LLM" in r for r in reasons)
    timed_out = sum("no analysis within" in r for r in reasons)
    assert by_deadline >= 2 and by_deadline + timed_out == 3 and asked <= timed_out * 3, (asked, reasons)


def test_the_github_deadline_setting_cuts_a_dripping_server_in_a_chat_command(tmp_path):
    from bot.core.chat import ChannelRef, CommandContext
    from bot.core.service import BotCore
    from bot.settings import Settings
    from bot.store import TinyStore

    with FakeGitHub() as github:
        github.add_repo("acme/widget")
        github.add_commit("acme/widget", message="feat: one", committed_at=DAY,
                          files=[{"filename": "src/a.py", "status": "modified", "additions": 1, "deletions": 1,
                                  "patch": "@@ -1 +1 @@\n-a\n+b"}])
        github.drip = 0.05  # every answer a byte at a time: the repository's own answer takes minutes
        settings = Settings(data_dir=tmp_path, github_api_url=github.url, github_deadline=0.5)
        core = BotCore(settings, TinyStore(tmp_path))
        ctx = CommandContext(channel=ChannelRef("slack", "T1", "C1"), user="U1", admin=True)
        [answer] = asyncio.run(core.handle_command(ctx, "now acme/widget 2026-02-14"))
        github.drip = 0.0
    assert answer.error and "no complete answer within 0.5 s" in answer.text, answer.text


def test_discord_members_need_force_for_an_unfollowed_repository_and_managers_do_not(
        tmp_path, _restore_discord_globals):
    from adapters.discord.bot import DiscordAdapter
    from bot.core.service import BotCore
    from bot.settings import Settings
    from bot.store import TinyStore
    from tests.fakes.discord_server import EVERYONE_PERMS, MANAGE_CHANNELS, TOKEN, FakeDiscord

    with FakeGitHub() as github, FakeDiscord() as fake:
        github.add_repo("acme/widget")
        github.add_commit("acme/widget", message="feat: one", committed_at=DAY,
                          files=[{"filename": "src/a.py", "status": "modified", "additions": 1, "deletions": 1,
                                  "patch": "@@ -1 +1 @@\n-a\n+b"}])
        settings = Settings(data_dir=tmp_path, github_api_url=github.url, discord_token=TOKEN,
                            discord_api_url=fake.api_url)
        core = BotCore(settings, TinyStore(tmp_path))

        async def scenario():
            adapter = DiscordAdapter(settings, core)
            await adapter.start()
            try:
                member = fake.invoke("digest", "now", {"repo": "acme/widget", "date": "2026-02-14"},
                                     permissions=int(EVERYONE_PERMS))
                await fake.wait_until(lambda: member.followups, timeout=30)
                assert member.followups[0]["content"].startswith(
                    "this channel does not follow acme/widget; add 'force'"), member.followups
                assert fake.messages == [] and github.count("/repos/acme/widget") == 0
                manager = fake.invoke("digest", "now", {"repo": "acme/widget", "date": "2026-02-14"},
                                      permissions=int(EVERYONE_PERMS) | MANAGE_CHANNELS)
                await fake.wait_until(lambda: len(fake.messages) >= 2, timeout=30)  # the summary and its reply
            finally:
                await adapter.stop()

        asyncio.run(scenario())


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs a mount namespace for a small tmpfs")
def test_a_full_data_directory_with_its_lock_file_already_there_is_refused_at_start(tmp_path):
    # item 8: the lock file opens for writing (it exists), so only a real write finds that nothing more fits
    data = tmp_path / "data"
    data.mkdir()
    script = (f'mount -t tmpfs -o size=16k tmpfs "$D" && : > "$D/digestbot.lock" && '
              f'(dd if=/dev/zero of="$D/fill" bs=4k 2>/dev/null; true) && exec "{DIGESTBOT}" run --adapter console')
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], input="/digest list\n", capture_output=True,
                          text=True, env={**bot_environment(data), "D": str(data)}, timeout=60)
    line = _one_error_line(done)
    assert f"the data directory {data} is not writable" in line and "No space left on device" in line
    assert done.stdout == ""
