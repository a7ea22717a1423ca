"""A package's features changed: its default features (what every build that does not choose its features compiles
and pulls in), and the features dependants name in their own manifests (public API of the crate): no longer offered,
the default set narrowed, public items gated behind a new feature, a crate every build had made optional."""

from __future__ import annotations

import json
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


#: a dependency of a Cargo manifest written on one line (``tracing = { version = "0.1", optional = true }``)
_DEPENDENCY_LINE = re.compile(r"^[-+]\s*(?P<name>[A-Za-z0-9][\w-]*)\s*=\s*\{(?P<spec>.*)\}\s*$")
_OPTIONAL = re.compile(r"\boptional\s*=\s*true\b")


def _default_text(fact: Fact) -> str:
    """What a ``[features]`` fact says the default set holds: the default list of a whole table added
    (``features`` -> ``{"default": [...]}``), or the value of the default list itself."""
    if fact.symbol == "features":
        try:
            table = json.loads(fact.after or "{}")
        except ValueError:
            return fact.after or ""
        return json.dumps(table.get("default", [])) if isinstance(table, dict) else ""
    return f"{fact.symbol} {fact.after or ''}" if (fact.symbol or "").startswith(_DEFAULT_FEATURES) else ""


def crates_made_optional(e: Evidence) -> list[str]:
    """Dependencies of the product's Cargo manifest that every build compiled and that the commit makes optional
    (its line replaced by one with ``optional = true``), with no default feature turned on beside it: default
    builds lose the crate and the code gated on it (``tracing`` made optional, its ``trace!`` calls put behind
    ``#[cfg(feature = "tracing")]``: dependants see no traces until they name the feature)."""
    defaults = " ".join(_default_text(f) for f in e.facts if (f.symbol or "").startswith("features")
                        and f.path.rsplit("/", 1)[-1] == "Cargo.toml")
    names: list[str] = []
    for f in e.files:
        classes = e.classes.get(f.path, set())
        if (not f.patch or f.path.rsplit("/", 1)[-1] != "Cargo.toml" or "build" not in classes
                or side_manifest(classes)):
            continue
        removed: dict[str, bool] = {}  # the block's removed dependency lines: crate -> optional already
        for line in f.patch.splitlines():
            match = _DEPENDENCY_LINE.match(line)
            if line.startswith("-") and match:
                removed[match.group("name")] = bool(_OPTIONAL.search(match.group("spec")))
            elif line.startswith("+") and match:
                name = match.group("name")
                if _OPTIONAL.search(match.group("spec")) and removed.get(name) is False and name not in defaults:
                    names.append(name)
            elif not line.startswith(("-", "+")):
                removed = {}  # a context line ends the block of replaced lines
    return list(dict.fromkeys(names))


def features_broken(e: Evidence) -> bool:
    """What dependants' builds rely on in a crate's features is gone: a public feature removed or renamed, the
    default set narrowed, public items put behind a new feature that is off by default, or a crate every build
    had made optional."""
    return bool(features_removed(e)[0] or default_narrowed(e) or api_gated(e) or crates_made_optional(e))
