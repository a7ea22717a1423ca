"""Learned weights for importance, and the weighing of the rules' verdict with them (measured, not in the product).

A softmax regression's weights (``bench/learned_baseline.py`` fits them) give a change's features
(``bench/change_features.py``) a probability per level. Weighed with the rules: the verdict adds ``rule_vote`` to its
own level; the higher sum wins, the verdict on a tie. So the rules decide unless the weights are confident otherwise
by more than that margin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

LEVELS = ("low", "medium", "high")


@dataclass(frozen=True)
class Weights:
    """Per feature: the scale its value is divided by and one weight per level; a bias per level."""

    features: dict[str, tuple[float, tuple[float, float, float]]]
    bias: tuple[float, float, float]
    #: what the rules' verdict adds to its own level's probability
    rule_vote: float

    def probabilities(self, features: dict[str, float]) -> list[float]:
        logits = list(self.bias)
        for name, value in features.items():
            entry = self.features.get(name)
            if entry is None or not value:
                continue
            scale, weights = entry
            for level, weight in enumerate(weights):
                logits[level] += value / scale * weight
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        return [v / sum(exps) for v in exps]

    def weigh(self, features: dict[str, float], verdict: str) -> str:
        """The level the features and the rules' verdict together favour; the verdict when they tie."""
        scores = self.probabilities(features)
        scores[LEVELS.index(verdict)] += self.rule_vote
        best = max(range(len(LEVELS)), key=lambda level: (scores[level], LEVELS[level] == verdict))
        return LEVELS[best]
