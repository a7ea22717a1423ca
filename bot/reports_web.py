"""The digest web pages: reports kept in the store when a digest is built, served at /reports/{owner}/{repo}/{date}.

``report_routes`` gives aiohttp route definitions; the bot's HTTP server mounts them when
DIGESTBOT_PUBLIC_URL is set. Path parts are validated strictly (GitHub's owner and repository
name rules, a real calendar date); anything else, or a report never stored, is a 404 page that
echoes nothing of the request. Pages carry a Content-Security-Policy without any script source.
aiohttp and markdown-it are imported when routes are built or a page is rendered, not on import.
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

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


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


def report_routes(store: Store, settings: Any = None, visibility: Any = None) -> list:
    """aiohttp ``RouteDef``s serving the stored reports (GET, and HEAD through aiohttp).

    Each page is served only while its repository is public (``visibility``, by default a
    ``RepoVisibility`` on ``settings``' GitHub; none without settings, for tests of the page alone);
    a repository found private has all its pages deleted.
    """
    import asyncio

    from aiohttp import web

    from analysis.renderers.html_page import not_found_page, render_page

    if visibility is None and settings is not None:
        from bot.visibility import RepoVisibility

        visibility = RepoVisibility(settings, ttl=getattr(settings, "report_visibility_ttl", 300.0))

    def not_found() -> web.Response:
        return web.Response(status=404, text=not_found_page("There is no report at this address."),
                            content_type="text/html", charset="utf-8", headers=HEADERS)

    async def page(request: web.Request) -> web.Response:
        info = request.match_info
        stored = await asyncio.to_thread(load_report, store, info["owner"], info["repo"], info["date"])
        if not stored:
            return not_found()
        public = True if visibility is None else await visibility.is_public(stored.get("repo", ""))
        if public is None:  # GitHub cannot say now: the page is not shown, and kept
            return web.Response(status=503, text=not_found_page("This report cannot be shown right now."),
                                content_type="text/html", charset="utf-8", headers=HEADERS)
        if not public:
            deleted = await asyncio.to_thread(delete_reports, store, stored.get("repo", ""))
            log.warning("%s is no longer public: its %d report page(s) were deleted", stored.get("repo"), deleted)
            return not_found()
        body = await asyncio.to_thread(render_page, stored["markdown"], repo=stored.get("repo", ""),
                                       lang=stored.get("lang", "en"), generated=stored.get("saved_at"))
        return web.Response(text=body, content_type="text/html", charset="utf-8", headers=HEADERS)

    return [web.get(ROUTE, page)]
