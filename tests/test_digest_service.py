"""DigestService end to end: GitHubSource (PyGithub) on FakeGitHub, LLMAnalyzer (litellm) on FakeOpenAI, TinyStore."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone

import pytest

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.llm import LLMAnalyzer
from analysis.day import DayWindow
from analysis.errors import RemoteFailure
from analysis.sources.github import GitHubSource
from bot.core.digests.service import ANALYSES_TABLE, DigestService
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_server import FakeOpenAI, highlights_answer, valid_answer

REPO = "octo/app"
DAY = "2026-02-14"
MODEL = "openai/fake-model"
TITLES = ["feat(api)!: drop the v1 endpoints", "fix: keep CRD defaults", "docs: explain the router"]
HIGHLIGHTS = 1  # one more request per digest: the day's highlights


@pytest.fixture
def gh():
    with FakeGitHub() as server:
        server.add_repo(REPO)
        yield server


@pytest.fixture
def llm(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    with FakeOpenAI() as server:
        server.latency = 0.02
        yield server


def add_day(gh: FakeGitHub, titles=TITLES) -> list[str]:
    """One commit per title on DAY (UTC), plus one on the day before that must never show up."""
    start = datetime(2026, 2, 14, 1, 0, tzinfo=timezone.utc)
    gh.add_commit(REPO, message="chore: yesterday", committed_at=start - timedelta(days=1),
                  files=[{"filename": "old.txt", "additions": 1, "patch": "@@ -0,0 +1 @@\n+old"}])
    return [
        gh.add_commit(REPO, message=f"{title}\n\nBody {i}.", author_name=f"Dev {i}", author_login=f"dev{i}",
                      committed_at=start + timedelta(hours=i),
                      files=[{"filename": f"src/module_{i}.py", "additions": 3, "deletions": 1,
                              "patch": f"@@ -1,2 +1,4 @@\n-old_{i}()\n+new_{i}()\n+more_{i}()\n+end_{i}()"}])
        for i, title in enumerate(titles)
    ]


def detail_calls(gh: FakeGitHub) -> int:
    return gh.count(f"/repos/{REPO}/commits/")


def list_calls(gh: FakeGitHub) -> int:
    return sum(1 for method, path in gh.requests if method == "GET" and path.split("?")[0] == f"/repos/{REPO}/commits")


def llm_service(store, llm: FakeOpenAI, **kwargs) -> tuple[DigestService, LLMAnalyzer]:
    analyzer = LLMAnalyzer(MODEL, api_base=llm.url, retry_wait=0.01, timeout=20, **kwargs)
    return DigestService(store, analyzer, fallback=HeuristicAnalyzer()), analyzer


def build(service: DigestService, gh: FakeGitHub, source: GitHubSource | None = None, lang: str = "en",
          strict: bool = False):
    source = source or GitHubSource(REPO, token=None, api_url=gh.url)
    return asyncio.run(service.build(source, DayWindow.of(DAY, "UTC"), lang=lang, strict=strict))


def test_second_run_of_a_day_makes_no_llm_call_and_only_the_list_calls(gh, llm, store, tmp_path):
    shas = add_day(gh)
    source = GitHubSource(REPO, token=None, api_url=gh.url)
    service, analyzer = llm_service(store, llm)
    first = build(service, gh, source)

    assert [r.commit.sha for r in first.commits] == shas[::-1]  # newest first, the day before left out
    assert llm.calls == analyzer.calls == 3 + HIGHLIGHTS
    assert detail_calls(gh) == 3
    assert all(r.analysis.analyzer == f"llm:{MODEL}" and r.analysis.fallback is None for r in first.commits)
    assert first.commits[-1].analysis.importance == "high"  # "!:" read by the fake model from the prompt
    assert first.commits[-1].analysis.summary == [f"Change: {TITLES[0]}"]

    # a new process: fresh store object on the same files, fresh analyzer; same source (repository fetched)
    gh.reset_counts()
    again_service, again_analyzer = llm_service(TinyStore(tmp_path / "data"), llm)  # the conftest store's folder
    second = build(again_service, gh, source)
    assert llm.calls == 3 + HIGHLIGHTS and again_analyzer.calls == 0
    assert gh.requests and len(gh.requests) == list_calls(gh) == 1
    # the same digest, from the cache: commits keep paths and stats there, not patches
    assert [(r.commit.without_patches(), r.analysis) for r in second.commits] == \
        [(r.commit.without_patches(), r.analysis) for r in first.commits]
    assert again_service.cache_hits == 3

    # and a brand-new source makes the list call only, never a commit's details
    gh.reset_counts()
    build(again_service, gh)
    assert detail_calls(gh) == 0 and list_calls(gh) == 1
    # nothing but the list call: no repository call either (the web URL comes from the commits' links)
    assert [p.split("?")[0] for _, p in gh.requests if p.split("?")[0] != f"/repos/{REPO}/commits"] == []


def test_garbage_answer_falls_back_to_heuristic_and_is_retried_next_run(gh, llm, store):
    add_day(gh, TITLES[:2])
    llm.mode = "garbage"
    service, _ = llm_service(store, llm)
    digest = build(service, gh, strict=True)  # the LLM was reached: strict does not raise for bad answers

    assert llm.calls == 4  # one request and one retry per commit
    for report in digest.commits:
        assert report.analysis.analyzer == "heuristic"
        assert report.analysis.fallback and "\n" not in report.analysis.fallback
        assert "invalid" in report.analysis.fallback
    heuristic = HeuristicAnalyzer().analyze_sync(digest.commits[0].commit, "en")
    assert digest.commits[0].analysis.change_type == heuristic.change_type
    assert digest.commits[0].analysis.summary == heuristic.summary

    llm.mode = "valid"
    service, analyzer = llm_service(store, llm)
    retried = build(service, gh)
    assert analyzer.calls == 2 + HIGHLIGHTS  # fallbacks were not cached
    assert all(r.analysis.analyzer == f"llm:{MODEL}" and r.analysis.fallback is None for r in retried.commits)


def test_unreachable_llm_falls_back_and_strict_raises(gh, store, monkeypatch, unused_port):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    add_day(gh, TITLES[:1])
    analyzer = LLMAnalyzer(MODEL, api_base=f"http://127.0.0.1:{unused_port}/v1", retry_wait=0.01, timeout=5)
    service = DigestService(store, analyzer, fallback=HeuristicAnalyzer())

    digest = build(service, gh)
    [report] = digest.commits
    assert report.analysis.analyzer == "heuristic" and "connect" in report.analysis.fallback
    with pytest.raises(RemoteFailure, match="connect"):
        build(service, gh, strict=True)


def test_languages_are_cached_separately(gh, llm, store):
    add_day(gh)
    service, _ = llm_service(store, llm)
    english = build(service, gh, lang="en")
    chinese = build(service, gh, lang="zh")
    assert llm.calls == 6 + 2 * HIGHLIGHTS
    assert english.commits[0].analysis.summary[0].startswith("Change:")
    assert chinese.commits[0].analysis.summary[0].startswith("变更：")

    service, analyzer = llm_service(store, llm)
    assert [r.analysis for r in build(service, gh, lang="zh").commits] == [r.analysis for r in chinese.commits]
    assert [r.analysis for r in build(service, gh, lang="en").commits] == [r.analysis for r in english.commits]
    assert analyzer.calls == 0 and llm.calls == 6 + 2 * HIGHLIGHTS


def test_heuristic_analyzer_path_needs_no_model(gh, store):
    shas = add_day(gh)
    service = DigestService(store, HeuristicAnalyzer())
    digest = build(service, gh)

    assert [r.commit.sha for r in digest.commits] == shas[::-1]
    by_title = {r.commit.title: r.analysis for r in digest.commits}
    assert by_title[TITLES[0]].change_type == "feature" and by_title[TITLES[0]].importance == "high"
    assert by_title[TITLES[1]].change_type == "fix"
    # a docs prefix does not make a change to product code low: the prefix yields to the diff
    assert by_title[TITLES[2]].change_type == "docs" and by_title[TITLES[2]].importance == "medium"
    assert all(r.analysis.analyzer == "heuristic" and r.analysis.fallback is None for r in digest.commits)
    assert all(r.commit.files and r.commit.details_loaded for r in digest.commits)
    assert digest.stats.total == 3 and digest.repo == REPO and digest.date == DAY

    gh.reset_counts()
    build(DigestService(store, HeuristicAnalyzer()), gh)
    assert detail_calls(gh) == 0  # details and analyses cached: nothing fetched again


def test_three_thousand_file_commit_fits_the_budget_and_reports_coverage(gh, llm, store):
    files = [{"filename": f"pkg/m{n // 100}/file_{n}.go", "additions": 5, "deletions": 2,
              "patch": "@@ -1,3 +1,6 @@\n" + "\n".join(f"+line {n}-{k} = compute({k})" for k in range(5))}
             for n in range(3000)]
    sha = gh.add_commit(REPO, message="refactor: move every package", files=files,
                        committed_at=datetime(2026, 2, 14, 12, 0, tzinfo=timezone.utc))
    context = 8192
    service, analyzer = llm_service(store, llm, context_tokens=context)
    digest = build(service, gh)

    [report] = digest.commits
    assert report.commit.sha == sha and len(report.commit.files) == 3000
    assert detail_calls(gh) == 10  # 300 files per page
    assert analyzer.calls == llm.calls == 1
    assert report.analysis.analyzer == f"llm:{MODEL}"
    coverage = report.analysis.coverage
    assert coverage is not None and coverage.files_total == 3000
    assert 0 < coverage.files_seen < 3000 and coverage.unseen

    import litellm  # imported by the analyzer already

    [request] = llm.requests
    prompt_tokens = litellm.token_counter(model=MODEL, messages=request["messages"])
    assert prompt_tokens + request.get("max_tokens", 0) <= context


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_cache_keeps_no_patches_and_a_new_analysis_fetches_the_diff_again(gh, llm, store):
    add_day(gh)
    service, _ = llm_service(store, llm)
    build(service, gh, lang="en")
    cached = [value for _, value in store.items("commits")]
    assert len(cached) == 3 and all(f["patch"] is None for c in cached for f in c["files"])
    assert all(c["patches_dropped"] for c in cached)
    # a language never analysed before: the LLM needs the diffs, so each commit is read again (once)
    gh.reset_counts()
    service, analyzer = llm_service(store, llm)
    build(service, gh, lang="zh")
    assert detail_calls(gh) == 3 and analyzer.calls == 3 + HIGHLIGHTS
    assert all("@@" in request["messages"][-1]["content"] for request in llm.requests[-4:-1])


class AnalysisReads(TinyStore):
    """A TinyStore counting the reads of analysis rows: the row a digest waiting for another's analysis looks for."""

    def __init__(self, data_dir):
        super().__init__(data_dir)
        self.analysis_reads = 0

    def get(self, table: str, key: str):
        if table == ANALYSES_TABLE:
            self.analysis_reads += 1
        return super().get(table, key)


