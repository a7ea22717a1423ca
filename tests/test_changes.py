"""One entry per change: a merged pull request folds its branch's commits, on local git and through PyGithub.

The day (2026-02-14, UTC): a feature branch (two commits and a back-merge of main) merged by a merge commit
naming pull request #7, an unrelated plain commit on main, and a squash merge "(#12)".
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from adapters.console import ConsoleRenderer
from adapters.discord.render import DiscordRenderer
from adapters.slack.render import SlackRenderer
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.changes import fold
from analysis.day import DayWindow
from analysis.errors import RemoteFailure
from analysis.models import Commit
from analysis.renderers.json_report import digest_json
from analysis.renderers.markdown import render_markdown
from analysis.sources.github import GitHubSource
from analysis.sources.local_git import LocalGitSource
from bot.core.chat import ChannelRef, CommandContext, DigestResponse
from bot.core.digests.service import DigestService
from bot.core.filters import CommitFilter
from bot.core.service import BotCore
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.payloads import strings_in

UTC = timezone.utc
DAY = "2026-02-14"
AT = datetime(2026, 2, 14, tzinfo=UTC)
PARSER = "def parse(text):\n    return text.split()\n"
PARSER_QUOTES = "import shlex\n\n\ndef parse(text):\n    return shlex.split(text)\n"
F1_TITLE = "feat: add a parser <!here> @everyone"


def build_local(git_repo) -> dict[str, str]:
    """The day's history in a real git repository; returns the SHAs by name."""
    shas = {"base": git_repo.commit("chore: start", AT - timedelta(hours=12), {"README.md": "app\n"})}
    git_repo.git("checkout", "-q", "-b", "feature")
    shas["f1"] = git_repo.commit(F1_TITLE, AT + timedelta(hours=8), {"src/parser.py": PARSER})
    git_repo.git("checkout", "-q", "main")
    shas["plain"] = git_repo.commit("docs: explain the install", AT + timedelta(hours=9), {"docs/install.md": "pip\n"})
    git_repo.git("checkout", "-q", "feature")
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'main' into feature", "main", date=AT + timedelta(hours=10))
    shas["back"] = git_repo.git("rev-parse", "HEAD")
    shas["f2"] = git_repo.commit("feat: parser handles quotes", AT + timedelta(hours=11), {"src/parser.py": PARSER_QUOTES})
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #7 from ann/feature\n\nAdd a parser\n\nSplits input.",
                 "feature", date=AT + timedelta(hours=12))
    shas["merge"] = git_repo.git("rev-parse", "HEAD")
    shas["squash"] = git_repo.commit("Add retries to the client (#12)", AT + timedelta(hours=13),
                                     {"src/client.py": "RETRIES = 3\n"})
    return shas


def build(service: DigestService, source, lang: str = "en"):
    return asyncio.run(service.build(source, DayWindow.of(DAY, "UTC"), lang=lang))


def assert_one_entry_per_change(report: dict, shas: dict[str, str]) -> None:
    entries = report["commits"]
    assert [e["sha"] for e in entries] == [shas["squash"], shas["merge"], shas["plain"]]
    squash, merge, plain = entries
    assert merge["includes"] == [shas["f2"], shas["back"], shas["f1"]]  # newest first, the back-merge folded too
    assert merge["pr"] == 7 and merge["title"] == "Add a parser (#7)"
    assert squash["pr"] == 12 and squash["includes"] == []
    assert plain["pr"] is None and plain["includes"] == []
    stats = report["stats"]
    assert stats["total"] == 3 and stats["commits"] == 6
    assert stats["high"] + stats["medium"] + stats["low"] == 3


def test_local_git_day_folds_the_merged_branch(git_repo, store):
    shas = build_local(git_repo)
    source = LocalGitSource(git_repo.path)
    digest = build(DigestService(store, HeuristicAnalyzer()), source)
    assert_one_entry_per_change(digest_json(digest), shas)
    # the merge is analysed over the merged diff (against its first parent): the branch's file, not main's
    merge = digest.commits[1].commit
    assert [f.path for f in merge.files] == ["src/parser.py"]
    assert merge.files[0].status == "added" and "shlex" in (merge.files[0].patch or "")


