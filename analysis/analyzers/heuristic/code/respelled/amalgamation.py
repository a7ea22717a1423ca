"""A single-header build regenerated: the amalgamated copy of the project's headers, rewritten by its tool."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: where a project keeps the one-header copy its amalgamation tool writes (``single_include/nlohmann/json.hpp``)
_AMALGAMATED = re.compile(r"(^|/)single_include/")
#: the files an amalgamation tool copies into its single header
_C_FAMILY = (".h", ".hh", ".hpp", ".hxx", ".ipp", ".inl", ".c", ".cc", ".cpp", ".cxx")


def amalgamation_only(e: Evidence) -> bool:
    """Every file of the commit is an existing amalgamated header rewritten (``update single_include``): the
    changes it copies were made, and judged, in the project's own headers. A new single header (a header users
    could not include before) or a change beside the sources is judged by its files."""
    return bool(e.files) and all(_AMALGAMATED.search(f.path) and f.status == "modified" for f in e.files)


def regenerated_copies(e: Evidence) -> set[str]:
    """The amalgamated headers a commit rewrites beside the project's own headers or sources it copies: their
    lines are those changes again, written by the tool, so they make the change no harder to review."""
    copies = {f.path for f in e.files if _AMALGAMATED.search(f.path) and f.status == "modified"}
    sources = [f for f in e.files if f.path not in copies and f.path.endswith(_C_FAMILY)
               and "test" not in e.classes[f.path]]
    return copies if sources else set()
