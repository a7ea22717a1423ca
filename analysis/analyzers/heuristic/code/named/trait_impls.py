"""Rust trait implementations a change adds or drops (``impl<T> PoolIndex<T> for Box<[usize]>``), as a reviewer
names them: the trait and the type, not the methods the implementation must write."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import FileChange

#: ``impl<T> PoolIndex<T> for Box<[usize]> {``, ``unsafe impl Send for Handle {}``, ``impl Trait for Type where``
_IMPL = re.compile(r"^\s*(?:pub\s+)?(?:unsafe\s+)?impl\b(?:\s*<.*?>)?\s+!?(?P<trait>[\w:]+)(?:<.*?>)?\s+for\s+"
                   r"(?P<type>.+?)\s*(?:\bwhere\b.*)?\{?\s*\}?\s*$")


def _impls(lines: Iterable[str]) -> list[tuple[str, str]]:
    out = []
    for line in lines:
        match = _IMPL.match(line)
        if match:
            out.append((match.group("trait"), match.group("type").strip()))
    return out


def trait_impls(files: Iterable[FileChange]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(trait, type) pairs whose ``impl`` line the Rust files gain, and those they lose (one moved is neither)."""
    gained, lost = [], []
    for f in files:
        if not f.path.endswith(".rs"):
            continue
        patch = parse_patch(f.path, f.patch)
        added, removed = _impls(line.text for line in patch.added), _impls(line.text for line in patch.removed)
        gained += [pair for pair in added if pair not in removed]
        lost += [pair for pair in removed if pair not in added]
    return list(dict.fromkeys(gained)), list(dict.fromkeys(lost))
