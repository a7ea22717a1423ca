"""GitHub's rate limit across instances: what one instance saw (FakeGitHub's headers) makes the others back off."""

from __future__ import annotations

import time

import pytest

from analysis.day import DayWindow
from analysis.errors import RateLimited
from bot.core.coordination.github_rate import RATE_TABLE, SharedGitHubRate
from bot.core.sources import open_repo
from bot.settings import Settings
from tests.fakes.github_server import FakeGitHub
from tests.test_claims_across_instances import stores  # noqa: F401 - two instances' stores on one database

REPO = "octo/app"
DAY = DayWindow.of("2026-02-14", "UTC")


@pytest.fixture
def gh():
    with FakeGitHub() as server:
        server.add_repo(REPO)
        sha = server.add_commit(REPO, message="feat: x", contents={"src/a.py": "print(1)\n"})
        server.sha = sha
        yield server


def source_of(gh: FakeGitHub, rate: SharedGitHubRate, tmp_path):
    settings = Settings(data_dir=tmp_path / "data", github_api_url=gh.url, github_deadline=10)
    source = open_repo(settings, REPO, local=False, rate=rate)
    source.max_rate_wait = 0.0  # a spent limit fails at once instead of being slept out
    return source


def test_a_limit_spent_on_one_instance_stops_the_others_before_they_ask(gh, stores, tmp_path):
    first = source_of(gh, SharedGitHubRate(stores[0], None), tmp_path)
    gh.rate_limit(times=1, reset_in=600)
    with pytest.raises(RateLimited):
        first.list_commits(DAY)
    recorded = stores[1].get(RATE_TABLE, "anonymous")
    assert recorded["remaining"] == 0 and recorded["reset"] == gh.announced_resets[-1]  # the answer's own reset

    asked = len(gh.requests)
    second = source_of(gh, SharedGitHubRate(stores[1], None), tmp_path)
    with pytest.raises(RateLimited, match="resets at"):
        second.list_commits(DAY)
    assert second.file_at(gh.sha, "src/a.py") is None  # the reserve is kept: no whole-file read either
    assert len(gh.requests) == asked  # the second instance asked GitHub nothing

    after_reset = SharedGitHubRate(stores[1], None, clock=lambda: time.time() + 700)
    assert source_of(gh, after_reset, tmp_path).file_at(gh.sha, "src/a.py") == "print(1)\n"
    assert len(gh.requests) > asked  # once the window is over, the instance asks again


def test_rates_are_kept_per_token_and_the_token_is_not_stored(gh, stores):
    rate = SharedGitHubRate(stores[0], "ghp_secret-token-value")
    rate.observe({"X-RateLimit-Remaining": "7", "X-RateLimit-Limit": "5000",
                  "X-RateLimit-Reset": str(int(time.time()) + 60), "X-RateLimit-Resource": "core"})
    rate.observe({"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "30",
                  "X-RateLimit-Reset": str(int(time.time()) + 60), "X-RateLimit-Resource": "search"})
    rows = dict(stores[1].items(RATE_TABLE))
    assert list(rows) == [rate.key] and "secret" not in rate.key
    assert rows[rate.key]["remaining"] == 7  # the search API's own limit is not the core one
    assert SharedGitHubRate(stores[1], "ghp_secret-token-value").view()[:2] == (7, 5000)
    assert SharedGitHubRate(stores[1], "another-token").view() is None

