"""Commits of a local git repository, read with git itself: the offline source."""

from __future__ import annotations

import logging
import re
import subprocess
import threading
import weakref
from datetime import datetime, timedelta, timezone
from pathlib import Path

from analysis.day import DayWindow
from analysis.errors import BadInput, DigestError
from analysis.models import Commit, FileChange
from analysis.sources.names import parse_revision

log = logging.getLogger(__name__)

_SHA40 = re.compile(r"^[0-9a-f]{40}$")
#: ``author``/``committer`` header of a commit object: "Name <email> 1771059600 +0800"
_IDENT = re.compile(rb"^(?P<name>.*?) ?<[^<>]*> (?P<ts>-?\d+) (?P<tz>[+-]\d{4})$")
_HEX = re.compile(r"^[0-9a-fA-F]{4,40}$")
_STATUS = {"A": "added", "M": "modified", "D": "removed", "R": "renamed", "C": "added", "T": "modified"}
#: a patch larger than this is left out, as GitHub leaves out very large diffs
MAX_PATCH_CHARS = 200_000
#: a file larger than this is not read whole (the diff analyzer falls back to its hunks)
MAX_FILE_BYTES = 1_000_000
#: how many commits in a row older than the day a day's listing reads before it stops (``_shas_of_day``)
STALE_RUN = 1000
#: seconds a git command may take
GIT_TIMEOUT = 300


def readme_summary(text: str, limit: int = 300) -> str | None:
    """The first prose paragraph of a README (headings, badges, HTML and code skipped), as plain text."""
    paragraph: list[str] = []
    fenced = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        skip = (fenced or line.startswith(("#", "<", "[![", "![", "|", "=", "-" * 3, ".. ", ":"))
                or re.fullmatch(r"[=\-~^*]{3,}", line) is not None)
        if not line or skip:
            if paragraph:
                break
            continue
        paragraph.append(line)
    plain = " ".join(paragraph)
    plain = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", plain)  # links and images keep their text
    plain = re.sub(r"[*_`]+", "", plain).strip()
    if not plain:
        return None
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"



def _reason(stderr: bytes) -> str:
    """git's own last word on a failure, one short line (``unable to read 4522efeb0739``): its ``fatal:`` lead
    dropped and object names cut to twelve digits."""
    lines = [ln.strip() for ln in stderr.decode("utf-8", errors="replace").splitlines() if ln.strip()]
    if not lines:
        return ""
    said = re.sub(r"^(?:fatal|error):\s*", "", lines[-1])
    return re.sub(r"\b([0-9a-f]{12})[0-9a-f]{28,52}\b", r"\1", said)[:200]

