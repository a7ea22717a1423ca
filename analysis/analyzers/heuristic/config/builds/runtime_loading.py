"""A library moved from link time to run time: the build stops linking it and product code loads it with ``dlopen``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: a line of a build file that links a library: autotools' ``LIBS=``/``PKG_CHECK_MODULES``/``AC_CHECK_LIB``/
#: ``AC_SEARCH_LIBS``, CMake's ``target_link_libraries``/``pkg_check_modules``, Meson's ``dependency(``, a ``-lname``
_LINKS = re.compile(r"\bLIBS\s*=|\bPKG_CHECK_MODULES\b|\bAC_CHECK_LIB\b|\bAC_SEARCH_LIBS\b|"
                    r"\btarget_link_libraries\b|\bpkg_check_modules\b|\bdependency\s*\(|(?<![\w-])-l[a-z]\w*")
#: a call that loads a shared library while the program runs
_DLOPEN = re.compile(r"\b(dlopen|LoadLibrary[AW]?|g_module_open)\s*\(")
_C_SOURCES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh")


def link_moved_to_runtime(builds: Iterable[FileChange], sources: Iterable[FileChange]) -> bool:
    """The build files drop lines that link a library and gain none, and the product's C or C++ sources gain a
    ``dlopen`` call: the library is loaded on demand, so binaries no longer record it as a dependency and packages
    built from them must declare it by hand (or lose the feature)."""
    dropped = gained = 0
    for f in builds:
        removed, added = changed_lines(f.patch)
        dropped += sum(bool(_LINKS.search(ln)) for ln in removed)
        gained += sum(bool(_LINKS.search(ln)) for ln in added)
    if not dropped or gained:
        return False
    return any(f.path.lower().endswith(_C_SOURCES) and any(_DLOPEN.search(ln) for ln in changed_lines(f.patch)[1])
               for f in sources)
