"""Java lines that only gain or lose a ``final`` modifier, a ``@SuppressWarnings`` annotation or a constructor's
``super();``: the same code."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_JAVA = (".java",)
#: ``final`` on a parameter (after ``(`` or ``,``) or a local (first on its line): the compiler checks it is not
#: reassigned, the bytecode is the same (``public final`` on a class or method forbids overriding: not read here)
_FINAL = re.compile(r"(?:(?<=[(,])\s*|(?<=,\s)|(?<=\(\s)|^\s*)final\s+")
_TOKEN = re.compile(r"\w+|[^\w\s]")
#: ``@SuppressWarnings("resource")`` on a line of its own: it tells the compiler what not to warn about
_SUPPRESS_WARNINGS = re.compile(r"^\s*@SuppressWarnings(\s*\(.*\))?\s*$")
#: a constructor's ``super();`` of no arguments: the compiler calls the superclass's no-argument constructor first
#: whether it is written or not ("Remove redundant calls to super()")
_IMPLICIT_SUPER = re.compile(r"^\s*super\s*\(\s*\)\s*;\s*$")


def _said_alike(line: str) -> bool:
    return bool(_SUPPRESS_WARNINGS.match(line) or _IMPLICIT_SUPER.match(line))


def _modifiers_only(patch: str | None) -> bool:
    """Each changed line comes back once ``final`` is read as absent, and some line does differ by it (or is a
    ``@SuppressWarnings``): lines that come back word for word were moved (``case 's':`` taken from one branch of a
    ``switch`` to another), which is no modifier and may run otherwise."""
    removed, added = changed_lines(patch, strip=False)
    suppressions = any(_said_alike(ln) for ln in (*removed, *added))
    removed = [ln for ln in removed if ln.strip() and not _said_alike(ln)]
    added = [ln for ln in added if ln.strip() and not _said_alike(ln)]
    pairs = list(zip(removed, added))
    return len(removed) == len(added) and (suppressions or any(_FINAL.search(old) or _FINAL.search(new)
                                                               for old, new in pairs if old.strip() != new.strip())) \
        and all(_TOKEN.findall(_FINAL.sub("", old)) == _TOKEN.findall(_FINAL.sub("", new)) for old, new in pairs)


def java_modifiers_only(files: Iterable[FileChange]) -> bool:
    """Every file is Java and each changed line comes back in its place once ``final`` is read as absent, or is a
    ``@SuppressWarnings`` annotation or a constructor's ``super();`` added or dropped: a parameter or local declared
    final, a warning's suppression removed, the implicit superclass call written out or left implicit. None changes
    what runs."""
    files = list(files)
    return bool(files) and all(f.path.lower().endswith(_JAVA) and f.patch and _modifiers_only(f.patch)
                               and any(changed_lines(f.patch)) for f in files)
