"""A permission a component needed and lacked, granted: a fix that makes it work, not a hole closed."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.analyzers.heuristic.evidence import Evidence

#: the title says the permission (a role's rule, a privilege) was missing: "Add missing configmap get permission"
_MISSING_GRANT = re.compile(r"\b(missing|lacking|required)\b(\s+[\w./-]+){0,4}?\s+(permissions?|privileges?|"
                            r"rbac( rules?)?|role( rules?)?|verbs?)\b", re.I)
_COMMENT = re.compile(r"^\s*(#|//)")


def missing_permission_granted(e: Evidence) -> bool:
    """The title says a missing permission is added, and the product hunks only add lines (a comment reworded
    aside): access widened for the component itself, as a fix, which labellers call medium; the security words of
    the title ("permission") read no vulnerability here."""
    if not _MISSING_GRANT.search(e.title) or not e.behaviour:
        return False
    return all(not line or _COMMENT.match(line) for f in e.behaviour for line in changed_lines(f.patch)[0])
