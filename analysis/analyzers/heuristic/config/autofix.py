"""A hooks manager's versions bumped with its formatters' output in the same commit: upkeep that keeps behaviour."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import layout_only, versions_only
from analysis.models import FileChange

#: the hooks managers' configuration files (pre-commit; its hooks pinned by ``rev``)
HOOKS_CONFIGS = (".pre-commit-config.yaml", ".pre-commit-config.yml")
#: what formatters and upgraders drop or add without changing a program: redundant parentheses (``for (k, v) in``)
_REDUNDANT = frozenset({"(", ")"})


def hooks_bumped(files: list[FileChange]) -> bool:
    """The commit moves the hooks manager's pinned hook versions (and nothing else in its configuration)."""
    hooks = [f for f in files if f.path.rsplit("/", 1)[-1].lower() in HOOKS_CONFIGS]
    return bool(hooks) and all(f.patch and versions_only(f.patch) for f in hooks)


def formatter_output(behaviour: list[FileChange]) -> bool:
    """Every product hunk holds the same tokens before and after once whitespace, blank lines, comments and redundant
    parentheses are set aside: what a formatter or upgrader hook writes."""
    return bool(behaviour) and all(f.patch and layout_only(f.patch, f.path, _REDUNDANT) for f in behaviour)
