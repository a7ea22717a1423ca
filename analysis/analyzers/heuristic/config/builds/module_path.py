"""A Go module's own path rewritten: the root ``go.mod``'s ``module github.com/square/go-jose/v3`` line replaced by
``module github.com/go-jose/go-jose/v3``. Every importer names the package by that path: each ``import`` of the old
one must change (the toolchain refuses a module whose ``go.mod`` names another path than the one required), as a
package renamed in its manifest is. A nested module's ``go.mod`` (a command or a tool beside the library,
``jose-util/go.mod``) is not the package importers require; a ``go.mod`` added declares a path where none was."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_MODULE = re.compile(r"^module\s+(?P<path>\S+)")


def module_path_moved(files: Iterable[FileChange]) -> tuple[str, str] | None:
    """(old, new) module path when the root ``go.mod`` rewrites its ``module`` line to another path."""
    for f in files:
        if f.path != "go.mod" or f.status != "modified":
            continue
        removed, added = changed_lines(f.patch)
        old = next((m.group("path") for line in removed if (m := _MODULE.match(line))), None)
        new = next((m.group("path") for line in added if (m := _MODULE.match(line))), None)
        if old and new and old.strip('"') != new.strip('"'):
            return old, new
    return None
