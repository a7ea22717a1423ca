"""Upkeep files: a formatter's or linter's settings alone are a chore (CI is CI), a repository's top-level
``scripts/`` are its tooling, a package manager's workspace settings are build files; none is product code."""

from __future__ import annotations

from analysis.analyzers.heuristic.evidence import classify_path
from tests.test_heuristic_judge_rules import analyse, change


def test_classes_of_upkeep_files():
    assert "tooling" in classify_path("scripts/release.mjs") and "tooling" in classify_path("scripts/ci/format.sh")
    assert "tooling" not in classify_path("src/scripts/run.py")
    for name in (".npmrc", "pnpm-workspace.yaml", ".yarnrc.yml"):
        assert "build" in classify_path(name), name


def test_formatter_settings_alone_are_a_low_chore_and_ci_stays_ci():
    fmt = analyse("updated .clang-format", [change(".clang-format", ["ColumnLimit: 120"], ["ColumnLimit: 100"])])
    assert (fmt.importance, fmt.change_type) == ("low", "chore")
    ci = analyse("run tests on 3.12", [change(".github/workflows/test.yml", ["  py: 3.11"], ["  py: 3.12"]),
                                        change(".clang-format", ["ColumnLimit: 120"], ["ColumnLimit: 100"])])
    assert ci.change_type == "ci"


def test_moving_to_another_package_manager_is_low():
    files = [change(".npmrc", [], ["shamefully-hoist=true"]), change("pnpm-workspace.yaml", [], ["packages:", "  - packages/*"]),
             change("scripts/release.mjs", ["  await run('yarn', ['publish'])"], ["  await run('pnpm', ['publish'])"])]
    assert analyse("ci: use pnpm", files).importance == "low"
