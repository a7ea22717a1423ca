"""Commits of a GitHub repository through PyGithub, with GitHub's failures turned into one-sentence errors."""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections import OrderedDict
from datetime import datetime, timezone
from typing import Any, Callable, Mapping
from urllib.parse import quote, urlsplit, urlunsplit

import requests
from github import Auth, Github, GithubException
from github.Repository import Repository

from analysis.day import DayWindow
from analysis.errors import BadInput, RateLimited, RemoteFailure
from analysis.models import Commit, FileChange
from analysis.sources.http_deadline import with_deadline
from analysis.sources.names import parse_repo_name, parse_revision

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.github.com"
SHA_RE = re.compile(r"^[0-9a-fA-F]{4,40}$")
MAX_RATE_RETRIES = 3
FILES_PER_PAGE = 300  # GitHub's maximum (and default) page size for a commit's files
#: files larger than this are not read whole (the contents API itself stops at 1 MB)
MAX_FILE_BYTES = 1_000_000
#: file texts kept in memory, by (full commit SHA, path): immutable, so never stale
FILE_CACHE_ENTRIES = 256
FILE_CACHE_CHARS = 16_000_000
#: whole files are read only while more than this share of the hourly rate limit (and at least
#: FILE_READ_RESERVE_MIN calls) is left: they are a nicety, the digest's own calls come first
FILE_READ_RESERVE_SHARE = 0.2
FILE_READ_RESERVE_MIN = 100
_FULL_SHA = re.compile(r"^[0-9a-f]{40}$")


