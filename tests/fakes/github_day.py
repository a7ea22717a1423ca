"""Serve one labelled fixture day (``bench.day_fixtures``) from FakeGitHub, as GitHub would list and show it.

The day's changes become commits of a linear default branch (each change's first parent is the
change before it; a merge keeps its second parent, which the fake does not hold, so nothing folds
into it), with the fixture's files, patches and file texts: a base commit the day before holds the
text each touched file had before the day, and every change writes the texts it leaves behind, so
the contents endpoint answers what the wider-context reader asks for at either side of a change.
"""

from __future__ import annotations

from datetime import timedelta, timezone

from bench.day_fixtures import Day
from tests.fakes.github_server import FakeGitHub


def serve_day(github: FakeGitHub, day: Day, full_name: str, description: str | None = None) -> list[str]:
    """Add ``full_name`` with the day's changes (oldest first) to ``github``; the SHAs added, newest first."""
    github.add_repo(full_name, description=description)
    oldest_first = list(reversed(day.commits))
    base_sha = oldest_first[0].parents[0] if oldest_first[0].parents else "0" * 40
    before: dict[str, str] = {}
    for commit in oldest_first:  # the text each file had before the first change of the day touching it
        parent = commit.parents[0] if commit.parents else None
        for change in commit.files:
            path = change.previous_path or change.path
            text = day.contents.file_at(parent, path) if parent else None
            if text is not None:
                before.setdefault(path, text)
    first_at = min(c.committed_at for c in oldest_first).astimezone(timezone.utc)
    github.add_commit(full_name, message="chore: the day before", sha=base_sha, parents=[],
                      committed_at=first_at - timedelta(days=1), contents=before)
    previous = base_sha
    for commit in oldest_first:
        files = [{"filename": f.path, "status": f.status, "additions": f.additions, "deletions": f.deletions,
                  "patch": f.patch, "previous_filename": f.previous_path} for f in commit.files]
        contents: dict[str, str | None] = {}
        for change in commit.files:
            if change.status == "removed":
                contents[change.path] = None
                continue
            text = day.contents.file_at(commit.sha, change.path)
            if text is not None:
                contents[change.path] = text
            if change.previous_path and change.previous_path != change.path:
                contents[change.previous_path] = None
        github.add_commit(full_name, message=commit.message, author_name=commit.author,
                          author_login=commit.author_login, committed_at=commit.committed_at.astimezone(timezone.utc),
                          files=files, sha=commit.sha, parents=[previous, *commit.parents[1:]], contents=contents)
        previous = commit.sha
    return [c.sha for c in day.commits]
