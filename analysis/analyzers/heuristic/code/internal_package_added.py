"""A package the project marks internal, created whole and not yet imported: groundwork nothing runs.

``internal/ztest/{doc,timeout,writer}.go`` added, copies of test helpers "as a first step", no existing product file
edited (a Makefile's list of packages to lint aside): users cannot import an ``internal/`` package, and no code of the
project imports it yet, since no file that was there changed. What it will do is judged in the commit that starts
using it. A Go ``init`` runs only once a package is imported; in a folder that was there (no added file documents the
package, ``// Package ztest ...``) the package's other files are imported already and an added ``init`` runs at once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: a folder a project marks as its own, not its users' (Go's ``internal/``, ``org/x/internal/``, ``impl/``)
_INTERNAL = re.compile(r"(^|/)(internal|impl)/")
#: languages whose packages run only once imported (Go's, the JVM's); a C/C++ source added to a folder the build
#: compiles is linked into the library at once (and an internal header is compiled into users' code all the same)
_IMPORTED = (".go", ".java", ".kt", ".scala")
#: a Go package's doc comment, written once, in the file that creates the package
_PACKAGE_DOC = re.compile(r"^\+//\s*Package\s+\w+", re.MULTILINE)
_INIT = re.compile(r"^\+\s*func\s+init\s*\(\s*\)", re.MULTILINE)
#: the classes of the files beside it that run no code of the package: its docs, tests, build lists, CI, tooling
_BESIDE = frozenset({"doc", "test", "build", "ci", "tooling", "example"})


def internal_package_added(e: Evidence) -> bool:
    """Every product file is added under an internal folder (Go or JVM code), every other file is docs, tests, build
    or CI, and no setting, dependency or security signal comes with it."""
    if not e.behaviour or e.config or e.security_signals or e.dependencies:
        return False
    if any(f.status != "added" or not _INTERNAL.search(f.path) or not f.path.endswith(_IMPORTED) for f in e.behaviour):
        return False
    product = {f.path for f in e.behaviour}
    if any(not e.classes.get(f.path, set()) & _BESIDE for f in e.files if f.path not in product):
        return False
    folders = {f.path.rsplit("/", 1)[0] for f in e.behaviour if _PACKAGE_DOC.search(f.patch or "")}
    return not any(_INIT.search(f.patch or "") and f.path.rsplit("/", 1)[0] not in folders for f in e.behaviour)
