"""GitHubSource (PyGithub underneath) against the local FakeGitHub server: days, pages, prefixes and failures."""

from __future__ import annotations

import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import requests

from analysis.day import DayWindow
from analysis.errors import BadInput, RateLimited, RemoteFailure
from analysis.sources.base import CommitSource
from analysis.sources.github import GitHubSource
from tests.fakes.github_server import FakeGitHub

UTC = timezone.utc
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def gh():
    with FakeGitHub() as server:
        server.add_repo("octo/app")
        yield server


def source(gh: FakeGitHub, repo: str = "octo/app", token: str | None = None, **kwargs) -> GitHubSource:
    return GitHubSource(repo, token=token, api_url=gh.url, **kwargs)


def query_of(path: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}


def test_is_a_commit_source(gh):
    assert isinstance(source(gh), CommitSource)


def test_lists_every_page_newest_first_with_fields(gh):
    start = datetime(2026, 2, 14, 0, 30, tzinfo=UTC)
    shas = [
        gh.add_commit("octo/app", message=f"feat: step {i}\n\nbody {i}", author_name=f"Dev {i}",
                      author_login=None if i % 2 else f"dev{i}", committed_at=start + timedelta(minutes=i))
        for i in range(150)
    ]
    src = source(gh)
    commits = src.list_commits(DayWindow.of("2026-02-14"))

    assert [c.sha for c in commits] == shas[::-1]
    assert gh.count("/repos/octo/app/commits") == 2  # 100 + 50
    newest, oldest = commits[0], commits[-1]
    assert newest.author == "Dev 149" and newest.author_login is None
    assert oldest.author_login == "dev0" and oldest.parents == []
    assert newest.parents == [shas[148]]
    assert newest.title == "feat: step 149" and newest.body == "body 149"
    assert newest.committed_at == start + timedelta(minutes=149) and newest.committed_at.tzinfo is not None
    assert newest.url == f"https://github.com/octo/app/commit/{shas[149]}"
    assert not newest.details_loaded and newest.files == []
    assert src.repo_url == "https://github.com/octo/app"


def test_day_in_shanghai_is_converted_to_utc_and_until_is_exclusive(gh):
    def at(*args):
        return datetime(*args, tzinfo=SHANGHAI)

    inside = {
        "first second": at(2026, 2, 14, 0, 0, 0),
        "utc day before": at(2026, 2, 14, 3, 0),  # 2026-02-13 19:00 UTC
        "last second": at(2026, 2, 14, 23, 59, 59),
    }
    outside = {
        "day before": at(2026, 2, 13, 23, 59, 59),
        "next midnight": at(2026, 2, 15, 0, 0, 0),  # GitHub's inclusive `until` returns it
        "utc same day": datetime(2026, 2, 14, 20, 0, tzinfo=UTC),  # 2026-02-15 04:00 in Shanghai
    }
    for title, moment in sorted({**inside, **outside}.items(), key=lambda kv: kv[1]):
        gh.add_commit("octo/app", message=title, committed_at=moment)

    commits = source(gh).list_commits(DayWindow.of("2026-02-14", "Asia/Shanghai"))

    assert [c.title for c in commits] == ["last second", "utc day before", "first second"]
    listing = [p for m, p in gh.requests if urlsplit(p).path == "/repos/octo/app/commits"]
    assert query_of(listing[0])["since"] == "2026-02-13T16:00:00Z"
    assert query_of(listing[0])["until"] == "2026-02-14T16:00:00Z"


