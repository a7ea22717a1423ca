"""Which configuration and deployment changes operators notice: keys, defaults, pins, RBAC grants, opt-in values."""

from __future__ import annotations

from functools import cached_property

from analysis.analyzers.heuristic.api.comma_appended import comma_appended_only
from analysis.analyzers.heuristic.api.opened_members import finals_dropped_only
from analysis.analyzers.heuristic.api.private_sources import private_attributes_only, private_declarations_only
from analysis.analyzers.heuristic.api.private_stub_lines import private_stub_lines_only
from analysis.analyzers.heuristic.code.hunks import layout_only
from analysis.analyzers.heuristic.config.charts.deploy import (
    gated_template_change,
    off_by_default,
    optional_property_added,
    pinned_items,
    rbac_grants,
    schema_note,
    schema_widened,
    templated,
    version_pin,
)
from analysis.analyzers.heuristic.config.charts.printer_columns import printer_columns_only
from analysis.analyzers.heuristic.config.charts.version_stamps import version_stamps_only
from analysis.analyzers.heuristic.config.empty_settings import (
    empty_files_removed,
    empty_setting_removed,
    empty_value_respelled,
    names_removed_empty_file,
)
from analysis.analyzers.heuristic.config.marketplace import marketplace_packaging
from analysis.analyzers.heuristic.noticed import noticed_parts
from analysis.facts.config_moves import MOVED_FROM, MOVED_TO
from analysis.facts.languages import grammar_for
from analysis.models import Fact


