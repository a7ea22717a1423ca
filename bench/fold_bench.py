"""Folding a day's commits into changes: time for synthetic days of merged pull requests (prints figures).

Each pull request is 1 to 4 branch commits, every third one with a back-merge of main, merged by a
merge commit; every fifth change is a plain commit on main. Run from the repository root:
``.venv/bin/python bench/fold_bench.py [COMMITS ...]``.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta, timezone

from analysis.changes import fold
from analysis.models import Commit

START = datetime(2026, 2, 14, tzinfo=timezone.utc)


def synthetic_day(size: int) -> list[Commit]:
    """About ``size`` commits, newest first."""
    made: list[Commit] = []
    main = "0" * 40
    number = 0

    def commit(parents: list[str], title: str) -> str:
        sha = f"{len(made) + 1:040x}"
        made.append(Commit(sha=sha, author="Ann", message=title, parents=parents,
                           committed_at=START + timedelta(seconds=len(made))))
        return sha

    while len(made) < size:
        number += 1
        if number % 5 == 0:
            main = commit([main], f"fix: plain change {number}")
            continue
        tip = main
        for step in range(1 + number % 4):
            tip = commit([tip], f"feat: step {step} of {number}")
            if number % 3 == 0 and step == 0:
                tip = commit([tip, main], "Merge branch 'main' into feature")
        main = commit([main, tip], f"Merge pull request #{number} from ann/change-{number}\n\nChange {number}")
    return made[::-1]


def main(sizes: list[int]) -> None:
    for size in sizes:
        day = synthetic_day(size)
        started = time.perf_counter()
        changes = fold(day)
        took = time.perf_counter() - started
        print(f"{len(day):>6} commits -> {len(changes):>5} changes in {took * 1000:8.1f} ms")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [200, 2000, 10000])
