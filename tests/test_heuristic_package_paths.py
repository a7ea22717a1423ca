"""A monorepo package named like tests (``packages/testing/src``, the published ``@pinia/testing``) is product code;
its spec files and a real tests directory stay tests."""

from __future__ import annotations

from analysis.analyzers.heuristic.evidence import classify_path
from analysis.facts.languages import is_test_path
from tests.test_heuristic_judge_rules import analyse, change


def test_a_package_named_testing_with_sources_or_a_manifest_is_not_tests():
    for path in ("packages/testing/src/testing.ts", "crates/test-utils/src/lib.rs", "packages/testing/package.json"):
        assert not is_test_path(path) and "test" not in classify_path(path), path


def test_tests_inside_such_a_package_and_test_dirs_elsewhere_stay_tests():
    for path in ("packages/testing/src/testing.spec.ts", "packages/testing/tests/a.ts", "packages/pinia/__tests__/x.ts",
                 "src/testing/helpers.py", "tests/unit/test_a.py", "packages/testing/fixtures.ts"):
        assert is_test_path(path) or "test" in classify_path(path), path


def test_a_fix_in_the_testing_package_is_a_product_change():
    lib = change("packages/testing/src/testing.ts", ["    app.use(plugin)"], ["    pinia._p.push(plugin)"])
    spec = change("packages/testing/src/initialState.spec.ts", [], [f"  it('case {i}', () => {{}})" for i in range(8)])
    analysis = analyse("fix(testing): enable initialState without app", [lib, spec])
    assert (analysis.importance, analysis.change_type) == ("medium", "fix")
