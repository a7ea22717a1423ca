"""Benchmark: LLM requests and time of a weekly roll-up of 7 already-digested days (GitHub + LLM fakes).

Run ``.venv/bin/python bench/week_bench.py [--commits-per-day 20]`` from the repository root. It fills
FakeGitHub with a week of synthetic commits (ISO week 2026-W07), digests each day once through the
real core (``BotCore.digest_for``: GitHubSource, DigestService, TinyStore), then builds the week's
roll-up twice, with ``LLMAnalyzer`` on FakeOpenAI and again with the heuristic, and prints the LLM
requests and the wall time of each. Exits 1 unless the roll-up makes exactly 1 LLM request with a
model and 0 with the heuristic.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # never fetch the price map
os.environ.setdefault("OPENAI_API_KEY", "sk-bench-not-a-real-key")  # the fake ignores it; litellm wants one

from analysis.week import week_days  # noqa: E402
from bot.core.digests.weekly import build_week  # noqa: E402
from bot.core.service import BotCore  # noqa: E402
from bot.core.subscriptions import Subscription  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.store import TinyStore  # noqa: E402
from tests.fakes.github_server import FakeGitHub  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI  # noqa: E402

WEEK = "2026-W07"
KINDS = ["feat", "fix", "refactor", "docs", "test", "chore", "perf"]


def fill(gh: FakeGitHub, per_day: int) -> None:
    gh.add_repo("o/r")
    for day in week_days(WEEK):
        start = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=1)
        for n in range(per_day):
            kind = KINDS[n % len(KINDS)]
            path = f"src/{kind}/mod{n}.py"
            gh.add_commit("o/r", message=f"{kind}: change {n} on {day}", author_name=f"dev{n % 5}",
                          committed_at=start + timedelta(minutes=10 * n),
                          files=[{"filename": path, "status": "modified", "additions": 5 + n, "deletions": n,
                                  "patch": f"@@ -1 +1 @@\n-def f{n}(a):\n+def f{n}(a, b):"}])


async def measure(settings: Settings, count) -> tuple[int, int, float]:
    """(LLM requests digesting the 7 days, LLM requests of the roll-up, seconds of the roll-up)."""
    core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: datetime(2026, 2, 18, tzinfo=timezone.utc))
    sub = Subscription(platform="slack", workspace="T", channel="C", repo="o/r")
    before = count()
    for day in week_days(WEEK):
        await core.digest_for(sub, day.isoformat())
    days = count() - before
    before, started = count(), time.perf_counter()
    week = await build_week(core, sub, WEEK)
    assert week.stats.total > 0
    return days, count() - before, time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits-per-day", type=int, default=20)
    args = parser.parse_args(argv)
    failed = False
    with FakeGitHub() as gh, FakeOpenAI() as llm, tempfile.TemporaryDirectory() as tmp:
        fill(gh, args.commits_per_day)
        for name, model in (("llm", "openai/fake-model"), ("heuristic", None)):
            settings = Settings(data_dir=Path(tmp) / name, github_api_url=gh.url, llm_model=model,
                                llm_api_base=llm.url if model else None)
            days, week, seconds = asyncio.run(measure(settings, lambda: llm.calls))
            print(f"{name:9}: 7 days x {args.commits_per_day} commits digested with {days} LLM requests; "
                  f"the week's roll-up: {week} LLM request(s), {seconds:.2f} s")
            failed |= week != (1 if model else 0)
    print("FAIL" if failed else "ok: 1 request with a model, 0 with the heuristic")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
