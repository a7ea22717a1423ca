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


#: a one-line ``use``: ``use std::error;``, ``use std::error::Error as StdError;``, ``use std::fmt::{self, Display};``
_USE = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?use\s+(?P<path>[\w:]+?)(?:::\{(?P<list>[^{}]*)\})?"
                  r"(?:\s+as\s+(?P<alias>\w+))?\s*;")


def _uses(lines: Iterable[str]) -> dict[str, str]:
    """Local name -> path of the one-line ``use`` declarations among ``lines``."""
    names: dict[str, str] = {}
    for line in lines:
        match = _USE.match(line)
        if match is None:
            continue
        path = match.group("path")
        items = [i.strip() for i in match.group("list").split(",")] if match.group("list") is not None else [""]
        for item in filter(None, items) if match.group("list") is not None else items:
            full, _, alias = (path + ("" if item in ("", "self") else "::" + item)).partition(" as ")
            name = match.group("alias") if match.group("list") is None and match.group("alias") else alias.strip()
            names[name or full.rpartition("::")[2]] = full.strip()
    return names


def _spelled(trait: str, uses: dict[str, str]) -> str:
    """``trait`` with its first segment spelled as the ``use`` that brought it in (``StdError`` ->
    ``std::error::Error``, ``error::Error`` -> ``std::error::Error``)."""
    head, sep, rest = trait.partition("::")
    return uses[head] + sep + rest if head in uses else trait


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
        # a trait named through another ``use`` (``impl error::Error for E`` -> ``impl StdError for E`` beside
        # ``use std::error;`` -> ``use std::error::Error as StdError;``) is the same trait: compared as the
        # ``use`` lines the diff shows spell it, and named as the new side writes it
        lines = [line for hunk in patch.hunks for line in hunk.lines]
        old_uses = _uses(line.text for line in lines if line.kind != "+")
        new_uses = _uses(line.text for line in lines if line.kind != "-")
        added, removed = _impls(line.text for line in patch.added), _impls(line.text for line in patch.removed)
        old_spelled = {(_spelled(t, old_uses), ty) for t, ty in removed}
        new_spelled = {(_spelled(t, new_uses), ty) for t, ty in added}
        gained += [(t, ty) for t, ty in added if (_spelled(t, new_uses), ty) not in old_spelled]
        lost += [(t, ty) for t, ty in removed if (_spelled(t, old_uses), ty) not in new_spelled]
    return list(dict.fromkeys(gained)), list(dict.fromkeys(lost))