def test_github_day_folds_the_merged_branch_with_one_detail_call_per_change(store):
    with FakeGitHub() as gh:
        gh.add_repo("octo/app")
        shas = {"base": gh.add_commit("octo/app", "chore: start", committed_at=AT - timedelta(hours=12),
                                      files=[{"filename": "README.md", "status": "added", "additions": 1}])}
        shas["f1"] = gh.add_commit("octo/app", F1_TITLE, committed_at=AT + timedelta(hours=8), branch="feature",
                                   parents=[shas["base"]], files=[{"filename": "src/parser.py", "status": "added",
                                                                   "additions": 2, "patch": "@@ -0,0 +1,2 @@\n+a\n+b"}])
        shas["plain"] = gh.add_commit("octo/app", "docs: explain the install", committed_at=AT + timedelta(hours=9),
                                      files=[{"filename": "docs/install.md", "status": "added", "additions": 1}])
        shas["back"] = gh.add_commit("octo/app", "Merge branch 'main' into feature", branch="feature",
                                     committed_at=AT + timedelta(hours=10), parents=[shas["f1"], shas["plain"]])
        shas["f2"] = gh.add_commit("octo/app", "feat: parser handles quotes", committed_at=AT + timedelta(hours=11),
                                   branch="feature", files=[{"filename": "src/parser.py", "additions": 3,
                                                             "deletions": 1, "patch": "@@ -1,2 +1,4 @@\n+c"}])
        shas["merge"] = gh.add_commit("octo/app", "Merge pull request #7 from ann/feature\n\nAdd a parser",
                                      committed_at=AT + timedelta(hours=12), parents=[shas["plain"], shas["f2"]])
        shas["squash"] = gh.add_commit("octo/app", "Add retries to the client (#12)", committed_at=AT + timedelta(hours=13),
                                       files=[{"filename": "src/client.py", "status": "added", "additions": 1}])
        source = GitHubSource("octo/app", token=None, api_url=gh.url)
        gh.reset_counts()
        digest = build(DigestService(store, HeuristicAnalyzer()), source)
        detail_calls = [p for m, p in gh.requests if p.startswith("/repos/octo/app/commits/")]
    assert_one_entry_per_change(digest_json(digest), shas)
    merge = digest.commits[1].commit
    # GitHub's commit API answers a merge with its diff against the first parent: the branch's file only
    assert [(f.path, f.additions, f.deletions) for f in merge.files] == [("src/parser.py", 5, 1)]
    assert len(detail_calls) == 3  # the folded commits are never fetched


@pytest.fixture
def folded_digest(git_repo, store):
    shas = build_local(git_repo)
    digest = build(DigestService(store, HeuristicAnalyzer()), LocalGitSource(git_repo.path))
    return digest.model_copy(update={"repo_url": "https://github.com/octo/app"}), shas


def test_markdown_renders_the_folded_entry_once_with_its_commits(folded_digest):
    digest, shas = folded_digest
    text = render_markdown(digest, "en")
    assert "3 changes (6 commits) that day" in text
    assert text.count(f'<a id="{shas["merge"][:7]}"></a>') == 1
    for name in ("f1", "f2", "back"):
        assert f'<a id="{shas[name][:7]}"></a>' not in text  # no section of their own
        assert text.count(f"`{shas[name][:7]}`") == 2  # listed under the change: its table row and its section
    assert "[PR #7](https://github.com/octo/app/pull/7)" in text and "pull/12" in text
    assert "### Add a parser" in text and "parser handles quotes" in text
    assert "<!here>" not in text
    assert "3 个变更（6 个提交）" in render_markdown(digest, "zh")


