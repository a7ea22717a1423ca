"""The oldest toolchain read from a manifest's hunks when the facts could not read the file whole: Cargo's
``rust-version`` and pyproject's ``requires-python`` lines raised are a medium build change."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.builds.toolchain import toolchain_minimums
from tests.test_heuristic_judge_rules import analyse, change


def test_rust_version_raised_in_hunks_is_a_minimum_and_medium():
    crates = [change(f"{name}/Cargo.toml", ['rust-version = "1.56.0"'], ['rust-version = "1.63.0"'])
              for name in ("core", "macros")]
    minimums = toolchain_minimums([], crates)
    assert [(m.key, m.before, m.after, m.raised) for m in minimums] == [("package.rust-version", "1.56.0", "1.63.0", True)] * 2
    analysis = analyse("chore: bump MSRV to 1.63 (#2793)", crates)
    assert analysis.importance == "medium" and "1.63.0" in analysis.insights.compatibility


def test_requires_python_lowered_or_other_keys_are_not_raises():
    lowered = change("pyproject.toml", ['requires-python = ">=3.9"'], ['requires-python = ">=3.8"'])
    assert [m.raised for m in toolchain_minimums([], [lowered])] == [False]
    version = change("Cargo.toml", ['version = "1.56.0"'], ['version = "1.63.0"'])
    assert toolchain_minimums([], [version]) == []
