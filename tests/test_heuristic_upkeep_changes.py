"""Upkeep judged by its substance: test cases added beside existing ones, CI and test plumbing touching a few
private lines, and CI changes whose message names credentials while their hunks show no security signal stay low."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, body_lines, change


def test_test_cases_added_beside_existing_ones_are_low_however_many():
    tests = change("render/render_test.go", body_lines(20, "old"), body_lines(120, "case"))
    facts = [Fact(kind="test_added", path=tests.path, symbol=f"TestRenderError{i}") for i in range(6)]
    assert analyse("test(render): add comprehensive error handling tests", [tests], facts).importance == "low"


def test_a_body_of_new_coverage_stays_medium():
    files = [change(f"cmd/golden_{i}_test.go", [], body_lines(75, "case")) for i in range(3)]
    facts = [Fact(kind="test_added", path=f.path, symbol=f"TestGolden{i}") for i, f in enumerate(files)]
    assert analyse("Add golden-file tests for init and add", files, facts).importance == "medium"


def test_a_ci_change_touching_a_few_private_lines_is_low():
    workflow = change(".github/workflows/ci.yml", ["        go: ['1.24', '1.25']"], ["        go: ['1.25']"])
    code = change("debug.go", ["\tif v < 24 {", '\t\twarn("requires Go 1.24+")'],
                  ["\tif v < 25 {", '\t\twarn("requires Go 1.25+")'])
    facts = [Fact(kind="symbol_modified", path="debug.go", symbol="debugPrintWarning", public=False, text="function")]
    analysis = analyse("ci: update Go version support to 1.25+ across CI and docs", [workflow, code], facts)
    assert (analysis.change_type, analysis.importance) == ("ci", "low")


def test_a_test_plumbing_change_with_a_dockerfile_flag_is_low():
    configure = change("configure.ac", ["AC_ARG_ENABLE([valgrind], [], [], [enable_valgrind=yes])"],
                       ["AC_ARG_ENABLE([valgrind], [], [], [enable_valgrind=no])"])
    docker = change("Dockerfile", ["      --disable-valgrind \\\\"], [])
    assert analyse("Disable Valgrind by default during testing", [configure, docker]).importance == "low"


def test_ci_words_about_credentials_yield_to_the_hunks():
    steps = [change(f".github/workflows/{name}.yml", [], ["        with:", "          persist-credentials: false"])
             for name in ("ci", "codeql")]
    assert analyse("ci: remove git credentials after checkout", steps).importance == "low"
    # without hunks the words are all there is: a CI change about secrets is worth a look
    bare = [change(".github/workflows/ci.yml", [], [])]
    bare[0].patch = None
    assert analyse("ci: pin secrets permissions", bare).importance == "medium"
