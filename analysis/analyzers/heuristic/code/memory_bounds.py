"""Memory read or written past its bounds (a buffer over-read, an overflow, a use after free) is a vulnerability
class only where the language lets code touch memory it does not own: C, C++, Objective-C, Rust's ``unsafe``,
Cython, assembly. In Python, JavaScript, Go or Java the same words say a stream was read past a requested count
("Fix _sendfile_fallback over-reading beyond requested count"): a wrong result, not memory another owns.
Where code owns its memory, a size that wraps around (``len + 1`` allocated when ``len`` is ``SIZE_MAX``) leaves a copy writing past the
allocation: a guard against it, said to stop an overflow, closes a hole."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: the bounds-violation words among the security words (``rules.TITLE_SECURITY_WORDS``)
MEMORY_WORDS = re.compile(r"\b(buffer |heap(-based)?[- ])?(over-?reads?|over-?runs?|over-?flows?|under-?flows?)"
                          r"|out[- ]of[- ]bounds (reads?|writes?|access\w*)|use[- ]after[- ]free|double[- ]free",
                          re.I)
#: files in a language where code can read or write memory it does not own
_UNMANAGED = (".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".inl", ".ipp", ".m", ".mm", ".rs", ".zig",
              ".pyx", ".pxd", ".pxi", ".s", ".asm", ".cu", ".d")


def memory_managed(files: Iterable[FileChange]) -> bool:
    """Product code changes, all of it in languages that check every access (none of C, C++, Rust, Cython...)."""
    paths = [f.path.lower() for f in files]
    return bool(paths) and not any(p.endswith(_UNMANAGED) for p in paths)


#: the message names an overflow of a number ("Guard DNS record binary length overflow", "integer overflow", "size
#: wraparound"), not of a stack or a layout
_NUMBER_OVERFLOW = re.compile(r"\b(integer|int|length|len|size|count|allocation)s? (over-?flows?|wrap-?arounds?)\b|"
                              r"\b(over-?flows?|wrap-?arounds?) (of|in) (the )?(\w+ )?(length|size|count|allocation)s?\b|"
                              r"\bwrap-?arounds?\b", re.I)
#: an added condition that compares a size to the largest one (``len == SIZE_MAX``, ``n > SIZE_MAX / sz``,
#: ``a > SIZE_MAX - b``): the guard before arithmetic on it would wrap
_SIZE_MAX_GUARD = re.compile(r"^\+\s*(}\s*else\s+)?(if|while)\s*\(.*\bSIZE_MAX\b")


def wraparound_guarded(files: Iterable[FileChange], message: str) -> bool:
    """The message names a number's overflow or wraparound, and C or C++ product code adds a condition comparing a
    size to ``SIZE_MAX``: an allocation size that could wrap around, and the copy into it run past it, now refused."""
    if not _NUMBER_OVERFLOW.search(message):
        return False
    return any(f.path.lower().endswith(_UNMANAGED) and any(_SIZE_MAX_GUARD.match(line) for line in (f.patch or "")
                                                          .splitlines()) for f in files)
