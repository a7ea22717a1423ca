"""bench/learned_baseline.py and bench/weighing.py: the rules' verdict stands unless learned weights favour another
level by more than the rules' vote; features read the diff, never a verdict; the trainer fits what rows show."""

from __future__ import annotations

from analysis.analyzers.heuristic.analyzer import evidence_of
from analysis.facts import derive_facts
from bench.change_features import change_features
from bench.learned_baseline import fit, fold_of, vocabulary
from bench.weighing import Weights
from tests.facts_support import commit_of

#: one feature that votes for "low" when it is 1, nothing else
_LOW_WORD = Weights({"word=typo": (1.0, (2.0, 0.0, 0.0))}, (0.0, 0.0, 0.0), rule_vote=0.2)


def test_the_rules_verdict_stands_when_the_weights_are_not_confident_otherwise():
    assert _LOW_WORD.weigh({}, "medium") == "medium"  # no feature: equal thirds, the verdict's vote decides
    assert _LOW_WORD.weigh({"word=other": 1.0}, "high") == "high"


def test_confident_weights_move_the_verdict():
    probs = _LOW_WORD.probabilities({"word=typo": 1.0})
    assert probs[0] > probs[1] + 0.2  # e^2 against 1 and 1: low ~0.79
    assert _LOW_WORD.weigh({"word=typo": 1.0}, "medium") == "low"


def test_a_tie_keeps_the_verdict():
    even = Weights({"x": (1.0, (0.0, 0.0, 0.0))}, (0.0, 0.0, 0.0), rule_vote=0.0)
    assert even.weigh({"x": 1.0}, "high") == "high"
    assert even.weigh({"x": 1.0}, "low") == "low"


def test_features_read_the_diff_not_a_verdict():
    commit, texts = commit_of({"docs/guide.md": ("old\n", "new\n"), "tests/test_x.py": (None, "def test_a():\n    pass\n")},
                              "docs: fix a typo in the guide")
    f = change_features(evidence_of(commit, derive_facts(commit, texts)))
    assert f["class=doc"] == 0.5 and f["class=test"] == 0.5
    assert f["word=typo"] == 1.0 and f["prefix=docs"] == 1.0 and f["no_behaviour"] == 1.0
    assert not any(name.startswith(("rule", "verdict", "importance")) for name in f)


def test_rare_title_words_are_left_out_of_the_vocabulary():
    rows = [{"word=common": 1.0, "lines": 2.0}] * 5 + [{"word=rare": 1.0}]
    assert vocabulary(rows) == ["lines", "word=common"]


def test_the_trainer_fits_what_the_rows_show():
    rows = [{"word=typo": 1.0}] * 20 + [{"word=crash": 1.0}] * 20 + [{"word=add": 1.0}] * 20
    labels = ["low"] * 20 + ["high"] * 20 + ["medium"] * 20
    weights = fit(rows, labels)
    for row, label in ((rows[0], "low"), (rows[20], "high"), (rows[40], "medium")):
        probs = weights.probabilities(row)
        assert ("low", "medium", "high")[probs.index(max(probs))] == label
    assert weights.rule_vote > 0


def test_a_repositorys_fold_is_stable():
    assert fold_of("click") == fold_of("click") and 0 <= fold_of("click") < 10
    assert len({fold_of(f"repo{i}") for i in range(100)}) == 10
