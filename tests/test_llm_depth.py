"""The LLM analyzer's depth, context, limits and highlights: real litellm against FakeOpenAI on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timedelta, timezone

import pytest

from analysis.analyzers import make_analyzer
from analysis.analyzers.base import AnalysisContext, RelatedCommit
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.llm.analyzer import LLMAnalyzer, LLMAnswerInvalid
from analysis.day import DayWindow
from analysis.errors import RateLimited, RemoteFailure
from analysis.models import Analysis, Commit, CommitReport, Fact, FileChange
from analysis.renderers.markdown import render_markdown
from analysis.sources.github import GitHubSource
from bot.core.digests.service import DigestService
from bot.settings import Settings
from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_server import BRIEF_MARK, SHORTER_MARK, FakeOpenAI

pytestmark = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")

MODEL = "openai/fake-model"
REPO = "acme/widgets"


@pytest.fixture
def llm(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    with FakeOpenAI() as server:
        yield server


def analyzer(server: FakeOpenAI, **kwargs) -> LLMAnalyzer:
    kwargs.setdefault("retry_wait", 0.01)
    return LLMAnalyzer(MODEL, api_base=server.url, **kwargs)


def commit(message: str, path: str = "src/router.py", n: int = 1) -> Commit:
    files = [FileChange(path=path, additions=2, deletions=1, patch="@@ -10,2 +10,3 @@\n-old = 1\n+new = 2\n+more = 3")]
    return Commit(sha=f"{n:040x}", author="Ada", message=message, files=files, details_loaded=True,
                  committed_at=datetime(2026, 2, 14, 5, n, tzinfo=timezone.utc))


def messages(request: dict, role: str) -> str:
    return "\n".join(m["content"] for m in request["messages"] if m["role"] == role)


def test_prompt_names_repository_description_related_commits_and_facts(llm):
    context = AnalysisContext(
        repo=REPO, description="Routes requests to the cheapest worker.",
        facts=[Fact(kind="signature_changed", path="src/router.py", symbol="route", public=True,
                    before="route(req)", after="route(req, *, timeout)")],
        related=[RelatedCommit("abc1234", "fix: route retries", ("src/router.py",))])
    asyncio.run(analyzer(llm).analyze(commit("fix: keep the route timeout"), "en", context))
    user = messages(llm.requests[0], "user")
    assert f"Repository: {REPO}" in user and "Routes requests to the cheapest worker." in user
    assert "- abc1234 fix: route retries (shares: src/router.py)" in user
    assert "signature_changed src/router.py: route (public): route(req) -> route(req, *, timeout)" in user
    assert "Verified facts" in user


def test_symbols_the_day_added_earlier_reach_the_prompt_as_unreleased(llm):
    removed = Fact(kind="symbol_removed", path="src/router.py", symbol="RouteError", public=True)
    kept = Fact(kind="symbol_removed", path="src/router.py", symbol="OldRoute", public=True)
    context = AnalysisContext(repo=REPO, facts=[removed, kept], added_earlier={"RouteError": "abc1234"})
    asyncio.run(analyzer(llm).analyze(commit("refactor: drop RouteError"), "en", context))
    user = messages(llm.requests[0], "user")
    assert "an earlier commit of the same day added (no release has had them" in user
    assert "- RouteError (added by abc1234)" in user and "- OldRoute (added by" not in user
    asyncio.run(analyzer(llm).analyze(commit("refactor: drop RouteError", n=2), "en", AnalysisContext(
        repo=REPO, facts=[removed])))
    assert "an earlier commit of the same day added" not in messages(llm.requests[-1], "user")


def test_low_commit_gets_the_short_prompt_and_high_the_full_one(llm):
    ana = analyzer(llm, max_output_tokens=3000)
    low = asyncio.run(ana.analyze(commit("docs: fix a typo", path="docs/guide.md"), "en"))
    high = asyncio.run(ana.analyze(commit("feat(api)!: drop the v1 endpoints", n=2), "en"))
    short, full = llm.requests
    assert BRIEF_MARK in messages(short, "system") and '"compatibility"' not in messages(short, "system")
    assert BRIEF_MARK not in messages(full, "system") and '"compatibility"' in messages(full, "system")
    assert short["max_tokens"] == 1024 and full["max_tokens"] == 3000
    assert (low.importance, low.insights.compatibility, low.risks, low.impact) == ("low", "", [], [])
    assert high.importance == "high" and high.insights.compatibility and high.change_type_detail
    assert ana.depth["low"].commits == ana.depth["high"].commits == 1
    assert ana.depth["high"].prompt_tokens > ana.depth["low"].prompt_tokens > 0


def test_a_low_triage_the_model_raises_gets_the_full_analysis(llm):
    class SaysLow(HeuristicAnalyzer):
        def analyze_sync(self, commit, lang, context=None):
            return super().analyze_sync(commit, lang, context).model_copy(update={"importance": "low"})

    result = asyncio.run(analyzer(llm, triage=SaysLow()).analyze(commit("fix: crash on empty input"), "en"))
    assert len(llm.requests) == 2
    assert BRIEF_MARK in messages(llm.requests[0], "system") and BRIEF_MARK not in messages(llm.requests[1], "system")
    assert result.importance == "medium" and result.risks


def test_a_cut_off_answer_is_asked_again_shorter_and_logged_as_cut_off(llm, caplog):
    llm.mode = "length_once"
    with caplog.at_level(logging.INFO, logger="analysis.analyzers.llm"):
        result = asyncio.run(analyzer(llm).analyze(commit("fix: keep CRD defaults"), "en"))
    assert result.summary == ["Change: fix: keep CRD defaults"] and llm.calls == 2
    assert SHORTER_MARK in llm.requests[1]["messages"][-1]["content"]
    assert "cut off at the length limit" in caplog.text and "no JSON object" not in caplog.text


def test_an_answer_cut_off_twice_fails_with_that_reason(llm):
    llm.mode = "length"
    with pytest.raises(LLMAnswerInvalid, match="cut off") as caught:
        asyncio.run(analyzer(llm).analyze(commit("fix: keep CRD defaults"), "en"))
    assert caught.value.code == "answer_cut" and llm.calls == 2


def test_near_miss_answers_need_no_retry(llm):
    llm.mode = "near_miss"
    ana = analyzer(llm)
    full = asyncio.run(ana.analyze(commit("feat: add routing by cost"), "zh"))
    brief = asyncio.run(ana.analyze(commit("test: cover routing", path="tests/test_router.py", n=2), "zh"))
    assert llm.calls == 2  # one request each: nothing was retried
    assert (full.change_type, full.importance, full.summary) == ("feature", "medium", ["变更：feat: add routing by cost"])
    assert full.insights.architecture == "first point\nsecond point"
    assert [r.risk for r in full.risks] == ["回归"] and full.impact == [] and full.recommendations == []
    assert (brief.change_type, brief.importance) == ("test", "low")
    assert ana.depth["medium"].valid_first == ana.depth["low"].valid_first == 1


def test_retry_after_is_honoured(llm):
    llm.mode, llm.retry_after = "error429_once", 1
    result = asyncio.run(analyzer(llm).analyze(commit("fix: keep CRD defaults"), "en"))
    assert result.summary and result.fallback is None and llm.calls == 2
    assert llm.early == 0  # the fake refuses a request sent before its Retry-After has passed


def test_retry_after_beyond_the_cap_is_not_waited_for(llm):
    llm.mode, llm.retry_after = "error429", 30
    with pytest.raises(RateLimited) as caught:
        asyncio.run(analyzer(llm, max_retry_after=5).analyze(commit("fix: keep CRD defaults"), "en"))
    assert llm.calls == 1 and caught.value.reset_in == 30


def test_retry_after_past_the_request_deadline_is_not_waited_for(llm):
    llm.mode, llm.retry_after = "error429", 5
    with pytest.raises(RateLimited, match="retry after 5 s"):
        asyncio.run(analyzer(llm, timeout=2).analyze(commit("fix: keep CRD defaults"), "en"))
    assert llm.calls == 1


def test_highlights_are_requested_once_and_parsed(llm):
    changes = [CommitReport(commit=commit(f"fix: thing {i}", n=i),
                            analysis=Analysis(change_type="fix", importance=("low", "high", "medium")[i % 3],
                                              summary=[f"point {i}"])) for i in range(4)]
    ana = analyzer(llm)
    bullets = asyncio.run(ana.write_highlights(REPO, "2026-02-14", changes, "zh"))
    assert llm.calls == 1 and 3 <= len(bullets) <= 5
    assert bullets[0].startswith("high 主题：fix: thing 1")  # highest importance first in the prompt
    user = messages(llm.requests[0], "user")
    assert REPO in user and "2026-02-14" in user and "point 3" in user and "Simplified Chinese" in user
    assert ana.highlights_cache_key == "openai/fake-model|highlights-v1"


def test_highlights_that_never_parse_raise_a_remote_failure(llm):
    llm.mode = "garbage"
    change = CommitReport(commit=commit("fix: x"), analysis=Analysis(change_type="fix", importance="low",
                                                                      summary=["x"]))
    with pytest.raises(RemoteFailure):
        asyncio.run(analyzer(llm).write_highlights(REPO, "2026-02-14", [change], "en"))
    assert llm.calls == 2


def test_limits_come_from_settings(monkeypatch, llm):
    monkeypatch.setenv("DIGESTBOT_LLM_MAX_OUTPUT_TOKENS", "2500")
    monkeypatch.setenv("DIGESTBOT_LLM_MAX_INPUT_TOKENS", "6000")
    settings = Settings()
    ana = make_analyzer("llm", model=MODEL, api_base=llm.url, context_tokens=128_000,
                        max_output_tokens=settings.llm_max_output_tokens,
                        max_input_tokens=settings.llm_max_input_tokens)
    assert ana.output_tokens == 2500 and ana.input_budget() == 6000 and ana.input_budget(brief=True) == 1200
    assert LLMAnalyzer("openai/gpt-4o-mini").output_tokens == 16384  # litellm's model info
    assert LLMAnalyzer(MODEL).output_tokens == 4096


def test_zh_fallback_note_is_fully_chinese(llm, store):
    llm.mode = "error500"
    with FakeGitHub() as gh:
        gh.add_repo(REPO)
        gh.add_commit(REPO, message="fix: keep CRD defaults", committed_at=datetime(2026, 2, 14, 3, tzinfo=timezone.utc),
                      files=[{"filename": "src/crd.go", "additions": 1, "patch": "@@ -1 +1 @@\n-a\n+b"}])
        service = DigestService(store, analyzer(llm), fallback=HeuristicAnalyzer())
        digest = asyncio.run(service.build(GitHubSource(REPO, token=None, api_url=gh.url),
                                           DayWindow.of("2026-02-14", "UTC"), lang="zh"))
    note = next(line for line in render_markdown(digest, "zh").splitlines() if "已改用启发式分析" in line)
    assert "模型服务商出错（HTTP 500），已尝试 3 次" in note
    leftover = note.replace(MODEL, "").replace("LLM", "").replace("HTTP", "")
    assert not any("a" <= ch.lower() <= "z" for ch in leftover), note
    assert digest.commits[0].analysis.fallback.startswith("the LLM")  # the JSON keeps the English reason
    from adapters.discord.render import DiscordRenderer
    from adapters.slack.render import SlackRenderer

    for renderer in (SlackRenderer(), DiscordRenderer()):
        posted = json.dumps([m.body for m in renderer.digest_messages(digest, "zh")],
                            ensure_ascii=False)
        assert "已改用启发式分析：模型服务商出错（HTTP 500），已尝试 3 次" in posted and "failed" not in posted


def test_description_and_related_commits_reach_the_prompt_whatever_the_arrival_order(llm, store):
    start = datetime(2026, 2, 14, 1, tzinfo=timezone.utc)
    with FakeGitHub() as gh:
        gh.add_repo(REPO, description="Widgets for every occasion.")
        shas = [gh.add_commit(REPO, message=f"fix: router step {i}", committed_at=start + timedelta(minutes=20 * i),
                              files=[{"filename": "src/router.py", "additions": 1,
                                      "patch": f"@@ -1 +1 @@\n-a{i}\n+b{i}"}]) for i in range(3)]
        service = DigestService(store, analyzer(llm), fallback=HeuristicAnalyzer())
        asyncio.run(service.build(GitHubSource(REPO, token=None, api_url=gh.url),
                                  DayWindow.of("2026-02-14", "UTC"), lang="en"))
        repo_calls = gh.count(f"/repos/{REPO}", "GET") - gh.count(f"/repos/{REPO}/", "GET")
    assert llm.calls == 3 + 1 and repo_calls == 1  # the description was read once for the three commits
    for request in llm.requests[:-1]:  # the last request is the day's highlights
        user = messages(request, "user")
        assert "Widgets for every occasion." in user
        own = next(i for i in range(3) if f"fix: router step {i}\n" in user.split("Title: ")[1][:40] + "\n")
        listed = [i for i in range(3) if f"- {shas[i][:7]} fix: router step {i} (shares: src/router.py)" in user]
        assert listed == [i for i in range(3) if i != own]
        # newest first
        assert user.index(shas[max(listed)][:7]) < user.index(shas[min(listed)][:7])
