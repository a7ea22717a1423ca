"""Rust's public modules, read from the hunks: a ``pub mod name`` a file no longer declares is a path callers
imported (``use time_core::convert::*``), gone or renamed, even when a ``#[deprecated]`` module of the old name
re-exports the new one (every such import now warns, and fails under ``deny(warnings)``).

A binary crate's root (``src/main.rs``, a program of ``src/bin/``) declares a program's modules: ``pub mod fshelper;``
there is no path another crate imports, so dropping it breaks no one (fd's "Move filter up from internal")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.code.rust_modules import binary_root
from analysis.models import FileChange

#: a public module declared: ``pub mod convert;``, ``pub mod convert {`` (``pub(crate)`` is not public)
_PUB_MOD = re.compile(r"^pub\s+mod\s+(?P<name>\w+)\s*[;{]")
_DEPRECATED = re.compile(r"^#\[deprecated\b")


def _declared(lines: list[str]) -> set[str]:
    """Public modules these lines declare, less those a ``#[deprecated]`` attribute just above marks."""
    out, deprecated = set(), False
    for line in lines:
        text = line.strip()
        if (m := _PUB_MOD.match(text)) and not deprecated:
            out.add(m.group("name"))
        if text.startswith("#["):
            deprecated = deprecated or bool(_DEPRECATED.match(text))
        elif not text.startswith("///") and text:
            deprecated = False
    return out


def public_modules_gone(files: Iterable[FileChange]) -> list[tuple[str, str]]:
    """(path, module) of the ``pub mod`` declarations a Rust file removes and does not declare again (a module
    deprecated in its place does not count as declared)."""
    out = []
    for f in files:
        if not f.path.endswith(".rs") or not f.patch or binary_root(f.path):
            continue
        removed = [ln[1:] for ln in f.patch.splitlines() if ln.startswith("-") and not ln.startswith("---")]
        added = [ln[1:] for ln in f.patch.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
        kept = {name for name in _declared([ln[1:] for ln in f.patch.splitlines()
                                            if ln[:1] == " "])}  # context lines
        out += [(f.path, name) for name in sorted(_declared(removed) - _declared(added) - kept)]
    return out
