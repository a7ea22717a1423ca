"""A merge of a pull request is titled by the pull request and always names its number, "(#N)"; the folded
branch commit the entry repeats is listed by its SHA only."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.changes import change_author, pull_request, titled, without_pull_request
from analysis.models import Analysis, Commit, CommitReport, Digest
from analysis.renderers.markdown import folded_title, render_markdown

AT = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)


def merge(message: str, n: int = 1) -> Commit:
    return Commit(sha=f"{n:040x}", author="Merger", message=message, committed_at=AT,
                  parents=["a" * 40, "b" * 40])


def test_a_merge_titled_by_its_body_carries_the_pull_request_number():
    commit = titled(merge("Merge pull request #1833 from dev/build-fixes\n\nfix[build]: Fix syntax of github action"))
    assert commit.title == "fix[build]: Fix syntax of github action (#1833)"
    assert commit.message.endswith("Merge pull request #1833 from dev/build-fixes")
    assert pull_request(commit) == 1833


def test_a_body_title_naming_its_pull_request_already_is_not_numbered_twice():
    commit = titled(merge("Merge pull request #7 from dev/x\n\nAdd a flag (#7)\n\nLonger text."))
    assert commit.title == "Add a flag (#7)" and "Longer text." in commit.body


def test_commits_that_are_not_pull_request_merges_keep_their_titles():
    plain = merge("Merge branch 'main' into feature\n\nSome body")
    assert titled(plain) is plain
    assert without_pull_request("Fix a crash (#12)") == "Fix a crash"


def test_the_folded_branch_commit_repeating_the_entry_is_listed_by_its_sha_only():
    entry = titled(merge("Merge pull request #45 from dev/branch\n\nRemove print"))
    branch = Commit(sha="c" * 40, author="Dev", message="Remove print", committed_at=AT, parents=["a" * 40])
    report = CommitReport(commit=entry, analysis=Analysis(change_type="chore", importance="low", summary=["x"]),
                          includes=[branch], pr=45)
    assert folded_title(report, branch) == ""
    text = render_markdown(Digest(repo="o/r", date="2026-03-02", timezone="UTC", commits=[report]), "en")
    assert f"| Remove print (#45) (`{branch.short_sha}`) |" in text


def test_the_table_names_the_pull_requests_author_not_the_merger():
    entry = titled(merge("Merge pull request #45 from dev/branch\n\nRemove print"))
    branch = Commit(sha="c" * 40, author="Thayne", message="Remove print", committed_at=AT, parents=["a" * 40])
    report = CommitReport(commit=entry, analysis=Analysis(change_type="chore", importance="low", summary=["x"]),
                          includes=[branch], pr=45)
    text = render_markdown(Digest(repo="o/r", date="2026-03-02", timezone="UTC", commits=[report]), "en")
    assert "| Thayne | Remove print (#45)" in text and "Merger" not in text
    other = branch.model_copy(update={"sha": "d" * 40, "author": "Ann"})
    assert change_author(entry, [branch, other]) == "Merger"  # several authors: the entry's own
    assert change_author(entry, []) == "Merger"
