"""Report pages outlive no repository turning private (issue 10, item 5).

The probe: a digest's page stayed public after its repository turned private. Pages are served only
while GitHub (the fake, flipping ``private``) says the repository is public, with a short cache, and
a repository found private has its pages deleted.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime

import aiohttp
import pytest
from aiohttp import web

from analysis.models import Analysis, Commit, CommitReport, Digest
from analysis.renderers.markdown import render_markdown
from bot.core.digests.report_pages import REPORTS_TABLE, save_report
from bot.settings import Settings
from bot.store import TinyStore
from bot.web.reports import report_routes
from tests.fakes.github_server import FakeGitHub

TOKEN = "test-token"


def _digest(day: str) -> Digest:
    commit = Commit(sha="ab" * 20, author="Ann", committed_at=datetime(2026, 2, 14, 9, tzinfo=UTC),
                    message="feat: the cache layer")
    return Digest(repo="acme/widget", date=day, timezone="UTC", private=False, commits=[
        CommitReport(commit=commit, analysis=Analysis(change_type="feature", importance="high"))])


@contextlib.asynccontextmanager
async def serving(store, settings):
    app = web.Application()
    app.add_routes(report_routes(store, settings))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("token", [TOKEN, None], ids=["token-sees-private", "anonymous-gets-404"])
def test_a_repository_turning_private_loses_its_pages(tmp_path, token):
    store = TinyStore(tmp_path)
    for day in ("2026-02-13", "2026-02-14"):
        save_report(store, _digest(day), "en", render_markdown(_digest(day), "en"))
    with FakeGitHub(tokens={TOKEN}) as github:
        github.add_repo("acme/widget")
        settings = Settings(data_dir=tmp_path, github_api_url=github.url, github_token=token,
                            public_url="https://d.test", report_visibility_ttl=0)

        async def scenario():
            async with serving(store, settings) as base, aiohttp.ClientSession() as session:
                async with session.get(base + "/reports/acme/widget/2026-02-14") as resp:
                    assert resp.status == 200 and "the cache layer" in await resp.text()
                github.data.repo("acme/widget").private = True
                async with session.get(base + "/reports/acme/widget/2026-02-14") as resp:
                    assert resp.status == 404 and "the cache layer" not in await resp.text()
                github.data.repo("acme/widget").private = False  # public again: the pages are gone for good
                async with session.get(base + "/reports/acme/widget/2026-02-13") as resp:
                    assert resp.status == 404

        asyncio.run(scenario())
    assert [key for key, _ in store.items(REPORTS_TABLE)] == []


def test_visibility_is_cached_and_an_unreachable_github_hides_but_keeps_the_page(tmp_path):
    store = TinyStore(tmp_path)
    save_report(store, _digest("2026-02-14"), "en", "# Daily\n")
    with FakeGitHub() as github:
        github.add_repo("acme/widget")
        settings = Settings(data_dir=tmp_path, github_api_url=github.url, public_url="https://d.test",
                            report_visibility_ttl=3600)

        async def scenario():
            async with serving(store, settings) as base, aiohttp.ClientSession() as session:
                for _ in range(5):
                    async with session.get(base + "/reports/acme/widget/2026-02-14") as resp:
                        assert resp.status == 200
                assert github.count("/repos/acme/widget") == 1  # asked once, then cached
        asyncio.run(scenario())

    with FakeGitHub() as github:
        url = github.url
    settings = Settings(data_dir=tmp_path, github_api_url=url, public_url="https://d.test")  # nothing listens

    async def unreachable():
        async with serving(store, settings) as base, aiohttp.ClientSession() as session:
            async with session.get(base + "/reports/acme/widget/2026-02-14") as resp:
                assert resp.status == 503
    asyncio.run(unreachable())
    assert [key for key, _ in store.items(REPORTS_TABLE)] == ["acme/widget/2026-02-14"]
