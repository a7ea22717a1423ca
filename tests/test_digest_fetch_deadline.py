"""The digest's deadline also bounds fetching (issue 10, item 7): a source slow on every request, each within its
own deadline, cannot hold a digest for hours. Ordered with the GitHub fake's hold, never with elapsed time."""

from __future__ import annotations

import asyncio

import pytest

from analysis.day import DayWindow
from analysis.errors import RemoteFailure
from analysis.sources.github import GitHubSource
from bot.core.digests.service import build_service
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.test_deadlines import _repo_with_commits


def _service(tmp_path, github: FakeGitHub, deadline: float):
    settings = Settings(data_dir=tmp_path, github_api_url=github.url, digest_deadline=deadline)
    return build_service(settings, TinyStore(tmp_path))


def test_details_that_never_arrive_fail_the_digest_at_its_deadline_with_one_sentence(tmp_path):
    with FakeGitHub() as github:
        _repo_with_commits(github, 4)
        # the deadline leaves the unheld listing time on a loaded 2-core machine (0.3 s did not: CI listed past it)
        service = _service(tmp_path, github, deadline=2.0)
        source = GitHubSource("acme/widget", token=None, api_url=github.url)  # its own per-request deadline: 60 s
        held = github.hold("/repos/acme/widget/commits/")  # every commit's details wait until released
        try:
            with pytest.raises(RemoteFailure, match=r"acme/widget's commits did not all arrive within the digest's "
                                                    r"deadline \(2 s, DIGESTBOT_DIGEST_DEADLINE\)") as failed:
                asyncio.run(service.build(source, DayWindow.of("2026-02-14", "UTC")))
        finally:
            held.release()
        assert failed.value.code == "fetch_deadline"
        assert held.arrived >= 1  # the details were asked for and held, not skipped


def test_a_digest_within_its_deadline_is_unchanged(tmp_path):
    with FakeGitHub() as github:
        _repo_with_commits(github, 4)
        service = _service(tmp_path, github, deadline=600)
        source = GitHubSource("acme/widget", token=None, api_url=github.url)
        digest = asyncio.run(service.build(source, DayWindow.of("2026-02-14", "UTC")))
    assert len(digest.commits) == 4 and all(r.analysis.analyzer == "heuristic" for r in digest.commits)
