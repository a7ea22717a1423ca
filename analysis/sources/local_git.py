"""Commits of a local git repository, read with git itself: the offline source."""

from __future__ import annotations

import logging
import re
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

from analysis.day import DayWindow
from analysis.errors import BadInput, DigestError
from analysis.models import Commit, FileChange

log = logging.getLogger(__name__)

_SHA40 = re.compile(r"^[0-9a-f]{40}$")
#: ``author``/``committer`` header of a commit object: "Name <email> 1771059600 +0800"
_IDENT = re.compile(rb"^(?P<name>.*?) ?<[^<>]*> (?P<ts>-?\d+) (?P<tz>[+-]\d{4})$")
_HEX = re.compile(r"^[0-9a-fA-F]{4,40}$")
_STATUS = {"A": "added", "M": "modified", "D": "removed", "R": "renamed", "C": "added", "T": "modified"}
#: a patch larger than this is left out, as GitHub leaves out very large diffs
MAX_PATCH_CHARS = 200_000
#: commits whose committer clock is this far behind their parent are still found
CLOCK_SKEW = timedelta(days=1)


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

    def _git(self, *args: str, error: str | None = None, check: bool = True) -> str:
        return self._git_bytes(*args, error=error, check=check).decode("utf-8", errors="replace")

    def _git_bytes(self, *args: str, error: str | None = None, check: bool = True, stdin: bytes = b"") -> bytes:
        cmd = ["git", "-c", "core.quotePath=false", "-C", str(self.path), *args]
        try:
            done = subprocess.run(cmd, capture_output=True, check=False, timeout=300, input=stdin)
        except FileNotFoundError:
            raise DigestError("git is not installed; install git to read local repositories") from None
        if done.returncode != 0 and not check:
            return b""
        if done.returncode != 0:
            log.debug("git %s failed: %s", args, done.stderr.decode(errors="replace").strip())
            raise BadInput(error or f"git {args[0]} failed in {self.path}")
        return done.stdout

    def list_commits(self, window: DayWindow, branch: str | None = None) -> list[Commit]:
        ref = branch or "HEAD"
        if branch:
            self.check_branch(branch)
        elif not self._git("rev-parse", "--verify", "--quiet", "HEAD", check=False).strip():
            return []
        since = (window.start_utc - CLOCK_SKEW).isoformat()
        until = (window.end_utc + CLOCK_SKEW).isoformat()
        # SHAs only (40 hex digits a line: nothing a message or a name can forge), then each commit object read
        # length-framed and its own committer date checked against the window
        listed = self._git("rev-list", ref, f"--since={since}", f"--until={until}", "--",
                           error=f"cannot read the history of {self.repo_name}").split()
        commits = self._read_commits([sha for sha in listed if _SHA40.match(sha)])
        commits = [c for c in commits if window.contains(c.committed_at)]
        commits.sort(key=lambda c: c.committed_at, reverse=True)
        return commits

    def check_branch(self, branch: str) -> None:
        self._git("rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}",
                  error=f"branch {branch!r} does not exist in {self.repo_name}")

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
        statuses = self._name_status(self._git(*diff_args, "--name-status", "-z"))
        numbers = self._numstat(self._git(*diff_args, "--numstat", "-z"))
        patches = self._patches(self._git(*diff_args, "-p", "--no-color", "--no-ext-diff"))
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

    def file_at(self, sha: str, path: str) -> str | None:
        """Not read yet: the diff analyzer falls back to the hunks."""
        return None

    def resolve_sha(self, prefix: str) -> str:
        if not _HEX.match(prefix or ""):
            raise BadInput(f"bad commit SHA {prefix!r}; give 4 to 40 hex digits")
        candidates = self._git("rev-parse", f"--disambiguate={prefix.lower()}", check=False).split()
        commits = [c for c in candidates if self._git("cat-file", "-t", c, check=False).strip() == "commit"]
        if not commits:
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