class LocalGitSource:
    """A git repository on disk; ``repo_url`` is None (no web page)."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        if not self.path.is_dir():
            raise BadInput(f"{path} is not a directory")
        top = self._git("rev-parse", "--show-toplevel", error=f"{path} is not a git repository").strip()
        self.path = Path(top)
        self.repo_name = self.path.name
        self.repo_url: str | None = None
        #: reading a local commit again is cheaper than caching it
        self.cache_details = False
        self._blobs = _BlobReader(self.path)
        weakref.finalize(self, self._blobs.close)

    def _git(self, *args: str, error: str | None = None, check: bool = True) -> str:
        return self._git_bytes(*args, error=error, check=check).decode("utf-8", errors="replace")

    def _git_bytes(self, *args: str, error: str | None = None, check: bool = True, stdin: bytes = b"") -> bytes:
        cmd = ["git", "-c", "core.quotePath=false", "-C", str(self.path), *args]
        try:
            done = subprocess.run(cmd, capture_output=True, check=False, timeout=GIT_TIMEOUT, input=stdin)
        except FileNotFoundError:
            raise DigestError("git is not installed; install git to read local repositories") from None
        if done.returncode != 0 and not check:
            return b""
        if done.returncode != 0:
            log.debug("git %s failed: %s", args, done.stderr.decode(errors="replace").strip())
            reason = _reason(done.stderr)
            if error:
                raise BadInput(error.replace("{reason}", reason or "git gave no reason"))
            raise BadInput(f"git {args[0]} failed in {self.path}" + (f": {reason}" if reason else ""))
        return done.stdout

    def list_commits(self, window: DayWindow, branch: str | None = None) -> list[Commit]:
        ref = "HEAD"
        if branch:
            ref = self._branch_ref(branch)
        elif not self._git("rev-parse", "--verify", "--quiet", "HEAD", check=False).strip():
            return []
        # SHAs only (40 hex digits a line: nothing a message or a name can forge), then each commit object read
        # length-framed and its own committer date checked against the window
        commits = self._read_commits(self._shas_of_day(ref, window))
        commits = [c for c in commits if window.contains(c.committed_at)]
        commits.sort(key=lambda c: c.committed_at, reverse=True)
        return commits

    def _shas_of_day(self, ref: str, window: DayWindow) -> list[str]:
        """The SHAs reachable from ``ref`` whose committer date ``window`` holds, newest first.

        Not ``git rev-list --since``: git stops walking a line at the first commit older than the date, so a commit
        dated before its parent (a clock behind, a rebase keeping old dates, a merge of backport tags) hid every
        commit behind it, whole days of them. The walk reads git's date-ordered listing and stops only after
        STALE_RUN commits in a row older than the day."""
        since, until = window.start_utc.timestamp(), window.end_utc.timestamp()
        cmd = ["git", "-C", str(self.path), "rev-list", "--timestamp", "--end-of-options", ref, "--"]
        found: list[str] = []
        stale = 0
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as walk:
            timed_out = threading.Event()

            def stop() -> None:  # a walk past GIT_TIMEOUT is ended, as ``_git_bytes``'s commands are
                timed_out.set()
                walk.kill()

            watchdog = threading.Timer(GIT_TIMEOUT, stop)
            watchdog.start()
            try:
                for line in walk.stdout:
                    stamp, _, sha = line.decode("ascii", errors="replace").strip().partition(" ")
                    if not (stamp.lstrip("-").isdigit() and _SHA40.match(sha)):
                        continue
                    if int(stamp) < since:
                        stale += 1
                        if stale >= STALE_RUN:
                            break
                        continue
                    stale = 0
                    if int(stamp) < until:
                        found.append(sha)
                else:  # read to its end: a failed walk is an error, one stopped early is not
                    if walk.wait() != 0:
                        reason = f"git took longer than {GIT_TIMEOUT} s" if timed_out.is_set() \
                            else _reason(walk.stderr.read())
                        raise BadInput(f"cannot read the history of {self.repo_name}"
                                       + (f": {reason}" if reason else ""))
            finally:
                watchdog.cancel()
                if walk.poll() is None:
                    walk.kill()
        return found

    def check_branch(self, branch: str) -> None:
        self._branch_ref(branch)

    def branch_head(self, branch: str | None, etag: str | None = None) -> tuple[str | None, str | None]:
        """The head SHA of ``branch`` (HEAD) and the tag to pass next time; ``(None, etag)`` when unchanged."""
        ref = self._branch_ref(branch) if branch else "HEAD"
        sha = self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}",
                        check=False).strip()
        if not _SHA40.match(sha):
            return None, etag  # an empty repository has no head yet
        return (None, etag) if sha == etag else (sha, sha)

    def _branch_ref(self, branch: str) -> str:
        """``branch`` itself, else its remote-tracking branch (``origin/stable`` in a fresh clone); BadInput if neither."""
        missing = f"branch {branch!r} does not exist in {self.repo_name}"
        try:
            parse_revision(branch, expressions=True)
        except BadInput:
            raise BadInput(missing) from None
        if self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{branch}^{{commit}}", check=False):
            return branch
        remote = self._remote_branch(branch)
        if remote is None:
            raise BadInput(missing)
        return remote

    def _remote_branch(self, branch: str) -> str | None:
        """The remote-tracking branch of that name (origin's first), or None."""
        remotes = self._git("for-each-ref", "--format=%(refname:short)", f"refs/remotes/*/{branch}",
                            check=False).split()
        return next((r for r in remotes if r.startswith("origin/")), remotes[0]) if remotes else None

    def _read_commits(self, revisions: list[str]) -> list[Commit]:
        """The commits named by ``revisions``, read with ``git cat-file --batch``: each object comes with
        its length, so no text inside it can end it early or start another one."""
        if not revisions:
            return []
        out = self._git_bytes("cat-file", "--batch", stdin="".join(f"{r}\n" for r in revisions).encode(),
                              error=f"cannot read the commits of {self.repo_name}")
        commits, pos = [], 0
        for revision in revisions:
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            if len(header) != 3 or header[1] != b"commit":
                raise BadInput(f"no commit {revision} in {self.repo_name}")
            size = int(header[2])
            commits.append(_parse_commit_object(header[0].decode("ascii"), out[end + 1:end + 1 + size]))
            pos = end + 1 + size + 1  # the object, then one newline
        return commits

    def commit_details(self, sha: str) -> Commit:
        if not _HEX.match(sha or ""):
            raise BadInput(f"no commit {sha} in {self.repo_name}")
        [commit] = self._read_commits([f"{sha}^{{commit}}"])
        base = [commit.parents[0]] if commit.parents else ["--root"]
        diff_args = ["diff-tree", "-r", "--find-renames", "--no-commit-id", *base, commit.sha]
        # a partial or damaged clone lacks some blobs: say which commit cannot be read, and git's reason
        unreadable = f"cannot read the changes of commit {commit.sha[:7]} in {self.repo_name}: {{reason}}"
        statuses = self._name_status(self._git(*diff_args, "--name-status", "-z", error=unreadable))
        numbers = self._numstat(self._git(*diff_args, "--numstat", "-z", error=unreadable))
        patches = self._patches(self._git(*diff_args, "-p", "--no-color", "--no-ext-diff", error=unreadable))
        files = []
        for path, (status, previous) in statuses.items():
            additions, deletions = numbers.get(path, (0, 0))
            files.append(FileChange(path=path, status=status, additions=additions, deletions=deletions,
                                    patch=patches.get(path), previous_path=previous))
        return commit.model_copy(update={"files": files, "details_loaded": True})

    @staticmethod
    def _name_status(out: str) -> dict[str, tuple[str, str | None]]:
        parts, result, i = out.split("\0"), {}, 0
        while i < len(parts) and parts[i]:
            code = parts[i][0]
            if code in "RC":
                result[parts[i + 2]] = (_STATUS[code], parts[i + 1] if code == "R" else None)
                i += 3
            else:
                result[parts[i + 1]] = (_STATUS.get(code, "modified"), None)
                i += 2
        return result

    @staticmethod
    def _numstat(out: str) -> dict[str, tuple[int, int]]:
        parts, result, i = out.split("\0"), {}, 0
        while i < len(parts) and parts[i]:
            added, deleted, path = parts[i].split("\t", 2)
            if not path:  # rename: old and new path follow
                path, i = parts[i + 2], i + 3
            else:
                i += 1
            result[path] = (int(added) if added != "-" else 0, int(deleted) if deleted != "-" else 0)
        return result

    @staticmethod
    def _patches(out: str) -> dict[str, str | None]:
        result: dict[str, str | None] = {}
        for chunk in re.split(r"^diff --git ", out, flags=re.M)[1:]:
            lines = chunk.splitlines()
            path = None
            for line in lines[1:]:
                if line.startswith("+++ ") and line != "+++ /dev/null":
                    path = (line[6:] if line.startswith("+++ b/") else line[4:]).rstrip("\t")
                elif line.startswith("--- a/") and path is None:
                    path = line[6:].rstrip("\t")
                elif line.startswith("rename to "):
                    path = line[len("rename to "):]
                if line.startswith("@@"):
                    break
            if path is None:
                continue
            start = next((n for n, line in enumerate(lines) if line.startswith("@@")), None)
            patch = None if start is None else "\n".join(lines[start:])
            result[path] = patch if patch is not None and len(patch) <= MAX_PATCH_CHARS else None
        return result

    def description(self) -> str | None:
        """The first paragraph of the README at HEAD as plain text, clipped; None without one."""
        names = self._git("ls-tree", "--name-only", "HEAD", check=False).splitlines()
        readme = next((n for n in sorted(names, key=str.lower) if n.lower().startswith("readme")), None)
        if readme is None:
            return None
        text = self._git("show", f"HEAD:{readme}", check=False)
        return readme_summary(text)

    def file_at(self, sha: str, path: str) -> str | None:
        """The text of ``path`` at ``sha`` (``git cat-file``); None when absent, binary or over ``MAX_FILE_BYTES``."""
        data = self._blobs.read(sha, path)
        if data is None or b"\0" in data[:8000]:
            return None
        return data.decode("utf-8", errors="replace")

    def names_at(self, sha: str, path: str) -> list[str] | None:
        """The entries of directory ``path`` (``""``: the root) at ``sha`` (``git ls-tree``); None when absent."""
        if not _HEX.match(sha) or path.startswith("-"):
            return None
        tree = f"{sha}:{path}" if path else sha
        names = self._git("ls-tree", "--name-only", tree, check=False).splitlines()
        return names or None

    def resolve_sha(self, prefix: str) -> str:
        """The full SHA of a unique SHA prefix, or of any revision git resolves (HEAD, a branch, a tag)."""
        parse_revision(prefix, expressions=True)
        commits = []
        if _HEX.match(prefix):
            candidates = self._git("rev-parse", f"--disambiguate={prefix.lower()}", check=False).split()
            commits = [c for c in candidates if self._git("cat-file", "-t", c, check=False).strip() == "commit"]
        if not commits:
            found = self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{prefix}^{{commit}}",
                              check=False).strip()
            remote = None if found else self._remote_branch(prefix)
            if remote:  # a branch only on the remote, as --branch reads it
                found = self._git("rev-parse", "--verify", "--quiet", "--end-of-options", remote, check=False).strip()
            if found:
                return found
            raise BadInput(f"no commit matches {prefix} in {self.repo_name}")
        if len(commits) > 1:
            raise BadInput(f"{prefix} is ambiguous in {self.repo_name} ({len(commits)} commits match); give more digits")
        return commits[0]


