"""file_at of both sources: local git (a real temporary repository) and GitHub (PyGithub on the fake's
contents endpoint), with the GitHub answers cached so a file is asked for once."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from analysis.facts import derive_facts
from analysis.sources.github import GitHubSource
from analysis.sources.local_git import LocalGitSource
from tests.fakes.github_server import FakeGitHub

WHEN = datetime(2026, 2, 14, 10, tzinfo=timezone.utc)


def test_local_git_file_at_reads_both_sides_and_refuses_binary_and_absent(git_repo):
    first = git_repo.commit("init", WHEN, {"src/app.py": "def run(a):\n    return a\n"})
    (git_repo.path / "logo.bin").write_bytes(b"\x89PNG\x00\x01")
    second = git_repo.commit("feat: b", WHEN.replace(hour=11), {"src/app.py": "def run(a, b=1):\n    return a\n"})
    source = LocalGitSource(git_repo.path)
    assert source.file_at(first, "src/app.py") == "def run(a):\n    return a\n"
    assert source.file_at(second, "src/app.py") == "def run(a, b=1):\n    return a\n"
    assert source.file_at(second, "logo.bin") is None  # binary
    assert source.file_at(first, "logo.bin") is None  # absent at that commit
    assert source.file_at(second, "nope/missing.py") is None
    assert source.file_at("0" * 40, "src/app.py") is None  # unknown commit
    assert source.file_at(second, "src/app.py") == "def run(a, b=1):\n    return a\n"  # the reader keeps working
    facts = derive_facts(source.commit_details(second), source)
    assert [f.model_dump(exclude_none=True) for f in facts] == [
        {"kind": "signature_changed", "path": "src/app.py", "symbol": "run", "public": True, "before": "(a)",
         "after": "(a, b=1)", "text": "adds b"},
    ]


@pytest.fixture
def gh():
    with FakeGitHub() as server:
        server.add_repo("o/r")
        yield server


def test_github_file_at_through_pygithub_and_cached(gh):
    before, after = "def run(a):\n    return a\n", "def run(a, b=1):\n    return a\n"
    patch = "@@ -1,2 +1,2 @@\n-def run(a):\n+def run(a, b=1):\n     return a\n"
    first = gh.add_commit("o/r", "init", committed_at=WHEN, contents={"src/app.py": before, "img.bin": b"\x00\x01"},
                          files=[{"filename": "src/app.py", "status": "added", "additions": 2}])
    second = gh.add_commit("o/r", "feat", committed_at=WHEN.replace(hour=11), contents={"src/app.py": after},
                           files=[{"filename": "src/app.py", "additions": 1, "deletions": 1, "patch": patch}])
    source = GitHubSource("o/r", token="test-token", api_url=gh.url)
    assert source.file_at(first, "src/app.py") == before
    assert source.file_at(second, "src/app.py") == after
    assert source.file_at(second, "img.bin") is None  # binary, inherited from the parent's tree
    assert source.file_at(second, "missing.py") is None  # 404
    assert gh.count("/repos/o/r/contents/") == 4
    assert source.file_at(first, "src/app.py") == before
    assert source.file_at(second, "missing.py") is None
    assert gh.count("/repos/o/r/contents/") == 4  # answered from the cache, absent files included
    facts = derive_facts(source.commit_details(second), source)
    assert [f.model_dump(exclude_none=True) for f in facts] == [
        {"kind": "signature_changed", "path": "src/app.py", "symbol": "run", "public": True, "before": "(a)",
         "after": "(a, b=1)", "text": "adds b"},
    ]
    assert gh.count("/repos/o/r/contents/") == 4  # both sides were cached already


def test_fake_contents_endpoint_answers_like_github(gh):
    sha = gh.add_commit("o/r", "init", committed_at=WHEN, contents={"a/b.txt": "hello\n"})
    source = GitHubSource("o/r", token="test-token", api_url=gh.url)
    repo = source._bare_repo()
    item = repo.get_contents("a/b.txt", ref=sha)
    assert (item.encoding, item.size, item.decoded_content, item.path) == ("base64", 6, b"hello\n", "a/b.txt")
    assert item.sha == "ce013625030ba8dba906f756967f9e9ca394464a"  # git hash-object of "hello\n"
    assert [entry.name for entry in repo.get_contents("a", ref=sha)] == ["b.txt"]


def test_local_git_file_at_with_spaces_in_the_path_and_a_missing_one(git_repo):
    sha = git_repo.commit("init", WHEN, {"docs and notes/read me.py": "x = 1\n"})
    source = LocalGitSource(git_repo.path)
    assert source.file_at(sha, "docs and notes/missing file.py") is None
    assert source.file_at(sha, "docs and notes/read me.py") == "x = 1\n"


def test_github_reads_no_whole_file_when_the_rate_limit_left_is_low(gh):
    sha = gh.add_commit("o/r", "init", committed_at=WHEN, contents={"src/app.py": "x = 1\n"})
    anonymous = GitHubSource("o/r", token=None, api_url=gh.url)  # 60 calls an hour: none to spare
    anonymous.commit_details(sha)
    gh.reset_counts()
    assert anonymous.file_at(sha, "src/app.py") is None
    assert gh.count("/repos/o/r/contents/") == 0
    authenticated = GitHubSource("o/r", token="test-token", api_url=gh.url)  # 5,000 an hour
    authenticated.commit_details(sha)
    assert authenticated.file_at(sha, "src/app.py") == "x = 1\n"
    assert gh.count("/repos/o/r/contents/") == 1


def test_local_git_file_over_the_size_cap_is_none_and_the_reader_stays_in_step(git_repo, monkeypatch):
    import analysis.sources.local_git as local_git

    sha = git_repo.commit("init", WHEN, {"big.py": "x = 1\n" * 5000, "small.py": "y = 2\n"})
    source = LocalGitSource(git_repo.path)
    monkeypatch.setattr(local_git, "MAX_FILE_BYTES", 1000)
    assert source.file_at(sha, "big.py") is None
    assert source.file_at(sha, "small.py") == "y = 2\n"  # the big one was drained, not left in the pipe
    assert source.file_at(sha, "big.py") is None


def test_github_file_over_a_megabyte_comes_without_content_and_is_none(gh):
    sha = gh.add_commit("o/r", "init", committed_at=WHEN, contents={"data/huge.json": "1" * 1_100_000})
    source = GitHubSource("o/r", token="test-token", api_url=gh.url)
    item = source._bare_repo().get_contents("data/huge.json", ref=sha)
    assert (item.encoding, item.content, item.size) == ("none", "", 1_100_000)  # as GitHub answers
    assert source.file_at(sha, "data/huge.json") is None
