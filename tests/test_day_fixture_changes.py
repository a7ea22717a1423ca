"""The fixture builder of the labelled days counts a day's changes as the digest does (``analysis.changes.fold``)."""

from __future__ import annotations

from datetime import timedelta

from analysis.sources.local_git import LocalGitSource
from bench.day_fixtures import day_changes
from tests.test_changes import AT, DAY, build_local


def test_a_merged_pull_request_is_one_change_and_back_merges_none(git_repo):
    shas = build_local(git_repo)
    listed = [c.sha for c in day_changes(LocalGitSource(git_repo.path), DAY)]
    assert listed == [shas["squash"], shas["merge"], shas["plain"]]


def test_a_back_merge_of_a_remote_main_line_is_no_change_and_folds_nothing(git_repo):
    """git-flow: the main line merged into develop ("Merge remote-tracking branch 'origin/master' into develop")
    lands on the default branch's history when develop is fast-forwarded; its commits are the main line's own."""
    base = git_repo.commit("chore: start", AT - timedelta(hours=12), {"README.md": "app\n"})
    git_repo.git("checkout", "-q", "-b", "hotfix")
    fix = git_repo.commit("fix: guard the parser", AT + timedelta(hours=8), {"src/parser.py": "x = 1\n"})
    git_repo.git("checkout", "-q", "main")
    work = git_repo.commit("docs: a page", AT + timedelta(hours=9), {"docs/page.md": "page\n"})
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge remote-tracking branch 'origin/master' into develop", "hotfix",
                 date=AT + timedelta(hours=10))
    listed = [c.sha for c in day_changes(LocalGitSource(git_repo.path), DAY)]
    assert sorted(listed) == sorted([work, fix]) and base not in listed
