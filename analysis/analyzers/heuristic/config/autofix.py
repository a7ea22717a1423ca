"""A hooks manager's versions bumped, or the project's formatter configured or replaced, with the formatter's output
in the same commit: upkeep that keeps behaviour."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.code.hunks import layout_only, versions_only
from analysis.models import FileChange

#: the hooks managers' configuration files (pre-commit; its hooks pinned by ``rev``)
HOOKS_CONFIGS = (".pre-commit-config.yaml", ".pre-commit-config.yml")
#: what formatters and upgraders drop or add without changing a program: redundant parentheses (``for (k, v) in``)
_REDUNDANT = frozenset({"(", ")"})
#: and, outside Python (where ``x = 1,`` is a tuple), the trailing commas a formatter adds or drops when it wraps a
#: parameter or element list anew
_REDUNDANT_COMMAS = _REDUNDANT | {","}
#: and in TypeScript the leading ``|`` a formatter writes before a union's first member when it wraps it
#: (``type T =\n  | A\n  | B`` joined as ``type T = A | B``)
_REDUNDANT_TS = _REDUNDANT_COMMAS | {"|"}
_TYPESCRIPT = (".ts", ".tsx", ".mts", ".cts")
#: a code formatter's own configuration file: Prettier, oxfmt, Biome, dprint, clang-format, rustfmt, scalafmt,
#: SwiftFormat
_FORMATTER_CONFIG = re.compile(
    r"^(\.prettierrc(\.\w+)?|prettier\.config\.\w+|\.oxfmtrc(\.\w+)?|biome\.jsonc?|\.?dprint\.jsonc?|\.clang-format|"
    r"\.?rustfmt\.toml|\.scalafmt\.conf|\.swiftformat)$", re.I)


def hooks_bumped(files: list[FileChange]) -> bool:
    """The commit moves the hooks manager's pinned hook versions (and nothing else in its configuration)."""
    hooks = [f for f in files if f.path.rsplit("/", 1)[-1].lower() in HOOKS_CONFIGS]
    return bool(hooks) and all(f.patch and versions_only(f.patch) for f in hooks)


def formatter_configured(files: list[FileChange]) -> bool:
    """The commit adds, removes or edits a code formatter's own configuration file (``.prettierrc`` removed for
    ``.oxfmtrc.json``, a ``.clang-format`` rule changed): the project's code is laid out by other rules."""
    return any(_FORMATTER_CONFIG.match(f.path.rsplit("/", 1)[-1]) for f in files)


def formatter_output(behaviour: list[FileChange], commas: bool = False) -> bool:
    """Every product hunk holds the same tokens before and after once whitespace, blank lines, comments and redundant
    parentheses (and with ``commas``, outside Python, trailing commas and TypeScript's leading union bar) are set
    aside: what a formatter or upgrader hook writes."""
    def ignored(path: str) -> frozenset[str]:
        if not commas or path.lower().endswith((".py", ".pyi")):
            return _REDUNDANT
        return _REDUNDANT_TS if path.lower().endswith(_TYPESCRIPT) else _REDUNDANT_COMMAS
    return bool(behaviour) and all(f.patch and layout_only(f.patch, f.path, ignored(f.path)) for f in behaviour)
