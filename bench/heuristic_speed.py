"""Time of the heuristic analysis, facts included: one 5,000-file commit, and a day of 50 real changes.

Run ``python bench/heuristic_speed.py``. The big commit is synthetic (5,000 small Python, Go and YAML
patches, hunks only, as a source without file contents gives them); the day is the first 49 labelled changes
of ``tests/data/heuristic_days`` plus the big commit's first file as a 50th, with the fixtures' file
texts so both sides are parsed. Exits 1 when a target is missed (5 s and 10 s).
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.analyzers.base import AnalysisContext  # noqa: E402
from analysis.analyzers.heuristic import HeuristicAnalyzer  # noqa: E402
from analysis.facts import derive_facts  # noqa: E402
from analysis.models import Commit, FileChange  # noqa: E402
from bench.day_fixtures import day_names, load  # noqa: E402

BIG_TARGET_S, DAY_TARGET_S = 5.0, 10.0
_PATCHES = {
    "py": "@@ -1,3 +1,3 @@ def handler_{i}(request):\n-    return render(request, timeout=1)\n+    return render(request, timeout=2)\n     # done\n",
    "go": "@@ -4,3 +4,3 @@ func Handle{i}(w http.ResponseWriter) error {{\n-\treturn write(w, 1)\n+\treturn write(w, 2)\n }}\n",
    "yaml": "@@ -1,2 +1,2 @@\n-replicas: 1\n+replicas: 2\n name: svc{i}\n",
}


def big_commit(files: int = 5000) -> Commit:
    changes = []
    for i in range(files):
        ext = ("py", "go", "yaml")[i % 3]
        changes.append(FileChange(path=f"svc/mod{i // 100}/file{i}.{ext}", additions=1, deletions=1,
                                  patch=_PATCHES[ext].format(i=i)))
    return Commit(sha="f" * 40, author="bench", committed_at=datetime(2026, 5, 16, tzinfo=timezone.utc),
                  message="Raise every timeout\n\nOne value per handler.", files=changes, details_loaded=True)


def analyse(commit: Commit, contents=None) -> float:
    start = time.perf_counter()
    facts = derive_facts(commit, contents)
    HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=facts))
    return time.perf_counter() - start


def main() -> int:
    big = big_commit()
    analyse(big.model_copy(update={"files": big.files[:3]}))  # parsers loaded before timing
    big_s = analyse(big)
    days = [load(name) for name in day_names()]
    start = time.perf_counter()
    count = 0
    for day, commit in [(day, commit) for day in days for commit in day.commits][:49]:
        analyse(commit, day.contents)
        count += 1
    analyse(big.model_copy(update={"files": big.files[:1]}))
    count += 1
    day_s = time.perf_counter() - start
    print(f"5,000-file commit: {big_s:.2f} s (target < {BIG_TARGET_S:.0f} s)")
    print(f"day of {count} changes: {day_s:.2f} s (target < {DAY_TARGET_S:.0f} s)")
    return 0 if big_s < BIG_TARGET_S and day_s < DAY_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
