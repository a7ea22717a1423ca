"""The interface every commit source implements (GitHub, local git)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from analysis.day import DayWindow
from analysis.models import Commit


@runtime_checkable
class CommitSource(Protocol):
    """Where commits come from. Methods are blocking; the digest service runs them in threads.

    Errors are raised as ``analysis.errors.DigestError`` subclasses with a one-sentence message.
    """

    #: how the repository is named in reports (``owner/name`` or the folder name)
    repo_name: str
    #: web page of the repository, if it has one
    repo_url: str | None

    def list_commits(self, window: DayWindow, branch: str | None = None) -> list[Commit]:
        """Commits whose committer date falls in ``window``, newest first, without files."""
        ...

    def check_branch(self, branch: str) -> None:
        """BadInput if ``branch`` does not exist."""
        ...

    def commit_details(self, sha: str) -> Commit:
        """One commit by full SHA, with every changed file, stats and patches."""
        ...

    def resolve_sha(self, prefix: str) -> str:
        """The full SHA for a unique prefix of 4+ hex digits; BadInput if unknown or ambiguous."""
        ...

    def file_at(self, sha: str, path: str) -> str | None:
        """The text of ``path`` at commit ``sha``; None when absent, binary, too large or not available."""
        ...
