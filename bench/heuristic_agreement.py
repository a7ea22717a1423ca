"""Agreement of the heuristic analyzer's importance with the human-reviewed labels of the sample digest.

Run ``python bench/heuristic_agreement.py [--details]``; the commits and their file lists (reconstructed
from the sample's own text) are in ``tests/data/sample_commits.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.analyzers.heuristic import HeuristicAnalyzer  # noqa: E402
from analysis.models import IMPORTANCE_ORDER, Commit, FileChange  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "sample_commits.json"


def load_sample(path: Path = SAMPLE) -> list[tuple[Commit, str]]:
    """The sample's commits as ``Commit`` objects, each with its expected importance."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for row in data["commits"]:
        files = [FileChange(path=f["path"], status=f["status"], additions=f["additions"],
                            deletions=f["deletions"]) for f in row["files"]]
        commit = Commit(sha=row["sha"], author=row["author"], message=row["title"],
                        committed_at=datetime.fromisoformat(row["committed_at"]),
                        files=files, details_loaded=bool(files))
        out.append((commit, row["importance"]))
    return out


def evaluate(path: Path = SAMPLE) -> tuple[dict[str, dict[str, int]], int, int, list[tuple[Commit, str, str]]]:
    """Confusion matrix (expected -> predicted -> count), exact matches, total and per-commit results."""
    analyzer = HeuristicAnalyzer()
    matrix = {e: {p: 0 for p in IMPORTANCE_ORDER} for e in IMPORTANCE_ORDER}
    rows = []
    for commit, expected in load_sample(path):
        predicted = analyzer.analyze_sync(commit, "en").importance
        matrix[expected][predicted] += 1
        rows.append((commit, expected, predicted))
    exact = sum(matrix[level][level] for level in IMPORTANCE_ORDER)
    return matrix, exact, len(rows), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every commit with both labels")
    args = parser.parse_args(argv)
    matrix, exact, total, rows = evaluate()
    if args.details:
        for commit, expected, predicted in rows:
            mark = "ok " if expected == predicted else "XX "
            print(f"{mark}{commit.short_sha} expected={expected:<6} heuristic={predicted:<6} {commit.title}")
        print()
    print("expected \\ heuristic " + " ".join(f"{p:>7}" for p in IMPORTANCE_ORDER))
    for level in IMPORTANCE_ORDER:
        print(f"{level:<20} " + " ".join(f"{matrix[level][p]:>7}" for p in IMPORTANCE_ORDER))
    print(f"agreement: {exact}/{total} = {exact / total:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
