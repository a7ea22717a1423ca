"""A CMake build's options taken away: ``option(NAME "..." OFF)`` removed and not declared again, so builders' ``-DNAME=``
settings stop applying; or an option's default turned over, so builders who never passed it get another build; or
a new option or cache variable declared, a setting builders and packagers may now pass."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_CMAKE = re.compile(r"(^|/)(CMakeLists\.txt|[^/]+\.cmake)$", re.IGNORECASE)
#: an option declared: ``option(EXPAT_UNICODE "Use UTF-16 ..." OFF)``, ``cmake_dependent_option(NAME ...)``
_OPTION = re.compile(r"^\s*(?:cmake_dependent_)?option\s*\(\s*(\w+)\b", re.IGNORECASE)


#: a one-line option with a literal default: ``option (WITH_PKGCONFIG "Enable pkg-config support" ON)``
_OPTION_DEFAULT = re.compile(r'^\s*option\s*\(\s*(\w+)\s+"[^"]*"\s+(ON|OFF|TRUE|FALSE|YES|NO|1|0)\s*\)', re.IGNORECASE)
_ON = {"ON", "TRUE", "YES", "1"}


def _defaults(lines: Iterable[str]) -> dict[str, bool]:
    return {m.group(1): m.group(2).upper() in _ON for line in lines if (m := _OPTION_DEFAULT.match(line))}


def cmake_defaults_flipped(files: Iterable[FileChange]) -> list[str]:
    """Options whose literal default turns over (``WITH_PKGCONFIG ... ON`` -> ``OFF``): every build that does not
    pass ``-DNAME=`` now compiles, installs or links otherwise (glog's ``libglog.pc`` no longer installed), a changed
    default for packagers and for projects that embed the build."""
    before: dict[str, bool] = {}
    after: dict[str, bool] = {}
    for f in files:
        if not _CMAKE.search(f.path) or f.status == "removed":
            continue
        old, new = changed_lines(f.patch)
        before.update(_defaults(old))
        after.update(_defaults(new))
    return sorted(name for name, on in before.items() if name in after and after[name] != on)


def _declared(lines: Iterable[str]) -> set[str]:
    return {m.group(1) for line in lines if (m := _OPTION.match(line))}


def cmake_options_removed(files: Iterable[FileChange]) -> list[str]:
    """The options a CMake file stops declaring (removed lines' ``option(NAME`` with no added line declaring NAME in
    any of the commit's CMake files), the files deleted whole aside (a build moved elsewhere declares them there)."""
    removed: set[str] = set()
    added: set[str] = set()
    for f in files:
        if not _CMAKE.search(f.path) or f.status == "removed":
            continue
        old, new = changed_lines(f.patch)
        removed |= _declared(old)
        added |= _declared(new)
    return sorted(removed - added)


#: a cache variable declared: ``set(JANSSON_INSTALL_PKGCONF_DIR ${DEF} CACHE PATH "Installation directory ...")``
_CACHE = re.compile(r"^\s*set\s*\(\s*(\w+)\b[^#]*\bCACHE\s+(?:BOOL|PATH|FILEPATH|STRING)\b", re.IGNORECASE)


def _settable(lines: Iterable[str]) -> set[str]:
    return {m.group(1) for line in lines if (m := _OPTION.match(line) or _CACHE.match(line))}


def cmake_options_added(files: Iterable[FileChange]) -> list[str]:
    """The options and cache variables a CMake file starts declaring (``option(NAME``, ``set(NAME ... CACHE PATH``
    on an added line, on no removed one) in a file that was there before: a new ``-DNAME=`` setting for whoever
    builds or packages the project (a new CMake file declares the options of a build added whole, judged as such)."""
    removed: set[str] = set()
    added: set[str] = set()
    for f in files:
        if not _CMAKE.search(f.path) or f.status in ("removed", "added"):
            continue
        old, new = changed_lines(f.patch)
        removed |= _settable(old)
        added |= _settable(new)
    return sorted(added - removed)