def test_branch_selection_and_default_branch(gh):
    gh.add_repo("octo/lib", default_branch="trunk")
    day = datetime(2026, 3, 1, 8, tzinfo=UTC)
    base = gh.add_commit("octo/lib", message="base", committed_at=day)
    on_dev = gh.add_commit("octo/lib", message="dev work", committed_at=day + timedelta(hours=1), branch="dev")
    on_trunk = gh.add_commit("octo/lib", message="trunk work", committed_at=day + timedelta(hours=2))
    src = source(gh, "octo/lib")
    window = DayWindow.of("2026-03-01")

    assert src.default_branch == "trunk"
    assert [c.sha for c in src.list_commits(window)] == [on_trunk, base]
    assert [c.sha for c in src.list_commits(window, branch="dev")] == [on_dev, base]
    # no sha for the default branch: GitHub lists it itself, so listing needs no repository call
    refs = [query_of(p).get("sha") for m, p in gh.requests if urlsplit(p).path.endswith("/commits")]
    assert refs == [None, "dev"]
    with pytest.raises(BadInput, match="branch 'nope' was not found in octo/lib"):
        src.list_commits(window, branch="nope")


def test_empty_repository_has_no_commits(gh):
    gh.add_repo("octo/empty")
    assert source(gh, "octo/empty").list_commits(DayWindow.of("2026-02-14")) == []


def test_commit_with_700_files_reads_three_pages(gh):
    files = [{"filename": f"src/m{i}.py", "status": "modified", "additions": i % 5, "deletions": 1,
              "patch": f"@@ -1 +1 @@\n-a{i}\n+b{i}"} for i in range(698)]
    files.append({"filename": "logo.png", "status": "added", "additions": 0, "deletions": 0})
    files.append({"filename": "new/name.py", "status": "renamed", "previous_filename": "old/name.py",
                  "additions": 2, "deletions": 2, "patch": "@@"})
    sha = gh.add_commit("octo/app", message="chore: big move", author_name="Ann", author_login="ann",
                        committed_at=datetime(2026, 2, 14, tzinfo=UTC), files=files)
    src = source(gh)
    src.check_readable()
    gh.reset_counts()

    commit = src.commit_details(sha)

    assert gh.count(f"/repos/octo/app/commits/{sha}") == 3
    assert commit.details_loaded and commit.sha == sha and commit.author_login == "ann"
    assert [f.path for f in commit.files] == [f["filename"] for f in files]
    assert commit.additions == sum(f["additions"] for f in files)
    assert commit.deletions == sum(f["deletions"] for f in files)
    assert commit.files[0].patch == "@@ -1 +1 @@\n-a0\n+b0"
    assert commit.files[-2].patch is None and commit.files[-2].status == "added"
    assert commit.files[-1].previous_path == "old/name.py" and commit.files[-1].status == "renamed"


def test_commit_details_of_unknown_sha(gh):
    gh.add_commit("octo/app", message="x")
    with pytest.raises(BadInput, match="no commit matches 0123456 in octo/app"):
        source(gh).commit_details("0123456")


def test_prefix_resolution(gh):
    a = gh.add_commit("octo/app", message="a", sha="abcd1" + "1" * 35)
    gh.add_commit("octo/app", message="b", sha="abcd2" + "2" * 35)
    src = source(gh)

    assert src.resolve_sha("abcd1") == a
    assert src.resolve_sha("ABCD11") == a
    assert src.resolve_sha(a) == a
    # GitHub answers an unknown and an ambiguous prefix alike (422 "No commit found for SHA"): both are named
    for prefix in ("9999", "abcd"):
        with pytest.raises(BadInput, match=rf"^no commit matches {prefix} in octo/app, or more than one does "
                                           r"\(ambiguous\); give more digits$"):
            src.resolve_sha(prefix)
    assert gh.requests[-1][1].startswith("/repos/octo/app/commits/abcd")  # GitHub itself was asked
    before = len(gh.requests)
    for bad in ("abc", "-x", "a" * 41, "", "abcd/../x", "main~1"):
        with pytest.raises(BadInput, match="bad commit SHA"):
            src.resolve_sha(bad)
    assert len(gh.requests) == before  # refused before asking GitHub


@pytest.mark.parametrize("name", ["noslash", "a/b/c", "-x/y", "o/..", "", "o/ r", "o/r?x=1", "a" * 40 + "/r", "o/r\n"])
def test_bad_repository_name(name):
    with pytest.raises(BadInput, match="bad repository name .*; use owner/name"):
        GitHubSource(name, token=None, api_url="http://127.0.0.1:9")


