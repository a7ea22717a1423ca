"""A C or C++ read whose count was thrown away, now checked: a short read no longer leaves its buffer unfilled.

``source_.read(buf, sizeof(uint32_t));`` as a statement of its own, then ``big_to_native(buf)``: on input that ends
early the buffer keeps whatever the stack held and is decoded as if read (an uninitialised value, a truncated
message accepted). A fix that puts the same call under ``if (... != sizeof(uint32_t))`` with an error rejects such
input: memory safety on untrusted input, as a reviewer reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_C_FILES = (".c", ".h", ".cc", ".cpp", ".hpp", ".cxx", ".hh", ".hxx")
#: a read call as a whole statement (``read(fd, buf, n);``, ``fread(buf, 1, n, f);``, ``src->read(buf, n);``,
#: ``stream_read(s, buf, n);``): whatever it returns is dropped
_BARE_READ = re.compile(r"^(?P<call>(?:[\w\]\[]+(?:\.|->|::))*(?:f?read|recv|read_\w+|\w+_read)\s*\(.*\))\s*;$")
#: the line that checks it: a condition comparing what the call returns
_CHECKED = re.compile(r"\bif\s*\(.*(?:!=|==|<|>)")


def short_reads_checked(files: Iterable[FileChange]) -> list[str]:
    """The read calls (their text) a C/C++ hunk removes as bare statements and adds back inside an ``if`` that
    compares their result: the count they return is checked where it was dropped."""
    out: list[str] = []
    for f in files:
        if not f.path.lower().endswith(_C_FILES) or not f.patch:
            continue
        removed, added = changed_lines(f.patch)
        for line in removed:
            m = _BARE_READ.match(line)
            if m and any(m.group("call") in a and _CHECKED.search(a) for a in added):
                out.append(m.group("call"))
    return list(dict.fromkeys(out))
