"""Report pages kept in the store: one rendered report per (repository, day), pruned after 90 days.

The core saves a page when it builds a digest of a public repository; ``bot.web.reports`` serves them.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from analysis.models import Digest
from analysis.sources.names import is_repo_name
from bot.store import Store

log = logging.getLogger(__name__)

REPORTS_TABLE = "reports"
ROUTE = "/reports/{owner}/{repo}/{date}"
#: reports older than this (counted from the newest stored day of the same repository) are dropped
RETENTION_DAYS = 90

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")



def report_key(owner: str, repo: str, day: str) -> str | None:
    """The store key of a report, or None when a part is not a valid owner, repository name or date."""
    if not (is_repo_name(f"{owner}/{repo}") and _DATE.match(day)):
        return None
    try:
        date.fromisoformat(day)
    except ValueError:
        return None
    return f"{owner}/{repo}/{day}".lower()


def _split(repo: str) -> tuple[str, str] | None:
    owner, sep, name = repo.partition("/")
    return (owner, name) if sep and "/" not in name else None


def report_url(public_url: str | None, repo: str, day: str) -> str | None:
    """The page's public address for a GitHub ``owner/name`` digest; None without a public URL or for a local repo."""
    parts = _split(repo)
    if not public_url or parts is None or report_key(parts[0], parts[1], day) is None:
        return None
    return f"{public_url.rstrip('/')}/reports/{parts[0]}/{parts[1]}/{day}"


def save_report(store: Store, digest: Digest, lang: str, markdown: str) -> str | None:
    """Keep the report's Markdown for its web page; returns the key (None for a repository without a page)."""
    parts = _split(digest.repo)
    key = report_key(parts[0], parts[1], digest.date) if parts else None
    if key is None:
        return None
    store.put(REPORTS_TABLE, key, {"repo": digest.repo, "date": digest.date, "timezone": digest.timezone,
                                   "lang": lang, "markdown": markdown,
                                   "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    _prune(store, digest.repo, date.fromisoformat(digest.date))
    return key


def _prune(store: Store, repo: str, newest: date) -> None:
    oldest = newest - timedelta(days=RETENTION_DAYS)
    prefix = repo.lower() + "/"
    for key, _ in list(store.items(REPORTS_TABLE)):
        if key.startswith(prefix) and key[len(prefix):] < oldest.isoformat():
            store.delete(REPORTS_TABLE, key)


def delete_reports(store: Store, repo: str) -> int:
    """Delete every stored page of ``repo`` (it turned private); returns how many there were."""
    prefix = repo.lower() + "/"
    keys = [key for key, _ in list(store.items(REPORTS_TABLE)) if key.startswith(prefix)]
    for key in keys:
        store.delete(REPORTS_TABLE, key)
    return len(keys)


def load_report(store: Store, owner: str, repo: str, day: str) -> dict[str, Any] | None:
    key = report_key(owner, repo, day)
    return None if key is None else store.get(REPORTS_TABLE, key)
