"""Wider context for a source hunk: its enclosing function or class, read with tree-sitter from the file after the change.

Git's hunks carry 3 lines of context; a bug often hinges on a line just above them. Given the
file's text after the commit, ``widen_patch`` grows each hunk's context to the smallest enclosing
function, method or class (as ``git diff -W`` does), never overlapping the neighbouring hunks.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from posixpath import splitext

from analysis.analyzers.llm.patch_budget import split_hunks

logger = logging.getLogger(__name__)

#: an enclosing definition longer than this is not shown whole
MAX_DEFINITION_LINES = 160
LANGUAGES = {
    ".py": "python", ".pyi": "python", ".go": "go", ".rs": "rust", ".js": "javascript", ".mjs": "javascript",
    ".cjs": "javascript", ".jsx": "javascript", ".ts": "typescript", ".tsx": "tsx", ".java": "java",
    ".c": "c", ".h": "c", ".cc": "cpp", ".cpp": "cpp", ".cxx": "cpp", ".hpp": "cpp", ".rb": "ruby",
    ".cs": "csharp", ".kt": "kotlin", ".php": "php", ".swift": "swift", ".scala": "scala",
}
_DEFINITION = re.compile(r"function|method|class|constructor|impl_item|trait_item|struct_item|interface")
_HEADER = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$")


@lru_cache(maxsize=None)
def _parser(language: str):
    try:
        from tree_sitter_language_pack import get_parser

        return get_parser(language)
    except Exception:  # noqa: BLE001 - a missing grammar only means no wider context
        logger.debug("no tree-sitter grammar for %s", language)
        return None


def language_of(path: str) -> str | None:
    return LANGUAGES.get(splitext(path)[1].lower())


def enclosing_definition(tree, first: int, last: int) -> tuple[int, int] | None:
    """0-based first and last line of the smallest definition enclosing lines ``first..last`` (0-based)."""
    node = tree.root_node.named_descendant_for_point_range((first, 0), (last, 0))
    while node is not None:
        if _DEFINITION.search(node.type) and node.start_point[0] <= first and node.end_point[0] >= last:
            start, end = node.start_point[0], node.end_point[0]
            return (start, end) if end - start + 1 <= MAX_DEFINITION_LINES else None
        node = node.parent
    return None


def _changed_rows(body: str, new_start: int) -> tuple[int, int] | None:
    """0-based rows of the new file where the hunk's first and last change sit (its context left out)."""
    row, rows = new_start - 1, []
    for line in body.splitlines():
        if line.startswith("+"):
            rows.append(row)
            row += 1
        elif line.startswith("-"):
            rows.append(row)
        elif not line.startswith("\\"):
            row += 1
    return (min(rows), max(rows)) if rows else None


def widen_patch(path: str, patch: str, after_text: str) -> str | None:
    """``patch`` with each hunk's context grown to its enclosing definition; None when nothing was widened."""
    language = language_of(path)
    parser = _parser(language) if language else None
    if parser is None or not patch or not after_text:
        return None
    try:
        tree = parser.parse(after_text.encode("utf-8", errors="replace"))
    except Exception:  # noqa: BLE001
        return None
    lines = after_text.splitlines()
    hunks = split_hunks(patch)
    parsed = []
    for hunk in hunks:
        head, _, body = hunk.partition("\n")
        match = _HEADER.match(head)
        if match is None:
            return None
        old_start, old_len, new_start, new_len, tail = match.groups()
        parsed.append([int(old_start), int(old_len or 1), int(new_start), int(new_len or 1), tail, body])
    widened = False
    out = []
    previous_end = 0  # last new-file line (1-based) already shown
    for index, (old_start, old_len, new_start, new_len, tail, body) in enumerate(parsed):
        next_start = parsed[index + 1][2] if index + 1 < len(parsed) else len(lines) + 1
        changed = _changed_rows(body, new_start)
        span = enclosing_definition(tree, changed[0], changed[1]) if changed else None
        before, after = [], []
        if span is not None:
            first = max(span[0] + 1, previous_end + 1)
            before = lines[first - 1:new_start - 1] if first < new_start else []
            last = min(span[1] + 1, next_start - 1)
            after = lines[new_start + new_len - 1:last] if last >= new_start + new_len else []
        if before or after:
            widened = True
        extra = len(before) + len(after)
        head = (f"@@ -{old_start - len(before)},{old_len + extra} "
                f"+{new_start - len(before)},{new_len + extra} @@{tail}")
        out.append("\n".join([head, *(f" {line}" for line in before), *([body] if body else []),
                              *(f" {line}" for line in after)]))
        previous_end = new_start + new_len - 1 + len(after)
    return "\n".join(out) if widened else None