def test_unknown_and_private_repository(gh):
    gh.add_repo("octo/secret", private=True)
    gh.add_commit("octo/secret", message="hidden")
    message = "repository {} was not found, or this token cannot read it"
    with pytest.raises(BadInput, match=re.escape(message.format("octo/missing"))):
        source(gh, "octo/missing").check_readable()
    with pytest.raises(BadInput, match=re.escape(message.format("octo/secret"))):
        source(gh, "octo/secret").list_commits(DayWindow.of("2026-02-14"))
    with_token = source(gh, "octo/secret", token="test-token")
    with_token.check_readable()
    assert with_token.private is True
    assert source(gh).private is False


def test_rejected_token_is_named_but_not_shown(gh):
    gh.strict_tokens = True
    with pytest.raises(RemoteFailure) as caught:
        source(gh, token="ghp_supersecret").check_readable()
    assert "token" in str(caught.value) and "supersecret" not in str(caught.value)
    assert not isinstance(caught.value, BadInput)


def test_short_rate_limit_is_waited_out(gh):
    gh.add_commit("octo/app", message="x", committed_at=datetime(2026, 2, 14, 12, tzinfo=UTC))
    gh.rate_limit(times=1, reset_in=1.0, status=403)
    slept: list[float] = []
    src = source(gh, max_rate_wait=10, sleep=slept.append)

    before = time.time()
    commits = src.list_commits(DayWindow.of("2026-02-14"))
    after = time.time()

    assert [c.title for c in commits] == ["x"]
    # waited until the announced X-RateLimit-Reset (and a quarter second more), read at some moment of the call
    reset = gh.announced_resets[-1] + 0.25
    assert len(slept) == 1 and reset - after <= slept[0] <= reset - before
    listing = [("GET", p) for m, p in gh.requests]
    assert len(listing) == 2 and listing[0] == listing[1]  # refused, then retried
    assert urlsplit(listing[0][1]).path == "/repos/octo/app/commits"
    assert gh.count("/repos/octo/app", "GET") == src.api_calls == 2


def test_rate_limit_in_the_middle_of_paging_retries_only_that_page(gh):
    start = datetime(2026, 2, 14, 1, tzinfo=UTC)
    for i in range(130):
        gh.add_commit("octo/app", message=f"m{i}", committed_at=start + timedelta(minutes=i))
    slept: list[float] = []
    src = source(gh, max_rate_wait=10, sleep=slept.append)
    src.check_readable()
    gh.rate_limit(times=1, reset_in=1.0, status=429, after=1)  # the second page answers 429 + Retry-After

    commits = src.list_commits(DayWindow.of("2026-02-14"))

    assert len(commits) == 130 and commits[0].title == "m129" and commits[-1].title == "m0"
    pages = [query_of(p).get("page", "1") for m, p in gh.requests if urlsplit(p).path.endswith("/commits")]
    assert pages == ["1", "2", "2"]
    assert len(slept) == 1 and slept[0] >= 1.0  # Retry-After: 1 was honoured


def test_threads_share_one_source(gh):
    start = datetime(2026, 2, 14, 1, tzinfo=UTC)
    shas = [gh.add_commit("octo/app", message=f"m{i}", committed_at=start + timedelta(minutes=i),
                          files=[{"filename": f"f{i}_{j}.py", "additions": j} for j in range(i + 1)])
            for i in range(24)]
    gh.latency = 0.005
    src = source(gh)
    with ThreadPoolExecutor(max_workers=6) as pool:
        details = list(pool.map(src.commit_details, shas))
    assert [d.sha for d in details] == shas
    assert [len(d.files) for d in details] == list(range(1, 25))
    assert all(d.files[0].path == f"f{i}_0.py" for i, d in enumerate(details))
    assert gh.count("/repos/octo/app") == src.api_calls == 1 + 24  # the repository is read once