def _parse_commit_object(sha: str, raw: bytes) -> Commit:
    """A commit from its raw object: header lines (continuations start with a space), a blank line, the message."""
    head, _, body = raw.partition(b"\n\n")
    fields: dict[bytes, list[bytes]] = {}
    for line in head.split(b"\n"):
        if line.startswith(b" "):
            continue  # the continuation of a multi-line header (gpgsig, mergetag)
        name, _, value = line.partition(b" ")
        fields.setdefault(name, []).append(value)
    encoding = (fields.get(b"encoding") or [b"utf-8"])[0].decode("ascii", errors="replace")
    author = _IDENT.match((fields.get(b"author") or [b""])[0])
    committer = _IDENT.match((fields.get(b"committer") or [b""])[0])
    if committer is None:
        raise DigestError(f"commit {sha[:12]} has no readable committer line")
    offset = int(committer["tz"][:3]) * 60 + (1 if committer["tz"][:1] == b"+" else -1) * int(committer["tz"][3:])
    when = datetime.fromtimestamp(int(committer["ts"]), timezone(timedelta(minutes=offset)))
    parents = [p.decode("ascii") for p in fields.get(b"parent", [])]
    return Commit(sha=sha, author=_decode(author["name"] if author else b"", encoding), committed_at=when,
                  message=_decode(body, encoding).strip(), parents=parents)


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:  # an encoding header Python does not know
        return data.decode("utf-8", errors="replace")


