"""A learned baseline for importance: how far the diff's own signal goes without hand-written rules.

Run ``python bench/learned_baseline.py``. A softmax regression (numpy, L2-regularised, full-batch gradient descent) is
fitted on ``bench/change_features.py``'s features of the hand-labelled changes, never on a rule's verdict, and scored:
  - leave-repositories-out: ten folds by repository, each predicted by weights fitted on the other repositories;
  - tuned -> held-out: weights fitted on the TUNED days of ``bench/heuristic_agreement.py``, scored on the held-out
    ones, beside the rules alone and the rules weighed with them (``bench/weighing.py``) on the same changes.
Nothing in the product uses these weights: a measurement of what the diff's features hold, and of what a weighing
would add, before any is built in.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.change_features import change_features  # noqa: E402
from bench.heuristic_agreement import TUNED  # noqa: E402
from bench.labelled_changes import LabelledChange, labelled_changes  # noqa: E402
from bench.weighing import LEVELS, Weights  # noqa: E402

#: a title word becomes a feature when at least this many changes use it
MIN_WORD_COUNT = 5
FOLDS = 10
#: what the rules' verdict adds to its level's probability: chosen (0.1-0.3 all scored within a point) with weights
#: fitted on the TUNED days and scored on the eighteenth and nineteenth sets (a choice made on them: optimistic there)
RULE_VOTE = 0.2
L2, STEPS, RATE = 3.0, 1500, 1.0


def vocabulary(rows: list[dict[str, float]]) -> list[str]:
    """Feature names; title words used by fewer than ``MIN_WORD_COUNT`` changes are left out."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    return sorted(n for n, c in counts.items() if not n.startswith("word=") or c >= MIN_WORD_COUNT)


def fit(rows: list[dict[str, float]], labels: list[str]) -> Weights:
    """Softmax regression over the rows' features (columns scaled to at most 1, so a rare title word is not blown
    up); an L2 penalty on the weights, none on the bias."""
    names = vocabulary(rows)
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for name, value in row.items():
            if name in index:
                x[r, index[name]] = value
    scale = np.abs(x).max(axis=0) + 1e-9
    z = np.hstack([x / scale, np.ones((len(x), 1))])
    target = np.eye(len(LEVELS))[[LEVELS.index(label) for label in labels]]
    w = np.zeros((z.shape[1], len(LEVELS)))
    penalty = np.ones_like(w)
    penalty[-1] = 0.0
    for _ in range(STEPS):
        logits = z @ w
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        w -= RATE * (z.T @ (p - target) + L2 * penalty * w) / len(z)
    features = {name: (round(float(scale[i]), 6), tuple(round(float(v), 6) for v in w[i]))
                for i, name in enumerate(names) if np.any(w[i])}
    return Weights(features, tuple(round(float(v), 6) for v in w[-1]), RULE_VOTE)  # type: ignore[arg-type]


def fold_of(repository: str) -> int:
    """A stable fold per repository (the same on every run and machine)."""
    return zlib.crc32(repository.encode()) % FOLDS


def _pct(n: int, d: int) -> str:
    return f"{n}/{d} = {n / d:.1%}" if d else "0/0"


def cross_validated(changes: list[LabelledChange], rows: list[dict[str, float]]) -> int:
    """Changes whose label the weights alone predict when fitted without the change's repository."""
    right = 0
    for k in range(FOLDS):
        train = [i for i, c in enumerate(changes) if fold_of(c.repository) != k]
        weights = fit([rows[i] for i in train], [changes[i].label for i in train])
        for i, c in enumerate(changes):
            if fold_of(c.repository) == k:
                probs = weights.probabilities(rows[i])
                right += LEVELS[probs.index(max(probs))] == c.label
    return right


def split(changes: list[LabelledChange], rows: list[dict[str, float]], fitted_on: set[str], what: str) -> None:
    """Weights fitted on ``fitted_on``'s days, scored on the others: alone, the rules alone, and weighed together."""
    train = [i for i, c in enumerate(changes) if c.day in fitted_on]
    test = [i for i, c in enumerate(changes) if c.day not in fitted_on]
    if not train or not test:
        print(f"{what}: nothing to score")
        return
    weights = fit([rows[i] for i in train], [changes[i].label for i in train])
    alone = rules = weighed = 0
    for i in test:
        c, probs = changes[i], weights.probabilities(rows[i])
        alone += LEVELS[probs.index(max(probs))] == c.label
        rules += c.importance == c.label
        weighed += weights.weigh(rows[i], c.importance) == c.label
    print(f"{what} ({len(test)} changes of {len({changes[i].day for i in test})} days): learned alone "
          f"{_pct(alone, len(test))}; rules {_pct(rules, len(test))}; weighed (rules + {RULE_VOTE}) "
          f"{_pct(weighed, len(test))}")


def main() -> int:
    changes = list(labelled_changes())
    rows = [change_features(c.evidence) for c in changes]
    print(f"{len(changes)} labelled changes, {len({c.repository for c in changes})} repositories")
    right = cross_validated(changes, rows)
    print(f"leave-repositories-out ({FOLDS} folds), learned alone: {_pct(right, len(changes))}")
    split(changes, rows, set(TUNED), "fitted on the TUNED days, scored on the held-out ones")
    return 0


if __name__ == "__main__":
    sys.exit(main())
