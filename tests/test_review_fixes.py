"""Review fixes: a free event loop on the LLM path, no live links in reports, shared work outliving a digest."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from adapters.discord_render import DiscordRenderer
from adapters.slack_render import SlackRenderer
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.llm import LLMAnalyzer
from analysis.day import DayWindow
from analysis.errors import RateLimited
from analysis.models import Analysis, Commit, CommitReport, Coverage, Digest, FileChange, Insights, Risk
from analysis.renderers.html_page import markdown_to_html, render_page
from analysis.renderers.impact import split_impact
from analysis.renderers.markdown import render_commit_markdown, render_markdown
from analysis.sources import open_source
from analysis.sources.github import GitHubSource
from bot.budget import SPEND_TABLE
from bot.digest import DigestService, build_service
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_server import FakeOpenAI

pytestmark = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")

REPO = "octo/app"
DAY = "2026-02-14"
MODEL = "openai/fake-model"
PRICED_MODEL = "openai/gpt-4o-mini"  # litellm knows its price, so the fake's usage has a cost


@pytest.fixture
def llm(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-review-fixes-0000")
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def gh():
    with FakeGitHub() as server:
        server.add_repo(REPO)
        yield server


class LoopLag:
    """Ticks on the running loop every 5 ms and keeps the longest gap between two ticks."""

    def __init__(self):
        self.longest = 0.0
        self._task: asyncio.Task | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    async def __aenter__(self) -> "LoopLag":
        self._task = asyncio.get_running_loop().create_task(self._tick())
        await asyncio.sleep(0)  # the ticker has started: a stall from here on is measured
        return self

    async def __aexit__(self, *exc) -> None:
        self._task.cancel()


# --- 1. the LLM path keeps the event loop free ---------------------------------------------------

def big_commit(files: int = 3000) -> Commit:
    changes = [FileChange(path=f"pkg/m{n // 100}/file_{n}.go", additions=5, deletions=2,
                          patch="@@ -1,3 +1,6 @@\n" + "\n".join(f"+line {n}-{k} = compute({k})" for k in range(5)))
               for n in range(files)]
    return Commit(sha="ab" * 20, author="Ada", message="refactor: move every package", files=changes,
                  committed_at=datetime(2026, 2, 14, 5, 0, tzinfo=timezone.utc), details_loaded=True)


def test_fitting_a_huge_diff_does_not_block_the_event_loop(llm):
    analyzer = LLMAnalyzer(MODEL, api_base=llm.url, retry_wait=0.01, context_tokens=128_000)
    commit = big_commit()
    analyzer.build_messages(commit, "en")  # litellm imported, tokenizer loaded: what is left is the work
    started = time.perf_counter()
    analyzer.build_messages(commit, "en")
    fitting = time.perf_counter() - started
    assert fitting > 0.05  # else this commit is too small to tell a blocked loop from a free one

    async def scenario():
        await analyzer.analyze(big_commit(3), "en")  # litellm's first request on this loop, not measured
        async with LoopLag() as lag:
            analysis = await analyzer.analyze(commit, "en")
        return analysis, lag.longest

    analysis, longest = asyncio.run(scenario())
    assert analysis.coverage is not None and analysis.coverage.files_total == 3000
    assert longest < fitting / 2, f"the loop stalled {longest:.3f} s; fitting takes {fitting:.3f} s"


class SlowStartAnalyzer(HeuristicAnalyzer):
    """The heuristic with a warm-up as slow as litellm's import, recording where and when it ran."""

    def __init__(self):
        super().__init__()
        self.events: list[tuple[str, str]] = []

    def warm_up(self) -> None:
        time.sleep(0.3)
        self.events.append(("warm_up", threading.current_thread().name))

    async def analyze(self, commit: Commit, lang: str, context=None) -> Analysis:
        self.events.append(("analyze", threading.current_thread().name))
        return await super().analyze(commit, lang, context)


def test_explain_warms_the_analyzer_up_in_a_thread(git_repo, store):
    sha = git_repo.commit("feat: one thing", datetime(2026, 2, 14, 9, 0, tzinfo=timezone.utc), {"a.py": "x\n"})
    analyzer = SlowStartAnalyzer()
    service = DigestService(store, analyzer)

    async def scenario():
        async with LoopLag() as lag:
            report = await service.explain(open_source(str(git_repo.path)), sha[:8])
        return report, lag.longest

    report, longest = asyncio.run(scenario())
    assert report.commit.sha == sha
    loop_thread = threading.current_thread().name
    assert [kind for kind, _ in analyzer.events] == ["warm_up", "analyze"]  # warmed up before the analysis
    assert analyzer.events[0][1] != loop_thread and analyzer.events[1][1] == loop_thread
    assert longest < 0.2


