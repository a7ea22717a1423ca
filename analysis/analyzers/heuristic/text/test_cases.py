"""The case rows a change adds to a table-driven test (``([999_999, "V"], "1.00 MV"),``): the inputs and the results
the tests now expect, which say what the change does better than the test file's name."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import is_comment_line
from analysis.facts.patches import parse_patch
from analysis.models import FileChange

#: a row of a table of cases: a tuple, list or object literal on a line of its own, an input and its expectation
_ROW = re.compile(r"^[(\[{].*[,:].*[)\]}],?$")


def case_rows_added(files: Iterable[FileChange]) -> list[str]:
    """The rows ``files`` add, when every line they add is such a row (or a comment) and they remove none (a test rewritten is
    another story); [] otherwise."""
    rows: list[str] = []
    for f in files:
        if not f.patch:
            return []
        patch = parse_patch(f.path, f.patch)
        # a comment among the rows says why they are there, and is no row
        added = [ln.text.strip() for ln in patch.added if ln.text.strip() and not is_comment_line(ln.text, f.path)]
        if any(ln.text.strip() for ln in patch.removed) or not all(_ROW.match(line) for line in added):
            return []
        rows += [line.rstrip(",") for line in added]
    return rows