def test_chat_replies_post_the_folded_entry_once_and_list_its_commits(folded_digest):
    digest, shas = folded_digest
    folded = [shas[name] for name in ("f1", "f2", "back")]
    for renderer in (SlackRenderer(), DiscordRenderer(), ConsoleRenderer()):
        messages = renderer.digest_messages(digest, "en")
        keys = [m.key for m in messages]
        assert keys.count(f"{shas['merge']}/0") == 1, renderer.target
        assert not any(k.startswith(tuple(folded)) for k in keys), renderer.target
        summary = "\n".join(strings_in(messages[0].body))
        assert "3 changes (6 commits)" in summary, renderer.target
        reply = "\n".join(s for m in messages if m.key.startswith(shas["merge"]) for s in strings_in(m.body))
        for sha in folded:
            assert sha[:7] in reply, renderer.target
        assert "parser handles quotes" in reply and "pull/7" in reply, renderer.target
        if renderer.target != "console":  # a terminal has no mentions
            everything = "\n".join(s for m in messages for s in strings_in(m.body))
            assert "<!here>" not in everything and "@everyone" not in everything, renderer.target


class CrashingAdapter:
    """Records posts; the post numbered ``fail_at`` raises, as a crash mid-post would."""

    platform = "console"
    supports_threads = True

    def __init__(self, fail_at: int | None = None):
        self.renderer = ConsoleRenderer()
        self.keys: list[str] = []
        self.fail_at = fail_at

    async def send(self, channel, message, thread_id=None):
        if self.fail_at is not None and len(self.keys) + 1 == self.fail_at:
            raise RemoteFailure("the chat service went away")
        self.keys.append(message.key)
        return f"m{len(self.keys)}"


def test_resume_after_a_crash_posts_the_folded_entry_once(git_repo, tmp_path, settings):
    shas = build_local(git_repo)
    store = TinyStore(tmp_path / "data")
    service = DigestService(store, HeuristicAnalyzer())
    core = BotCore(settings, store, digests=service)
    ctx = CommandContext(channel=ChannelRef("console", "local", "c1"), user="u")
    source = LocalGitSource(git_repo.path)
    first = CrashingAdapter(fail_at=3)  # the summary and one reply, then the crash
    with pytest.raises(RemoteFailure):
        asyncio.run(core.publish(first, ctx, DigestResponse(build(service, source), ledger_key="k")))
    second = CrashingAdapter()  # after the restart: the digest is built again and posting resumes
    asyncio.run(core.publish(second, ctx, DigestResponse(build(service, source), ledger_key="k")))
    posted = first.keys + second.keys
    assert sorted(posted) == sorted(["summary/0"] + [f"{shas[n]}/0" for n in ("squash", "merge", "plain")])
    third = CrashingAdapter()
    asyncio.run(core.publish(third, ctx, DigestResponse(build(service, source), ledger_key="k")))
    assert third.keys == []


def _commit(sha: str, parents: list[str], title: str, minute: int, author: str = "Ann") -> Commit:
    return Commit(sha=sha * 40, author=author, message=title, parents=[p * 40 for p in parents],
                  committed_at=AT + timedelta(minutes=minute))


def test_fold_judges_a_change_by_the_authors_of_its_commits():
    bot_pr = [_commit("d", ["a", "c"], "Merge pull request #3 from dependabot/x", 9, author="Ann"),
              _commit("c", ["a"], "Bump lib from 1 to 2", 8, author="dependabot[bot]")]
    bors_pr = [_commit("f", ["d", "e"], "Merge #4", 11, author="bors[bot]"),
               _commit("e", ["d"], "fix: crash on empty input", 10, author="Bob")]
    commits = bors_pr + bot_pr + [_commit("a", [], "chore: start", 1)]
    keeps = CommitFilter(ignore_bots=True).keeps_author
    changes = fold(commits, keeps=keeps)
    assert [c.commit.sha[0] for c in changes] == ["f", "a"]  # the bot's pull request is left out, the person's kept
    assert [c.sha[0] for c in changes[0].includes] == ["e"]
    assert [c.commit.sha[0] for c in fold(commits)] == ["f", "d", "a"]


def test_fold_follows_the_graph_not_the_clock():
    # the merge's committer clock is behind its branch's commit: it still folds it in
    commits = [_commit("b", ["a"], "feat: branch work", 30), _commit("m", ["a", "b"], "Merge branch 'x'", 20),
               _commit("a", [], "chore: start", 10)]
    changes = fold(commits)
    assert [c.commit.sha[0] for c in changes] == ["m", "a"]
    assert [c.sha[0] for c in changes[0].includes] == ["b"] and changes[0].pr is None
