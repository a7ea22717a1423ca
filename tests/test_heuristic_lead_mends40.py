"""Lead mends after the fortieth sets: a Rust module declared ``pub(crate)`` whose items the crate root re-exports
keeps them public (image's ``ImageFormat`` in ``src/io/format.rs``, re-exported by ``src/lib.rs``, read as private and
its removed variant as low through the product, where the fixture without ``lib.rs`` read it high)."""

from __future__ import annotations

from analysis.facts import derive_facts
from tests.facts_support import SHA, commit_of

_FORMAT = "pub enum ImageFormat {\n    Png,\n    Jpeg,\n}\n\npub fn guess(bytes: &[u8]) -> ImageFormat {\n    ImageFormat::Png\n}\n"
_IO = "pub(crate) mod format;\npub(crate) mod limits;\n"


def _public(source: dict[str, str]) -> dict[str, bool]:
    commit, texts = commit_of({"src/io/format.rs": (None, _FORMAT)})
    for path, text in source.items():
        texts.texts[(SHA, path)] = text
    return {f.symbol: f.public for f in derive_facts(commit, texts) if f.kind == "symbol_added"}


def test_items_the_crate_root_re_exports_from_a_private_module_stay_public():
    lib = "pub mod io;\n\npub use crate::io::{\n    format::ImageFormat,\n    limits::Limits,\n};\n"
    assert _public({"src/io.rs": _IO, "src/lib.rs": lib}) == {"ImageFormat": True, "guess": False}


def test_a_private_module_whose_crate_root_is_unseen_keeps_the_convention():
    assert _public({"src/io.rs": _IO}) == {"ImageFormat": True, "guess": True}


def test_a_private_module_the_crate_root_does_not_re_export_is_private():
    assert _public({"src/io.rs": _IO, "src/lib.rs": "pub mod io;\npub use crate::io::limits::Limits;\n"}) == {
        "ImageFormat": False, "guess": False}


def test_a_namesake_module_re_exported_at_the_root_keeps_the_nested_one_private():
    # serde_with: ``pub use crate::{de::*}`` in lib.rs is its own ``de``, not the private ``io::format``'s namesake
    lib = "pub mod io;\npub mod format;\npub use crate::{format::*};\n"
    assert _public({"src/io.rs": _IO, "src/lib.rs": lib}) == {"ImageFormat": False, "guess": False}
