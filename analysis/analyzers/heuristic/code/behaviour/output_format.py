"""A program's output format changed: the message says so, and existing tests' expected outputs are rewritten.

"Update unit and integration tests to match the new output format" over product code and rewritten expectations
(``od -t fF`` printing ``1`` where it printed ``1.0000000``): every script or user that reads the program's output
meets the new format, whatever the change's kind. The message alone could describe a plan or a test helper; the
rewritten expectations confirm what the same inputs now print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import _pairs
from analysis.models import FileChange

#: the message says the output's format changes: "the new output format", "changes the output format",
#: "output format changed", "switch the output to ..."
OUTPUT_FORMAT_SAID = re.compile(r"\b(new|changed?s?|different|updated?) output formats?\b|"
                                r"\boutput formats? (change[sd]?|is now|now)\b", re.I)
#: rewritten expectation lines (of any test file) that confirm it
_REWRITTEN = 3


def output_format_changed(message: str, behaviour: list[FileChange], tests: Iterable[FileChange]) -> bool:
    """The message says the output format changes, product code changes, and existing test lines are rewritten in
    place (at least three): the same inputs now print otherwise."""
    if not behaviour or not OUTPUT_FORMAT_SAID.search(message):
        return False
    rewritten = sum(1 for f in tests for old, new in _pairs(f.patch) if old.strip() != new.strip())
    return rewritten >= _REWRITTEN
