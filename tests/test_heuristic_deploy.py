"""Deployment changes by what they do to the default render: Chart.yaml is the chart's manifest (a release, subchart
bumps), a default image tag moved is a dependency bump, keys added switched off and template blocks added under a
new condition are opt-in; facts built here as the diff analyzer writes them."""

from __future__ import annotations

from analysis.analyzers.heuristic.config.charts.deploy import (
    gated_template_change,
    off_by_default,
    rbac_grants,
    version_pin,
)
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change, patch_of


def _value(path: str, key: str, before: str, after: str) -> Fact:
    return Fact(kind="config_value_changed", path=path, symbol=key, before=before, after=after)


def test_a_chart_version_and_subchart_bump_is_a_low_build_change():
    chart = change("charts/web/Chart.yaml", ["version: 1.2.0", '    version: "7.5.*"'],
                   ["version: 1.3.0", '    version: "7.7.*"'])
    facts = [_value(chart.path, "version", "1.2.0", "1.3.0"),
             Fact(kind="dependency_changed", path=chart.path, symbol="redis", before="7.5.*", after="7.7.*")]
    analysis = analyse("[web] Update Helm release redis to 7.7.*", [chart], facts)
    assert (analysis.importance, analysis.change_type) == ("low", "build")
    assert not analysis.risks and "`redis` 7.7.*" in analysis.impact[0]


def test_a_chart_version_beside_a_changed_default_is_still_high():
    chart = change("charts/web/Chart.yaml", ["version: 1.2.0"], ["version: 1.3.0"])
    values = change("charts/web/values.yaml", ["replicas: 1"], ["replicas: 2"])
    facts = [_value(chart.path, "version", "1.2.0", "1.3.0"), _value(values.path, "replicas", "1", "2")]
    assert analyse("[web] Raise default replicas", [chart, values], facts).importance == "high"


def test_a_default_image_tag_moved_is_a_dependency_bump_a_major_one_medium():
    values = change("charts/web/values.yaml", ["    tag: v3.13.0-distroless"], ["    tag: v3.13.1-distroless"])
    patch = analyse("[web] Update quay.io/app Docker tag to v3.13.1", [values],
                    [_value(values.path, "image.tag", "v3.13.0-distroless", "v3.13.1-distroless")])
    major = analyse("[web] Update quay.io/app Docker tag to v4", [values],
                    [_value(values.path, "image.tag", "v3.13.0", "v4.0.0")])
    assert (patch.importance, patch.change_type) == ("low", "build")
    assert (major.importance, major.change_type) == ("medium", "build")


def test_a_version_looking_value_under_another_key_or_another_image_is_no_pin():
    assert version_pin(_value("values.yaml", "image", "nginx:1.25.3", "nginx:1.25.4"))
    assert not version_pin(_value("values.yaml", "image", "nginx:1.25.3", "caddy:2.7.6"))
    assert not version_pin(_value("values.yaml", "timeout", "1.5", "2.5"))
    assert not version_pin(_value("values.yaml", "image.tag", "latest", "v1.2.0"))


def test_keys_added_switched_off_are_opt_in():
    def added(value: str) -> Fact:
        return Fact(kind="config_key_added", path="values.yaml", symbol="authFilter", after=value)
    assert off_by_default(added('{"enabled":false}')) and off_by_default(added("[]")) and off_by_default(added("false"))
    assert not off_by_default(added('{"enabled":true}')) and not off_by_default(added("3"))


GATED = ['{{- if .Values.authFilter.enabled }}', '        - --auth-filter', '{{- end }}']


def test_a_block_added_under_a_new_condition_or_a_widened_condition_is_gated():
    assert gated_template_change(patch_of([], GATED))
    assert gated_template_change(patch_of(["{{- if $.Values.proxy.enabled }}"],
                                          ["{{- if or $.Values.proxy.enabled $.Values.authFilter.enabled }}"]))
    assert not gated_template_change(patch_of([], ["        - --auth-filter"]))
    assert not gated_template_change(patch_of(["        - --old-flag"], GATED))
    assert not gated_template_change(patch_of(["{{- if $.Values.proxy.enabled }}"], ["{{- if $.Values.other }}"]))


def test_an_opt_in_chart_feature_is_medium_one_switched_on_high():
    values = change("charts/web/values.yaml", [], ["authFilter:", "  enabled: false"])
    key = Fact(kind="config_key_added", path=values.path, symbol="authFilter", after='{"enabled":false}')
    gated = change("charts/web/templates/deployment.yaml", [], GATED)
    always = change("charts/web/templates/deployment.yaml", [], ["        - --auth-filter"])
    assert analyse("[web] add authFilter to enable --auth-filter", [values, gated], [key]).importance == "medium"
    # a template line added beside the old render is medium too, as every blind set labels a chart's fix or feature
    # (tune19b: the deploy clause alone was right 1 time in 11); a new switch on by default reaches every install
    assert analyse("[web] add authFilter to enable --auth-filter", [values, always], [key]).importance == "medium"
    on = key.model_copy(update={"after": '{"enabled":true}'})
    assert analyse("[web] add authFilter to enable --auth-filter", [values, gated], [on]).importance == "high"


RULE = ['{{ if has "serviceaccounts" $.Values.collectors }}', '- apiGroups: [""]', '  resources:', '  - serviceaccounts',
        '  verbs: ["list", "watch"]', '{{ end -}}']


def test_rbac_rules_added_whole_are_read_from_the_hunks_templated_or_not():
    assert rbac_grants(patch_of([], RULE)) == [(["list", "watch"], ["serviceaccounts"])]
    assert rbac_grants(patch_of([], ['- apiGroups: ["apps"]', '  resources: ["deployments"]', "  verbs:", "  - get"])) == [
        (["get"], ["deployments"])]
    assert rbac_grants(patch_of(['  verbs: ["list"]'], ['  verbs: ["list", "watch"]'])) == []  # a rule edited, not added


def test_an_opt_in_rbac_rule_is_named_in_summary_and_security_and_the_risk_says_opt_in():
    role = change("charts/ksm/templates/role.yaml", [], RULE)
    analysis = analyse("[ksm] Add RBAC rule for serviceaccounts collector", [role])
    assert analysis.importance == "medium"
    assert "Adds an RBAC rule to `charts/ksm/templates/role.yaml`: `list`, `watch` on `serviceaccounts`" in analysis.summary
    assert "Grants `list`, `watch` on `serviceaccounts`" in analysis.insights.security
    assert analysis.insights.compatibility.startswith("Off by default")
    assert [r.risk for r in analysis.risks][0].startswith("Opt-in deployment change")
