"""The commit message says, in words, that the change breaks compatibility ("This is a binary-incompatible change.")."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.evidence import Evidence

#: a sentence calling this change incompatible or breaking, or saying it breaks compatibility
_SAID = re.compile(r"\b(this|it|which)\s+(is|was)\s+(an?\s+)?((binary|source|backwards?|api)[- ])?(incompatible|breaking)"
                   r"(\s+api)?\s+change\b|\bbreaks?\s+(binary|source|backwards?|api)\s+compat\w*", re.I)
#: a negation before it in the same sentence ("this is not a breaking change", "nothing here breaks source compat")
_NEGATED = re.compile(r"\b(not|no|never|nothing|isn't|wasn't|doesn't|without)\b|n't\b", re.I)


def said_incompatible(e: Evidence) -> bool:
    """A sentence of the message says this change is binary-, source- or backwards-incompatible (or breaks that
    compatibility), with no negation before it, and product code changes: the author's own word that callers
    built against the old API break, as a ``BREAKING CHANGE:`` footer is."""
    if not e.behaviour:
        return False
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n", e.commit.message):
        match = _SAID.search(sentence)
        if match and not _NEGATED.search(sentence[:match.start()] + match.group(0)):
            return True
    return False
