"""Commit sources by kind: a local git repository (a directory) or a GitHub repository (owner/name)."""

from __future__ import annotations

from pathlib import Path

from analysis.errors import BadInput
from analysis.sources.base import CommitSource


def is_local_repo(repo: str) -> bool:
    """The contract's rule: REPO is a local git repository when it names an existing directory."""
    return Path(repo).expanduser().is_dir()


def open_source(repo: str, *, github_token: str | None = None,
                github_api_url: str = "https://api.github.com", local: bool = True) -> CommitSource:
    """The source for ``repo``: a LocalGitSource for a directory, else a GitHubSource for owner/name.

    ``local=False`` (names from chat users): always GitHub; the filesystem is not even looked at.
    """
    if not repo or not repo.strip():
        raise BadInput("no repository given; name a local git directory or owner/name on GitHub")
    if local and is_local_repo(repo):
        from analysis.sources.local_git import LocalGitSource

        return LocalGitSource(Path(repo).expanduser())
    from analysis.sources.github import GitHubSource

    return GitHubSource(repo, token=github_token, api_url=github_api_url)
