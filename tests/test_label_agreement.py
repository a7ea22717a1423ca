"""The counting of bench/label_agreement.py: pairing two label files, agreement, confusion and kappa."""

from collections import Counter

import pytest

from bench.label_agreement import Pair, agreement, cohen_kappa, confusion, heuristic_agreement, pair_labels


def _pair(sha: str, first: str, second: str, type1: str = "fix", type2: str = "fix") -> Pair:
    return Pair("d", sha, (first, type1, "r1"), (second, type2, "r2"))


def test_pairs_match_by_prefix_and_skip_days_or_changes_only_one_file_has():
    first = {"d": {"abcdef1234": ("high", "fix", "a"), "0000000000": ("low", "docs", "b")},
             "only-first": {"1111111111": ("low", "ci", "c")}}
    second = {"d": {"abcdef12": ("medium", "fix", "x"), "9999999999": ("low", "ci", "y")},
              "only-second": {"2222222222": ("low", "ci", "z")}}
    pairs = pair_labels(first, second)
    assert pairs == [Pair("d", "abcdef12", ("high", "fix", "a"), ("medium", "fix", "x"))]


def test_agreement_counts_each_field_apart():
    pairs = [_pair("a", "high", "high", "fix", "feature"), _pair("b", "low", "medium"), _pair("c", "low", "low")]
    assert agreement(pairs, 0) == (2, 3)
    assert agreement(pairs, 1) == (2, 3)


def test_confusion_rows_are_the_first_labeller():
    table = confusion([_pair("a", "high", "medium"), _pair("b", "high", "medium"), _pair("c", "low", "low")])
    assert table["high"] == Counter(medium=2)
    assert table["low"] == Counter(low=1)
    assert table["medium"] == Counter()


def test_kappa_of_a_textbook_table():
    # 50 items: both yes 20, first yes/second no 5, first no/second yes 10, both no 15.
    # observed 0.70, chance 0.5*0.6 + 0.5*0.4 = 0.50, kappa (0.70 - 0.50) / 0.50 = 0.40
    table = {"yes": Counter(yes=20, no=5), "no": Counter(yes=10, no=15)}
    assert cohen_kappa(table) == pytest.approx(0.40)


def test_kappa_is_one_for_full_agreement_and_undefined_for_a_single_category():
    assert cohen_kappa({"high": Counter(high=3), "low": Counter(low=2)}) == pytest.approx(1.0)
    assert cohen_kappa({"low": Counter(low=4)}) is None
    assert cohen_kappa({}) is None


def test_kappa_is_negative_when_labellers_systematically_disagree():
    assert cohen_kappa({"high": Counter(low=5), "low": Counter(high=5)}) == pytest.approx(-1.0)


def test_heuristic_scored_against_each_labeller_and_the_agreed_subset():
    pairs = [_pair("a", "high", "high"), _pair("b", "high", "medium"), _pair("c", "low", "low"), _pair("d", "low", "low")]
    predicted = {"a": "high", "b": "medium", "c": "medium"}  # "d" was not analysed
    figures = heuristic_agreement(pairs, predicted)
    assert figures["labeller 1"] == (1, 3)
    assert figures["labeller 2"] == (2, 3)
    assert figures["both agree"] == (1, 2)
    assert figures["either"] == (2, 3)
