"""Test names that share their suite (``path-to-regexp > arguments > should throw ...``): the suite said once."""

from __future__ import annotations

#: how JavaScript test facts join a test's ``describe`` blocks and its own name
SUITE_SEP = " > "


def common_suite(names: list[str]) -> tuple[str, list[str]]:
    """The ``describe`` blocks all of two or more names open with, and the names without them; ("", names) when
    they share none."""
    parts = [n.split(SUITE_SEP) for n in names]
    if len(parts) < 2:
        return "", names
    shared = 0
    while all(len(p) > shared + 1 for p in parts) and len({p[shared] for p in parts}) == 1:
        shared += 1
    if not shared:
        return "", names
    return SUITE_SEP.join(parts[0][:shared]), [SUITE_SEP.join(p[shared:]) for p in parts]
