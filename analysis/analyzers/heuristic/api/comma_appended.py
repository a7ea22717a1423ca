"""Entries appended after the last one of a list or object in an interface file: the old last entry gains only the
separator (``"useFullGVRTitle": {"type": "boolean"}`` -> ``..."boolean"},`` then ``"invert": ...``)."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import changed_lines


def comma_appended_only(patch: str | None) -> bool:
    """Every line the patch removes comes back among its added lines with a trailing ``,`` added, other added lines
    aside: JSON (and many IDLs) separate entries with commas, so the entry that was last gains one when another is
    appended after it. Nothing callers or documents had changed; lines were only added."""
    removed, added = changed_lines(patch)
    removed = [line for line in removed if line]
    if not removed:
        return False
    now = set(added)
    return all(not line.endswith(",") and f"{line}," in now for line in removed)
