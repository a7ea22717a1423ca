"""The digest web page: markdown-it rendering, strict routes, and the page in headless Chromium (Playwright).

The browser test opens the page served by ``report_routes`` from an aiohttp app on 127.0.0.1,
clicks a table-of-contents link and checks the commit's section is scrolled to the top, and that
a hostile commit title created no element and ran nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from analysis.models import Analysis, Commit, CommitReport, Digest, Insights, Risk
from analysis.renderers.html_page import markdown_to_html, render_page
from analysis.renderers.markdown import render_markdown
from bot.core.digests.report_pages import REPORTS_TABLE, load_report, report_url, save_report
from bot.store import TinyStore
from bot.web.reports import report_routes

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE = ('fix: <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> '
           '[click](javascript:window.__pwned=3) <a id="evil"></a>')


def _report(n: int, importance: str, title: str) -> CommitReport:
    sha = f"{n:02x}" * 20
    commit = Commit(sha=sha, author=f"dev{n} <b>bold</b>", message=title + "\n\nbody",
                    committed_at=datetime(2026, 2, 14, 12, tzinfo=timezone.utc) - timedelta(minutes=n),
                    url=f"https://github.com/o/r/commit/{sha}")
    analysis = Analysis(change_type="feature", importance=importance,
                        summary=[f"point {i} of commit {n}: " + "words " * 12 for i in range(4)],
                        impact=[f"src/mod_{n}.py: behaviour changes"],
                        insights=Insights(architecture="line one\nline two <br> not a tag", security="ok"),
                        risks=[Risk(risk="a <i>risk</i>", impact="some", mitigation="tests")],
                        recommendations=["review it"])
    return CommitReport(commit=commit, analysis=analysis)


@pytest.fixture
def digest() -> Digest:
    levels = ["high", "high", "high", "medium", "medium", "low", "low", "low", "low", "low"]
    reports = [_report(i + 1, level, f"feat: change number {i + 1} with a fairly long title to wrap on phones")
               for i, level in enumerate(levels)]
    reports[1] = _report(2, "high", HOSTILE)
    return Digest(repo="o/r", date="2026-02-14", timezone="UTC", commits=reports, repo_url="https://github.com/o/r")


# --- rendering ---------------------------------------------------------------------------------------
def test_anchors_become_heading_ids_and_toc_links_point_at_them(digest):
    page = markdown_to_html(render_markdown(digest, "en"))
    ids = re.findall(r'<h[1-6] id="([^"]+)"', page)
    for report in digest.commits:
        assert report.commit.short_sha in ids
        assert f'<a href="#{report.commit.short_sha}">' in page
    assert {"o-r", "stats", "high", "medium", "low"} <= set(ids)
    assert "line one<br />\nline two" in page  # our own <br> in a table cell
    assert "&lt;br&gt; not a tag" in page  # the analysis's own "<br>" stays text
    assert "&lt;a id=&quot;evil&quot;&gt;&lt;/a&gt;" in page and 'id="evil"' not in page


def test_hostile_text_creates_no_element(digest):
    page = render_page(render_markdown(digest, "en"), repo="o/r <script>")
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", page))
    assert tags <= {"html", "head", "meta", "title", "style", "body", "main", "footer", "h1", "h2", "h3", "h4",
                    "p", "ul", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "strong", "code",
                    "blockquote", "hr", "br"}
    assert "javascript:" not in re.sub(r">[^<]*<", "><", page)  # only inside text, never in an attribute
    assert "<title>Daily Update Report (2026-02-14) · o/r &lt;script&gt;</title>" in page
    assert 'name="viewport"' in page


# --- routes ------------------------------------------------------------------------------------------
@contextlib.asynccontextmanager
async def serving(store):
    app = web.Application()
    app.add_routes(report_routes(store, None))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


def test_routes_serve_stored_reports_and_404_everything_else(digest):
    store = TinyStore.in_memory()
    assert save_report(store, digest, "en", render_markdown(digest, "en")) == "o/r/2026-02-14"

    async def scenario():
        async with serving(store) as base, aiohttp.ClientSession() as session:
            async with session.get(base + "/reports/o/r/2026-02-14") as resp:
                assert resp.status == 200 and resp.content_type == "text/html"
                assert "script-src" not in resp.headers["Content-Security-Policy"]
                assert resp.headers["X-Content-Type-Options"] == "nosniff"
                assert 'id="0101010"' in await resp.text()
            async with session.get(base + "/reports/O/R/2026-02-14") as resp:  # GitHub names ignore case
                assert resp.status == 200
            for bad in ("/reports/o/r/2026-02-13", "/reports/o/r/2026-02-30", "/reports/o/r/20260214",
                        "/reports/o_x/r/2026-02-14", "/reports/o/../2026-02-14", "/reports/o/%2E%2E/2026-02-14",
                        "/reports/-o/r/2026-02-14", "/reports/o/r/2026-02-14/x",
                        "/reports/o/r%3Cscript%3E/2026-02-14"):
                async with session.get(base + bad) as resp:
                    text = await resp.text()
                    assert resp.status == 404, bad
                    assert "script" not in text.lower().replace("there is no report", ""), bad

    asyncio.run(scenario())


def test_report_keys_and_urls_are_strict():
    assert report_url("https://x.test/", "o/r", "2026-02-14") == "https://x.test/reports/o/r/2026-02-14"
    assert report_url(None, "o/r", "2026-02-14") is None
    assert report_url("https://x.test", "local-folder", "2026-02-14") is None  # a local repository: no page
    assert report_url("https://x.test", "o/r/x", "2026-02-14") is None
    store = TinyStore.in_memory()
    assert load_report(store, "o", "..", "2026-02-14") is None


def test_old_reports_are_pruned(digest):
    store = TinyStore.in_memory()
    old = digest.model_copy(update={"date": "2025-10-01"})
    save_report(store, old, "en", "# old\n")
    save_report(store, digest, "en", "# new\n")
    assert [k for k, _ in store.items(REPORTS_TABLE)] == ["o/r/2026-02-14"]


def test_published_digest_is_served_at_the_linked_address(tmp_path, github_repo_world):
    """The real core stores the page when it posts a digest; the summary's link serves it."""
    settings, core, out = github_repo_world
    from adapters.console import ConsoleAdapter

    adapter = ConsoleAdapter(settings, core, stdin=io.StringIO(""), stdout=out)

    async def scenario():
        await adapter.handle_line("/digest now o/r 2026-02-14")
        link = re.search(r"Full report: (\S+)", out.getvalue()).group(1)
        path = link[len(settings.public_url):]
        async with serving(core.store) as base, aiohttp.ClientSession() as session:
            async with session.get(base + path) as resp:
                assert resp.status == 200
                return await resp.text()

    page = asyncio.run(scenario())
    assert "feat: add the cache layer" in page and "<h1>Daily Update Report (2026-02-14)</h1>" in page


