"""A linter or formatter taken up across the code: the title names the tool, and the product code is its sweep of
small fixes (a string annotation unquoted, a ``.format`` call made an f-string, a table re-aligned), which keep
what the code does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.code.hunks import layout_only
from analysis.analyzers.heuristic.code.respelled.imports_sorted import imports_retargeted

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: a sweep reaches across the code: at least this many product files
SWEEP_FILES = 5
#: and changes each by at most this many lines (a file laid out anew whole, same tokens, aside)
SWEEP_FILE_LINES = 10


def linter_sweep(e: Evidence, change_type: str) -> bool:
    """The title names a linter or formatter ("Use ruff for linting and formatting", "run clang-format"), the
    change is upkeep (a chore, refactor, CI or build change), and at least ``SWEEP_FILES`` product files each change
    by a few lines or are laid out anew, with no public symbol added or removed, no signature changed but a string
    annotation unquoted (``buff: "Buffer"`` -> ``buff: Buffer``: the same type), no setting, message text or
    security signal, no name imported from another module: the tool's fixes applied across the code, which by
    design keep behaviour."""
    if not (R.ANALYSER_WORDS.search(e.title) or R.FORMATTER_RUN.search(e.title)):
        return False
    if change_type not in ("chore", "refactor", "ci", "build") or len(e.behaviour) < SWEEP_FILES:
        return False
    if e.api_breaks or e.api_added or e.contract_changes or e.config or e.security_signals \
            or e.literal_changes["message"] or imports_retargeted(e.behaviour):
        return False
    if not all(_unquoted(fact.before) == _unquoted(fact.after) for fact, _ in e.signature_deltas):
        return False
    return all(f.additions + f.deletions <= SWEEP_FILE_LINES or (f.patch and layout_only(f.patch, f.path))
               for f in e.behaviour)


def _unquoted(signature: str | None) -> str:
    """A signature with its quotes dropped: a forward reference written as a string names the same type."""
    return (signature or "").replace('"', "").replace("'", "")
