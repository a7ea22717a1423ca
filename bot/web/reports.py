"""The digest web pages: the reports the core keeps (``bot.core.digests.report_pages``), served at /reports/{owner}/{repo}/{date}.

``report_routes`` gives aiohttp route definitions; the bot's HTTP server mounts them when
DIGESTBOT_PUBLIC_URL is set. Path parts are validated strictly (GitHub's owner and repository
name rules, a real calendar date); anything else, or a report never stored, is a 404 page that
echoes nothing of the request. Pages carry a Content-Security-Policy without any script source.
aiohttp and markdown-it are imported when routes are built or a page is rendered, not on import.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.core.digests.report_pages import ROUTE, delete_reports, load_report
from bot.store import Store

log = logging.getLogger(__name__)

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


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
        from bot.core.visibility import RepoVisibility

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