class ConfigChanges:
    """Configuration and deployment changes of a commit (mixed into ``Evidence``, whose facts and files it reads)."""

    @cached_property
    def pinned(self) -> set[str]:
        """Configuration files whose every change is a version pin moved (a default image tag): dependency bumps."""
        keyed: dict[str, list[Fact]] = {}
        for fact in self.of("config_key_added", "config_key_removed", "config_value_changed"):
            # a manifest's own ``version`` is a release, not a pin; a vendoring manifest (tooling) pins other repos
            if self.in_product(fact) or "tooling" in self.classes.get(fact.path, set()):
                keyed.setdefault(fact.path, []).append(fact)
        return {path for path, facts in keyed.items()
                if all(version_pin(f) or id(f) in pinned_items(facts) for f in facts)}

    @cached_property
    def version_pins(self) -> list[Fact]:
        return [f for f in self.of("config_value_changed") if f.path in self.pinned]

    @cached_property
    def rbac_grants(self) -> list[tuple[str, list[str], list[str], int]]:
        """(path, verbs, resources, how many) of the Kubernetes RBAC rules added whole to product YAML files: rules
        granting the same verbs on the same resources in one file (one per role a chart adds) are one grant."""
        counted: dict[tuple[str, tuple[str, ...], tuple[str, ...]], int] = {}
        for f in self.behaviour:
            if f.path.lower().endswith((".yaml", ".yml")):
                for verbs, resources in rbac_grants(f.patch):
                    key = (f.path, tuple(verbs), tuple(resources))
                    counted[key] = counted.get(key, 0) + 1
        return [(path, list(verbs), list(resources), n) for (path, verbs, resources), n in counted.items()]

    @cached_property
    def opt_in(self) -> bool:
        """Every deployment file's change leaves the default render as it was: keys added switched off, template
        blocks added under a new condition (an operator must turn the new behaviour on), optional properties added
        to the values schema."""
        deploy = [f for f in self.behaviour if "deploy" in self.classes[f.path]]
        if not deploy:
            return False
        for f in deploy:
            facts = [x for x in self.config if x.path == f.path]
            if "api" in self.classes[f.path] and facts and all(optional_property_added(x) for x in facts):
                continue  # the values schema gains optional properties: documents that validated still do
            if templated(f.patch):
                if not gated_template_change(f.patch):  # the keys a gated block adds render only once it is on
                    return False
            elif not facts or not all(off_by_default(x) for x in facts):
                return False
        return True

    @cached_property
    def config(self) -> list[Fact]:
        """Configuration and schema changes in files the product reads (not build manifests, not CI), less a
        schema's documentation (descriptions, titles, examples), less entries naming an empty file deleted."""
        emptied = empty_files_removed(self.files)  # an entry naming a deleted empty manifest applied nothing
        return [f for f in self.of("config_key_added", "config_key_removed", "config_value_changed")
                if self.in_product(f) and f.path not in self.pinned and not schema_note(f)
                and f.path not in self.printer_columns and not names_removed_empty_file(f, emptied)]

    @cached_property
    def printer_columns(self) -> set[str]:
        """CRDs whose printer columns alone change: what ``kubectl get`` shows, not what manifests may hold."""
        return {f.path for f in self.files if printer_columns_only(f.path, f.patch)}

    @cached_property
    def optional_schemas(self) -> set[str]:
        """Schemas of opt-in deployment values: every change is an optional property added (or documentation),
        and the values it describes are added switched off (a Helm chart's ``values.schema.json`` beside
        ``values.yaml``): documents that validated before still do, and render as before."""
        if not self.opt_in:
            return set()
        out = set()
        for path in self.paths("api"):
            facts = [f for f in self.config if f.path == path]
            if facts and all(optional_property_added(f) for f in facts):
                out.add(path)
        return out

    @cached_property
    def api_changes(self) -> list[str]:
        """Interface files (schemas, IDL, stubs) whose change callers or operators notice: not documentation alone,
        not optional properties added for opt-in values, not the versions a copied upstream file is stamped with,
        not plain code there whose changed declarations are all private."""
        return [f.path for f in self.files if "api" in self.classes[f.path] and f.path not in self.cosmetic
                and f.path not in self.optional_schemas and not self._bodies_only(f.path)
                and not self._private_only(f.path, f.patch) and not self._laid_out_only(f.path, f.patch)
                and f.path not in self.printer_columns and not version_stamps_only(f.path, f.patch)]

    @cached_property
    def interfaces_appended(self) -> list[str]:
        """Interface files already there that only gain lines (an API dump's new ``getDnsResolver``), or whose lines
        only lose ``final`` beside them (a class or method opened to subclasses), or whose old last entry only gains
        the ``,`` an entry appended after it needs (a JSON schema's new property): API added beside what callers
        had, nothing of theirs changed. A chart's values schema is left to ``optional_schemas``: whether its new
        value renders in every install is what decides there."""
        return [f.path for f in self.files if f.path in self.api_changes and f.status == "modified"
                and (f.additions and not f.deletions or finals_dropped_only(f.patch)
                     or (comma_appended_only(f.patch) and "deploy" not in self.classes[f.path]))]

    @cached_property
    def interfaces_added(self) -> list[str]:
        """Interface files the commit creates (a new CRD, a new module's API dump): a new public surface."""
        return [f.path for f in self.files if f.path in self.api_changes and f.status == "added"]

    def _bodies_only(self, path: str) -> bool:
        """Source code in an API package (``pkg/apis/v1/expansion.go``) whose facts see only function bodies
        rewritten: no declaration added, removed or re-signed, no field, base or reach changed. Its types and
        signatures, what clients compile against, are as they were."""
        facts = [f for f in self.facts if f.path == path]
        return (grammar_for(path) is not None and bool(facts)
                and all(f.kind == "symbol_modified" and not noticed_parts(f) for f in facts))

    def _private_only(self, path: str, patch: str | None) -> bool:
        """Source code in an interface-like directory (hyper's ``src/proto/h1/conn.rs``) whose facts name only
        private declarations, or whose only lines are Rust attributes on items the crate keeps to itself, or a
        Python stub's imports and private aliases."""
        if grammar_for(path) is None:
            return False
        return (private_declarations_only((f for f in self.facts if f.path == path), self.is_public)
                or private_attributes_only(path, patch)
                or private_stub_lines_only(path, patch))  # a stub's imports and private aliases: not exported

    def _laid_out_only(self, path: str, patch: str | None) -> bool:
        """Source code in an interface-like directory (``key_binding/bindings/mouse.py``) whose hunks hold the same
        tokens before and after, comments aside: a formatter's run (a table's columns re-aligned, its quotes
        swapped, a ``# flake8: noqa`` dropped) declares what it declared."""
        return grammar_for(path) is not None and bool(patch) and layout_only(patch, path)

    @cached_property
    def keys_moved_only(self) -> bool:
        """Every file of the commit is configuration whose changes are keys moved between its files, nothing else."""
        moved = {f.path for f in self.facts if (f.text or "").startswith((MOVED_TO, MOVED_FROM))}
        return bool(moved) and all(f.path in moved and not [x for x in self.facts if x.path == f.path and not (
            x.text or "").startswith((MOVED_TO, MOVED_FROM))] for f in self.files)

    @cached_property
    def config_breaks(self) -> list[Fact]:
        """Keys removed and values changed; a key moved to another file of the commit (same path, same value) is
        regrouped, not lost; a deployment's key listed with an empty value removed renders as it did (see
        ``empty_setting_removed``), and so does one whose empty value is written in another form."""
        return [f for f in self.config if f.kind != "config_key_added" and not (f.text or "").startswith(MOVED_TO)
                and not empty_setting_removed(f, self.classes.get(f.path, set()))
                and not marketplace_packaging(f.path)  # an offer's ARM template or portal form: the next purchase
                and not version_pin(f)  # a default image tag moved beside other settings: a version bump
                and not schema_widened(f)  # a schema accepting more: what validated still does
                and not empty_value_respelled(f, self.classes.get(f.path, set()))]
