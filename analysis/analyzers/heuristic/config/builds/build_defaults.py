"""A package's features changed: its default features (what every build that does not choose its features compiles
and pulls in), and the features dependants name in their own manifests (public API of the crate): no longer offered,
the default set narrowed, public items gated behind a new feature."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.analyzers.heuristic.code.side_files import side_manifest
from analysis.facts.config import DEFAULT_NARROWED
from analysis.models import Fact

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: the key of a manifest's default feature list (Cargo's ``[features] default = [...]``)
_DEFAULT_FEATURES = ("features.default",)
_KINDS = ("config_key_added", "config_key_removed", "config_value_changed")
#: a Cargo feature of its own (``features.trust-dns``), not an entry of a feature's list; ``_``-led ones are private
_FEATURE = re.compile(r"^features\.(?P<name>[A-Za-z0-9][\w-]*)$")
#: an attribute added in a Rust patch that compiles the next item only with one feature on
_GATE_ADDED = re.compile(r'^\+\s*#\[cfg\(feature\s*=\s*"([\w-]+)"\)\]\s*$')
#: lines that may sit between an attribute and its item: other attributes, doc comments
_BETWEEN = re.compile(r"^[+ ]\s*(#\[|///|//!)")
#: a public item kept as it was (a context line): what callers used before the gate
_PUBLIC_ITEM_KEPT = re.compile(r"^ \s*pub\s+(?:(?:async|const|unsafe)\s+)*(?:fn|struct|enum|trait|type|mod)\s+(\w+)")


def _product_manifest(e: Evidence, fact: Fact) -> bool:
    classes = e.classes.get(fact.path, set())
    return "build" in classes and not side_manifest(classes) and fact.path.rsplit("/", 1)[-1] == "Cargo.toml"


def default_features_changed(e: Evidence) -> list[Fact]:
    """Entries added to or removed from the product manifest's default features (``tracing`` now on by default):
    every dependent using the defaults builds other code and dependencies, and sees the feature's behaviour."""
    return [f for f in e.facts if f.kind in _KINDS and (f.symbol or "").startswith(_DEFAULT_FEATURES)
            and "build" in e.classes.get(f.path, set()) and not side_manifest(e.classes[f.path])]


def features_removed(e: Evidence) -> tuple[list[str], list[str]]:
    """Features the product's Cargo manifest no longer offers (dependants naming them in ``features = [..]`` stop
    building), and the features it adds in the same change (perhaps their new names). An entry swapped for its alias
    is no feature gone; one the old default set reached (marked narrowed) still is."""
    found: dict[str, list[str]] = {"config_key_removed": [], "config_key_added": []}
    for f in e.facts:
        match = _FEATURE.match(f.symbol or "")
        if (match and f.kind in found and f.text in (None, DEFAULT_NARROWED) and _product_manifest(e, f)):
            found[f.kind].append(match.group("name"))
    return found["config_key_removed"], found["config_key_added"]


def default_narrowed(e: Evidence) -> list[Fact]:
    """The default features no longer enable all they did (the facts mark it): what default builds had, a TLS
    backend or an optional crate, is gone for every dependant that did not choose its features."""
    return [f for f in e.facts if f.text == DEFAULT_NARROWED and _product_manifest(e, f)]


def api_gated(e: Evidence) -> list[str]:
    """Public Rust items that stay as they were but now compile only with a feature this commit adds and leaves out
    of the default set: default builds lose them (``pub fn query`` behind a new ``query`` feature)."""
    added = set(features_removed(e)[1])
    added -= {(f.symbol or "").partition("[")[2].rstrip("]") for f in default_features_changed(e)}
    if not added:
        return []
    names: list[str] = []
    for change in e.behaviour:
        if not change.path.endswith(".rs"):
            continue
        gate = None
        for line in (change.patch or "").splitlines():
            if m := _GATE_ADDED.match(line):
                gate = m.group(1)
            elif gate and (item := _PUBLIC_ITEM_KEPT.match(line)):
                if gate in added:
                    names.append(item.group(1))
                gate = None
            elif not _BETWEEN.match(line):
                gate = None
    return list(dict.fromkeys(names))


def features_broken(e: Evidence) -> bool:
    """What dependants' builds rely on in a crate's features is gone: a public feature removed or renamed, the
    default set narrowed, or public items put behind a new feature that is off by default."""
    return bool(features_removed(e)[0] or default_narrowed(e) or api_gated(e))
