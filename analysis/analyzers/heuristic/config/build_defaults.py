"""A package's features changed: its default features (what every build that does not choose its features compiles
and pulls in), and features dependants can name no longer offered."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.analyzers.heuristic.code.side_files import side_manifest
from analysis.models import Fact

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: the key of a manifest's default feature list (Cargo's ``[features] default = [...]``)
_DEFAULT_FEATURES = ("features.default",)
_KINDS = ("config_key_added", "config_key_removed", "config_value_changed")


def default_features_changed(e: Evidence) -> list[Fact]:
    """Entries added to or removed from the product manifest's default features (``tracing`` now on by default):
    every dependent using the defaults builds other code and dependencies, and sees the feature's behaviour."""
    return [f for f in e.facts if f.kind in _KINDS and (f.symbol or "").startswith(_DEFAULT_FEATURES)
            and "build" in e.classes.get(f.path, set()) and not side_manifest(e.classes[f.path])]


#: a Cargo feature of its own (``features.trust-dns``), not an entry of a feature's list; ``_``-led ones are private
_FEATURE = re.compile(r"^features\.(?P<name>[A-Za-z0-9][\w-]*)$")


def features_removed(e: Evidence) -> tuple[list[str], list[str]]:
    """Features the product's Cargo manifest no longer offers (dependants naming them in ``features = [..]`` stop
    building), and the features it adds in the same change (perhaps their new names)."""
    found: dict[str, list[str]] = {"config_key_removed": [], "config_key_added": []}
    for f in e.facts:
        match = _FEATURE.match(f.symbol or "")
        if (match and f.kind in found and f.text is None and f.path.rsplit("/", 1)[-1] == "Cargo.toml"
                and not side_manifest(e.classes.get(f.path, set()))):
            found[f.kind].append(match.group("name"))
    return found["config_key_removed"], found["config_key_added"]
