"""A subscription's commit filter: paths it cares about, authors and bots it ignores."""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from analysis.models import Commit


def _matches(path: str, pattern: str) -> bool:
    pattern = pattern.strip().lstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    if fnmatchcase(path, pattern) or fnmatchcase(path, pattern.replace("**/", "")):
        return True
    # a bare directory name matches everything below it, as GitHub's path filter does
    return "*" not in pattern and "?" not in pattern and path.startswith(pattern.rstrip("/") + "/")


@dataclass(frozen=True)
class CommitFilter:
    """Which commits a digest keeps. Empty lists keep everything."""

    paths: tuple[str, ...] = ()
    ignore_authors: tuple[str, ...] = ()
    ignore_bots: bool = False
    _lowered: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_lowered", tuple(a.lower() for a in self.ignore_authors))

    @property
    def needs_files(self) -> bool:
        return bool(self.paths)

    def keeps_author(self, commit: Commit) -> bool:
        names = {n.lower() for n in (commit.author, commit.author_login) if n}
        if self.ignore_bots and any(n.endswith("[bot]") for n in names):
            return False
        return not names & set(self._lowered)

    def keeps_files(self, commit: Commit) -> bool:
        """Only meaningful once the commit's files are loaded."""
        if not self.paths:
            return True
        touched = [f.path for f in commit.files] + [f.previous_path for f in commit.files if f.previous_path]
        return any(_matches(path, pattern) for path in touched for pattern in self.paths)
