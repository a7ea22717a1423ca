"""C and C++ public API as the project installs it: where a project keeps its public headers in an ``include/``
directory (libssh2's ``include/libssh2.h``, curl's ``include/curl/``, googletest's ``googletest/include/``), a
header outside it (``src/misc.h``) is the library's own, and so is a function its sources add, remove or re-sign
without an installed header declaring the change in the same commit: no user's code can call it.

Which directories hold the installed headers is a fact of the repository's tree, not of the commit's files, so
it is read from the source (``names_at``: a directory's entries at a revision) where the source can list them;
without a listing (an older fixture, a source that cannot list), the symbols keep the language's own convention.
"""

from __future__ import annotations

import logging
from pathlib import PurePosixPath
from typing import Protocol, runtime_checkable

from analysis.facts.languages import grammar_for, is_header, is_test_path
from analysis.models import Commit, Fact

log = logging.getLogger(__name__)

#: names of the directory that holds a project's installed headers (nghttp2 keeps them in ``lib/includes``; nlohmann
#: json installs its amalgamated header from ``single_include``)
INCLUDE_DIRS = ("include", "includes", "single_include")
#: directories listed per commit at most, shallowest first (each is one read of the source)
MAX_LISTINGS = 6
#: facts that say a symbol's API changed (a body changed in place says nothing of where it is declared)
_API_KINDS = ("symbol_added", "symbol_removed", "signature_changed")


@runtime_checkable
class DirectoryListing(Protocol):
    """A source that can list a directory's entries at a revision (None: absent or not available)."""

    def names_at(self, sha: str, path: str) -> list[str] | None: ...


def _c_family(path: str) -> bool:
    return grammar_for(path) in ("c", "cpp") and not is_test_path(path)


def include_roots(commit: Commit, contents: object, paths: list[str]) -> list[str] | None:
    """The ``include`` directories (``""``-rooted paths, ``/``-terminated) beside an ancestor of ``paths``, at
    the commit's first parent; None when the source cannot list directories (or failed to)."""
    if not isinstance(contents, DirectoryListing):
        return None
    ref = commit.parents[0] if commit.parents else commit.sha
    ancestors = sorted({str(parent) for path in paths for parent in PurePosixPath(path).parents},
                       key=lambda d: (0 if d == "." else d.count("/") + 1, d))
    roots = []
    for directory in ancestors[:MAX_LISTINGS]:
        prefix = "" if directory == "." else directory + "/"
        try:
            names = contents.names_at(ref, prefix.rstrip("/"))
        except Exception:
            log.warning("could not list %s at %s", prefix or "the root", ref[:12], exc_info=True)
            return None
        if names is None and not prefix:
            return None  # not even the root: the source cannot list
        roots += [f"{prefix}{name}/" for name in names or () if name in INCLUDE_DIRS]
    return roots


def installed_only(facts: list[Fact], commit: Commit, contents: object) -> list[Fact]:
    """``facts`` with the C/C++ symbols no installed header declares made non-public, where the project keeps its
    installed headers in ``include/`` directories; unchanged where it does not or the tree cannot be listed."""
    claimed = [f for f in facts if f.public and _c_family(f.path)
               and (is_header(f.path) or f.kind in _API_KINDS)]
    if not claimed:
        return facts
    roots = include_roots(commit, contents, [f.path for f in claimed])
    if not roots:
        return facts

    def installed(path: str) -> bool:
        return is_header(path) and (any(path.startswith(root) for root in roots)
                                    or bool(set(PurePosixPath(path).parts[:-1]) & set(INCLUDE_DIRS)))

    declared = {(f.symbol or "").split("::")[-1] for f in facts if installed(f.path)}
    claimed_ids, out = {id(f) for f in claimed}, []
    for fact in facts:
        if id(fact) in claimed_ids and not installed(fact.path) and (
                is_header(fact.path) or (fact.symbol or "").split("::")[-1] not in declared):
            fact = fact.model_copy(update={"public": False})
        out.append(fact)
    return out