class ThreadNotingStore(TinyStore):
    """A TinyStore that notes which thread writes each spend row."""

    def __init__(self, path):
        super().__init__(path)
        self.spend_writers: list[str] = []

    def put(self, table, key, value):
        if table == SPEND_TABLE:
            self.spend_writers.append(threading.current_thread().name)
        super().put(table, key, value)


def test_the_spend_is_written_off_the_event_loop(git_repo, tmp_path, llm):
    day = datetime(2026, 2, 14, 9, 0, tzinfo=timezone.utc)
    for hour in range(2):
        git_repo.commit(f"fix: bug {hour}", day + timedelta(hours=hour), {f"b{hour}.py": f"{hour}\n"})
    settings = Settings(data_dir=tmp_path / "data", llm_model=PRICED_MODEL, llm_api_base=llm.url)
    store = ThreadNotingStore(settings.data_dir)
    service = build_service(settings, store)
    digest = asyncio.run(service.build(open_source(str(git_repo.path)), DayWindow.of(DAY, "UTC")))

    assert llm.calls == 2 + 1 and all(r.analysis.fallback is None for r in digest.commits)  # + the highlights
    assert len(store.spend_writers) == 2 + 1
    assert threading.current_thread().name not in store.spend_writers  # asyncio.run's loop runs here
    assert service.budget.spent() == pytest.approx(service.analyzer.cost_usd) and service.analyzer.cost_usd > 0


# --- 2. untrusted text cannot become a link or an image in the report ------------------------------

EVIL_TITLE = "[security advisory](https://evil.example/phish)"
EVIL_AUTHOR = "[Eve](https://evil.example/login)"
EVIL_PATH = "docs/`[click](https://evil.example/path)`.md"


def hostile_digest() -> Digest:
    sha = "ef" * 20
    commit = Commit(sha=sha, author=EVIL_AUTHOR, message=EVIL_TITLE + "\n\nbody",
                    committed_at=datetime(2026, 2, 14, 5, 0, tzinfo=timezone.utc),
                    url=f"https://github.com/o/r/commit/{sha}",
                    files=[FileChange(path="src/a.py", additions=1, deletions=1)], details_loaded=True)
    analysis = Analysis(
        change_type="security", importance="high",
        summary=["![x](/reports/x)", "**bold** stays and `a[0]` stays code", "\\[x\\](https://evil.example/esc)"],
        impact=["[api](https://evil.example/head): [more](https://evil.example/tail)"],
        insights=Insights(security="see [here](https://evil.example/cell)"),
        risks=[Risk(risk="![r](https://evil.example/r.png)", impact="i", mitigation="[m][ref]")],
        recommendations=["[ref]: https://evil.example/ref"],
        coverage=Coverage(files_total=3, files_seen=1, unseen=[EVIL_PATH, "app/[id]/page.tsx"]),
    )
    return Digest(repo="o/r", date=DAY, timezone="UTC", repo_url="https://github.com/o/r",
                  commits=[CommitReport(commit=commit, analysis=analysis)])


def links_and_images(markdown: str) -> tuple[list[str], list[str]]:
    """The link targets and image sources markdown-it (the report page's parser) finds in ``markdown``."""
    from analysis.renderers.html_page import _parser

    hrefs, images = [], []

    def walk(tokens):
        for token in tokens:
            if token.type == "link_open":
                hrefs.append(token.attrGet("href"))
            if token.type == "image":
                images.append(token.attrGet("src"))
            walk(token.children or [])

    walk(_parser().parse(markdown))
    return hrefs, images


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_text_forms_no_link_or_image(lang):
    digest = hostile_digest()
    markdown = render_markdown(digest, lang)
    hrefs, images = links_and_images(markdown)
    assert images == []
    assert {h for h in hrefs if not h.startswith("#")} == {digest.commits[0].commit.url}  # the commit's own links only
    outside_code = re.sub(r"`[^`\n]*`", "", markdown)
    assert len(re.findall(r"(?<!\\)\]\(", outside_code)) == len(hrefs)  # no "](" but our own links

    page = render_page(markdown, repo=digest.repo, lang=lang)
    assert '<a href="https://evil' not in page and "<img" not in page and 'href="/reports' not in page
    # the text is still all there, shown as written
    assert "[security advisory](https://evil.example/phish)" in page
    assert "[Eve](https://evil.example/login)" in page
    assert "![x](/reports/x)" in page
    assert "<strong>bold</strong> stays" in page and "<code>a[0]</code> stays code" in page
    assert "<code>docs/`[click](https://evil.example/path)`.md</code>" in page  # the path verbatim, backticks too
    assert "<code>app/[id]/page.tsx</code>" in page  # a path is shown verbatim inside its code span


def test_a_single_commit_section_is_inert_too():
    report = hostile_digest().commits[0]
    html = markdown_to_html(render_commit_markdown(report, "en", "https://github.com/o/r"))
    assert 'href="https://evil' not in html and "<img" not in html


# --- 3. shared in-flight work survives a cancelled digest ------------------------------------------

