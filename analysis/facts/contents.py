"""Which files' full texts the diff analyzer asks the source for (bounded per commit), and fetching them."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from analysis.facts.languages import config_format, grammar_for, is_lock, manifest_kind
from analysis.models import Commit, FileChange

log = logging.getLogger(__name__)

#: files per commit whose before and after texts are read (the largest changes first)
MAX_FILES = 12
#: requests in flight at once for one commit
FETCH_THREADS = 4


class FileContents(Protocol):
    """A source that can give a file's full text at a revision (``None`` when it cannot or the file is absent)."""

    def file_at(self, sha: str, path: str) -> str | None: ...


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


def chosen(commit: Commit, limit: int = MAX_FILES) -> list[FileChange]:
    """The files to read for ``commit``: those ``wants_contents`` accepts, largest change first, at most ``limit``."""
    candidates = [f for f in commit.files if wants_contents(f)]
    candidates.sort(key=lambda f: (-f.changes, f.path))
    return candidates[:limit]


def _read(contents: FileContents, sha: str | None, path: str) -> str | None:
    if sha is None:
        return None
    try:
        return contents.file_at(sha, path)
    except Exception as error:  # facts are best effort: a failed read falls back to the hunks
        log.debug("could not read %s at %s: %s", path, sha[:12], error)
        return None


def fetch_sides(commit: Commit, contents: FileContents | None) -> dict[str, Sides]:
    """Before/after texts of the chosen files, by path; files that could not be read on a side they exist are left out."""
    if contents is None:
        return {}
    files = chosen(commit)
    if not files:
        return {}
    parent = commit.parents[0] if commit.parents else None
    jobs: list[tuple[str, str | None, str]] = []
    for change in files:
        if change.status != "added":
            jobs.append((change.path, parent, change.previous_path or change.path))
        if change.status != "removed":
            jobs.append((change.path, commit.sha, change.path))
    with ThreadPoolExecutor(max_workers=min(FETCH_THREADS, len(jobs)), thread_name_prefix="facts-read") as pool:
        texts = list(pool.map(lambda job: _read(contents, job[1], job[2]), jobs))
    read = {(path, sha): text for (path, sha, _), text in zip(jobs, texts)}
    sides: dict[str, Sides] = {}
    for change in files:
        before = None if change.status == "added" else read.get((change.path, parent))
        after = None if change.status == "removed" else read.get((change.path, commit.sha))
        if (before is None and change.status != "added") or (after is None and change.status != "removed"):
            continue  # one side missing where it should exist: the hunks are safer than half a picture
        sides[change.path] = Sides(before, after)
    return sides
