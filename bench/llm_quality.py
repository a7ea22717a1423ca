"""LLM analysis quality and cost on the labelled days; prompt size on a 50-commit day and a 3,000-file commit.

With ``DIGESTBOT_LLM_MODEL`` (and ``DIGESTBOT_LLM_API_BASE`` for an OpenAI-compatible server such
as a local Ollama) it asks that model; without, it runs against the fake OpenAI server and says
so: then the importance agreement and answer tokens are the fake's, and only the prompt figures
(tokens in per commit, the input cap) describe the real thing.

Prints: importance agreement with the hand labels, the share of answers valid without a retry,
tokens in/out per commit by importance, cost per digest (litellm's price for the model, else the
tokens priced as openai/gpt-4o-mini, said so), prompt tokens per commit on a 50-commit day
(median, p95) and the prompt of a 3,000-file commit against DIGESTBOT_LLM_MAX_INPUT_TOKENS.
Exits 1 when that commit's prompt exceeds the cap.

    python bench/llm_quality.py [--days N]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import warnings
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.analyzers.base import AnalysisContext  # noqa: E402
from analysis.analyzers.heuristic import HeuristicAnalyzer  # noqa: E402
from analysis.analyzers.llm import LLMAnalyzer  # noqa: E402
from analysis.day import DayWindow  # noqa: E402
from analysis.models import Commit, FileChange  # noqa: E402
from bench.day_fixtures import Day, day_names, load  # noqa: E402
from bot.core.digests.service import DigestService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store import TinyStore  # noqa: E402

REFERENCE_MODEL = "openai/gpt-4o-mini"
IMPORTANCES = ("high", "medium", "low")


class FixtureSource:
    """A ``CommitSource`` over one fixture day (offline): its changes, their details and file texts."""

    def __init__(self, day: Day):
        self.day = day
        self.repo_name = day.name.rsplit("-", 3)[0]
        self.repo_url = None
        self.cache_details = False
        self._by_sha = {c.sha: c for c in day.commits}

    def list_commits(self, window: DayWindow, branch: str | None = None) -> list[Commit]:
        return list(self.day.commits)

    def commit_details(self, sha: str) -> Commit:
        return self._by_sha[sha]

    def file_at(self, sha: str, path: str) -> str | None:
        return self.day.contents.file_at(sha, path)

    def description(self) -> str | None:
        return {"click": "Python composable command line interface toolkit",
                "cobra": "A Commander for modern Go CLI interactions"}.get(self.repo_name)


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def price(tokens_in: int, tokens_out: int) -> float:
    import litellm

    info = litellm.model_cost.get(REFERENCE_MODEL.split("/", 1)[1], {})
    return tokens_in * info.get("input_cost_per_token", 0) + tokens_out * info.get("output_cost_per_token", 0)


async def run_days(analyzer: LLMAnalyzer, days: list[Day], store: TinyStore) -> tuple[Counter, float, int]:
    service = DigestService(store, analyzer, fallback=HeuristicAnalyzer())
    agreement: Counter = Counter()
    highlight_tokens = 0
    for day in days:
        source = FixtureSource(day)
        date = day.name.rsplit("-", 3)[1:]
        digest = await service.build(source, DayWindow.of("-".join(date), "UTC"), lang="zh")
        for report in digest.commits:
            label = day.labels.get(report.commit.sha)
            if label is not None and report.analysis.analyzer.startswith("llm"):
                agreement["labelled"] += 1
                agreement["agree"] += report.analysis.importance == label[0]
            agreement["fallback"] += report.analysis.fallback is not None
        before = analyzer.tokens["total_tokens"]
        try:
            await analyzer.write_highlights(digest.repo, digest.date, digest.commits, "zh")
        except Exception as error:  # noqa: BLE001 - the bench reports it and goes on
            print(f"  highlights of {day.name} failed: {error}")
        highlight_tokens += analyzer.tokens["total_tokens"] - before
    return agreement, analyzer.cost_usd, highlight_tokens


def prompt_tokens_per_commit(analyzer: LLMAnalyzer, commits: list[Commit], contexts: list[AnalysisContext]) -> dict:
    """Tokens of the prompt each commit would be sent (the depth its triage gives), by depth."""
    import litellm

    out: dict[str, list[int]] = {"short": [], "full": []}
    for commit, context in zip(commits, contexts):
        brief = asyncio.run(analyzer.triage(commit, "zh", context)) == "low"
        messages, _ = analyzer.build_messages(commit, "zh", context, brief)
        out["short" if brief else "full"].append(litellm.token_counter(model=analyzer.model, messages=messages))
    return out


def oracle_answers(days: list[Day]):
    """The fake's answers with each labelled commit's importance (found by the SHA in the prompt)."""
    import json

    from tests.fakes.openai_server import highlights_answer, valid_answer

    labels = {sha: label for day in days for sha, label in day.labels.items()}

    def answer(request: dict) -> str:
        prompt = "\n".join(str(m.get("content")) for m in request.get("messages", []))
        if "<untrusted_changes>" in prompt:
            return json.dumps(highlights_answer(request), ensure_ascii=False)
        data = valid_answer(request)
        sha = next((s for s in labels if f"SHA: {s}" in prompt), None)
        if sha is not None:
            data["importance"] = labels[sha][0]
        return json.dumps(data, ensure_ascii=False)

    return answer


def huge_commit() -> Commit:
    files = [FileChange(path=f"{('src', 'tests', 'docs')[i % 3]}/m{i % 40}/f{i}.py", additions=12, deletions=3,
                        patch="@@ -1,3 +1,12 @@\n" + "\n".join(f"+line_{i}_{k} = {k}" for k in range(12)))
             for i in range(3000)]
    return Commit(sha="f" * 40, author="Ada", message="refactor: move everything", files=files, details_loaded=True,
                  committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=0, help="run only the first N labelled days")
    parser.add_argument("--oracle", action="store_true",
                        help="without a model: the fake answers each commit's labelled importance (a model that "
                             "agrees with the labels), so tokens by importance and the cost of raised triages show")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    warnings.filterwarnings("ignore")
    settings = Settings()
    names = day_names()
    if not names:
        print("no labelled days under tests/data/heuristic_days; nothing to measure")
        return 1
    days = [load(name) for name in names[: args.days or None]]
    fake = None
    if settings.llm_model:
        model, api_base = settings.llm_model, settings.llm_api_base
        print(f"model: {model} at {api_base or 'the provider default'}")
    else:
        import litellm

        from tests.fakes.openai_server import FakeOpenAI

        os.environ.setdefault("OPENAI_API_KEY", "sk-fake-bench")
        fake = FakeOpenAI().__enter__()
        fake.token_counter = lambda text: litellm.token_counter(model=REFERENCE_MODEL, text=text)
        model, api_base = "openai/fake-model", fake.url
        if args.oracle:
            fake.answer_for = oracle_answers(days)
        print("NO MODEL CONFIGURED (DIGESTBOT_LLM_MODEL unset): running against the FAKE OpenAI server.")
        print("  Agreement, validity and answer tokens below are the fake's rules, not a model's judgement;")
        print("  prompt tokens (what would be sent) are real, counted with the gpt-4o-mini tokenizer.")
    # the fake has no window of its own: give it a large one, so the input cap is what binds
    window = settings.llm_context_tokens or (128_000 if fake is not None else None)
    analyzer = LLMAnalyzer(model, api_base=api_base, concurrency=settings.llm_concurrency,
                           timeout=settings.llm_timeout, context_tokens=window,
                           max_output_tokens=settings.llm_max_output_tokens,
                           max_input_tokens=settings.llm_max_input_tokens, retry_wait=0.2)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            agreement, cost, highlight_tokens = asyncio.run(run_days(analyzer, days, TinyStore(Path(tmp))))
    finally:
        if fake is not None:
            fake.__exit__(None, None, None)

    commits = sum(len(d.commits) for d in days)
    print(f"\n{len(days)} labelled days, {commits} changes (lang zh); input cap {analyzer.max_input_tokens}, "
          f"answer tokens {analyzer.output_tokens}")
    if agreement["labelled"]:
        print(f"importance agreement with the labels: {agreement['agree']}/{agreement['labelled']} "
              f"({agreement['agree'] / agreement['labelled']:.0%}); fallbacks: {agreement['fallback']}")
    asks = sum(s.asks for s in analyzer.depth.values())
    valid = sum(s.valid_first for s in analyzer.depth.values())
    print(f"answers valid without a retry: {valid}/{asks} ({valid / max(asks, 1):.0%})")
    print("tokens per commit by final importance (in / out, requests per commit):")
    for importance in IMPORTANCES:
        s = analyzer.depth.get(importance)
        if s and s.commits:
            print(f"  {importance:<6} {s.commits:>3} commits: {s.prompt_tokens / s.commits:>7.0f} in / "
                  f"{s.completion_tokens / s.commits:>5.0f} out, {s.requests / s.commits:.2f} requests")
    print(f"highlights: {highlight_tokens / max(len(days), 1):.0f} tokens per digest")
    tokens_in, tokens_out = analyzer.tokens["prompt_tokens"], analyzer.tokens["completion_tokens"]
    if cost > 0:
        print(f"cost per digest: ${cost / len(days):.4f} (litellm's price for {model})")
    else:
        print(f"cost per digest: ${price(tokens_in, tokens_out) / len(days):.4f} "
              f"(no price known for {model}: its tokens priced as {REFERENCE_MODEL})")

    # a 50-commit day made of the labelled days' changes (repeated when they are fewer)
    every_change = [(d, c) for d in days for c in d.commits]
    chosen = [every_change[i % len(every_change)] for i in range(50)]
    pool = [c for _, c in chosen]
    contexts = [AnalysisContext(repo=FixtureSource(d).repo_name,
                                file_text=lambda path, s=c.sha, d=d: d.contents.file_at(s, path)) for d, c in chosen]
    sizes = prompt_tokens_per_commit(analyzer, pool, contexts)
    every = sizes["short"] + sizes["full"]
    print(f"\nprompt tokens per commit on a {len(pool)}-commit day: median {statistics.median(every):.0f}, "
          f"p95 {percentile(every, 0.95)}, max {max(every)}")
    for depth in ("full", "short"):
        if sizes[depth]:
            print(f"  {depth:<5} prompt ({len(sizes[depth]):>2} commits): median {statistics.median(sizes[depth]):.0f}, "
                  f"p95 {percentile(sizes[depth], 0.95)}")
    import litellm

    messages, fitted = analyzer.build_messages(huge_commit(), "zh", AnalysisContext(repo="acme/huge"))
    sent = litellm.token_counter(model=analyzer.model, messages=messages)
    within = sent <= analyzer.max_input_tokens
    print(f"3,000-file commit: prompt {sent} tokens, cap {analyzer.max_input_tokens}: "
          f"{'within' if within else 'OVER'}; {len(fitted.seen)} of 3000 files' diffs shown")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