@pytest.fixture
def github_repo_world(tmp_path):
    from bot.core.service import BotCore
    from bot.settings import Settings
    from tests.fakes.github_server import FakeGitHub

    with FakeGitHub() as gh:
        gh.add_repo("o/r")
        gh.add_commit("o/r", message="feat: add the cache layer", author_name="Ann",
                      committed_at=datetime(2026, 2, 14, 9, tzinfo=timezone.utc),
                      files=[{"filename": "src/cache.py", "status": "added", "additions": 8, "deletions": 0,
                              "patch": "@@ -0,0 +1 @@\n+cache = {}"}])
        settings = Settings(data_dir=tmp_path / "data", github_api_url=gh.url, public_url="https://d.test")
        yield settings, BotCore(settings, TinyStore(settings.data_dir)), io.StringIO()


# --- in a browser ------------------------------------------------------------------------------------
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium")
def test_toc_link_scrolls_to_the_commit_in_chromium(digest, tmp_path):
    from playwright.async_api import async_playwright

    store = TinyStore.in_memory()
    save_report(store, digest, "en", render_markdown(digest, "en"))
    target = digest.commits[3].commit.short_sha  # the first medium commit: far down the page

    async def scenario():
        async with serving(store) as base, async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS, headless=True)
            try:
                page = await browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                              is_mobile=True, has_touch=True)
                errors: list[str] = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                url = base + "/reports/o/r/2026-02-14"
                await page.goto(url)
                assert await page.evaluate("window.scrollY") == 0
                await page.screenshot(path=str(tmp_path / "phone.png"), full_page=False)
                await page.click(f'main a[href="#{target}"]')
                await page.wait_for_function(f"location.hash === '#{target}'")
                box = await page.locator(f'[id="{target}"]').bounding_box()
                state = await page.evaluate("""() => ({
                    hash: location.hash, scrolled: window.scrollY,
                    pwned: typeof window.__pwned, scripts: document.querySelectorAll('script').length,
                    images: document.querySelectorAll('img').length,
                    evil: document.getElementById('evil') !== null,
                    jsLinks: [...document.querySelectorAll('a[href]')].filter(
                        a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript')).length,
                    overflow: document.documentElement.scrollWidth - window.innerWidth,
                    hostile: [...document.querySelectorAll('h3')].some(h => h.textContent.includes('<script>')),
                })""")
            finally:
                await browser.close()
        return box, state, errors

    box, state, errors = asyncio.run(scenario())
    assert state["hash"] == f"#{target}" and state["scrolled"] > 200
    assert box is not None and -2 <= box["y"] <= 12, box  # the section's heading is at the top
    assert state["pwned"] == "undefined" and state["scripts"] == 0 and state["images"] == 0
    assert not state["evil"] and state["jsLinks"] == 0
    assert state["hostile"]  # the hostile title is shown, as text
    assert state["overflow"] <= 0  # nothing wider than the phone: tables scroll inside themselves
    assert not errors
    assert (tmp_path / "phone.png").stat().st_size > 10_000
