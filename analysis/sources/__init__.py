"""Commit sources by kind: a local git repository (a directory) or a GitHub repository (owner/name)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from analysis.errors import BadInput
from analysis.sources.base import CommitSource


def is_local_repo(repo: str) -> bool:
    """The contract's rule: REPO is a local git repository when it names an existing directory."""
    try:
        return Path(repo).expanduser().is_dir()
    except (OSError, ValueError):  # a name too long for a path, a NUL byte: not a directory
        return False


def looks_like_path(repo: str) -> bool:
    """``./x``, ``/x``, ``~/x``, ``..``, ``a/b/c``: meant as a directory, never an owner/name."""
    return repo.startswith((".", "/", "~")) or repo.count("/") > 1 or "\\" in repo


def open_source(repo: str, *, github_token: str | None = None,
                github_api_url: str = "https://api.github.com", local: bool = True,
                on_github_response: Callable[[Mapping[str, str] | None], None] | None = None,
                github_deadline: float = 60.0,
                github_shared_rate: Callable[[], tuple[int, int, float] | None] | None = None) -> CommitSource:
    """The source for ``repo``: a LocalGitSource for a directory, else a GitHubSource for owner/name.

    ``local=False`` (names from chat users): always GitHub; the filesystem is not even looked at.
    ``on_github_response`` sees the headers of every GitHub answer (how the bot counts without this
    library knowing it); ``github_deadline`` bounds each whole GitHub answer, in seconds;
    ``github_shared_rate`` is the rate limit other processes saw (``GitHubSource``'s ``shared_rate``).
    """
    if not repo or not repo.strip():
        raise BadInput("no repository given; name a local git directory or owner/name on GitHub")
    if local and is_local_repo(repo):
        from analysis.sources.local_git import LocalGitSource

        return LocalGitSource(Path(repo).expanduser())
    if local and looks_like_path(repo):
        shown = repo[:80] + ("..." if len(repo) > 80 else "")
        raise BadInput(f"the directory {shown} does not exist; name a local git directory or owner/name on GitHub")
    from analysis.sources.github import GitHubSource

    return GitHubSource(repo, token=github_token, api_url=github_api_url, on_response=on_github_response,
                        deadline=github_deadline, shared_rate=github_shared_rate)
