"""Change types the fourth round's days showed: an emoji-led release title is a release, "Fix clippy lints" is
upkeep, a "feat:" that only moves a dependency range is a build change, a "chore:" over a test file is a test."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change


def test_an_emoji_led_release_title_is_a_release():
    version = change("typer/__init__.py", ['__version__ = "0.7.0"'], ['__version__ = "0.8.0"'])
    assert analyse("🔖 Release version 0.8.0", [version]).change_type == "chore"


def test_fixing_what_the_linter_flags_is_a_chore_and_a_real_fix_is_not():
    rust = change("src/kv/key.rs", ["    fn to_key(&self) -> Key;"], ["    fn to_key(&self) -> Key<'_>;"])
    assert analyse("Fix clippy lints", [rust]).change_type == "chore"
    assert analyse("Fix compiler warnings on MSVC", [rust]).change_type == "chore"
    assert analyse("Fix key lookup in nested maps", [rust]).change_type == "fix"


def test_a_feat_prefix_over_a_dependency_range_only_is_a_build_change():
    manifest = change("packages/pinia/package.json", ['    "@vue/devtools-api": "^6.1.0",'],
                      ['    "@vue/devtools-api": "^6.1.4",'])
    bump = Fact(kind="dependency_changed", path=manifest.path, symbol="@vue/devtools-api", before="^6.1.0", after="^6.1.4")
    assert analyse("feat: update devtools-api", [manifest], [bump]).change_type == "build"


def test_a_chore_prefix_over_a_test_file_is_a_test_and_over_an_issue_template_a_chore():
    spec = change("packages/pinia/__tests__/subscriptions.spec.ts", ["    // const spy = jest.fn()"],
                  ["    const spy = jest.fn()"])
    assert analyse("chore: unused variable", [spec]).change_type == "test"
    template = change(".github/ISSUE_TEMPLATE/bug_report.yml", ["description: An issue"], ["description: A bug"])
    assert analyse("chore: issue template wording", [template]).change_type == "chore"
