"""One file's unified-diff hunks, parsed with ``unidiff``: added and removed lines, and git's hunk headers."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from unidiff import PatchSet
from unidiff.errors import UnidiffParseError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Line:
    """One line of a hunk: ``kind`` is '+', '-' or ' '; ``number`` its line in the new (or, for '-', old) file."""

    kind: str
    text: str
    number: int


@dataclass
class Hunk:
    """One ``@@`` block: its lines and git's function context (the text after the second ``@@``)."""

    header: str
    lines: list[Line] = field(default_factory=list)

    @property
    def added(self) -> list[Line]:
        return [line for line in self.lines if line.kind == "+"]

    @property
    def removed(self) -> list[Line]:
        return [line for line in self.lines if line.kind == "-"]


@dataclass
class FilePatch:
    """The parsed patch of one file (empty when the source gave none, e.g. binary or too large)."""

    path: str
    hunks: list[Hunk] = field(default_factory=list)

    @property
    def added(self) -> list[Line]:
        return [line for hunk in self.hunks for line in hunk.added]

    @property
    def removed(self) -> list[Line]:
        return [line for hunk in self.hunks for line in hunk.removed]

    @property
    def touched_new_lines(self) -> set[int]:
        """Line numbers in the new file that were added (1-based)."""
        return {line.number for line in self.added}

    @property
    def touched_old_lines(self) -> set[int]:
        """Line numbers in the old file that were removed (1-based)."""
        return {line.number for line in self.removed}


def parse_patch(path: str, patch: str | None) -> FilePatch:
    """``patch`` (hunks only, as GitHub and our local source give them) parsed; empty on None or bad input."""
    result = FilePatch(path)
    if not patch or "@@" not in patch:
        return result
    text = patch if patch.endswith("\n") else patch + "\n"
    try:
        parsed = PatchSet(f"--- a/{path}\n+++ b/{path}\n{text}")
    except (UnidiffParseError, ValueError, IndexError) as error:
        log.debug("patch of %s not parsed: %s", path, error)
        return result
    for patched in parsed:
        for hunk in patched:
            lines = []
            for line in hunk:
                if line.line_type == "+":
                    lines.append(Line("+", line.value.rstrip("\r\n"), line.target_line_no))
                elif line.line_type == "-":
                    lines.append(Line("-", line.value.rstrip("\r\n"), line.source_line_no))
                elif line.line_type == " ":
                    lines.append(Line(" ", line.value.rstrip("\r\n"), line.target_line_no))
            result.hunks.append(Hunk((hunk.section_header or "").strip(), lines))
    return result
