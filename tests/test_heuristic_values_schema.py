"""A Helm chart's values schema beside its values: optional properties added for keys that default to off are an
opt-in feature (medium), a reworded description is documentation (low), a removed key still breaks (high); the
deployment sentences name the keys each change touches. Facts built here as the diff analyzer writes them."""

from __future__ import annotations

import json

from analysis.analyzers.heuristic.config.charts.deploy import off_by_default, optional_property_added, schema_note
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change

SCHEMA, VALUES = "web/values.schema.json", "web/values.yaml"


def _added(path: str, key: str, value: str, text: str | None = None) -> Fact:
    return Fact(kind="config_key_added", path=path, symbol=key, after=value, text=text)


def _property(name: str, body: dict) -> Fact:
    return _added(SCHEMA, f"properties.api.properties.{name}", json.dumps(body), f"field api.{name} added")


def _files(schema_lines: int = 4) -> list:
    return [change(SCHEMA, [], [f'      "x{i}": 1,' for i in range(schema_lines)]),
            change(VALUES, [], ["  dashboardName: \"\""]), change("web/templates/_podtemplate.tpl", [], ["          - \"--api.dashboardName={{ . }}\""])]


def test_empty_null_and_a_helm_zero_are_off_by_default():
    assert off_by_default(_added(VALUES, "api.dashboardName", ""))
    assert off_by_default(_added(VALUES, "api.buffering", "null"))
    assert off_by_default(_added(VALUES, "api.bodySize", "0"))  # Go templates' ``if`` takes 0 as false
    assert not off_by_default(_added("deploy/app.yaml", "spec.replicas", "0"))  # not a Helm values file
    assert not off_by_default(_added(VALUES, "api.name", "traefik"))


def test_an_optional_property_has_no_required_list_and_no_default_that_turns_something_on():
    assert optional_property_added(_property("dashboardName", {"type": ["string", "null"], "description": "Name"}))
    assert optional_property_added(_property("dual", {"type": "boolean", "default": False}))
    assert not optional_property_added(_property("dual", {"type": "boolean", "default": True}))
    assert not optional_property_added(_property("tls", {"type": "object", "required": ["secret"]}))
    clipped = _added(SCHEMA, "properties.api.properties.timeout", '{"description":"Amount of time to wait (default…',
                     "field api.timeout added")
    assert optional_property_added(clipped)


def test_an_optional_schema_property_for_a_value_added_switched_off_is_a_medium_feature():
    facts = [_property("dashboardName", {"type": ["string", "null"], "description": "Custom dashboard name"}),
             _added(VALUES, "api.dashboardName", "")]
    analysis = analyse("feat(api): add dashboardName option", _files(), facts)
    assert (analysis.importance, analysis.change_type) == ("medium", "feature")
    assert any("`api.dashboardName`" in r.risk for r in analysis.risks)


def test_the_same_schema_property_for_a_value_switched_on_stays_high():
    facts = [_property("dual", {"type": "boolean"}), _added(VALUES, "api.dual", "true")]
    assert analyse("feat(api): add dual option", _files(), facts).importance == "high"
    # a value given a default beside the old render (a name, ``authentication: none``) is an option: medium, as the
    # blind sets label it (tune19b)
    facts = [_property("dashboardName", {"type": "string"}), _added(VALUES, "api.dashboardName", "main")]
    assert analyse("feat(api): add dashboardName option", _files(), facts).importance == "medium"


def test_a_schema_property_removed_stays_high():
    facts = [Fact(kind="config_key_removed", path=SCHEMA, symbol="properties.hub.properties.uplink", before="{}",
                  text="field hub.uplink removed"), _added(VALUES, "ports.web.uplink", "null")]
    assert analyse("fix(hub): uplink entrypoints", _files(), facts).importance == "high"


def test_a_reworded_schema_description_is_documentation():
    note = Fact(kind="config_value_changed", path=SCHEMA, text="description of providers.gateway.namespaces",
                symbol="properties.providers.properties.gateway.properties.namespaces.description",
                before="Namespaces to watch.", after="Namespaces to watch; all when empty.")
    assert schema_note(note) and not schema_note(_property("x", {}))
    files = [change(SCHEMA, ['  "description": "Namespaces to watch."'],
                    ['  "description": "Namespaces to watch; all when empty."']),
             change("web/VALUES.md", ["| namespaces | watch |"], ["| namespaces | watch; all when empty |"])]
    analysis = analyse("docs(gateway): improve wording on namespaces", files, [note])
    assert (analysis.importance, analysis.change_type) == ("low", "docs")
