"""JVM classes moved to another package, read from the hunks: a Java or Kotlin source file renamed whose ``package``
line changes (``package org.x.cassandra.delegate;`` -> ``package org.x.cassandra;``) gives the class it declares a
new fully-qualified name; every caller's ``import org.x.cassandra.delegate.Name`` stops compiling, as a public class
removed does (a deprecated copy left at a third, older name does not keep the moved one's old name)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

_JVM_SOURCE = re.compile(r"\.(java|kt)$")
_PACKAGE = re.compile(r"^(?P<sign>[-+])\s*package\s+(?P<name>[\w.]+)\s*;?\s*$")
#: a top-level type declared without ``public`` in Java (package-private): nobody outside its package imported it
_PACKAGE_PRIVATE = re.compile(r"^[ +-]?(?:(?:abstract|final|sealed)\s+)*(?:class|interface|enum|record)\s+\w")
#: a Kotlin top-level declaration kept inside its module or file
_KOTLIN_HIDDEN = re.compile(r"^[ +-]?\s*(?:internal|private)\s+(?:(?:abstract|data|sealed|open|enum)\s+)*"
                            r"(?:class|interface|object|fun)\b")
#: a package the project marks as not its API (``internal``, ``impl``)
_INTERNAL = re.compile(r"(?:^|\.)(?:internal|impl|shaded)(?:\.|$)")


def _packages(patch: str) -> tuple[str | None, str | None]:
    before = after = None
    for line in patch.splitlines():
        if m := _PACKAGE.match(line):
            if m.group("sign") == "-":
                before = m.group("name")
            else:
                after = m.group("name")
    return before, after


def packages_moved(files: Iterable[FileChange]) -> list[str]:
    """The product JVM sources renamed into another package (their paths), unless the class was package-private or
    the package it left or enters is one the project marks internal (moved into ``internal``, the author says what
    it holds is no API: Kotlin's ``internal`` declarations gathered where they belong)."""
    out = []
    for f in files:
        if f.status != "renamed" or not _JVM_SOURCE.search(f.path) or not f.patch:
            continue
        before, after = _packages(f.patch)
        if not (before and after and before != after) or _INTERNAL.search(before) or _INTERNAL.search(after):
            continue
        hidden = _PACKAGE_PRIVATE if f.path.endswith(".java") else _KOTLIN_HIDDEN
        if any(hidden.match(ln) for ln in f.patch.splitlines()):
            continue
        out.append(f.path)
    return out
