"""A Python type stub (``.pyi``) whose changed lines no caller's type checker sees.

A stub declares a package's types, so a change to it is usually an interface change. But two kinds of its lines are
not part of what it exports: its imports (PEP 484: a stub's ``import x`` and ``from m import y`` are not re-exported
unless written ``import x as x`` or ``from m import y as y``) and the bindings of private names (``_ValidatorType =
Callable[...]``, an alias the stub uses to spell its public signatures). A change that touches only those (an unused
import dropped, a private alias's forward reference quoted) leaves every public declaration as it was.
"""

from __future__ import annotations

import re

from analysis.facts.patches import parse_patch

_STUB = ".pyi"
#: ``import x`` / ``from m import a, b`` without a re-exporting ``as`` or a star
_IMPORT = re.compile(r"^(import\s|from\s+\S+\s+import\s)")
_REEXPORT = re.compile(r"\b(\w+)\s+as\s+\1\b|\*")
#: a private name bound at the top level: ``_T = TypeVar("_T")``, ``_Alias: TypeAlias = ...``
_PRIVATE_BINDING = re.compile(r"^_\w*\s*(:[^=]*)?=")
#: lines that close or continue a statement begun above, not statements of their own
_CONTINUATION = re.compile(r"^[)\]}]")


def _statement_start(lines: list[str], index: int) -> str | None:
    """The top-level line that begins the statement holding ``lines[index]`` (the nearest unindented line at or
    above it that is not a comment or a closing bracket), or None when the hunk starts inside it."""
    for line in reversed(lines[:index + 1]):
        if line and not line[0].isspace() and not line.startswith("#") and not _CONTINUATION.match(line):
            return line
    return None


def _private_statement(start: str | None) -> bool:
    if start is None:
        return False
    if _IMPORT.match(start):
        return not _REEXPORT.search(start)
    return bool(_PRIVATE_BINDING.match(start))


def private_stub_lines_only(path: str, patch: str | None) -> bool:
    """Every changed code line of the stub lies in an import that is not re-exported or in a private name's binding."""
    if not path.endswith(_STUB) or not patch:
        return False
    seen = False
    for hunk in parse_patch(path, patch).hunks:
        for side in ("+", "-"):
            lines = [ln for ln in hunk.lines if ln.kind != ("-" if side == "+" else "+")]
            texts = [ln.text for ln in lines]
            for i, line in enumerate(lines):
                if line.kind != side or not line.text.strip() or line.text.lstrip().startswith("#"):
                    continue
                if not _private_statement(_statement_start(texts, i)):
                    return False
                seen = True
    return seen
