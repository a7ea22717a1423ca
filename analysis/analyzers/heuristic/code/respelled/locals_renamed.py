"""Lines that come back with local names swapped one for one: a respelling that also renames a parameter or a local
(``x`` read as ``buf`` wherever it stood), shared by the languages' respelling readers."""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD = re.compile(r"\w+|[^\w\s]")


def renamed_alike(removed: list[str], added: list[str], declared: Callable[[list[str]], set[str]]) -> bool:
    """Each removed line comes back in its place with names swapped one for one throughout, each old name declared
    (by the language's ``declared``: a parameter, a ``let``, a ``:=``) on a removed line and its new name on an added
    one: a local renamed beside the respelling (a call to another function, a field swapped for another, is no
    rename)."""
    if len(removed) != len(added):
        return False
    names: dict[str, str] = {}
    for old, new in zip(removed, added):
        old_tokens, new_tokens = _WORD.findall(old), _WORD.findall(new)
        if len(old_tokens) != len(new_tokens):
            return False
        for a, b in zip(old_tokens, new_tokens):
            if a != b and not (a.isidentifier() and b.isidentifier() and names.setdefault(a, b) == b):
                return False
    old_names, new_names = declared(removed), declared(added)
    return len(set(names.values())) == len(names) and all(a in old_names and b in new_names for a, b in names.items())
