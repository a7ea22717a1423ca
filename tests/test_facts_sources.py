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
