"""Maintainer-review mends (defects9): a comment edited inside or after code names no symbol as modified; git's
``@@ ... @@ func X`` header is the definition open where the hunk starts, not one that closed before its changes."""

from __future__ import annotations

from datetime import UTC, datetime

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.facts import derive_facts
from analysis.models import Commit, FileChange

# a lint directive dropped after a type's opening line; git's header names the method that closed above it
LINT = """@@ -40,7 +40,7 @@ func (b Box) Width() int {
 }
 
 // Shelf holds boxes.
-type Shelf struct { //nolint:revive
+type Shelf struct {
 	boxes []Box
 	label string
 }
"""
# one hunk changes a method's code, another only its neighbour's comment
MIXED = """@@ -10,7 +10,7 @@ func (b Box) Width() int {
 	if b.w < 0 {
 		return 0
 	}
-	return b.w
+	return b.w + b.pad
 }
 
 func (b Box) Height() int {
@@ -30,6 +30,6 @@ func (b Box) Depth() int {
 	if b.d < 0 {
 		return 0
 	}
-	// depth is never cached
+	// depth is never cached: it changes with the lid
 	return b.d
 }
"""
# a top-level value changed below a function that ended inside the hunk
AFTER_END = """@@ -20,6 +20,6 @@ func Measure(b Box) int {
 	return b.w * b.h
 }
 
-var DefaultPad = 1
+var DefaultPad = 2
 
 func Pack() {}
"""


def _commit(patch: str, message: str = "chore: fix lint") -> Commit:
    change = FileChange(path="shelf/shelf.go", status="modified", patch=patch,
                        additions=patch.count("\n+"), deletions=patch.count("\n-"))
    return Commit(sha="2" * 40, author="Ann", committed_at=datetime(2026, 2, 14, tzinfo=UTC),
                  message=message, parents=["1" * 40], files=[change], details_loaded=True)


def _facts(patch: str) -> list[tuple]:
    return [(f.kind, f.symbol) for f in derive_facts(_commit(patch))]  # no source: the hunks alone


def test_a_comment_dropped_after_code_is_a_comments_only_change_on_the_definition_it_follows():
    assert _facts(LINT) == [("comments_only", None)]
    commit = _commit(LINT)
    for lang in ("en", "zh"):
        summary = " ".join(HeuristicAnalyzer().analyze_sync(
            commit, lang, AnalysisContext(facts=derive_facts(commit))).summary)
        assert "`Shelf`" in summary and "Width" not in summary, summary


def test_a_hunk_that_only_edits_a_comment_names_no_symbol_as_modified():
    assert _facts(MIXED) == [("symbol_modified", "Box.Width")]


def test_gits_header_does_not_name_a_function_that_closed_before_the_change():
    assert _facts(AFTER_END) == []
