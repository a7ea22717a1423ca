"""The LLM analyzer's cost cap with a large window, its uncapped full prompt, and bounds on what the model sends back.

Real litellm against FakeOpenAI on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone

import pytest

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.llm.analyzer import DEFAULT_INPUT_TOKENS
from analysis.models import Analysis, Commit, CommitReport, FileChange
from tests.fakes.openai_server import BRIEF_MARK, valid_answer
from tests.test_llm_depth import MODEL, analyzer, llm  # noqa: F401 - llm is the fake server fixture

pytestmark = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")


def commit(message: str, files: list[FileChange] | None = None, n: int = 1) -> Commit:
    files = files or [FileChange(path="src/router.py", additions=2, deletions=1,
                                 patch="@@ -10,2 +10,3 @@\n-old = 1\n+new = 2\n+more = 3")]
    return Commit(sha=f"{n:040x}", author="Ada", message=message, files=files, details_loaded=True,
                  committed_at=datetime(2026, 2, 14, 5, n, tzinfo=timezone.utc))


def huge_commit() -> Commit:
    files = [FileChange(path=f"{('src', 'pkg', 'lib')[i % 3]}/m{i % 40}/f{i}.py", additions=12, deletions=3,
                        patch="@@ -1,3 +1,12 @@\n" + "\n".join(f"+line_{i}_{k} = compute({k})" for k in range(12)))
             for i in range(3000)]
    return commit("refactor: move everything", files)


def test_a_3000_file_commit_stays_within_the_input_cap_in_a_128k_window(llm):
    """The window would take ~120k tokens: the cost cap (DIGESTBOT_LLM_MAX_INPUT_TOKENS) is what binds."""
    import litellm

    ana = analyzer(llm, context_tokens=128_000)
    assert ana.max_input_tokens == DEFAULT_INPUT_TOKENS == 16000
    result = asyncio.run(ana.analyze(huge_commit(), "en", AnalysisContext(repo="acme/huge")))
    [request] = llm.requests
    assert BRIEF_MARK not in request["messages"][0]["content"]  # the full prompt, whose budget is the whole cap
    sent = litellm.token_counter(model=MODEL, messages=request["messages"])
    assert 8000 < sent <= DEFAULT_INPUT_TOKENS, sent  # the cap is used, and not exceeded
    assert result.coverage is not None and 0 < result.coverage.files_seen < 3000


def test_the_full_prompt_sets_no_sentence_cap_and_asks_for_every_dimension(llm):
    ana = analyzer(llm)
    messages, _ = ana.build_messages(commit("fix: keep the route timeout"), "zh")
    system = messages[0]["content"]
    assert "no sentence limit" in system
    assert "one or two sentences" not in system.lower() and "sentence per" not in system.lower()
    for dimension in ("architecture", "performance", "security", "maintainability", "compatibility"):
        assert f'"{dimension}"' in system
    assert '"change_type_detail"' in system and "Simplified Chinese" in system


def test_more_than_five_highlights_are_cut_to_five(llm):
    llm.answer_for = lambda request: json.dumps({"highlights": [f"theme {n}" for n in range(1, 8)]})
    change = CommitReport(commit=commit("fix: x"), analysis=Analysis(change_type="fix", importance="low",
                                                                      summary=["x"]))
    bullets = asyncio.run(analyzer(llm).write_highlights("acme/widgets", "2026-02-14", [change], "en"))
    assert bullets == [f"theme {n}" for n in range(1, 6)] and llm.calls == 1


def test_a_full_answer_never_lowers_what_the_short_answer_raised(llm):
    class SaysLow(HeuristicAnalyzer):
        def analyze_sync(self, change, lang, context=None):
            return super().analyze_sync(change, lang, context).model_copy(update={"importance": "low"})

    def answer(request: dict) -> str:
        data = valid_answer(request)  # medium for a "fix"
        if BRIEF_MARK in request["messages"][0]["content"]:
            data["importance"] = "high"  # the short answer finds more than the triage did
        return json.dumps(data)

    llm.answer_for = answer
    ana = analyzer(llm, triage=SaysLow())
    result = asyncio.run(ana.analyze(commit("fix: crash on empty input"), "en"))
    assert llm.calls == 2 and result.importance == "high" and result.risks
    assert ana.depth["high"].commits == 1 and ana.depth["high"].asks == 2


def test_the_wired_service_takes_its_limits_from_the_environment(monkeypatch, store):
    """build_service (what `digestbot run` and `report` use): the defaults, then DIGESTBOT_LLM_MAX_*_TOKENS."""
    from bot.core.digests.service import build_service
    from bot.settings import Settings

    monkeypatch.setenv("DIGESTBOT_LLM_MODEL", "openai/gpt-4o-mini")
    default = build_service(Settings(), store).analyzer
    assert default.max_input_tokens == 16000 and default.output_tokens == 16384  # litellm's model info
    monkeypatch.setenv("DIGESTBOT_LLM_MAX_INPUT_TOKENS", "9000")
    monkeypatch.setenv("DIGESTBOT_LLM_MAX_OUTPUT_TOKENS", "3000")
    chosen = build_service(Settings(), store).analyzer
    assert chosen.max_input_tokens == 9000 and chosen.output_tokens == 3000
    monkeypatch.setenv("DIGESTBOT_LLM_MODEL", MODEL)  # unknown to litellm
    monkeypatch.delenv("DIGESTBOT_LLM_MAX_OUTPUT_TOKENS")
    assert build_service(Settings(), store).analyzer.output_tokens == 4096


def test_a_commit_triaged_low_buys_no_wider_context(llm):
    """The short prompt has a fifth of the cap and needs no enclosing functions: the file is never read."""
    read: list[str] = []
    context = AnalysisContext(repo="acme/widgets", file_text=lambda path: read.append(path) or "x = 1\n")
    docs = commit("docs: fix a typo", [FileChange(path="docs/guide.md", additions=1, deletions=1,
                                                  patch="@@ -1 +1 @@\n-teh\n+the")])
    low = asyncio.run(analyzer(llm).analyze(docs, "en", context))
    assert low.importance == "low" and BRIEF_MARK in llm.requests[0]["messages"][0]["content"]
    source = commit("refactor: rename a helper", n=2)
    messages, _ = analyzer(llm).build_messages(source, "en", context, brief=True)
    assert read == [] and BRIEF_MARK in messages[0]["content"]
    analyzer(llm).build_messages(source, "en", context)  # the full prompt of the same commit does read it
    assert read == ["src/router.py"]
