"""A local GitHub REST server (repos, commits and contents endpoints) answering like api.github.com, for tests and benchmarks.

Real HTTP on 127.0.0.1 (an ephemeral port, a daemon thread). PyGithub pointed at ``FakeGitHub.url``
sees GitHub's shapes, paging (``Link`` headers), errors and ``X-RateLimit-*`` headers. ``latency`` delays
each answer; ``drip`` sends each answer's body one byte at a time, that many seconds apart.
Every 200 answer to a GET carries an ``ETag``; a request whose ``If-None-Match`` names it gets
``304 Not Modified`` with no body, which (as on GitHub) does not count against the rate limit
(``not_modified`` counts them). ``Accept: application/vnd.github.sha`` on ``commits/{ref}`` answers
the bare SHA as text, as GitHub does.
``hold(prefix)`` makes requests for matching paths wait until the test releases them (orderings
without sleeps).
"""

from __future__ import annotations

import hashlib
import json
import logging
import socket
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from tests.fakes.github_data import GitHubData, commit_detail_json, commit_json, content_json, repo_json
from tests.fakes.local_http import LocalHTTPServer

log = logging.getLogger(__name__)

DOCS = "https://docs.github.com/rest"
RATE_LIMIT_MESSAGE = (
    "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher "
    "rate limit. Check out the documentation for more details.)"
)
FILES_PER_PAGE = 300
SHA_MEDIA_TYPE = "application/vnd.github.sha"
MAX_FILES = 3000


class _Reply(Exception):
    """Raised inside a route to answer at once with a status, a JSON body and extra headers."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None):
        self.status, self.body, self.headers = status, body, headers or {}


def _error(status: int, message: str, doc: str = DOCS) -> _Reply:
    return _Reply(status, {"message": message, "documentation_url": doc, "status": str(status)})


class Hold:
    """Requests whose path starts with ``prefix`` wait here until ``release()``; ``arrived`` counts them."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.arrived = 0
        self._released = threading.Event()
        self._cond = threading.Condition()

    def enter(self) -> None:
        with self._cond:
            self.arrived += 1
            self._cond.notify_all()
        self._released.wait(60)

    def wait_arrived(self, count: int = 1, timeout: float = 30.0) -> None:
        """Block until ``count`` requests are held (AssertionError after ``timeout``: a hang guard)."""
        with self._cond:
            if not self._cond.wait_for(lambda: self.arrived >= count, timeout):
                raise AssertionError(f"{self.arrived} of {count} requests for {self.prefix} arrived")

    def release(self) -> None:
        self._released.set()


