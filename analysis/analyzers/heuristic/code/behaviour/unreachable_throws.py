"""Throws the author marks as unreachable: a defensive panic where a call cannot fail, no new way to fail.

``f, err := redirectStdLogAt(l, InfoLevel); if err != nil { // Can't get here, since passing InfoLevel always works.
panic(...) }``: a refactor that routes a public function through a helper returning an error adds a ``panic`` for the
error the helper never returns with that argument. The facts count one more throw statement in a public function
(a contract change, high); the comment above it, or the message it throws ("should never happen"), says no caller
reaches it.
"""

from __future__ import annotations

import re

from analysis.facts.patches import parse_patch

#: a statement that raises or aborts: ``throw``, ``raise``, Go's ``panic(``, Rust's ``panic!``/``unreachable!``
_THROW = re.compile(r"^\s*(throw\b|raise\b|panic\s*!?\s*\(|unreachable!\s*\()")
#: a comment line: ``//``, ``#``, a block comment's ``/*`` or ``*``
_COMMENT = re.compile(r"^\s*(//|#|/\*|\*)")
#: the author's word that a branch is never taken ("can't get here", "should never happen", "impossible"); not a
#: failure's own message ("Cannot get connection", "cannot reach host", "Impossible to find the configuration")
_UNREACHABLE = re.compile(r"\b(can'?t|cannot|can ?not|could ?n'?t|should ?n'?t|should never|should not|will never|"
                          r"must never|never)\s+((get|reach)\s+here|be\s+reached|reached|happen|occur)\w*|"
                          r"\bunreachable\b|\bimpossible\b(?!\s+to\b)", re.IGNORECASE)


def unreachable_throws_only(patch: str | None) -> bool:
    """Every ``throw``/``raise``/``panic`` the hunks add says it is never reached: in the comment lines right above
    it (added with it), or in its own line's message."""
    throws = 0
    for hunk in parse_patch("", patch).hunks:
        comment: list[str] = []
        for line in hunk.lines:
            if line.kind != "+":
                comment = []  # a kept or removed line ends the block of added lines
                continue
            if _COMMENT.match(line.text):
                comment.append(line.text)
                continue
            if _THROW.match(line.text):
                if not (_UNREACHABLE.search(" ".join(comment)) or _UNREACHABLE.search(line.text)):
                    return False
                throws += 1
            comment = []
    return throws > 0
