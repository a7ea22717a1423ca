"""Helpers for the diff analyzer's tests: a commit built from before/after texts, with real unified diffs."""

from __future__ import annotations

import difflib
from datetime import datetime, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.facts import derive_facts
from analysis.models import Analysis, Commit, FileChange

PARENT = "1" * 40
SHA = "2" * 40


class Texts:
    """A source's ``file_at`` over texts given in the test: {(sha, path): text}; counts what it is asked."""

    def __init__(self) -> None:
        self.texts: dict[tuple[str, str], str] = {}
        self.asked: list[tuple[str, str]] = []

    def file_at(self, sha: str, path: str) -> str | None:
        self.asked.append((sha, path))
        return self.texts.get((sha, path))


def patch_of(before: str | None, after: str | None) -> str:
    """The hunks git would show (3 lines of context), without the ---/+++ header, as sources give them."""
    lines = list(difflib.unified_diff((before or "").splitlines(True), (after or "").splitlines(True), n=3))
    body = [line if line.endswith("\n") else line + "\n" for line in lines[2:]]
    return "".join(body)


def commit_of(files: dict[str, tuple[str | None, str | None]], message: str = "change") -> tuple[Commit, Texts]:
    """A commit changing ``files`` ({path: (before, after)}, None = absent) and a source holding both sides."""
    texts = Texts()
    changes = []
    for path, (before, after) in files.items():
        status = "added" if before is None else "removed" if after is None else "modified"
        patch = patch_of(before, after)
        changes.append(FileChange(path=path, status=status, patch=patch,
                                  additions=sum(1 for x in patch.splitlines() if x.startswith("+")),
                                  deletions=sum(1 for x in patch.splitlines() if x.startswith("-"))))
        if before is not None:
            texts.texts[(PARENT, path)] = before
        if after is not None:
            texts.texts[(SHA, path)] = after
    commit = Commit(sha=SHA, author="Ann", committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc),
                    message=message, parents=[PARENT], files=changes, details_loaded=True)
    return commit, texts


def analysed(files: dict[str, tuple[str | None, str | None]], message: str, lang: str = "en") -> Analysis:
    """The heuristic's analysis of a commit changing ``files``, with the facts read from both sides' texts."""
    commit, texts = commit_of(files, message)
    return HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext(facts=derive_facts(commit, texts)))


def analysis_text(analysis: Analysis) -> str:
    """Everything an analysis says, one part per line: summary, impact, recommendations, insights and risks."""
    parts = [*analysis.summary, *analysis.impact, *analysis.recommendations,
             *(v for v in analysis.insights.model_dump().values() if v)]
    parts += [f"{r.risk} {r.impact} {r.mitigation}" for r in analysis.risks]
    return "\n".join(parts)


def facts_of(files: dict[str, tuple[str | None, str | None]], *, read: bool = True) -> list[dict]:
    """derive_facts of a commit changing ``files``, as plain dicts (None fields left out)."""
    commit, texts = commit_of(files)
    return [f.model_dump(exclude_none=True) for f in derive_facts(commit, texts if read else None)]


def fact(kind: str, path: str, **fields) -> dict:
    return {"kind": kind, "path": path, **fields}
