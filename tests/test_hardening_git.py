"""The local git source reads any author name and message as data: nothing in them can end or add a commit.

Issue 10, item 2: the log parser split on \\x1e/\\x1f, so an author named ``evil\\x1fname`` failed the
day (ValueError) and a crafted message pulled a 2025 commit of another branch into a 2026 digest.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from datetime import datetime, timezone

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.day import DayWindow
from analysis.sources.local_git import LocalGitSource
from bot.core.digests.service import DigestService
from bot.store import TinyStore

DAY = datetime(2026, 2, 14, 10, tzinfo=timezone.utc)


def test_an_author_name_with_separator_characters(git_repo):
    sha = git_repo.commit("fix: one", DAY, {"a.txt": "1\n"}, author="evil\x1fname\x1e\x1f")
    source = LocalGitSource(git_repo.path)
    [commit] = source.list_commits(DayWindow.of("2026-02-14"))
    assert commit.sha == sha
    assert commit.author.startswith("evil\x1fname")
    assert commit.title == "fix: one"
    assert source.commit_details(sha).files[0].path == "a.txt"


def test_a_crafted_message_cannot_add_a_commit_of_another_branch(git_repo, tmp_path):
    git_repo.commit("chore: base", datetime(2025, 1, 1, tzinfo=timezone.utc), {"base.txt": "b\n"})
    git_repo.git("checkout", "-q", "-b", "other")
    hidden = git_repo.commit("secret: from another branch in 2025", datetime(2025, 6, 1, tzinfo=timezone.utc),
                             {"secret.txt": "s\n"})
    git_repo.git("checkout", "-q", "main")
    forged = "".join(f"\x1e{hidden}\x1fMallory\x1f2026-02-14T12:00:00+00:00\x1f\x1fforged{sep}"
                     for sep in ("", "\n"))
    shown = git_repo.commit("feat: ordinary change" + forged, DAY, {"a.txt": "1\n"})
    source = LocalGitSource(git_repo.path)
    listed = source.list_commits(DayWindow.of("2026-02-14"))
    assert [c.sha for c in listed] == [shown]
    assert listed[0].committed_at == DAY and listed[0].author == "Ann Author"

    store = TinyStore(tmp_path / "data")
    digest = asyncio.run(DigestService(store, HeuristicAnalyzer()).build(source, DayWindow.of("2026-02-14")))
    assert [r.commit.sha for r in digest.commits] == [shown]
    assert all("secret.txt" not in [f.path for f in r.commit.files] for r in digest.commits)


def test_every_listed_commit_is_in_the_window_by_its_own_committer_date(git_repo):
    # an author date inside the day, the committer date a year earlier: not in the digest
    env_day = DAY.isoformat()
    git_repo.path.joinpath("x.txt").write_text("x\n")
    git_repo.git("add", "-A")
    subprocess.run(["git", "-C", str(git_repo.path), "commit", "-q", "-m", "chore: old"], check=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.invalid",
                        "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.invalid",
                        "GIT_AUTHOR_DATE": env_day, "GIT_COMMITTER_DATE": "2025-02-14T10:00:00+00:00",
                        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    inside = git_repo.commit("feat: inside", DAY, {"y.txt": "y\n"})
    assert [c.sha for c in LocalGitSource(git_repo.path).list_commits(DayWindow.of("2026-02-14"))] == [inside]