def _without_credentials(url: str) -> str:
    """``url`` without any ``user:password@`` part, fit for a message a user sees."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else ""))) \
        if parts.hostname else url


def _short_reason(error: Exception) -> str:
    """A few words on why a connection failed, without the URL soup requests puts in its messages."""
    text = str(error)
    if isinstance(error, requests.exceptions.Timeout):
        return text if text.startswith("no complete answer") else "the request timed out"
    for needle, reason in (
        ("Connection refused", "connection refused"),
        ("Name or service not known", "unknown host"),
        ("nodename nor servname", "unknown host"),
        ("Temporary failure in name resolution", "unknown host"),
        ("Connection reset", "connection reset"),
        ("RemoteDisconnected", "the server closed the connection"),
        ("SSL", "TLS error"),
    ):
        if needle in text:
            return reason
    return type(error).__name__


def _rate_limit_wait(error: GithubException) -> float | None:
    """Seconds until a rate limit resets, if ``error`` is a rate-limit answer; None otherwise."""
    if error.status not in (403, 429):
        return None
    headers = {k.lower(): v for k, v in (error.headers or {}).items()}
    if "retry-after" in headers:
        try:
            return max(float(headers["retry-after"]), 0.0)
        except ValueError:
            pass
    if headers.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in headers:
        try:
            return max(float(headers["x-ratelimit-reset"]) - time.time(), 0.0)
        except ValueError:
            pass
    message = str((error.data or {}).get("message", "") if isinstance(error.data, dict) else "").lower()
    if error.status == 429 or "rate limit" in message:
        return math.inf  # rate-limited, reset unknown
    return None


class GitHubSource:
    """A ``CommitSource`` reading one GitHub repository (or GitHub Enterprise / a fake at ``api_url``)."""

    def __init__(
        self,
        repo: str,
        *,
        token: str | None,
        api_url: str = DEFAULT_API_URL,
        max_rate_wait: float = 60.0,
        timeout: int = 30,
        deadline: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        on_response: Callable[[Mapping[str, str] | None], None] | None = None,
        shared_rate: Callable[[], tuple[int, int, float] | None] | None = None,
    ) -> None:
        """``on_response`` sees the headers of every GitHub answer (the bot reads the rate limit left there).

        ``shared_rate()`` is the rate limit as other processes using the same token last saw it
        (remaining, limit, reset epoch; None: unknown): a spent one is waited for (or fails at once
        when its reset is further than ``max_rate_wait``) before asking, and a low one keeps the reserve.
        """
        self.repo_name = parse_repo_name(repo)
        self.api_url = (api_url or DEFAULT_API_URL).rstrip("/")
        self.max_rate_wait = max_rate_wait
        self.api_calls = 0
        self._sleep = sleep
        self._on_response = on_response
        self._shared_rate = shared_rate
        self._token = token
        self._timeout = int(timeout)
        self._deadline = deadline  # seconds for a whole answer; ``timeout`` bounds each socket read only
        self._count_lock = threading.Lock()
        self._repo_lock = threading.Lock()
        self._local = threading.local()
        self._repo_data: tuple[dict, dict] | None = None  # raw JSON and headers of GET /repos/{o}/{r}
        self._files: OrderedDict[tuple[str, str], str | None] = OrderedDict()
        self._files_chars = 0
        self._files_lock = threading.Lock()
        self._rate: tuple[int, int] | None = None  # (remaining, limit) from the last answer that said

    def _client(self) -> Github:
        """This thread's PyGithub client: PyGithub's Requester shares one connection object, not thread-safe."""
        client = getattr(self._local, "client", None)
        if client is None:
            client = Github(
                auth=Auth.Token(self._token) if self._token else None,
                base_url=self.api_url,
                timeout=self._timeout,
                per_page=100,
                retry=None,  # our _send decides about rate limits; no silent urllib3 retries
                seconds_between_requests=None,
                seconds_between_writes=None,
            )
            # Every HTTP request PyGithub makes (pages of paginated lists included) goes through
            # requestJsonAndCheck: wrap it to count calls, wait out short rate limits and name network errors.
            with_deadline(client.requester, self._deadline)
            send = client.requester.requestJsonAndCheck

            def counted(*args: Any, **kwargs: Any) -> Any:
                return self._send(send, *args, **kwargs)

            client.requester.requestJsonAndCheck = counted
            self._local.client = client
        return client

    # --- the one place requests go through -----------------------------------------------------
    def _send(self, send: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self._wait_for_shared_reset()
        for attempt in range(MAX_RATE_RETRIES + 1):
            with self._count_lock:
                self.api_calls += 1
            try:
                result = send(*args, **kwargs)
            except GithubException as error:
                self._observe(error.headers)
                wait = _rate_limit_wait(error)
                if wait is None:
                    raise
                if wait > self.max_rate_wait or attempt == MAX_RATE_RETRIES:
                    raise self._rate_limited(wait) from None
                log.info("GitHub rate limit reached; waiting %.1f s before retrying", wait)
                self._sleep(wait + 0.25)
            except requests.exceptions.RequestException as error:
                log.debug("GitHub request failed", exc_info=True)
                raise RemoteFailure(f"could not reach GitHub at {_without_credentials(self.api_url)}: "
                                    f"{_short_reason(error)}") from None
            else:
                self._observe(result[0] if isinstance(result, tuple) and result else None)
                return result
        raise AssertionError("unreachable")

    def _shared_view(self) -> tuple[int, int, float] | None:
        if self._shared_rate is None:
            return None
        try:
            return self._shared_rate()
        except Exception:  # noqa: BLE001 - unknown is not a reason to fail a request
            log.debug("the shared GitHub rate limit could not be read", exc_info=True)
            return None

    def _wait_for_shared_reset(self) -> None:
        """Another process spent the rate limit: wait for its reset, or fail now when it is too far."""
        view = self._shared_view()
        if view is None or view[0] > 0:
            return
        wait = view[2] - time.time()
        if wait <= 0:
            return
        if wait > self.max_rate_wait:
            raise self._rate_limited(wait)
        log.info("GitHub rate limit spent (seen by another instance); waiting %.1f s for its reset", wait)
        self._sleep(wait + 0.25)

    def _observe(self, headers: Mapping[str, str] | None) -> None:
        lowered = {k.lower(): v for k, v in (headers or {}).items()}
        try:
            self._rate = (int(lowered["x-ratelimit-remaining"]), int(lowered["x-ratelimit-limit"]))
        except (KeyError, ValueError):
            pass
        if self._on_response is None:
            return
        try:
            self._on_response(headers)
        except Exception:  # noqa: BLE001 - whoever watches must not break the request it watches
            log.debug("GitHub response observer failed", exc_info=True)

    @staticmethod
    def _rate_limited(wait: float) -> RateLimited:
        if math.isinf(wait):
            return RateLimited("GitHub rate limit reached; try again later")
        reset = datetime.fromtimestamp(time.time() + wait, timezone.utc)
        minutes = max(1, math.ceil(wait / 60))
        unit = "minute" if minutes == 1 else "minutes"
        return RateLimited(
            f"GitHub rate limit reached; it resets at {reset:%H:%M} UTC (in {minutes} {unit})", reset_in=wait
        )

    def _failure(self, error: GithubException, doing: str) -> Exception:
        """Our exception for a GitHub error answer not handled by the caller."""
        log.debug("GitHub answered %s while %s: %s", error.status, doing, error.data)
        if error.status == 401:
            return RemoteFailure("GitHub rejected the token (401 Bad credentials); check GITHUB_TOKEN")
        if error.status == 404:
            return BadInput(f"repository {self.repo_name} was not found, or this token cannot read it")
        message = error.data.get("message") if isinstance(error.data, dict) else None
        detail = f": {message}" if message else ""
        return RemoteFailure(f"GitHub answered {error.status} while {doing}{detail}")

    # --- the repository -------------------------------------------------------------------------
    def _repo(self) -> Repository:
        """The repository bound to this thread's client; fetched from GitHub once per source."""
        repo = getattr(self._local, "repo", None)
        if repo is None:
            client = self._client()
            with self._repo_lock:
                if self._repo_data is None:
                    try:
                        fetched = client.get_repo(self.repo_name)
                    except GithubException as error:
                        raise self._failure(error, f"reading {self.repo_name}") from None
                    self._repo_data = (fetched.raw_data, fetched.raw_headers)
                    # GitHub's own spelling: "Acme/Widget" and "acme/widget" are one repository
                    self.repo_name = fetched.raw_data.get("full_name") or self.repo_name
            repo = client.create_from_raw_data(Repository, *self._repo_data)
            self._local.repo = repo
        return repo

    def check_readable(self) -> None:
        """Fetch the repository once; BadInput if it is unknown or this token cannot read it."""
        self._repo()

    @property
    def repo_url(self) -> str:
        """The repository's web page; learnt from the listed commits' links when possible (no extra call)."""
        web_url = getattr(self, "_web_url", None)
        return web_url if web_url and self._repo_data is None else self._repo().html_url

    def description(self) -> str | None:
        """The repository's one-line description on GitHub (one repository call, shared with ``private``)."""
        text = " ".join((self._repo().description or "").split())
        return text[:300] or None

    @property
    def private(self) -> bool:
        return bool(self._repo().private)

    @property
    def default_branch(self) -> str:
        return self._repo().default_branch

    # --- commits --------------------------------------------------------------------------------
    def list_commits(self, window: DayWindow, branch: str | None = None) -> list[Commit]:
        """Commits whose committer date falls in ``window`` on ``branch`` (default branch), newest first."""
        # No repository call first: without `sha` GitHub lists the default branch itself, so a
        # re-run of a cached day costs only the list call(s).
        repo = self._bare_repo()
        extra = {"sha": branch} if branch else {}
        commits: list[Commit] = []
        try:
            # PyGithub writes since/until as "%Y-%m-%dT%H:%M:%SZ" without converting: hand it UTC.
            for item in repo.get_commits(since=window.start_utc, until=window.end_utc, **extra):
                commit = self._commit(item)
                if window.contains(commit.committed_at):  # GitHub's `until` is inclusive
                    commits.append(commit)
        except GithubException as error:
            if error.status == 409:  # "Git Repository is empty."
                return []
            message = str(error.data.get("message", "")) if isinstance(error.data, dict) else ""
            if branch and (error.status == 422 or "No commit found" in message):
                raise BadInput(f"branch {branch!r} was not found in {self.repo_name}") from None
            raise self._failure(error, f"listing commits of {self.repo_name}") from None
        if commits and commits[0].url and "/commit/" in commits[0].url and self._repo_data is None:
            self._web_url = commits[0].url.rsplit("/commit/", 1)[0]
        log.debug("%s@%s: %d commits on %s", self.repo_name, branch or "default", len(commits), window.day)
        return commits

    def _bare_repo(self) -> Repository:
        """A Repository object for API paths only, made without asking GitHub."""
        return self._client().create_from_raw_data(
            Repository, {"url": f"{self.api_url}/repos/{self.repo_name}", "full_name": self.repo_name}, {})

    def check_branch(self, branch: str) -> None:
        """BadInput if ``branch`` does not exist (one list call of one commit)."""
        try:
            self._bare_repo().get_commits(sha=branch).get_page(0)
        except GithubException as error:
            message = str(error.data.get("message", "")) if isinstance(error.data, dict) else ""
            if error.status == 422 or "No commit found" in message:
                raise BadInput(f"branch {branch!r} was not found in {self.repo_name}") from None
            if error.status == 409:  # an empty repository has no branches yet
                raise BadInput(f"{self.repo_name} has no commits yet, so no branch {branch!r}") from None
            raise self._failure(error, f"checking branch {branch} of {self.repo_name}") from None

    def branch_head(self, branch: str | None, etag: str | None = None) -> tuple[str | None, str | None]:
        """The head SHA of ``branch`` (default branch) and its ETag; ``(None, etag)`` when it has not moved.

        A conditional request (``If-None-Match``) for the bare SHA: GitHub answers an unchanged
        branch with 304, which does not count against the rate limit.
        """
        headers = {"Accept": "application/vnd.github.sha"}
        if etag:
            headers["If-None-Match"] = etag
        ref = quote(branch or "HEAD", safe="")
        try:
            answer, data = self._client().requester.requestJsonAndCheck(
                "GET", f"{self.api_url}/repos/{self.repo_name}/commits/{ref}", headers=headers)
        except GithubException as error:
            if error.status in (404, 422) and branch:
                raise BadInput(f"branch {branch!r} was not found in {self.repo_name}") from None
            raise self._failure(error, f"reading the head of {self.repo_name}") from None
        if data is None:  # 304 Not Modified
            return None, etag
        sha = str(data.get("data", "") if isinstance(data, dict) else data).strip()
        if not _FULL_SHA.match(sha):
            raise RemoteFailure(f"GitHub answered no commit SHA for the head of {self.repo_name}")
        lowered = {k.lower(): v for k, v in (answer or {}).items()}
        return sha, lowered.get("etag")

    def commit_details(self, sha: str) -> Commit:
        """One commit with every changed file (all pages of ``files``, up to GitHub's 3000)."""
        repo = self._repo()
        try:
            item = repo.get_commit(sha, commit_files_per_page=FILES_PER_PAGE)
            files = [self._file(f) for f in item.files]  # PyGithub follows the Link pages of files
        except GithubException as error:
            if error.status in (404, 422):
                raise BadInput(f"no commit matches {sha} in {self.repo_name}") from None
            raise self._failure(error, f"reading commit {sha} of {self.repo_name}") from None
        return self._commit(item).model_copy(update={"files": files, "details_loaded": True})

    def file_at(self, sha: str, path: str) -> str | None:
        """The text of ``path`` at ``sha`` through the contents API; None when absent, binary or too large.

        Answers for a full SHA are cached in memory (bounded): a commit's files never change.
        """
        return self._cached((sha.lower(), path), lambda: self._fetch_file(sha, path))

    def names_at(self, sha: str, path: str) -> list[str] | None:
        """The entries of directory ``path`` (``""``: the root) at ``sha``, through the contents API, which lists a
        directory; None when absent or not a directory. Cached with the files."""
        listed = self._cached((sha.lower(), path.rstrip("/") + "/"), lambda: self._fetch_listing(sha, path))
        return listed.split("\n") if listed else None

    def _cached(self, key: tuple[str, str], fetch) -> str | None:
        cacheable = bool(_FULL_SHA.match(key[0]))
        if cacheable:
            with self._files_lock:
                if key in self._files:
                    self._files.move_to_end(key)
                    return self._files[key]
        if not self._file_budget():
            return None  # not an error: the facts make do with the hunks
        text = fetch()
        if cacheable:
            with self._files_lock:
                if key not in self._files:
                    self._files[key] = text
                    self._files_chars += len(text or "")
                while len(self._files) > FILE_CACHE_ENTRIES or self._files_chars > FILE_CACHE_CHARS:
                    _, dropped = self._files.popitem(last=False)
                    self._files_chars -= len(dropped or "")
        return text

    def _file_budget(self) -> bool:
        """Whether the rate limit left (the lower of this source's and the shared view) allows reading a whole file.

        Unknown: yes.
        """
        known = [rate[:2] for rate in (self._rate, self._shared_view()) if rate is not None]
        return all(remaining > max(FILE_READ_RESERVE_MIN, limit * FILE_READ_RESERVE_SHARE)
                   for remaining, limit in known)

    def _fetch_file(self, sha: str, path: str) -> str | None:
        try:
            item = self._bare_repo().get_contents(path, ref=sha)
        except GithubException as error:
            if error.status in (403, 404, 422):  # absent, or too large for the API
                return None
            raise self._failure(error, f"reading {path} at {sha[:12]} of {self.repo_name}") from None
        if isinstance(item, list) or item.type != "file" or (item.size or 0) > MAX_FILE_BYTES:
            return None
        if item.encoding != "base64" or not item.content:
            return "" if (item.size or 0) == 0 else None  # "none": over 1 MB, content left out
        data = item.decoded_content
        if b"\0" in data[:8000]:
            return None
        return data.decode("utf-8", errors="replace")

    def _fetch_listing(self, sha: str, path: str) -> str | None:
        """A directory's entry names, one per line; None when absent or a file."""
        try:
            items = self._bare_repo().get_contents(path.strip("/"), ref=sha)
        except GithubException as error:
            if error.status in (403, 404, 422):
                return None
            raise self._failure(error, f"listing {path or 'the root'} at {sha[:12]} of {self.repo_name}") from None
        if not isinstance(items, list):
            return None
        return "\n".join(item.name for item in items) or None

    def resolve_sha(self, prefix: str) -> str:
        """The full SHA for a unique prefix of 4..40 hex digits, or for any ref GitHub resolves (HEAD, branch, tag)."""
        ref = prefix.lower() if SHA_RE.match(parse_revision(prefix)) else prefix
        repo = self._repo()
        try:
            return repo.get_commit(ref, commit_files_per_page=FILES_PER_PAGE).sha
        except GithubException as error:
            # GitHub answers a prefix that matches several commits as one that matches none (422
            # "No commit found for SHA: ..."), so a short prefix may be either
            if error.status == 422 and len(prefix) < 40:
                raise BadInput(f"no commit matches {prefix} in {self.repo_name}, or more than one does "
                               "(ambiguous); give more digits") from None
            if error.status in (404, 422):
                raise BadInput(f"no commit matches {prefix} in {self.repo_name}") from None
            raise self._failure(error, f"resolving {prefix} in {self.repo_name}") from None

    # --- PyGithub objects -> our models ---------------------------------------------------------
    @staticmethod
    def _commit(item: Any) -> Commit:
        git = item.commit
        committed_at = git.committer.date
        if committed_at.tzinfo is None:
            committed_at = committed_at.replace(tzinfo=timezone.utc)
        return Commit(
            sha=item.sha,
            author=git.author.name or (item.author.login if item.author else "unknown"),
            author_login=item.author.login if item.author else None,
            committed_at=committed_at,
            message=git.message or "",
            url=item.html_url,
            parents=[p.sha for p in item.parents],
        )

    @staticmethod
    def _file(item: Any) -> FileChange:
        return FileChange(
            path=item.filename,
            status=item.status or "modified",
            additions=item.additions or 0,
            deletions=item.deletions or 0,
            patch=item.patch,
            previous_path=item.previous_filename,
        )
