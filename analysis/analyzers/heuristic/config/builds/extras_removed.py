"""A Python package's published extras taken away: ``extras_require`` dropped from ``setup.py``, or a key of
``[project.optional-dependencies]`` removed from ``pyproject.toml``. The extras are part of the package's metadata
on the index; ``pip install pkg[test]`` no longer installs what it did (a dependency group, PEP 735, is not
published), so whoever installed them must change how they install."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import Fact, FileChange

_EXTRAS = re.compile(r"\bextras_require\b")
_OPTIONAL = "project.optional-dependencies."


def extras_removed(files: Iterable[FileChange], facts: Iterable[Fact]) -> bool:
    """``setup.py`` loses every ``extras_require`` it had, or ``pyproject.toml`` loses an optional-dependencies key
    that no fact of the commit adds back."""
    for f in files:
        if f.path.rsplit("/", 1)[-1] == "setup.py" and f.patch:
            removed, added = changed_lines(f.patch)
            if any(_EXTRAS.search(line) for line in removed) and not any(_EXTRAS.search(line) for line in added):
                return True
    facts = list(facts)
    added_keys = {f.symbol for f in facts if f.kind == "config_key_added"}
    return any(f.kind == "config_key_removed" and (f.symbol or "").startswith(_OPTIONAL) and f.symbol not in added_keys
               and f.path.endswith("pyproject.toml") for f in facts)
