"""The report as the contract's JSON object (``--format json``)."""

from __future__ import annotations

from typing import Any

from analysis.changes import change_author
from analysis.models import CommitReport, Digest


def commit_json(report: CommitReport, timezone: str | None = None) -> dict[str, Any]:
    """One element of the report's ``commits`` list (also what ``explain --format json`` prints)."""
    commit = report.commit
    when = commit.committed_at
    if timezone:
        from zoneinfo import ZoneInfo

        when = when.astimezone(ZoneInfo(timezone))
    return {
        "sha": commit.sha,
        "short_sha": commit.short_sha,
        "author": change_author(commit, report.includes),  # a merged pull request: its author, not the merger
        "committed_at": when.isoformat(),
        "title": commit.title,
        "includes": [c.sha for c in report.includes],
        "pr": report.pr,
        "analysis": report.analysis.to_contract(),
    }


def digest_json(digest: Digest) -> dict[str, Any]:
    return {
        "repo": digest.repo,
        "date": digest.date,
        "timezone": digest.timezone,
        "stats": digest.stats.model_dump(),
        "highlights": list(digest.highlights),
        "commits": [commit_json(report, digest.timezone) for report in digest.commits],
    }
