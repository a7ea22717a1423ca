"""Benchmark of the digest engine's real path (GitHubSource + LLMAnalyzer via litellm + DigestService + TinyStore).

Run ``.venv/bin/python bench/digest_bench.py [--commits 200] [--concurrency 8] [--latency 0.5]`` from the
repository root. It generates synthetic commits for one day in FakeGitHub, answers the LLM through
FakeOpenAI with a fixed latency, builds the digest twice (a first run and a re-run of the same day on
the same store) and prints wall time against the ideal ``ceil(requests / concurrency) * latency + latency``
(every per-commit request, follow-ups of commits the model rates above their triage included, then the
day's highlights request, which waits for all of them), the
GitHub and LLM calls of each run and the peak memory. Exits 1 when a target is missed:
ratio <= 1.5, re-run with 0 LLM calls and no commit-detail call to GitHub, no commit falling back.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # never fetch the price map
os.environ.setdefault("OPENAI_API_KEY", "sk-bench-not-a-real-key")  # the fake ignores it; litellm wants one

from analysis.analyzers.heuristic import HeuristicAnalyzer  # noqa: E402
from analysis.analyzers.llm import LLMAnalyzer  # noqa: E402
from analysis.day import DayWindow  # noqa: E402
from analysis.sources.github import GitHubSource  # noqa: E402
from bot.core.digests.service import DigestService  # noqa: E402
from bot.store import TinyStore  # noqa: E402
from tests.fakes.github_server import FakeGitHub  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI  # noqa: E402

REPO = "bench/synthetic"
DAY = "2026-02-14"
MODEL = "openai/fake-model"
RATIO_TARGET = 1.5

PREFIXES = ["feat", "fix", "refactor", "perf", "docs", "test", "ci", "build", "chore", "feat(api)!",
            "fix(operator)", "security", "revert"]
SUBJECTS = ["router cache eviction", "token streaming", "operator CRD defaults", "worker health checks",
            "KV block manager", "frontend preprocessing", "metrics exporter", "config loader",
            "docker build stages", "release notes", "retry budget", "tokenizer warm-up"]
PATHS = ["lib/router/src/cache.rs", "lib/llm/src/protocols/openai.rs", "deploy/operator/api/v1/crd.go",
         "components/frontend/handler.py", "docs/guide.md", "tests/test_router.py",
         ".github/workflows/ci.yml", "container/Dockerfile", "lib/runtime/src/config.rs",
         "examples/basic/run.sh", "Cargo.lock", "python/dynamo/metrics.py"]


@dataclass
class RunFigures:
    wall: float
    github_list: int
    github_details: int
    github_other: int
    llm_calls: int
    fallbacks: int
    commits: int

    @property
    def github_total(self) -> int:
        return self.github_list + self.github_details + self.github_other


def verdict(missed: list[str]) -> int:
    """Print each missed target (or that all were met); the exit status."""
    for problem in missed:
        print(f"TARGET MISSED: {problem}")
    if not missed:
        print("all targets met")
    return 1 if missed else 0


def _patch(rng: random.Random, path: str, lines: int) -> str:
    body = [f"+    let value_{i} = compute_{rng.randrange(1000)}(input);" for i in range(lines)]
    return f"@@ -10,3 +10,{lines + 3} @@ fn handler() {{\n context line\n-    old();\n" + "\n".join(body)


def populate(gh: FakeGitHub, commits: int, seed: int = 7) -> None:
    """``commits`` synthetic commits spread over the benchmark day, each touching a few files."""
    rng = random.Random(seed)
    gh.add_repo(REPO)
    start = datetime.fromisoformat(f"{DAY}T00:00:00+00:00")
    step = timedelta(seconds=max(1, 86_000 // max(commits, 1)))
    for n in range(commits):
        title = f"{rng.choice(PREFIXES)}: {rng.choice(SUBJECTS)} (#{6000 + n})"
        files = []
        for path in rng.sample(PATHS, rng.randint(1, 4)):
            lines = rng.randint(2, 30)
            files.append({"filename": path, "status": "modified", "additions": lines, "deletions": 1,
                          "patch": _patch(rng, path, lines)})
        gh.add_commit(REPO, message=f"{title}\n\nSynthetic commit {n} for the benchmark.",
                      author_name=f"Dev {n % 17}", author_login=f"dev{n % 17}",
                      committed_at=start + step * n + timedelta(seconds=30), files=files)


def _github_counts(gh: FakeGitHub) -> tuple[int, int, int]:
    """(list calls, commit-detail calls, other calls) seen by the fake since its last reset."""
    base = f"/repos/{REPO}/commits"
    with gh._lock:  # noqa: SLF001 - the fake's own request log
        paths = [p for m, p in gh.requests if m == "GET"]
    listing = sum(1 for p in paths if p.split("?")[0] == base)
    details = sum(1 for p in paths if p.startswith(base + "/"))
    return listing, details, len(paths) - listing - details


def run_once(gh: FakeGitHub, llm: FakeOpenAI, store: TinyStore, concurrency: int) -> RunFigures:
    """One digest of the benchmark day through a fresh source and analyzer (as a new CLI process would)."""
    gh.reset_counts()
    llm_before = llm.calls
    source = GitHubSource(REPO, token=None, api_url=gh.url)
    analyzer = LLMAnalyzer(MODEL, api_base=llm.url, concurrency=concurrency, timeout=60)
    service = DigestService(store, analyzer, fallback=HeuristicAnalyzer(), fetch_concurrency=concurrency)
    started = time.perf_counter()
    digest = asyncio.run(service.build(source, DayWindow.of(DAY, "UTC"), lang="en"))
    wall = time.perf_counter() - started
    listing, details, other = _github_counts(gh)
    fallbacks = sum(1 for report in digest.commits if report.analysis.fallback)
    return RunFigures(wall, listing, details, other, llm.calls - llm_before, fallbacks, len(digest.commits))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--latency", type=float, default=0.5, help="seconds FakeOpenAI takes per answer")
    parser.add_argument("--trace-memory", action="store_true",
                        help="also report the tracemalloc peak (slows Python down: the wall time is then not "
                             "comparable)")
    parser.add_argument("--warm-import", action="store_true",
                        help="import litellm before the clock starts (steady state: leaves out its ~2 s one-time "
                             "import, which a CLI run pays)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    load = os.getloadavg()[0]
    import_seconds = None
    if args.warm_import:
        started = time.perf_counter()
        import litellm  # noqa: F401 - the one-time import cost, measured apart

        import_seconds = time.perf_counter() - started
    if args.trace_memory:
        tracemalloc.start()
    with FakeGitHub() as gh, FakeOpenAI() as llm, tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        populate(gh, args.commits)
        llm.latency = args.latency
        store = TinyStore(Path(tmp) / "data")
        first = run_once(gh, llm, store, args.concurrency)
        max_in_flight = llm.max_in_flight
        second = run_once(gh, llm, store, args.concurrency)
        store_bytes = sum(f.stat().st_size for f in (Path(tmp) / "data").rglob("*.json"))
    traced_peak = tracemalloc.get_traced_memory()[1] if args.trace_memory else None
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    # the LLM does the work it is asked for: one request per commit, a second one for a commit triaged low
    # that the model rates higher (its full analysis), then the day's highlights once all are in
    per_commit = max(first.llm_calls - 1, args.commits)
    ideal = math.ceil(per_commit / args.concurrency) * args.latency + args.latency
    ratio = first.wall / ideal if ideal else float("inf")
    print(f"commits: {first.commits} (generated {args.commits}), concurrency {args.concurrency}, "
          f"LLM latency {args.latency:g} s, {os.cpu_count()} CPUs, load average {load:.2f} before the run")
    print(f"wall time (first run): {first.wall:.2f} s" + (
        f" (litellm imported before: {import_seconds:.2f} s, not counted)" if import_seconds is not None
        else " (includes the one-time litellm import)"))
    print(f"ideal ceil({per_commit} commit requests/{args.concurrency})*{args.latency:g} s + {args.latency:g} s "
          f"(highlights): {ideal:.2f} s")
    print(f"ratio: {ratio:.2f} (target <= {RATIO_TARGET})")
    print(f"most LLM requests in flight at once: {max_in_flight}")
    for label, run in (("first run", first), ("re-run", second)):
        print(f"{label}: wall {run.wall:.2f} s | GitHub {run.github_total} calls ({run.github_list} list, "
              f"{run.github_details} commit details, {run.github_other} repository) | LLM {run.llm_calls} calls"
              f" | fallbacks {run.fallbacks}")
    print(f"store on disk: {store_bytes / 1024:.0f} KiB")
    print(f"peak memory: maxrss {maxrss_kib / 1024:.1f} MiB (process, fakes included)"
          + (f", tracemalloc peak {traced_peak / 2**20:.1f} MiB" if traced_peak is not None else ""))

    missed = []
    if ratio > RATIO_TARGET and not args.trace_memory:
        missed.append(f"ratio {ratio:.2f} > {RATIO_TARGET}")
    if first.commits != args.commits:
        missed.append(f"the digest has {first.commits} commits, not {args.commits}")
    if first.fallbacks or second.fallbacks:
        missed.append(f"{first.fallbacks + second.fallbacks} analyses fell back to the heuristic")
    if second.llm_calls:
        missed.append(f"re-run made {second.llm_calls} LLM calls")
    if second.github_details:
        missed.append(f"re-run made {second.github_details} commit-detail calls to GitHub")
    if second.github_list > first.github_list:
        missed.append("re-run made more list calls than the first run")
    return verdict(missed)


if __name__ == "__main__":
    sys.exit(main())
