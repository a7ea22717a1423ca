"""Paths that are data, not code: translation files are low whatever their prefix; a space inside a value is a
value change, not whitespace; facts built here as the diff analyzer writes them."""

from __future__ import annotations

from analysis.analyzers.heuristic.evidence import classify_path
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change


def test_translation_files_are_i18n_code_under_a_locale_directory_is_not():
    assert "i18n" in classify_path("locales/nn.json") and "i18n" in classify_path("po/de.po")
    assert "i18n" in classify_path("src/i18n/messages.yaml")
    assert "i18n" not in classify_path("src/locale/format.js") and "i18n" not in classify_path("src/app.json")


def test_a_corrected_translation_is_a_low_fix():
    nn = change("locales/nn.json", ['  "Argument check failed: %s": "Argument sjekk mislukkast: %s",'],
                ['  "Argument check failed: %s": "Argumentsjekk mislukkast: %s",'])
    fact = Fact(kind="config_value_changed", path=nn.path, symbol='["Argument check failed: %s"]',
                before="Argument sjekk mislukkast: %s", after="Argumentsjekk mislukkast: %s")
    analysis = analyse("fix: improve Norwegian Nynorsk translations (#1207)", [nn], [fact])
    assert (analysis.importance, analysis.change_type) == ("low", "fix")
    assert "`Argumentsjekk mislukkast: %s`" in " ".join(analysis.summary)


def test_a_space_removed_inside_a_configuration_value_is_not_a_whitespace_change():
    conf = change("config/app.json", ['  "greeting": "Hello world"'], ['  "greeting": "Helloworld"'])
    fact = Fact(kind="config_value_changed", path=conf.path, symbol="greeting", before="Hello world", after="Helloworld")
    assert analyse("fix: greeting", [conf], [fact]).change_type == "fix"
    assert analyse("fix: greeting", [conf]).change_type == "chore"  # without the fact, only spaces moved


def test_a_zero_major_dependency_moving_to_its_next_series_is_low_and_said_so():
    fact = Fact(kind="dependency_changed", path="go.mod", symbol="github.com/a/locafero", before="v0.5.0", after="v0.6.0")
    analysis = analyse("chore: update locafero", [change("go.mod", ["\tgithub.com/a/locafero v0.5.0"],
                                                         ["\tgithub.com/a/locafero v0.6.0"])], [fact])
    assert (analysis.importance, analysis.change_type) == ("low", "build")
    assert "next zero-major series" in analysis.insights.compatibility and not analysis.risks


def test_a_chart_ci_values_file_and_a_top_level_ci_directory_are_ci_a_package_named_ci_is_product():
    assert "ci" in classify_path("charts/prometheus/ci/17-daemonset-values.yaml")
    assert "ci" in classify_path("ci/run.sh")
    assert "ci" not in classify_path("pkg/ci/runner.go")


def test_a_chart_manifest_is_build_its_values_are_deployment():
    assert classify_path("charts/web/Chart.yaml") == {"build"} and "lock" in classify_path("charts/web/Chart.lock")
    assert "deploy" in classify_path("charts/web/values.yaml")
