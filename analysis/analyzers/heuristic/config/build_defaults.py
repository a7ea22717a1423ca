"""A package's default features changed: what every build that does not choose its features compiles and pulls in."""

from __future__ import annotations

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
