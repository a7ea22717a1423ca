"""A subscription's commit filter: paths it cares about (``!GLOB`` ignores), authors and bots it ignores."""

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


def ignore_pattern(directory: str) -> str:
    """The ``paths`` entry that ignores ``directory`` (and everything below it): ``!dir/``."""
    return "!" + directory.strip().strip("/") + "/"


@dataclass(frozen=True)
class CommitFilter:
    """Which commits a digest keeps. Empty lists keep everything.

    ``paths`` entries starting with ``!`` ignore what they match (as in .gitignore): a commit is kept
    when one of its paths matches a plain pattern (or there is none) and is not ignored.
    """

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
        wanted = [p for p in self.paths if not p.startswith("!")]
        ignored = [p[1:] for p in self.paths if p.startswith("!")]
        touched = [f.path for f in commit.files] + [f.previous_path for f in commit.files if f.previous_path]
        if not touched:
            return not wanted  # nothing to ignore in a commit without files; nothing wanted either
        return any((not wanted or any(_matches(path, p) for p in wanted))
                   and not any(_matches(path, p) for p in ignored) for path in touched)
