"""Files that are not product code under layouts of other ecosystems: Gradle test source sets and test-support
modules, a repository's top-level tools/ and hack/, Make fragments, root tool dotfiles, and vendoring pins of
another repository's commit; facts built here as the diff analyzer writes them."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.charts.deploy import version_pin
from analysis.analyzers.heuristic.evidence import classify_path
from analysis.facts.languages import is_test_path
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change


def test_gradle_test_source_sets_are_tests_main_and_look_alikes_are_not():
    for path in ("okhttp/src/jvmTest/kotlin/okhttp3/tls/ClientAuthTest.kt", "core/src/commonTest/kotlin/A.kt",
                 "app/src/androidInstrumentedTest/java/B.java", "lib/src/testFixtures/kotlin/C.kt"):
        assert "test" in classify_path(path) and is_test_path(path), path
        assert "security" not in classify_path(path)
    for path in ("okhttp/src/jvmMain/kotlin/okhttp3/Call.kt", "src/latest/app.py", "src/contest/app.py"):
        assert "test" not in classify_path(path) and not is_test_path(path), path


def test_a_module_of_test_support_is_not_product_code():
    assert "test" in classify_path("okhttp-testing-support/src/main/kotlin/okhttp3/RecordingEventListener.kt")
    assert "test" in classify_path("foo-test-fixtures/src/main/java/Fixture.java")
    assert "test" not in classify_path("okhttp-sse/src/main/kotlin/EventSource.kt")


def test_top_level_tools_and_hack_are_tooling_a_nested_tools_package_is_not():
    assert "tooling" in classify_path("tools/serve_header/serve_header.py")
    assert "tooling" in classify_path("hack/update-codegen.sh")
    assert "tooling" not in classify_path("src/tools/cli.py")


def test_make_fragments_are_build_and_root_tool_dotfiles_tooling():
    assert "build" in classify_path("make/e2e-setup.mk")
    assert "tooling" in classify_path(".lgtm.yml") and "tooling" in classify_path(".swiftlint.yml")
    assert "tooling" not in classify_path("config/.settings.yml")
    assert "ci" in classify_path(".pre-commit-config.yaml") and "tooling" not in classify_path(".pre-commit-config.yaml")


def test_a_test_rewrite_in_a_gradle_source_set_is_a_low_test_change():
    kt = change("okhttp/src/jvmTest/kotlin/okhttp3/EventListenerTest.kt",
                ['    assertThat(listener.recordedEventTypes()).containsExactly("CallStart")'],
                ["    assertThat(listener.recordedEventTypes()).containsExactly(CallStart::class)"])
    analysis = analyse("Fewer strings in EventListener asserts (#9118)", [kt])
    assert (analysis.importance, analysis.change_type) == ("low", "test")


def _pin(key: str, before: str, after: str) -> Fact:
    return Fact(kind="config_value_changed", path="klone.yaml", symbol=key, before=before, after=after)


def test_a_vendored_repositorys_commit_moved_is_a_pin_not_a_setting():
    old, new = "72b0d3467f94aaccb0be1d7cdf56c1e1cf165820", "c9f456aba467621bc7836179b91b99e0fe0a3f21"
    assert version_pin(_pin('targets["make/_shared"][0].repo_hash', old, new))
    assert version_pin(_pin("repos[0].rev", "a1b2c3d", "d4e5f60"))
    assert not version_pin(_pin("repo_hash", old, "main")) and not version_pin(_pin("timeout", "1234567", "2345678"))
    klone = change("klone.yaml", [f"      repo_hash: {old}"], [f"      repo_hash: {new}"])
    analysis = analyse("Bump the shared makefile modules", [klone], [_pin('targets["make/_shared"][0].repo_hash', old, new)])
    assert (analysis.importance, analysis.change_type) == ("low", "build") and not analysis.risks


def test_a_root_data_file_no_convention_names_is_a_tools_settings():
    assert "tooling" in classify_path("wsjcpp.yml") and "tooling" in classify_path("turbo.json")
    for path in ("package.json", "values.yaml", "docker-compose.yml", "config/app.yaml", "Cargo.toml"):
        assert "tooling" not in classify_path(path), path
    manifest = change("wsjcpp.yml", [], ['  - source-file: "single_include/json_fwd.hpp"', '    type: "source-code"'])
    fact = Fact(kind="config_key_added", path=manifest.path, symbol="distribution[single_include/json_fwd.hpp]",
                after='{"source-file":"single_include/json_fwd.hpp","type":"source-code"}')
    assert analyse("Add amalgamated json-fwd.hpp to release (#3687)", [manifest], [fact]).importance == "low"
