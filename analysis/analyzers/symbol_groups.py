"""Symbols that change the same way, written once: grouping by change, short names, renames the facts saw."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from analysis.facts.config import split_last

T = TypeVar("T")

#: the diff analyzer's words for a renamed parameter (``renames content to data``)
_RENAME = re.compile(r"(?:^|;\s*)renames (\S+) to (\S+?)(?=;|$)")


def renames_in(text: str | None) -> list[tuple[str, str]]:
    """The (old, new) parameter renames a ``signature_changed`` fact's text names; none when it names none."""
    return [(m.group(1), m.group(2)) for m in _RENAME.finditer((text or "").strip())]


def grouped(items: Iterable[T], key: Callable[[T], str]) -> list[list[T]]:
    """``items`` in groups of equal ``key``, each group where its first member came, members in order."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.values())


def _owner(name: str) -> str:
    return split_last(name)[0]


def shortened(names: Iterable[str]) -> list[str]:
    """Names of one group, members of one owner together; after the first, an owner's members lose the owner.

    ``SyncClient.request, SyncClient.post, Client.request`` -> ``SyncClient.request, post, Client.request``.
    Beside a name of no owner every member keeps its owner: after ``Table.Caption`` a package's ``Pad`` would read as
    ``Table.Pad``, and Go's ``WithHeaderAlignment`` beside ``ConfigBuilder.WithHeaderAlignment`` as one name twice.
    """
    unique = list(dict.fromkeys(n for n in names if n))
    owners = list(dict.fromkeys(_owner(n) for n in unique))
    ordered = sorted(unique, key=lambda n: owners.index(_owner(n)))
    if "" in owners:
        return ordered
    out, previous = [], None
    for name in ordered:
        owner, member = split_last(name)
        out.append(member if owner == previous else name)
        previous = owner
    return out
