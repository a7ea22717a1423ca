"""Errors thrown only for options the same change adds: no call that worked before fails now.

``if (o.insertBefore && o.insertAfter) throw new Error(..)`` beside a new ``insertBefore?: boolean`` field: existing
callers never pass the option, so the new throw turns away only a misuse of what this change introduces; a throw
guarded by a name the code had before (``if (o.timeout < 0) throw``) is a stricter contract for everyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import parse_patch

#: a statement that raises (JS/TS/Java/C++/C#/PHP ``throw``, Python ``raise``)
_THROW = re.compile(r"^\s*(throw|raise)\b")
#: the condition of an ``if`` (``} else if (..)``, Python's ``elif``)
_IF = re.compile(r"^\s*(?:\}\s*else\s+)?(?:if|elif)\b(?P<condition>.*)$")
#: a property a condition reads: ``o.insertBefore``, ``o?.insertAfter``, ``o["insertAfter"]``
_PROPERTY = re.compile(r"\??\.\s*([A-Za-z_$][\w$]*)\b(?!\s*\()|\[\s*['\"]([\w$]+)['\"]\s*\]")
#: a field, key or parameter an added line declares: ``insertBefore?: boolean;``, ``insert_before: bool = False``
_DECLARED = re.compile(r"^\s*(?:readonly\s+|public\s+|private\s+)?([A-Za-z_$][\w$]*)\??\s*[:=]")


def new_names(patches: Iterable[str | None]) -> set[str]:
    """Names the added lines declare that no removed line mentions: fields and keys this change introduces."""
    declared, mentioned = set(), set()
    for patch in patches:
        parsed = parse_patch("", patch)
        declared.update(m.group(1) for ln in parsed.added if (m := _DECLARED.match(ln.text)))
        mentioned.update(name for ln in parsed.removed for name in re.findall(r"[A-Za-z_$][\w$]*", ln.text))
    return declared - mentioned


def throws_for_new_options(patch: str | None, introduced: set[str]) -> bool:
    """Every ``throw``/``raise`` the hunks add is guarded by an added ``if`` reading only ``introduced`` properties."""
    throws = 0
    for hunk in parse_patch("", patch).hunks:
        condition = None
        for line in hunk.lines:
            if line.kind != "+":
                condition = None  # a kept or removed line ends the block of added lines
            elif match := _IF.match(line.text):
                condition = match.group("condition")
            elif _THROW.match(line.text):
                read = {a or b for a, b in _PROPERTY.findall(condition or "")}
                if not read or not read <= introduced:
                    return False
                throws += 1
    return throws > 0
