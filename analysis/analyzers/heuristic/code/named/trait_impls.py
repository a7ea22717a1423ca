"""Rust trait implementations a change adds or drops (``impl<T> PoolIndex<T> for Box<[usize]>``), as a reviewer
names them: the trait and the type, not the methods the implementation must write. An ``impl`` moved from one
file to another is neither gained nor lost."""

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


#: ``#[derive(Debug, Clone)]``: the traits a type derives
_DERIVE = re.compile(r"^\s*#\[derive\((?P<traits>[^()]*)\)\]\s*$")
#: the type the attributes above it belong to: ``pub struct FindIter<'h, 'n> {``, ``pub(crate) enum Kind``
_TYPE_ITEM = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:struct|enum|union)\s+(?P<name>\w+)")


def _derived(lines: list) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """{type: traits} its ``#[derive(..)]`` lines name on the old side and on the new side of a hunk's lines,
    for the types whose declaration the hunk shows below them."""
    old: dict[str, set[str]] = {}
    new: dict[str, set[str]] = {}
    pending: list[tuple[str, set[str]]] = []
    for line in lines:
        derive = _DERIVE.match(line.text)
        if derive:
            traits = {t.strip() for t in derive.group("traits").split(",") if t.strip()}
            pending.append((line.kind, traits))
            continue
        item = _TYPE_ITEM.match(line.text)
        if item and line.kind == " ":
            for kind, traits in pending:
                for side, into in (("-", old), ("+", new)):
                    if kind in (side, " "):
                        into.setdefault(item.group("name"), set()).update(traits)
        if not line.text.strip().startswith(("#[", "//")):
            pending = []
    return old, new


def _impl_changes(files: Iterable[FileChange]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(trait, type, form) gained and lost, form ``impl`` for an ``impl`` block and ``derive`` for a derive."""
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
        old_spelled = {(_spelled(t, old_uses), _type(ty)) for t, ty in removed}
        new_spelled = {(_spelled(t, new_uses), _type(ty)) for t, ty in added}
        gained += [(t, ty, "impl") for t, ty in added if (_spelled(t, new_uses), _type(ty)) not in old_spelled]
        lost += [(t, ty, "impl") for t, ty in removed if (_spelled(t, old_uses), _type(ty)) not in new_spelled]
        # a trait added to (or dropped from) a type's ``#[derive(..)]`` is implemented (or no longer) as well
        for hunk in patch.hunks:
            old_derived, new_derived = _derived(hunk.lines)
            for type_ in old_derived.keys() & new_derived.keys():
                # a derive spelled with its path where a ``use`` named it (``Deserialize`` ->
                # ``serde::Deserialize``) is the same trait: compared by its last path segment
                old_last = {t.rpartition("::")[2] for t in old_derived[type_]}
                new_last = {t.rpartition("::")[2] for t in new_derived[type_]}
                gained += [(t, type_, "derive") for t in sorted(new_derived[type_])
                           if t.rpartition("::")[2] not in old_last]
                lost += [(t, type_, "derive") for t in sorted(old_derived[type_])
                         if t.rpartition("::")[2] not in new_last]
    return list(dict.fromkeys(gained)), list(dict.fromkeys(lost))


def _type(type_: str) -> str:
    """A type with its lifetimes unnamed: ``BytesRef<'a>`` (under ``impl<'a>``) is ``BytesRef<'_>``."""
    return re.sub(r"'\w+", "'_", type_)


def _key(trait: str, type_: str) -> tuple[str, str]:
    """A trait as a derive and an ``impl`` both name it: its last path segment (``std::default::Default``)."""
    return trait.rpartition("::")[2], _type(type_)


def derive_swaps(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """(trait, type, form) of the traits a type still implements in another form: a hand-written ``impl Default``
    replaced by ``#[derive(Default)]`` (form ``derive``), or the other way (form ``impl``). The type implements
    the trait before and after: one change, not a trait gained and one lost."""
    gained, lost = _impl_changes(files)
    lost_forms = {_key(t, ty): form for t, ty, form in lost}
    return [(t, ty, form) for t, ty, form in gained if lost_forms.get(_key(t, ty), form) != form]


def trait_impls(files: Iterable[FileChange]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(trait, type) pairs whose ``impl`` line the Rust files gain, and those they lose (one moved is neither, nor
    one written by hand where it was derived or derived where it was written: ``derive_swaps``)."""
    files = list(files)
    gained, lost = _impl_changes(files)
    swapped = {_key(t, ty) for t, ty, _ in derive_swaps(files)}
    # an ``impl`` one file loses and another gains is moved, not implemented anew (bytes' ``impl fmt::Debug for
    # Bytes`` from ``src/bytes.rs`` to ``impl Debug for Bytes`` in ``src/fmt/debug.rs``)
    moved = {_key(t, ty) for t, ty, form in gained if form == "impl"} & {
        _key(t, ty) for t, ty, form in lost if form == "impl"}
    swapped |= {key for key in moved
                if len({t for t, ty, _ in gained + lost if _key(t, ty) == key and "::" in t}) <= 1}
    return (list(dict.fromkeys((t, ty) for t, ty, _ in gained if _key(t, ty) not in swapped)),
            list(dict.fromkeys((t, ty) for t, ty, _ in lost if _key(t, ty) not in swapped)))