def add_day(gh: FakeGitHub, count: int) -> list[str]:
    start = datetime(2026, 2, 14, 1, 0, tzinfo=timezone.utc)
    return [gh.add_commit(REPO, message=f"fix: change {i}", committed_at=start + timedelta(minutes=i),
                          files=[{"filename": f"src/m{i}.py", "additions": 1, "deletions": 1,
                                  "patch": f"@@ -1 +1 @@\n-a{i}\n+b{i}"}])
            for i in range(count)]


def detail_calls(gh: FakeGitHub) -> int:
    return gh.count(f"/repos/{REPO}/commits/")


def list_calls(gh: FakeGitHub) -> int:
    return sum(1 for m, p in gh.requests if m == "GET" and p.split("?")[0] == f"/repos/{REPO}/commits")


def test_a_cancelled_digest_does_not_fail_another_sharing_its_fetches(gh, store):
    shas = add_day(gh, 8)
    gh.latency = 0.15  # 8 details two at a time: 0.6 s of fetching
    service = DigestService(store, HeuristicAnalyzer(), fetch_concurrency=2)
    window = DayWindow.of(DAY, "UTC")

    async def until(condition) -> None:
        while not condition():
            await asyncio.sleep(0.01)

    async def scenario():
        first = asyncio.create_task(service.build(GitHubSource(REPO, token=None, api_url=gh.url), window))
        await until(lambda: detail_calls(gh) > 0)
        second = asyncio.create_task(service.build(GitHubSource(REPO, token=None, api_url=gh.url), window))
        await until(lambda: list_calls(gh) == 2)
        await asyncio.sleep(gh.latency + 0.05)  # the second digest has its list and waits on shared fetches
        fetched_when_cancelled = detail_calls(gh)
        first.cancel()
        digest = await second
        with pytest.raises(asyncio.CancelledError):
            await first
        return digest, fetched_when_cancelled

    digest, fetched_when_cancelled = asyncio.run(scenario())
    assert fetched_when_cancelled < len(shas)  # cancelled mid-way, with fetches still queued
    assert sorted(r.commit.sha for r in digest.commits) == sorted(shas)
    assert all(r.commit.files for r in digest.commits)
    assert detail_calls(gh) == len(shas)  # each commit fetched once, for both digests
    assert service._inflight == {}


def test_one_failing_commit_stops_the_others_analyses(gh, store, llm):
    add_day(gh, 4)
    gh.latency = 0.1
    gh.rate_limit(times=1, reset_in=3600, after=1)  # the list answers; one commit's fetch is refused
    analyzer = LLMAnalyzer(MODEL, api_base=llm.url, retry_wait=0.01)
    service = DigestService(store, analyzer, fallback=HeuristicAnalyzer(), fetch_concurrency=4)

    async def scenario():
        source = GitHubSource(REPO, token=None, api_url=gh.url, max_rate_wait=1)
        with pytest.raises(RateLimited):  # our error, not an ExceptionGroup
            await service.build(source, DayWindow.of(DAY, "UTC"))
        await asyncio.sleep(gh.latency * 4)  # the other details arrive meanwhile

    asyncio.run(scenario())
    assert llm.calls == 0  # no analysis of a digest that had already failed
    cached = sum(1 for _ in store.items("commits"))
    assert cached == 3  # the other fetches, under way, finished and filled the cache


# --- 4. one impact parser ---------------------------------------------------------------------------

@pytest.mark.parametrize("item, expected", [
    ("api/router.py: routes change", ("api/router.py", "routes change")),
    ("  spaced  :  both sides  ", ("spaced", "both sides")),
    ("no colon at all", (None, "no colon at all")),
    (": no head", (None, ": no head")),
    ("no tail:   ", (None, "no tail:   ")),
    ("x" * 121 + ": too long a head", (None, "x" * 121 + ": too long a head")),
    ("url: http://host:80/path", ("url", "http://host:80/path")),
])
def test_split_impact(item, expected):
    assert split_impact(item) == expected


def test_every_renderer_formats_the_same_split():
    report = hostile_digest().commits[0].model_copy(deep=True)
    report.analysis.impact = ["src/*a*.py: _speeds_ up", "plain text only"]
    markdown = render_commit_markdown(report, "en")
    assert "- **src/*a*.py**: _speeds_ up" in markdown and "- plain text only" in markdown
    slack = "\n".join(m.body["text"] for m in SlackRenderer().commit_messages(report, "en", None))
    assert "• *src/∗a∗.py*: ˍspeedsˍ up" in slack and "• plain text only" in slack  # Slack's inert look-alikes
    discord = "\n".join(e.get("description", "") for b in DiscordRenderer().commit_bodies(report, "en", None)
                        for e in b["embeds"])
    assert "- **src/\\*a\\*.py**: \\_speeds\\_ up" in discord and "- plain text only" in discord