def test_a_digest_started_while_another_analyses_the_commit_waits_for_it_instead_of_fetching_again(gh, llm, tmp_path):
    """Two digests of one day (Slack and Discord asking at once): the diff is fetched and analysed once.

    The second digest starts while the first one's LLM request is held: it finds the commit's details
    cached (without patches) and must wait for the first analysis, not fetch the diff again. The answer
    is held until the second digest has either fetched the diff again (the bug) or looked for the first
    one's stored analysis twice (it waits in its polling loop): no time window decides.
    """
    import threading
    import time

    add_day(gh, titles=["feat: one change"])
    store = AnalysisReads(tmp_path / "data")
    service, _ = llm_service(store, llm)
    entered, second_listed = threading.Event(), threading.Event()
    reads_before: list[int] = []

    def held_answer(request: dict) -> str:
        if "<untrusted_changes>" in json.dumps(request):  # the day's highlights: answered at once
            return json.dumps(highlights_answer(request))
        reads_before.append(store.analysis_reads)  # the first digest's own look is behind it
        entered.set()
        second_listed.wait(10)
        for _ in range(3000):  # a hang guard only
            if detail_calls(gh) >= 2 or store.analysis_reads >= reads_before[0] + 2:
                break
            time.sleep(0.005)
        return json.dumps(valid_answer(request))

    llm.answer_for = held_answer

    async def scenario():
        window = DayWindow.of(DAY, "UTC")
        first = asyncio.create_task(service.build(GitHubSource(REPO, token=None, api_url=gh.url), window))
        await asyncio.to_thread(entered.wait, 10)
        second = asyncio.create_task(service.build(GitHubSource(REPO, token=None, api_url=gh.url), window))
        while list_calls(gh) < 2:
            await asyncio.sleep(0.01)
        second_listed.set()
        return await asyncio.gather(first, second)

    one, two = asyncio.run(scenario())
    assert detail_calls(gh) == 1
    analyses = [r for r in llm.requests if "<untrusted_changes>" not in json.dumps(r)]
    assert len(analyses) == 1
    assert one.commits[0].analysis.summary == two.commits[0].analysis.summary
    assert two.commits[0].analysis.analyzer == one.commits[0].analysis.analyzer != "heuristic"
