"""How often two hand labellers agree on the same changes, and the heuristic against each of them.

Run ``python bench/label_agreement.py [--details] [--no-heuristic]``. For every day present in both
``tests/data/heuristic_days/labels.tsv`` (first labeller) and ``labels_second.tsv`` (second labeller,
blind to the first), it prints per day and in total: importance and change-type agreement between the
two labellers, Cohen's kappa for importance, the importance confusion matrix (first labeller's rows x
second's columns) and, with ``--details``, every disagreement with both labels and both reasons.
Then, on the same changes, how often the heuristic analyzer agrees with labeller 1, with labeller 2,
and with the changes where both labellers agree: the ceiling that the 85% target sits under.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.day_fixtures import DATA, read_labels  # noqa: E402

FIRST = DATA / "labels.tsv"
SECOND = DATA / "labels_second.tsv"
IMPORTANCE = ("high", "medium", "low")


@dataclass(frozen=True)
class Pair:
    """One change labelled by both: (importance, change type, reason) of each labeller."""

    day: str
    sha: str
    first: tuple[str, str, str]
    second: tuple[str, str, str]


def pair_labels(first: dict[str, dict[str, tuple]], second: dict[str, dict[str, tuple]]) -> list[Pair]:
    """The changes of the days both files label, matched by SHA prefix (either may be the longer)."""
    pairs = []
    for day in sorted(set(first) & set(second)):
        for sha, lab2 in second[day].items():
            match = [(s, lab1) for s, lab1 in first[day].items() if s.startswith(sha) or sha.startswith(s)]
            if len(match) == 1:
                pairs.append(Pair(day, sha, match[0][1], lab2))
    return pairs


def agreement(pairs: list[Pair], field: int) -> tuple[int, int]:
    """(agreeing, total) on one label field: 0 importance, 1 change type."""
    return sum(p.first[field] == p.second[field] for p in pairs), len(pairs)


def confusion(pairs: list[Pair], categories: tuple[str, ...] = IMPORTANCE) -> dict[str, Counter]:
    """Importance counts by first labeller's label (rows), then second's (columns)."""
    table = {row: Counter() for row in categories}
    for p in pairs:
        table.setdefault(p.first[0], Counter())[p.second[0]] += 1
    return table


def cohen_kappa(table: dict[str, Counter]) -> float | None:
    """Cohen's kappa of a square confusion table; None when chance agreement is total (undefined)."""
    labels = sorted(set(table) | {c for row in table.values() for c in row})
    n = sum(sum(row.values()) for row in table.values())
    if not n:
        return None
    observed = sum(table.get(c, Counter())[c] for c in labels) / n
    rows = {c: sum(table.get(c, Counter()).values()) / n for c in labels}
    cols = {c: sum(table.get(r, Counter())[c] for r in labels) / n for c in labels}
    expected = sum(rows[c] * cols[c] for c in labels)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def heuristic_agreement(pairs: list[Pair], predicted: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Importance agreement of predictions (by SHA prefix) with labeller 1, 2, and where both agree."""
    scored = [(p, predicted[p.sha]) for p in pairs if p.sha in predicted]
    agreed = [(p, guess) for p, guess in scored if p.first[0] == p.second[0]]
    return {
        "labeller 1": (sum(guess == p.first[0] for p, guess in scored), len(scored)),
        "labeller 2": (sum(guess == p.second[0] for p, guess in scored), len(scored)),
        "both agree": (sum(guess == p.first[0] for p, guess in agreed), len(agreed)),
        "either": (sum(guess in (p.first[0], p.second[0]) for p, guess in scored), len(scored)),
    }


def predict(days: list[str]) -> dict[str, str]:
    """The heuristic analyzer's importance for every change of these days, by 10-character SHA."""
    from bench.day_fixtures import load
    from bench.heuristic_agreement import replay  # imports the analyzer: only when asked

    return {commit.sha[:10]: analysis.importance for day in days for commit, analysis in replay(load(day))}


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} = {n / d:.0%}" if d else "0/0"


def _kappa(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every disagreement with both reasons")
    parser.add_argument("--no-heuristic", action="store_true", help="skip replaying the heuristic analyzer")
    args = parser.parse_args(argv)
    pairs = pair_labels(read_labels(FIRST), read_labels(SECOND))
    days = sorted({p.day for p in pairs})
    for day in days:
        mine = [p for p in pairs if p.day == day]
        print(f"{day:<26} importance {_pct(*agreement(mine, 0)):<14} change type {_pct(*agreement(mine, 1)):<14} "
              f"kappa {_kappa(cohen_kappa(confusion(mine)))}")
    table = confusion(pairs)
    print(f"{'total':<26} importance {_pct(*agreement(pairs, 0)):<14} change type {_pct(*agreement(pairs, 1)):<14} "
          f"kappa {_kappa(cohen_kappa(table))}")
    print("importance confusion (rows: labeller 1, columns: labeller 2)")
    print("          " + "".join(f"{c:>8}" for c in IMPORTANCE))
    for row in IMPORTANCE:
        print(f"{row:<10}" + "".join(f"{table[row][c]:>8}" for c in IMPORTANCE))
    if args.details:
        print("disagreements (importance or change type): labeller 1 | labeller 2")
        for p in pairs:
            if p.first[:2] != p.second[:2]:
                print(f"  {p.day} {p.sha} {p.first[0]}/{p.first[1]} | {p.second[0]}/{p.second[1]}")
                print(f"      1: {p.first[2]}")
                print(f"      2: {p.second[2]}")
    if not args.no_heuristic:
        from bench.heuristic_agreement import TUNED

        predicted = predict(days)
        groups = {"all": pairs, "held-out": [p for p in pairs if p.day not in TUNED],
                  "tuned": [p for p in pairs if p.day in TUNED]}
        print("heuristic importance on the same changes (tuned: days the rules were fitted on, to labeller 1)")
        for group, members in groups.items():
            if members:
                figures = heuristic_agreement(members, predicted)
                print(f"  {group:<9}" + "  ".join(f"vs {name} {_pct(n, d)}" for name, (n, d) in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
