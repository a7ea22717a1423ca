"""How long fitting a 3001-file commit's diff into a token budget takes (the speed checks the tests no longer make).

Run ``python bench/patch_budget_bench.py [--repeat N]`` from the project's root. It fits the same
synthetic commit as ``tests/test_patch_budget.py`` (3000 files in five top directories, plus a
20,000-line lock file) with a fast stand-in tokenizer at three budgets and with litellm's real
tokenizer at 6000 tokens, and builds the LLM analyzer's whole prompt for it (8192-token window).
It prints the median seconds of each and exits 1 when one exceeds its target (the limits the tests
used to assert: 5 s with the stand-in, 10 s with the real tokenizer and for the whole prompt).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.analyzers.llm.patch_budget import fit_patches  # noqa: E402
from analysis.models import Commit  # noqa: E402
from tests.test_patch_budget import _huge_commit, count  # noqa: E402 - the tests' own synthetic commit

TARGETS = {"stand-in": 5.0, "real tokenizer": 10.0, "whole prompt": 10.0}


def median_seconds(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (median printed)")
    args = parser.parse_args(argv)

    import litellm

    from analysis.analyzers.llm import LLMAnalyzer

    files = _huge_commit()
    real = lambda text: litellm.token_counter(model="openai/gpt-4o-mini", text=text)  # noqa: E731
    real("warm up")  # the tokenizer's one-time load is not fitting
    commit = Commit(sha="ab" * 20, author="Ada", message="refactor: move everything", files=files,
                    committed_at=datetime(2026, 2, 14, 5, tzinfo=timezone.utc), details_loaded=True)
    analyzer = LLMAnalyzer("openai/fake-model", api_base="http://127.0.0.1:9/v1", context_tokens=8192)

    rows = [(f"stand-in tokenizer, budget {budget}", "stand-in",
             median_seconds(lambda b=budget: fit_patches(files, b, count), args.repeat))
            for budget in (500, 6000, 50_000)]
    rows.append(("litellm tokenizer, budget 6000", "real tokenizer",
                 median_seconds(lambda: fit_patches(files, 6000, real), args.repeat)))
    rows.append(("LLMAnalyzer.build_messages, window 8192", "whole prompt",
                 median_seconds(lambda: analyzer.build_messages(commit, "en"), args.repeat)))

    missed = False
    print(f"3001 files, median of {args.repeat} run(s):")
    for label, kind, seconds in rows:
        over = seconds > TARGETS[kind]
        missed |= over
        print(f"  {label:<42} {seconds:6.2f} s  (target {TARGETS[kind]:.0f} s){'  MISSED' if over else ''}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
