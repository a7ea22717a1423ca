"""Which importance rules hold on days they were never tuned on: per deciding rule, how often its verdict matches.

Run ``python bench/rule_paths.py``. Every labelled change is judged; the ``return`` of ``judge.py`` that decided its
importance is counted with whether the verdict matched the hand label, apart for tuned and held-out days. A rule right
on tuned days and wrong on held-out ones was fitted to the days it was made on; a rule wrong on both misreads.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.analyzers.heuristic import judge  # noqa: E402
from bench.labelled_changes import labelled_changes  # noqa: E402


def tally(changes) -> dict[str, dict[str, list[int]]]:
    """Per deciding rule: ``{"tuned": [right, fired], "held-out": [right, fired]}``."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"tuned": [0, 0], "held-out": [0, 0]})
    for change in changes:
        cell = table[change.decided_by]["tuned" if change.tuned else "held-out"]
        cell[0] += change.importance == change.label
        cell[1] += 1
    return dict(table)


def describe(decided_by: str, source: list[str]) -> str:
    """The rule as its ``return`` line reads (the verdict and the comment beside it)."""
    _, _, line = decided_by.partition(":")
    return source[int(line) - 1].strip() if line.isdigit() and int(line) <= len(source) else decided_by


def main() -> int:
    source = Path(judge.__file__).read_text(encoding="utf-8").splitlines()
    table = tally(labelled_changes())
    print(f"{'rule (judge.py)':<28} {'tuned':>10} {'held-out':>10}  return")
    for rule, cells in sorted(table.items(), key=lambda kv: -(kv[1]["tuned"][1] + kv[1]["held-out"][1])):
        (tr, tn), (hr, hn) = cells["tuned"], cells["held-out"]
        print(f"{rule:<28} {tr:>4}/{tn:<5} {hr:>4}/{hn:<5}  {describe(rule, source)[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
