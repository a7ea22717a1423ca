"""Benchmark: what feedback costs a digest: recording votes, and adjusting a digest with many votes stored.

Run ``.venv/bin/python bench/feedback_bench.py [--votes 10000] [--changes 200]`` from the repository root.
It records ``--votes`` votes through ``FeedbackBook.record`` on a TinyStore in a temporary directory
(100 channels, 5 members, one repository; each channel teaches ``docs`` down and ``src/`` up), then
adjusts a ``--changes``-change digest for channel 0 (what ``_publish_digest`` does before each post)
and for a channel with no votes, 5 times each, and prints the medians. Exits 1 unless adjusting takes
under 1 s and channel 0's digest really moved.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.models import Analysis, Commit, CommitReport, Digest, FileChange  # noqa: E402
from bot.core.feedback.votes import FeedbackBook  # noqa: E402
from bot.store import TinyStore  # noqa: E402

REPO = "acme/widget"
AREAS = [("docs", "docs/guide.md"), ("fix", "src/auth/login.py"), ("feature", "src/api/routes.py"),
         ("test", "tests/test_api.py")]


def digest(changes: int) -> Digest:
    reports = []
    for n in range(changes):
        change_type, path = AREAS[n % len(AREAS)]
        commit = Commit(sha=f"{n:040x}", author="dev", committed_at=datetime(2026, 11, 29, tzinfo=timezone.utc),
                        message=f"{change_type}: change {n}", files=[FileChange(path=path)])
        reports.append(CommitReport(commit=commit, analysis=Analysis(change_type=change_type, importance="medium")))
    return Digest(repo=REPO, date="2026-11-29", timezone="UTC", commits=reports)


def timed(job, runs: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--votes", type=int, default=10_000)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = FeedbackBook(TinyStore(Path(tmp) / "data"))
        record_times = []
        for i in range(args.votes):
            channel = f"slack:T1:C{i % 100}"
            change_type, path = AREAS[(i // 100) % 2]  # docs or src/auth/ changes
            vote = "less" if change_type == "docs" else "more"
            start = time.perf_counter()
            book.record(channel, REPO, f"{i // 500:038x}{i % 5:02x}", vote, user=f"U{i % 5}", importance="medium",
                        change_type=change_type, paths=[path])
            record_times.append(time.perf_counter() - start)
        day = digest(args.changes)
        taught, shown = timed(lambda: book.adjust("slack:T1:C0", day, "en"))
        untaught, same = timed(lambda: book.adjust("slack:T9:none", day, "en"))
        moved = sum(r.adjusted_from is not None for r in shown.commits)
    print(f"record: median {statistics.median(record_times) * 1000:.2f} ms, p95 "
          f"{sorted(record_times)[int(len(record_times) * 0.95)] * 1000:.2f} ms over {args.votes} votes (TinyDB)")
    print(f"adjust a {args.changes}-change digest with {args.votes} votes stored: taught channel "
          f"{taught * 1000:.1f} ms ({moved} changes moved), channel without votes {untaught * 1000:.1f} ms")
    ok = taught < 1.0 and untaught < 1.0 and moved > 0 and same is day
    print("OK" if ok else "MISSED: adjusting must take < 1 s and move the taught channel's changes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