class _BlobReader:
    """One long-lived ``git cat-file --batch`` answering ``sha:path`` questions (a process per file is slow)."""

    def __init__(self, path: Path):
        self._path = path
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None

    def read(self, sha: str, path: str) -> bytes | None:
        if not _HEX.match(sha or "") or not path or "\n" in path or "\r" in path:
            return None
        with self._lock:
            try:
                return self._ask(f"{sha}:{path}")
            except (OSError, ValueError) as error:
                log.debug("git cat-file failed: %s", error)
                self._close_locked()
                return None

    def _ask(self, name: str) -> bytes | None:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                ["git", "-C", str(self._path), "cat-file", "--batch"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        stdin, stdout = self._process.stdin, self._process.stdout
        stdin.write(name.encode("utf-8") + b"\n")
        stdin.flush()
        line = stdout.readline().decode("utf-8", errors="replace").rstrip("\n")
        if line.endswith((" missing", " ambiguous")):
            return None
        header = line.split()
        if len(header) != 3:
            raise ValueError(f"unexpected answer from git cat-file: {line[:80]!r}")
        size = int(header[2])
        if header[1] != "blob" or size > MAX_FILE_BYTES:
            remaining = size + 1  # drained, not kept
            while remaining > 0:
                chunk = stdout.read(min(1 << 20, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
            return None
        return stdout.read(size + 1)[:size]  # the object, then a newline

    def _close_locked(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            try:
                process.stdin.close()
                process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()

    def close(self) -> None:
        with self._lock:
            self._close_locked()
