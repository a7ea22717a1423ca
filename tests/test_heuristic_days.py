"""The heuristic on real labelled days (tests/data/heuristic_days): agreement with hand labels, no stock text."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import heuristic_agreement as bench  # noqa: E402
from bench.day_fixtures import day_names, load, read_labels  # noqa: E402
from tests import day_replays  # noqa: E402

#: whichever test runs first may wait for the replay of every day (minutes when the machine is loaded)
pytestmark = pytest.mark.timeout(600)


@functools.cache
def _all_scored() -> dict[str, dict]:
    """One replay (en) of every labelled day (about 0.5 s of CPU a day, 300 days), begun in the background when
    the suite was collected (tests/day_replays.py): the tuned gate and the per-day repeats checks all read it."""
    return day_replays.results()


def _scored(name: str) -> dict:
    return _all_scored()[name]


def test_every_change_of_every_day_is_labelled():
    """Read from the background replay, which loads every day anyway (loading them again here took 20 s)."""
    names, labels = day_names(), read_labels()
    assert len(names) >= 4 and sum(_scored(n)["commits"] for n in names) >= 40
    for name in names:
        result = _scored(name)
        assert result["commits"] >= 8, name
        assert result["total"] == result["commits"], name  # every change matched exactly one label row
        assert len(labels[name]) == result["commits"], name  # and no row is left over (a stale or mistyped SHA)
    assert set(labels) <= set(names), set(labels) - set(names)  # no rows for a day without a fixture
    assert all(label[0] in ("high", "medium", "low") and label[2] for rows in labels.values() for label in rows.values())


def test_fixture_answers_file_at_for_both_sides():
    day = load("click-2026-05-16")
    commit = next(c for c in day.commits if c.sha.startswith("3619563d"))
    before = day.contents.file_at(commit.parents[0], "src/click/core.py")
    after = day.contents.file_at(commit.sha, "src/click/core.py")
    assert before and after and "_format_deprecated_label" in after and "_format_deprecated_label" not in before


@pytest.mark.parametrize("name", ["click-2026-05-16", "cobra-2021-12-07"])
def test_importance_agreement_on_a_labelled_day(name):
    result = _scored(name)
    assert result["total"] >= 8
    assert result["importance"] / result["total"] >= 0.85, [row[:3] for row in result["rows"] if row[1] != row[2]]


#: a floor that guards what was reached on the days the rules were fitted on (bench/heuristic_agreement.py's
#: TUNED: 91-92% from the twelfth to the seventeenth round, 89% once the sixteenth and seventeenth sets, the hardest
#: measured, joined, 87.9% once the fortieth (67% blind, one rule fitted on it) joined), not the goal: issue 8 asks
#: for 85% on held-out days, which are measured blind by the bench and never gated here (a gate would invite fitting
#: them before they are measured).
TUNED_FLOOR = 0.875


def test_importance_agreement_over_the_tuned_days():
    results = [_scored(name) for name in day_names() if name in bench.TUNED]
    agree, total = sum(r["importance"] for r in results), sum(r["total"] for r in results)
    assert total >= 1000 and agree / total >= TUNED_FLOOR, (agree, total)


@pytest.mark.parametrize("name", day_names())
def test_no_sentence_repeats_across_three_changes_of_a_day(name):
    result = _scored(name)
    assert result["total"] == result["commits"] and result["repeated"] == {}


def test_every_analysis_carries_its_facts_and_names_something():
    for commit, analysis in bench.replay(load("click-2026-05-16")):
        assert analysis.summary and analysis.analyzer == "heuristic"
        assert all(fact.path for fact in analysis.facts)


def test_pooled_summaries_match_the_serial_replay():
    names = ["click-2026-05-16", "cobra-2021-12-07"]
    pooled = bench.day_summaries(names, workers=2)
    assert pooled == {name: bench.day_summary(name) for name in names}
    assert pooled["click-2026-05-16"]["rows"] and pooled["cobra-2021-12-07"]["commits"] >= 8
