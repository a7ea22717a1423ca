"""A C/C++ build's configuration results changed: the ``HAVE_*`` and ``SIZEOF_*`` values a CMake, autotools or Meson
build writes into the configuration header that every compiled file includes."""

from __future__ import annotations

import re

from analysis.models import FileChange

#: build files that run configuration checks
_CONFIGURING = re.compile(r"(^|/)(CMakeLists\.txt|[^/]+\.cmake|configure\.ac|[^/]+\.m4|meson\.build)$", re.IGNORECASE)
#: a changed line that sets a configuration result: ``set(HAVE_FILE_OFFSET_BITS 0)``, ``AC_DEFINE(HAVE_X, 1)``,
#: ``conf.set('HAVE_X', 1)``, or a helper called on a type size (``prefill_type_size("OFF_T" 8)``)
_RESULT_SET = re.compile(r"^[+-]\s*(?:set|AC_DEFINE(?:_UNQUOTED)?|conf\w*\.set\w*)\s*\(\s*['\"]?(?:HAVE|SIZEOF)_\w+"
                         r"|^[+-]\s*\w*type_size\s*\(\s*['\"]?\w+['\"]?\s+\d+\s*\)", re.IGNORECASE)
#: configuration results set or dropped, at least this many lines: the platform's build decides anew
RESULT_LINES = 3


def config_results_changed(files: list[FileChange]) -> bool:
    """Product build files whose changed lines set or drop configuration results (``HAVE_*``, ``SIZEOF_*``): every
    build on those platforms compiles the product with other values."""
    lines = [ln for f in files if _CONFIGURING.search(f.path) and f.status != "added"
             for ln in (f.patch or "").splitlines() if _RESULT_SET.match(ln)]
    return len(lines) >= RESULT_LINES
