"""Product files whose changed lines all sit inside a deprecation annotation that was there before and stays
(Kotlin's and Java's ``@Deprecated(...)``, its ``ReplaceWith("Either.right(a)")``; Rust's ``#[deprecated(note =
..)]``; C#'s ``[Obsolete(..)]``): the note or the replacement an IDE offers is mended, the deprecated code runs
the same. An annotation added or removed whole (its opening line changed) is a deprecation of its own."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: the line that opens a deprecation annotation with arguments
_OPENER = re.compile(r"^\s*(@Deprecated\s*\(|#\[deprecated\s*\(|\[Obsolete\s*\()")


def _inside(lines: list[tuple[str, str]], mark: str) -> bool:
    """Every ``mark``ed line of one side (context lines ``" "`` and lines of ``mark``) falls inside an annotation
    opened on a context line and not yet closed (parentheses counted, strings not parsed: a note's own ``(`` is
    rare and balanced)."""
    depth = 0
    for sign, text in lines:
        if sign not in (" ", mark):
            continue
        if depth == 0 and _OPENER.match(text):
            if sign != " ":
                return False  # the annotation itself added or removed
            depth = text.count("(") - text.count(")")
            continue
        if sign == mark and depth <= 0:
            return False
        if depth > 0:
            depth += text.count("(") - text.count(")")
    return True


def _notes_only(patch: str | None) -> bool:
    hunks: list[list[tuple[str, str]]] = []
    for line in (patch or "").split("\n"):
        if line.startswith("@@"):
            hunks.append([])
        elif hunks and line[:1] in (" ", "+", "-"):
            hunks[-1].append((line[:1], line[1:]))
    changed = [h for h in hunks if any(sign != " " for sign, _ in h)]
    return bool(changed) and all(_inside(h, "-") and _inside(h, "+") for h in changed)


def deprecation_notes_only(files: Iterable[FileChange]) -> bool:
    """Every product file's changes are inside deprecation annotations kept on both sides (see the module)."""
    files = list(files)
    return bool(files) and all(_notes_only(f.patch) for f in files)