class FakeGitHub(LocalHTTPServer):
    """The fake server. See the module docstring; the API below is what tests use."""

    def __init__(self, tokens: set[str] | None = None, strict_tokens: bool = False) -> None:
        self.data = GitHubData()
        #: tokens that authenticate (and can read private repositories)
        self.tokens: set[str] = set(tokens or {"test-token"})
        #: when True an unknown token gets 401 "Bad credentials", as on GitHub; else it counts as anonymous
        self.strict_tokens = strict_tokens
        self.latency = 0.0
        #: seconds between two bytes of each answer's body (a server dripping its answers); 0: all at once
        self.drip = 0.0
        self.requests: list[tuple[str, str]] = []
        #: conditional requests answered 304 (free: not counted in X-RateLimit-Used)
        self.not_modified = 0
        self._lock = threading.Lock()
        self._rate_limited: list[tuple[float, int] | None] = []  # per coming request: None or (reset_in, status)
        #: the X-RateLimit-Reset (epoch seconds) of every rate-limit answer sent, in order
        self.announced_resets: list[int] = []
        self._used = 0
        self._window_reset = int(time.time()) + 3600
        self._connections: set[socket.socket] = set()
        self._holds: list[Hold] = []

    # --- lifecycle --------------------------------------------------------------------------
    server_name = "fake-github"

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        return _make_handler(self)

    def stop(self) -> None:
        super().stop()
        with self._lock:
            open_connections, self._connections = list(self._connections), set()
        for conn in open_connections:  # kept-alive client connections would otherwise linger
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- data -------------------------------------------------------------------------------
    def add_repo(self, full_name: str, default_branch: str = "main", private: bool = False,
                 description: str | None = None) -> None:
        self.data.add_repo(full_name, default_branch, private, description)

    def add_commit(
        self,
        full_name: str,
        message: str = "chore: change",
        author_name: str = "Dev",
        author_login: str | None = None,
        committed_at: datetime | None = None,
        files: list[dict] | None = None,
        branch: str | None = None,
        sha: str | None = None,
        *,
        author_email: str | None = None,
        parents: list[str] | None = None,
        contents: dict[str, str | bytes | None] | None = None,
    ) -> str:
        """Add a commit on ``branch`` (default branch if None; a new branch forks from the default one).

        ``contents`` are the files this commit writes (None deletes one); the contents endpoint serves
        them, and the first parent's other files, at this commit.
        """
        return self.data.add_commit(
            full_name, message=message, author_name=author_name, author_login=author_login,
            author_email=author_email, committed_at=committed_at, files=files, branch=branch, sha=sha,
            parents=parents, contents=contents,
        )

    def add_tag(self, full_name: str, name: str, sha: str) -> None:
        """A lightweight tag ``name`` on commit ``sha``."""
        self.data.add_tag(full_name, name, sha)

    # --- observing and steering ---------------------------------------------------------------
    def count(self, path_prefix: str, method: str = "GET") -> int:
        with self._lock:
            return sum(1 for m, p in self.requests if m == method and p.startswith(path_prefix))

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()

    def rate_limit(self, times: int = 1, reset_in: float = 30.0, status: int = 403, *, after: int = 0) -> None:
        """Answer the next ``times`` requests (after ``after`` normal ones) with a rate-limit error.

        403 answers carry ``X-RateLimit-Remaining: 0`` and ``X-RateLimit-Reset`` (GitHub's primary limit);
        429 answers also carry ``Retry-After``. The limit resets ``reset_in`` seconds from the answer.
        """
        with self._lock:
            self._rate_limited.extend([None] * after + [(reset_in, status)] * times)

    def hold(self, path_prefix: str) -> Hold:
        """From now on, requests for paths starting with ``path_prefix`` wait until the hold is released."""
        hold = Hold(path_prefix)
        with self._lock:
            self._holds.append(hold)
        return hold

    # --- request handling (called from the server threads) --------------------------------------
    def _handle(self, method: str, raw_path: str, headers: Any) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            self.requests.append((method, raw_path))
            limited = self._rate_limited.pop(0) if self._rate_limited else None
            self._used += 1
            used = self._used
            holds = [h for h in self._holds if raw_path.startswith(h.prefix)]
        for hold in holds:
            hold.enter()
        if self.latency:
            time.sleep(self.latency)
        token = _token(headers.get("Authorization"))
        authenticated = token is not None and token in self.tokens
        limit = 5000 if authenticated else 60
        rate = {
            # limits are only enforced through rate_limit(), so Remaining never reaches 0 here
            "X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(max(limit - used, 1)),
            "X-RateLimit-Reset": str(self._window_reset), "X-RateLimit-Used": str(used),
            "X-RateLimit-Resource": "core",
        }
        try:
            if token is not None and not authenticated and self.strict_tokens:
                raise _error(401, "Bad credentials")
            if limited is not None:
                reset_in, status = limited
                reset = int(time.time() + reset_in + 0.999)
                self.announced_resets.append(reset)
                rate.update({"X-RateLimit-Remaining": "0", "X-RateLimit-Used": str(limit),
                             "X-RateLimit-Reset": str(reset)})
                if status == 429:
                    rate["Retry-After"] = str(max(int(reset_in + 0.999), 0))
                raise _Reply(status, {"message": RATE_LIMIT_MESSAGE,
                                      "documentation_url": f"{DOCS}/overview/rate-limits-for-the-rest-api"})
            if method != "GET":
                raise _error(404, "Not Found")
            status, body, extra = self._route(raw_path, authenticated)
            if headers.get("Accept") == SHA_MEDIA_TYPE and isinstance(body, dict) and "sha" in body \
                    and "/commits/" in raw_path:
                body = body["sha"].encode()  # the bare SHA, as text
        except _Reply as reply:
            status, body, extra = reply.status, reply.body, reply.headers
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        if status == 200 and method == "GET":
            etag = '"' + hashlib.sha256(payload).hexdigest()[:40] + '"'
            extra = {**extra, "ETag": etag}
            if etag in _etags(headers.get("If-None-Match")):
                with self._lock:  # GitHub: a 304 does not count against the rate limit
                    self._used -= 1
                    self.not_modified += 1
                    used = self._used
                rate["X-RateLimit-Used"] = str(used)
                rate["X-RateLimit-Remaining"] = str(max(limit - used, 1))
                return 304, b"", {**rate, "ETag": etag}
        return status, payload, {**rate, **extra}

    def _route(self, raw_path: str, authenticated: bool) -> tuple[int, Any, dict[str, str]]:
        split = urlsplit(raw_path)
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        parts = [unquote(p) for p in split.path.strip("/").split("/")]
        if parts == ["rate_limit"]:
            return 200, {"resources": {}, "rate": {}}, {}
        if len(parts) < 3 or parts[0] != "repos":
            raise _error(404, "Not Found")
        with self.data.lock:
            repo = self.data.repo(f"{parts[1]}/{parts[2]}")
            if repo is None or (repo.private and not authenticated):
                raise _error(404, "Not Found", f"{DOCS}/repos/repos#get-a-repository")
            if len(parts) == 3:
                return 200, repo_json(self.url, repo), {}
            if parts[3] == "commits" and len(parts) == 4:
                return self._list_commits(repo, split.path, query)
            if parts[3] == "commits" and len(parts) == 5:
                return self._get_commit(repo, split.path, parts[4], query)
            if parts[3] == "contents":
                return self._get_contents(repo, "/".join(parts[4:]), query)
        raise _error(404, "Not Found")

    def _list_commits(self, repo, path: str, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        doc = f"{DOCS}/commits/commits#list-commits"
        if not repo.commits:
            raise _error(409, "Git Repository is empty.", doc)
        bounds = {}
        for name in ("since", "until"):
            if name in query:
                bounds[name] = _parse_time(query[name], name, doc)
        ref = query.get("sha") or repo.default_branch
        head, _problem = self.data.resolve(repo, ref)
        if head is None:
            raise _error(404, f"No commit found for SHA: {ref}", doc)
        commits = self.data.history(repo, head)
        if "since" in bounds:
            commits = [c for c in commits if c.committed_at >= bounds["since"]]
        if "until" in bounds:
            commits = [c for c in commits if c.committed_at <= bounds["until"]]
        page, per_page = _paging(query, default=30, maximum=100)
        items = commits[(page - 1) * per_page: page * per_page]
        body = [commit_json(self.url, repo, c) for c in items]
        return 200, body, _links(self.url + path, query, page, per_page, len(commits))

    def _get_commit(self, repo, path: str, ref: str, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        doc = f"{DOCS}/commits/commits#get-a-commit"
        if not repo.commits:
            raise _error(409, "Git Repository is empty.", doc)
        commit, _problem = self.data.resolve(repo, ref)
        if commit is None:
            # GitHub answers a prefix matching several commits exactly as one matching none: 422
            # "No commit found for SHA: <ref>"; nothing in the answer says "ambiguous"
            raise _error(422, f"No commit found for SHA: {ref}", doc)
        files = commit.files[:MAX_FILES]
        page, per_page = _paging(query, default=FILES_PER_PAGE, maximum=FILES_PER_PAGE)
        body = commit_detail_json(self.url, repo, commit, files[(page - 1) * per_page: page * per_page])
        return 200, body, _links(self.url + path, query, page, per_page, len(files))


    def _get_contents(self, repo, path: str, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        """A file's contents at ``ref`` (a directory lists its entries), 404 when the ref or path is unknown."""
        doc = f"{DOCS}/repos/contents#get-repository-content"
        ref = query.get("ref") or repo.default_branch
        commit, _problem = self.data.resolve(repo, ref) if repo.commits else (None, "unknown")
        if commit is None:
            raise _error(404, f"No commit found for the ref {ref}", doc)
        if path in commit.tree:
            return 200, content_json(self.url, repo, commit, path, commit.tree[path]), {}
        prefix = path.rstrip("/") + "/" if path else ""
        entries = sorted({p[len(prefix):].split("/")[0] for p in commit.tree if p.startswith(prefix)})
        if not entries:
            raise _error(404, "Not Found", doc)
        listing = []
        for name in entries:
            full = prefix + name
            if full in commit.tree:
                item = content_json(self.url, repo, commit, full, commit.tree[full])
                item.pop("content"), item.pop("encoding")
            else:
                item = {"type": "dir", "name": name, "path": full, "size": 0,
                        "sha": hashlib.sha1(full.encode()).hexdigest()}
            listing.append(item)
        return 200, listing, {}


def _etags(header: str | None) -> set[str]:
    """The entity tags an ``If-None-Match`` header names (weak ones compared as strong, as GitHub does)."""
    return {tag.strip().removeprefix("W/") for tag in (header or "").split(",") if tag.strip()}


def _token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() in ("token", "bearer") and value.strip() else ""


def _parse_time(text: str, name: str, doc: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _error(422, f"Invalid value for parameter '{name}': {text!r} is not an ISO 8601 timestamp", doc)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _paging(query: dict[str, str], default: int, maximum: int) -> tuple[int, int]:
    def number(name: str, fallback: int) -> int:
        try:
            return max(int(query.get(name, fallback)), 1)
        except ValueError:
            return fallback

    return number("page", 1), min(number("per_page", default), maximum)


def _links(base: str, query: dict[str, str], page: int, per_page: int, total: int) -> dict[str, str]:
    """GitHub's ``Link`` header: next/last after the first page, prev/first on later ones."""
    last = max((total + per_page - 1) // per_page, 1)
    if last == 1:
        return {}

    def url(n: int) -> str:
        return f"{base}?{urlencode({**query, 'page': str(n)})}"

    rels = []
    if page > 1:
        rels += [f'<{url(page - 1)}>; rel="prev"', f'<{url(1)}>; rel="first"']
    if page < last:
        rels += [f'<{url(page + 1)}>; rel="next"', f'<{url(last)}>; rel="last"']
    return {"Link": ", ".join(rels)} if rels else {}


def _make_handler(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "GitHub.com"
        sys_version = ""

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle + delayed ACK add ~40 ms per answer
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with fake._lock:
                fake._connections.add(self.connection)

        def finish(self) -> None:
            with fake._lock:
                fake._connections.discard(self.connection)
            super().finish()

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            status, payload, headers = fake._handle(self.command, self.path, self.headers)
            self.send_response(status)
            if status != 304:
                text = payload[:1] not in (b"{", b"[")  # the bare SHA media type
                self.send_header("Content-Type", "text/plain; charset=utf-8" if text
                                 else "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("X-GitHub-Media-Type", "github.v3; format=json")
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if not fake.drip:
                self.wfile.write(payload)
                return
            try:
                for i in range(len(payload)):
                    self.wfile.write(payload[i:i + 1])
                    self.wfile.flush()
                    time.sleep(fake.drip)
            except OSError:  # the client gave up and closed the connection
                self.close_connection = True

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
            log.debug("fake github: " + format, *args)

    return Handler
