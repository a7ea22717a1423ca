"""Every hand-labelled change of the fixture days, read once by the heuristic: its evidence, verdict and deciding rule.

The rule that decided is the ``return`` statement of ``judge.py`` that produced the importance (its line and the
comment beside it), found by tracing the call: the judge stays a plain function with no bookkeeping of its own.
``bench/rule_paths.py`` counts how often each rule is right on tuned and held-out days; ``bench/learned_baseline.py``
fits a model on the same changes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.analyzers.heuristic import judge  # noqa: E402
from analysis.analyzers.heuristic.analyzer import evidence_of  # noqa: E402
from analysis.analyzers.heuristic.evidence import Evidence  # noqa: E402
from analysis.earlier_additions import day_line, earlier_additions  # noqa: E402
from analysis.earlier_lines import earlier_lines  # noqa: E402
from analysis.facts import derive_facts  # noqa: E402
from bench.day_fixtures import day_names, load  # noqa: E402
from bench.heuristic_agreement import TUNED  # noqa: E402

#: the judge's functions whose ``return`` names the rule that decided
_DECIDERS = {"_importance_of", "_without_product_code", "_from_message"}


@dataclass
class LabelledChange:
    day: str
    tuned: bool
    evidence: Evidence
    change_type: str
    importance: str
    label: str
    label_type: str
    #: ``function:line`` of the judge's ``return`` that decided the importance
    decided_by: str

    @property
    def repository(self) -> str:
        return self.day.rsplit("-", 3)[0]


def judged(e: Evidence) -> tuple[str, str, str]:
    """Change type, importance, and the judge's ``return`` (``function:line``) that decided the importance."""
    change_type = judge.change_type_of(e)
    returns: list[str] = []

    def local(frame, event, arg):
        if event == "return":
            returns.append(f"{frame.f_code.co_name}:{frame.f_lineno}")
        return local

    def calls(frame, event, arg):
        code = frame.f_code
        return local if code.co_name in _DECIDERS and code.co_filename == judge.__file__ else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        importance = judge.importance_of(e, change_type)
    finally:
        sys.settrace(previous)
    return change_type, importance, returns[0] if returns else "importance_of"


def labelled_changes(names: list[str] | None = None) -> Iterator[LabelledChange]:
    """Each labelled change of each fixture day (all days unless ``names``), as the analyzer reads it."""
    for name in names or day_names():
        day = load(name)
        facts = [(commit, derive_facts(commit, day.contents)) for commit in day.commits]
        by_sha = {commit.sha: commit for commit in day.commits}
        for commit, found in facts:
            if commit.sha not in day.labels:
                continue
            evidence = evidence_of(commit, found, (), earlier_additions(facts, commit),
                                   earlier_lines(commit, day_line(by_sha, commit)))
            change_type, importance, decided_by = judged(evidence)
            label, label_type, _reason = day.labels[commit.sha]
            yield LabelledChange(name, name in TUNED, evidence, change_type, importance, label, label_type, decided_by)
