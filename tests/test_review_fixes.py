"""Review fixes: a free event loop on the LLM path, no live links in reports, shared work outliving a digest."""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import pytest

from adapters.discord.render import DiscordRenderer
from adapters.slack.render import SlackRenderer
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
from bot.core.digests.service import DigestService, build_service
from bot.core.filters import CommitFilter
from bot.core.limits.budget import SPEND_TABLE
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


class LoopWitness:
    """Lets blocking work check that the event loop runs meanwhile, with no clock.

    The work calls ``witness()``: it says it has started, then waits for the loop to answer. A task on
    the loop answers as soon as it sees the work has started. Work run on the loop's own thread blocks
    that task, so its wait ends unanswered (after ``limit`` seconds: a hang guard, not a measurement).
    """

    def __init__(self, limit: float = 10.0):
        self.limit = limit
        self.started = threading.Event()
        self.answered = threading.Event()
        self.loop_ran: list[bool] = []

    def witness(self) -> None:
        self.started.set()
        self.loop_ran.append(self.answered.wait(self.limit))

    async def answer(self) -> None:
        while not self.started.is_set():
            await asyncio.sleep(0.001)
        self.answered.set()


class WitnessedFitting(LLMAnalyzer):
    """The LLM analyzer, its prompt fitting (the blocking part) witnessed by a ``LoopWitness``."""

    def __init__(self, *args, witness: LoopWitness, **kwargs):
        super().__init__(*args, **kwargs)
        self.witness = witness

    def build_messages(self, *args, **kwargs):
        self.witness.witness()
        return super().build_messages(*args, **kwargs)


# --- 1. the LLM path keeps the event loop free ---------------------------------------------------

def big_commit(files: int = 3000) -> Commit:
    changes = [FileChange(path=f"pkg/m{n // 100}/file_{n}.go", additions=5, deletions=2,
                          patch="@@ -1,3 +1,6 @@\n" + "\n".join(f"+line {n}-{k} = compute({k})" for k in range(5)))
               for n in range(files)]
    return Commit(sha="ab" * 20, author="Ada", message="refactor: move every package", files=changes,
                  committed_at=datetime(2026, 2, 14, 5, 0, tzinfo=timezone.utc), details_loaded=True)


def test_fitting_a_huge_diff_does_not_block_the_event_loop(llm):
    witness = LoopWitness()
    analyzer = WitnessedFitting(MODEL, api_base=llm.url, retry_wait=0.01, context_tokens=128_000, witness=witness)

    async def scenario():
        answering = asyncio.create_task(witness.answer())
        analysis = await analyzer.analyze(big_commit(), "en")
        await answering
        return analysis

    analysis = asyncio.run(scenario())
    assert witness.loop_ran and all(witness.loop_ran)  # the loop ran while the diff was fitted (speed: bench/)
    assert analysis.coverage is not None and analysis.coverage.files_total == 3000


class SlowStartAnalyzer(HeuristicAnalyzer):
    """The heuristic with a warm-up as slow as litellm's import, recording where and when it ran."""

    def __init__(self, witness: LoopWitness):
        super().__init__()
        self.events: list[tuple[str, str]] = []
        self.witness = witness

    def warm_up(self) -> None:
        self.witness.witness()  # returns once the loop has run meanwhile
        self.events.append(("warm_up", threading.current_thread().name))

    async def analyze(self, commit: Commit, lang: str, context=None) -> Analysis:
        self.events.append(("analyze", threading.current_thread().name))
        return await super().analyze(commit, lang, context)


def test_explain_warms_the_analyzer_up_in_a_thread(git_repo, store):
    sha = git_repo.commit("feat: one thing", datetime(2026, 2, 14, 9, 0, tzinfo=timezone.utc), {"a.py": "x\n"})
    witness = LoopWitness()
    analyzer = SlowStartAnalyzer(witness)
    service = DigestService(store, analyzer)

    async def scenario():
        answering = asyncio.create_task(witness.answer())
        report = await service.explain(open_source(str(git_repo.path)), sha[:8])
        await answering
        return report

    report = asyncio.run(scenario())
    assert report.commit.sha == sha
    loop_thread = threading.current_thread().name
    assert [kind for kind, _ in analyzer.events] == ["warm_up", "analyze"]  # warmed up before the analysis
    assert analyzer.events[0][1] != loop_thread and analyzer.events[1][1] == loop_thread
    assert witness.loop_ran == [True]


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
    markdown = render_commit_markdown(report, "en", "https://github.com/o/r")
    html = markdown_to_html(markdown)
    assert 'href="https://evil' not in html and "<img" not in html
    hrefs, images = links_and_images(markdown)
    assert images == [] and [h for h in hrefs if not h.startswith("#")] == [report.commit.url]  # our link only
    # what must be there: the section itself, and the hostile text shown as written
    assert f'<h3 id="{report.commit.sha[:7]}">' in html and "<li>[ref]: https://evil.example/ref</li>" in html
    assert "[security advisory](https://evil.example/phish)" in html
    assert f'<a href="{report.commit.url}">View commit</a>' in html
    assert "![x](/reports/x)" in html and "see [here](https://evil.example/cell)" in html
    assert "![r](https://evil.example/r.png)" in html
    assert "<strong>bold</strong> stays" in html and "<code>a[0]</code> stays code" in html
    assert "<code>app/[id]/page.tsx</code>" in html


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


async def until(condition, limit: float = 30.0) -> None:
    """Poll until ``condition()`` holds; ``limit`` only guards against a hang."""
    for _ in range(int(limit / 0.005)):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("condition not reached")


@dataclass(frozen=True)
class SeenFilter(CommitFilter):
    """Keeps every commit, noting each one the digest has listed (then it asks for their details at once)."""

    seen: list = field(default_factory=list)

    def keeps_author(self, commit: Commit) -> bool:
        self.seen.append(commit.sha)
        return super().keeps_author(commit)


def test_a_cancelled_digest_does_not_fail_another_sharing_its_fetches(gh, store):
    shas = add_day(gh, 8)
    held = gh.hold(f"/repos/{REPO}/commits/")  # every commit's details wait until released
    service = DigestService(store, HeuristicAnalyzer(), fetch_concurrency=2)
    window = DayWindow.of(DAY, "UTC")
    second_listed = SeenFilter()

    async def scenario():
        first = asyncio.create_task(service.build(GitHubSource(REPO, token=None, api_url=gh.url), window))
        await asyncio.to_thread(held.wait_arrived, 2)  # two fetches at GitHub, six queued behind them
        second = asyncio.create_task(service.build(GitHubSource(REPO, token=None, api_url=gh.url), window,
                                                   commit_filter=second_listed))
        await until(lambda: len(second_listed.seen) == len(shas))
        for _ in range(3):  # the second digest's per-commit tasks, scheduled now, join the shared fetches
            await asyncio.sleep(0)
        fetched_when_cancelled = held.arrived
        first.cancel()
        with pytest.raises(asyncio.CancelledError):
            await first
        held.release()
        digest = await second
        return digest, fetched_when_cancelled

    digest, fetched_when_cancelled = asyncio.run(scenario())
    assert fetched_when_cancelled == 2 < len(shas)  # cancelled mid-way, with fetches still queued
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
        await until(lambda: sum(1 for _ in store.items("commits")) >= 3)  # the other details arrive meanwhile

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