def test_long_rate_limit_raises_with_reset_time(gh):
    gh.rate_limit(times=1, reset_in=3600, status=403)
    slept: list[float] = []
    src = source(gh, max_rate_wait=60, sleep=slept.append)
    with pytest.raises(RateLimited) as caught:
        src.check_readable()
    assert slept == []  # an hour is too long to wait: raised at once
    error = caught.value
    assert 3500 < error.reset_in <= 3601 and error.exit_status == 1
    assert re.fullmatch(r"GitHub rate limit reached; it resets at \d\d:\d\d UTC \(in 6[01] minutes\)", str(error))
    expected = datetime.now(UTC) + timedelta(seconds=error.reset_in)
    assert f"{expected:%H:%M}" in str(error) or f"{expected - timedelta(minutes=1):%H:%M}" in str(error)
    assert len(gh.requests) == 1


def test_network_failure_names_the_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with pytest.raises(RemoteFailure, match=f"^could not reach GitHub at {re.escape(url)}: connection refused$"):
        GitHubSource("octo/app", token=None, api_url=url, timeout=2).check_readable()


def test_slow_server_times_out(gh):
    gh.latency = 1.6
    with pytest.raises(RemoteFailure, match=f"^could not reach GitHub at {re.escape(gh.url)}: the request timed out$"):
        source(gh, timeout=1).check_readable()


def test_counts_calls_like_the_server(gh):
    start = datetime(2026, 2, 14, 1, tzinfo=UTC)
    shas = [gh.add_commit("octo/app", message=f"m{i}", committed_at=start + timedelta(seconds=i),
                          files=[{"filename": f"f{j}", "additions": 1} for j in range(350 if i == 0 else 1)])
            for i in range(120)]
    src = source(gh)
    src.list_commits(DayWindow.of("2026-02-14"))
    src.commit_details(shas[0])
    src.resolve_sha(shas[5][:8])
    assert src.repo_url and src.default_branch == "main"

    # 2 list pages, 1 repository call (on reading a commit, to tell an unknown repository from an
    # unknown commit), 2 pages of the 350-file commit, 1 prefix lookup
    assert len(gh.requests) == src.api_calls == 2 + 1 + 2 + 1
    assert gh.count("/repos/octo/app", "GET") == 6
    assert gh.requests.count(("GET", "/repos/octo/app")) == 1


# --- the fake itself, seen through plain HTTP ------------------------------------------------
def test_fake_answers_like_github(gh):
    for i in range(5):
        gh.add_commit("octo/app", message=f"m{i}", committed_at=datetime(2026, 1, 1, i, tzinfo=UTC))
    answer = requests.get(f"{gh.url}/repos/octo/app/commits", params={"per_page": 2, "page": 2}, timeout=5)
    assert answer.status_code == 200 and [c["commit"]["message"] for c in answer.json()] == ["m2", "m1"]
    assert 'rel="next"' in answer.headers["Link"] and 'rel="last"' in answer.headers["Link"]
    assert "page=3" in answer.links["next"]["url"] and "page=3" in answer.links["last"]["url"]
    assert answer.headers["X-RateLimit-Limit"] == "60" and "X-RateLimit-Reset" in answer.headers

    bad = requests.get(f"{gh.url}/repos/octo/app/commits", params={"since": "yesterday"}, timeout=5)
    assert bad.status_code == 422
    assert requests.get(f"{gh.url}/repos/octo/app/pulls", timeout=5).status_code == 404
    assert requests.get(f"{gh.url}/nothing", timeout=5).json()["message"] == "Not Found"
    unknown = requests.get(f"{gh.url}/repos/octo/app/commits/deadbeef", timeout=5)
    assert unknown.status_code == 422 and unknown.json()["message"] == "No commit found for SHA: deadbeef"
    authed = requests.get(f"{gh.url}/repos/octo/app", headers={"Authorization": "token test-token"}, timeout=5)
    assert authed.headers["X-RateLimit-Limit"] == "5000" and authed.json()["full_name"] == "octo/app"
    assert gh.count("/repos/octo/app/commits") == 3 and gh.count("/", method="POST") == 0
