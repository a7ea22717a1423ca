"""The diff analyzer: machine-checkable facts (symbols, config keys, dependencies, ...) from one commit.

``derive_facts`` is the entry point; both analyzers receive its result through ``AnalysisContext``.
"""

from __future__ import annotations

from typing import Protocol

from analysis.models import Commit, Fact


class FileContents(Protocol):
    """A source that can give a file's full text at a revision (``None`` when it cannot or the file is absent)."""

    def file_at(self, sha: str, path: str) -> str | None: ...


def derive_facts(commit: Commit, contents: FileContents | None = None) -> list[Fact]:
    """The facts of one commit with files (blocking: may read file contents through ``contents``)."""
    return []
