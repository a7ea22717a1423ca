"""Rust code gated on a cfg its build script no longer sets: the branch older compilers took, deleted."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import Hunk, parse_patch
from analysis.models import FileChange

#: a build script setting a cfg for the crate: ``println!("cargo:rustc-cfg=no_const_vec_new")``
_RUSTC_CFG = re.compile(r"cargo::?rustc-cfg=([A-Za-z_]\w*)")
#: an attribute line: ``#[non_exhaustive]``, ``#[cfg(not(no_alloc_crate))]``
_ATTRIBUTE = re.compile(r"^\s*#\[(?P<inner>.*)\]\s*(//.*)?$")
#: a comment line (a block comment's ``* `` continuation too; ``*ptr = 0;`` is code)
_COMMENT = re.compile(r"^\s*(//|/\*|\*/|\*(\s|$))")


def _retired(files: list[FileChange]) -> set[str]:
    """The cfgs a build script stops setting (removed, not set again on an added line)."""
    removed, added = set(), set()
    for f in files:
        if f.path.rsplit("/", 1)[-1] == "build.rs":
            patch = parse_patch(f.path, f.patch)
            removed |= {m.group(1) for line in patch.removed for m in _RUSTC_CFG.finditer(line.text)}
            added |= {m.group(1) for line in patch.added for m in _RUSTC_CFG.finditer(line.text)}
    return removed - added


def _quiet(text: str) -> bool:
    return not text.strip() or bool(_COMMENT.match(text))


def _hunk_retires(hunk: Hunk, names: re.Pattern[str]) -> bool:
    """Each run of removed lines names a retired cfg (the gate and the item under it, or the build script's block
    that set it), and each added line is an attribute a removed ``cfg_attr(not(NAME), attr)`` applied."""
    gated = [line.text for line in hunk.removed if names.search(line.text)]
    for line in hunk.added:
        attribute = _ATTRIBUTE.match(line.text)
        if not _quiet(line.text) and not (attribute and any(attribute.group("inner") in text for text in gated)):
            return False
    run: list[str] = []
    for line in [*hunk.lines, None]:
        if line is not None and line.kind == "-":
            run.append(line.text)
            continue
        if run and not all(_quiet(text) for text in run) and not any(names.search(text) for text in run):
            return False
        run = []
    return True


def cfgs_retired_only(behaviour: Iterable[FileChange], files: Iterable[FileChange]) -> bool:
    """Every product file is Rust, the build script among ``files`` stops setting a cfg
    (``cargo:rustc-cfg=no_const_vec_new``, set for compilers older than the project now supports), and every hunk
    of the product files and the build script only deletes code gated on such a cfg (or keeps the attribute a
    ``cfg_attr`` applied on newer compilers): supported compilers build exactly the code they built."""
    behaviour = list(behaviour)
    scripts = [f for f in files if f.path.rsplit("/", 1)[-1] == "build.rs" and f not in behaviour]
    if not behaviour or not all(f.path.endswith(".rs") for f in behaviour):
        return False
    retired = _retired(behaviour + scripts)
    if not retired:
        return False
    names = re.compile(r"\b(" + "|".join(sorted(map(re.escape, retired))) + r")\b")
    hunks = [hunk for f in behaviour + scripts for hunk in parse_patch(f.path, f.patch).hunks]
    return bool(hunks) and all(_hunk_retires(hunk, names) for hunk in hunks)
