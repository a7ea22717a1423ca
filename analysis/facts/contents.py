"""Which files' full texts the diff analyzer asks the source for (bounded per commit), and fetching them."""

from __future__ import annotations

import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from analysis.facts.languages import config_format, grammar_for, is_lock, manifest_kind
from analysis.models import Commit, FileChange

log = logging.getLogger(__name__)

#: files per commit whose before and after texts are read (the largest changes first)
MAX_FILES = 12
#: package manifests read beyond ``MAX_FILES`` (a workspace's crates each bumped or trimmed in one commit)
MAX_MANIFESTS = 12
#: added or removed files per commit whose whole text is taken from the patch itself (no read needed)
MAX_WHOLE_PATCHES = 100
_WHOLE_HUNK = {"added": re.compile(r"^@@ -0,0 \+1(,\d+)? @@"), "removed": re.compile(r"^@@ -1(,\d+)? \+0,0 @@")}
#: reads in flight at once, all commits together; long-lived threads, so a source's per-thread HTTP client
#: (PyGithub's) and its connection are reused rather than made again for every commit
FETCH_THREADS = 8
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _reader_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=FETCH_THREADS, thread_name_prefix="facts-read")
        return _pool


class FileContents(Protocol):
    """A source that can give a file's full text at a revision (``None`` when it cannot or the file is absent)."""

    def file_at(self, sha: str, path: str) -> str | None: ...


class WatchedContents:
    """``contents`` that remembers whether a read failed (an error, not an absent file): facts derived
    without some file they should have seen are not worth caching."""

    def __init__(self, contents: FileContents):
        self._contents = contents
        self.failed = False

    def file_at(self, sha: str, path: str) -> str | None:
        try:
            return self._contents.file_at(sha, path)
        except Exception:
            self.failed = True
            raise

    def names_at(self, sha: str, path: str) -> list[str] | None:
        """The entries of a directory, where the source can list one (``installed_headers``); None otherwise."""
        lister = getattr(self._contents, "names_at", None)
        if lister is None:
            return None
        try:
            return lister(sha, path)
        except Exception:
            self.failed = True
            raise


@dataclass(frozen=True)
class Sides:
    """A file's text before and after the commit (None: absent on that side, or not available)."""

    before: str | None
    after: str | None


def wants_contents(change: FileChange) -> bool:
    """A file worth reading whole: code in a known language, configuration or a manifest (not lock files)."""
    if not change.patch or is_lock(change.path):
        return False
    return bool(grammar_for(change.path) or config_format(change.path) or manifest_kind(change.path))


def text_in_patch(change: FileChange) -> str | None:
    """The whole text of an added (or removed) file, when its patch is the one hunk that holds all of it."""
    pattern = _WHOLE_HUNK.get(change.status)
    lines = (change.patch or "").split("\n")
    if pattern is None or not pattern.match(lines[0]):
        return None
    sign = "+" if change.status == "added" else "-"
    body: list[str] = []
    for line in lines[1:]:
        if line.startswith(sign):
            body.append(line[1:])
        elif line.startswith("\\"):  # "\ No newline at end of file"
            continue
        elif line:
            return None
    return "\n".join(body) + "\n" if body else ""


def chosen(commit: Commit, limit: int = MAX_FILES) -> list[FileChange]:
    """The files to read for ``commit``: those ``wants_contents`` accepts, largest change first, at most ``limit``
    (and the package manifests past it)."""
    candidates = [f for f in commit.files if wants_contents(f) and f.status not in _WHOLE_HUNK]
    candidates.sort(key=lambda f: (-f.changes, f.path))
    # a package manifest past the limit is read all the same: it is small, and its hunks seldom show the section a
    # key sits in (a Cargo feature removed reads as a bare ``name = []``, dependants' builds break on it)
    return candidates[:limit] + [f for f in candidates[limit:] if manifest_kind(f.path)][:MAX_MANIFESTS]


def _read(contents: FileContents, sha: str | None, path: str) -> str | None:
    if sha is None:
        return None
    try:
        return contents.file_at(sha, path)
    except Exception as error:  # facts are best effort: a failed read falls back to the hunks
        log.debug("could not read %s at %s: %s", path, sha[:12], error)
        return None


def fetch_sides(commit: Commit, contents: FileContents | None) -> dict[str, Sides]:
    """Before/after texts by path: added and removed files from their patches, the chosen others read through
    ``contents``; a file that could not be read on a side where it exists is left out (its hunks serve)."""
    sides: dict[str, Sides] = {}
    for change in [f for f in commit.files if f.status in _WHOLE_HUNK and wants_contents(f)][:MAX_WHOLE_PATCHES]:
        text = text_in_patch(change)
        if text is not None:
            sides[change.path] = Sides(None, text) if change.status == "added" else Sides(text, None)
    files = chosen(commit) if contents is not None else []
    if not files:
        return sides
    parent = commit.parents[0] if commit.parents else None
    jobs: list[tuple[str, str | None, str]] = []
    for change in files:
        if change.status != "added":
            jobs.append((change.path, parent, change.previous_path or change.path))
        if change.status != "removed":
            jobs.append((change.path, commit.sha, change.path))
    texts = list(_reader_pool().map(lambda job: _read(contents, job[1], job[2]), jobs))
    read = {(path, sha): text for (path, sha, _), text in zip(jobs, texts)}
    for change in files:
        before = None if change.status == "added" else read.get((change.path, parent))
        after = None if change.status == "removed" else read.get((change.path, commit.sha))
        if (before is None and change.status != "added") or (after is None and change.status != "removed"):
            continue  # one side missing where it should exist: the hunks are safer than half a picture
        sides[change.path] = Sides(before, after)
    return sides
