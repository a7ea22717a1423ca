"""C and C++ hunks that only silence a compiler's diagnostic: ``#pragma GCC diagnostic ignored`` and its guards."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.respelled.includes_added import lines_added
from analysis.models import FileChange

#: a diagnostic pragma: GCC's and clang's push/pop/ignored, MSVC's ``#pragma warning(disable: 4996)``
_DIAGNOSTIC = re.compile(r"^#\s*pragma\s+((GCC|clang)\s+diagnostic|warning\s*\()\b")
#: the conditionals that pick the compiler the pragma is for (``#if defined(__GNUC__)``, ``#endif``)
_CONDITIONAL = re.compile(r"^#\s*(if|ifdef|ifndef|elif|else|endif)\b")
#: a comment line, or a block comment's continuation or end
_COMMENT = re.compile(r"^(//|/\*|\*)")


def diagnostics_silenced_only(files: Iterable[FileChange]) -> bool:
    """Every file is C or C++ and its hunks add diagnostic pragmas, the conditionals around them and comments, and
    remove nothing: a compiler's warning silenced, the same code compiled (the warning's flag in the title decides
    nothing alone: ``sha1: ignore -Wstringop-overread`` names a hash, not a security fix)."""
    added = lines_added(files)
    return added is not None and all(
        any(_DIAGNOSTIC.match(line) for line in lines)
        and all(_DIAGNOSTIC.match(line) or _CONDITIONAL.match(line) or _COMMENT.match(line) for line in lines)
        for lines in added)
