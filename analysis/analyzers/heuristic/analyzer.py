"""Offline heuristic analyzer: an ``Analysis`` written from the diff's facts and the message, no model."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic.api.api_dumps import recorded_only
from analysis.analyzers.heuristic.code.named.inline_tests import inline_tests_only, rust_test_file
from analysis.analyzers.heuristic.config.dev_toolchain import hermit_file
from analysis.analyzers.heuristic.evidence import Evidence
from analysis.analyzers.heuristic.judge import change_type_of, importance_of, read_prefix
from analysis.analyzers.heuristic.paths import area_of, build_support, classify_path
from analysis.analyzers.heuristic.text.findings import Findings
from analysis.analyzers.heuristic.text.writer import Writer
from analysis.earlier_lines import DayRework
from analysis.facts import derive_facts
from analysis.models import Analysis, Commit, Fact

logger = logging.getLogger(__name__)

__all__ = ["HeuristicAnalyzer", "area_of", "classify_path", "evidence_of"]


def evidence_of(commit: Commit, facts: list[Fact], folded_titles: Iterable[str] = (),
                added_earlier: dict[str, str] | None = None, day_rework: DayRework | None = None) -> Evidence:
    """The commit, its facts, the titles of the commits it folds in, the symbols the day added before it, its lines
    read against the day and its paths' classes, read once."""
    evidence = Evidence(commit=commit, facts=list(facts), folded_titles=list(folded_titles),
                        added_earlier=dict(added_earlier or {}), day_rework=day_rework)
    evidence.classes = {f.path: classify_path(f.path) for f in evidence.files}
    for f in evidence.files:
        if inline_tests_only(f.path, f.patch):  # a Rust file's own ``mod tests``: test code, not product code
            evidence.classes[f.path] = {"test"}
        if inline_tests_only(f.path, f.patch) or rust_test_file(f.path):
            evidence.rust_tests.append(f)
        if hermit_file(f.path, f.patch):  # the maintainers' pinned tools (Hermit's ``bin/``): tooling
            evidence.classes[f.path] = {"tooling"}
    for path in build_support([f.path for f in evidence.files], evidence.classes):
        evidence.classes[path] = {"build"}  # a ``build/`` folder's own stubs, beside the project files that compile them
    for path in recorded_only(evidence.files, evidence.classes):  # an API dump created, or updated alone
        evidence.classes[path] = {"generated"}
    read_prefix(evidence)
    return evidence


#: part of the cache key of heuristic analyses
HEURISTIC_VERSION = 183


class HeuristicAnalyzer:
    """Analyses a commit from its diff's facts, paths and message; cheap, deterministic, never calls out."""

    name = "heuristic"
    #: analyses are cached like the LLM's: a re-run reads commits from the cache without their patches,
    #: and the rules read hunks besides the facts, so a recomputed analysis could differ from the first.
    #: Bump the version whenever the rules or the wording change.
    cache_key = f"heuristic-v{HEURISTIC_VERSION}"
    #: reads the hunks besides the facts: a commit cached without patches is fetched again before analysing it
    needs_patches = True

    def analyze_sync(self, commit: Commit, lang: str, context: AnalysisContext | None = None) -> Analysis:
        facts = context.facts if context is not None else (derive_facts(commit) if commit.files else [])
        evidence = evidence_of(commit, facts, context.folded_titles if context is not None else [],
                               context.added_earlier if context is not None else None,
                               context.day_rework if context is not None else None)
        change_type = change_type_of(evidence)
        importance = importance_of(evidence, change_type)
        writer = Writer(evidence, change_type, lang, importance)
        findings = Findings(writer)
        risks, recommendations = findings.derive()
        analysis = Analysis(
            change_type=change_type,
            importance=importance,
            summary=writer.summary(),
            impact=writer.impact(),
            insights=findings.insights(),
            risks=risks,
            recommendations=recommendations,
            facts=facts,
            analyzer="heuristic",
        )
        logger.debug("heuristic %s: %s/%s", commit.short_sha, analysis.change_type, analysis.importance)
        return analysis

    async def analyze(self, commit: Commit, lang: str, context: AnalysisContext | None = None) -> Analysis:
        return self.analyze_sync(commit, lang, context)
