"""A shared library's exported symbols listed anew in a linker version script (``global: json_*; local: *;``),
whether in a ``.map``/``.sym``/``.ver`` file or written out by a build file: which symbols programs can link
against changes, an ABI matter for everyone who links the library."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: a version script's scope line, or a symbol pattern in one (``json_*;``)
_SCOPE = re.compile(r"^\s*(global|local)\s*:\s*(\*\s*;)?\s*$")


def exports_rescoped(files: Iterable[FileChange]) -> bool:
    """A build file or version script gains or loses a ``global:``/``local:`` scope line."""
    for f in files:
        old, new = changed_lines(f.patch)
        if any(_SCOPE.match(line) for line in [*old, *new]):
            return True
    return False
