"""Where importance rules goes wrong: its misses on tuned days, with what the diff shows, grouped by repository.

Run ``python bench/rule_misses.py _importance_of:LINE ... [--all]``: for each ``return`` of ``judge.py`` that
``bench/rule_paths.py`` names, each tuned change it decided against the label (``--all``: every change it decided),
with its day, SHA, label, verdict, change type, product lines added/removed, files, fact kinds and title; then how
many repositories its misses fall in per label. A cause worth a rule recurs across repositories, not in one.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.labelled_changes import LabelledChange, labelled_changes  # noqa: E402


def features(change: LabelledChange) -> str:
    """Product lines added/removed, files, the fact kinds (counted) and the change type, in one line."""
    e = change.evidence
    added = sum(f.additions for f in e.behaviour)
    removed = sum(f.deletions for f in e.behaviour)
    kinds = Counter(f.kind for f in e.facts)
    facts = ",".join(f"{k}{'x' + str(n) if n > 1 else ''}" for k, n in sorted(kinds.items()))
    return (f"+{added}/-{removed} files={len(e.files)} type={change.change_type} prefix={e.prefix_type or '-'} "
            f"facts={facts or '-'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", nargs="+", help="function:line of judge.py, as bench/rule_paths.py prints it")
    parser.add_argument("--all", action="store_true", help="every tuned change the rule decided, not only misses")
    args = parser.parse_args()
    shown = [c for c in labelled_changes() if c.tuned and c.decided_by in args.rules
             and (args.all or c.importance != c.label)]
    by_label: dict[tuple[str, str], set[str]] = {}
    for c in sorted(shown, key=lambda c: (c.decided_by, c.label, c.repository)):
        by_label.setdefault((c.decided_by, c.label), set()).add(c.repository)
        print(f"{c.decided_by} {c.day:<32} {c.evidence.commit.sha[:10]} label={c.label:<6} read={c.importance:<6} "
              f"{features(c)}\n    {c.evidence.title[:110]}")
    for (rule, label), repos in sorted(by_label.items()):
        count = sum(c.decided_by == rule and c.label == label for c in shown)
        print(f"{rule} label {label}: {count} changes in {len(repos)} repositories")
    return 0


if __name__ == "__main__":
    sys.exit(main())
