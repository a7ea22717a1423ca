"""Memory read or written past its bounds (a buffer over-read, an overflow, a use after free) is a vulnerability
class only where the language lets code touch memory it does not own: C, C++, Objective-C, Rust's ``unsafe``,
Cython, assembly. In Python, JavaScript, Go or Java the same words say a stream was read past a requested count
("Fix _sendfile_fallback over-reading beyond requested count"): a wrong result, not memory another owns."""

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
