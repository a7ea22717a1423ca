"""The day's highlights rank the largest change by the lines people wrote, lead with high importance, and
write arrows and places a reader's Markdown keeps (no ``->`` escaped to ``-&gt;``, files not called 目录)."""

from __future__ import annotations

from analysis.highlights import heuristic_highlights
from analysis.models import Fact
from tests.test_highlights import report


def lock_heavy_day():
    return [
        report(1, "Bump every crate", "low", "build", {"Cargo.toml": (3, 3), "Cargo.lock": (400, 380)}),
        report(2, "Parse globs lazily", "medium", "perf", {"src/walk.rs": (60, 20)}),
        report(3, "Regenerate the bindings", "low", "build", {"api/v1/types.pb.go": (900, 0), "api/v1/a.proto": (2, 0)}),
    ]


def test_the_largest_change_is_ranked_by_lines_outside_lock_files_and_generated_code():
    text = "\n".join(heuristic_highlights(lock_heavy_day(), "en"))
    assert "Largest change: Parse globs lazily (1 file, +60/-20)" in text


def test_a_day_of_only_lock_churn_names_no_largest_change():
    day = [report(1, "Update the lock", "low", "build", {"Cargo.lock": (10, 10)}),
           report(2, "Update the npm lock", "low", "build", {"package-lock.json": (30, 30)})]
    bullets = heuristic_highlights(day, "en")
    assert bullets and not any(b.startswith("Largest change") for b in bullets)


def test_english_arrows_are_not_markdown_escapable():
    dep = Fact(kind="dependency_changed", path="Cargo.toml", symbol="ignore", before="0.4.24", after="0.4.25")
    day = [report(1, "Bump ignore", "low", "build", {"Cargo.toml": (1, 1)}, [dep]),
           report(2, "Fix a typo", "low", "docs", {"README.md": (1, 1)})]
    text = "\n".join(heuristic_highlights(day, "en"))
    assert "`ignore` 0.4.24 → 0.4.25" in text and "->" not in text


def test_high_importance_changes_lead_before_dependency_lists():
    dep = Fact(kind="dependency_changed", path="Cargo.toml", symbol="ignore", before="0.4.24", after="0.4.25")
    day = [report(1, "Bump ignore", "low", "build", {"Cargo.toml": (1, 1)}, [dep]),
           report(2, "Drop the legacy walker", "high", "refactor", {"src/walk.rs": (10, 200)})]
    bullets = heuristic_highlights(day, "en")
    assert bullets[0].startswith("High importance: Drop the legacy walker")
    assert any(b.startswith("Dependencies:") for b in bullets[1:])


def test_chinese_areas_bullet_calls_files_places_not_directories():
    text = "\n".join(heuristic_highlights(lock_heavy_day(), "zh"))
    assert "改动最集中的位置：" in text and "目录" not in text


def test_the_largest_change_shows_the_lines_it_was_ranked_by():
    day = [report(1, "Bump every crate and parse lazily", "medium", "build",
                  {"Cargo.lock": (400, 380), "src/walk.rs": (60, 20)}),
           report(2, "Fix a typo", "low", "docs", {"README.md": (1, 1)})]
    text = "\n".join(heuristic_highlights(day, "en"))
    assert "Largest change: Bump every crate and parse lazily (1 file, +60/-20)" in text
