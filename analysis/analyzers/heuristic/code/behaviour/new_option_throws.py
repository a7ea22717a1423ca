"""Errors thrown only for options the same change adds: no call that worked before fails now.

``if (o.insertBefore && o.insertAfter) throw new Error(..)`` beside a new ``insertBefore?: boolean`` field: existing
callers never pass the option, so the new throw turns away only a misuse of what this change introduces; a throw
guarded by a name the code had before (``if (o.timeout < 0) throw``) is a stricter contract for everyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: a statement that raises (JS/TS/Java/C++/C#/PHP ``throw``, Python ``raise``)
_THROW = re.compile(r"^\s*(throw|raise)\b")
#: the condition of an ``if`` (``} else if (..)``, Python's ``elif``)
_IF = re.compile(r"^\s*(?:\}\s*else\s+)?(?:if|elif)\b(?P<condition>.*)$")
#: a property a condition reads: ``o.insertBefore``, ``o?.insertAfter``, ``o["insertAfter"]``
_PROPERTY = re.compile(r"\??\.\s*([A-Za-z_$][\w$]*)\b(?!\s*\()|\[\s*['\"]([\w$]+)['\"]\s*\]")
#: a field, key or parameter an added line declares: ``insertBefore?: boolean;``, ``insert_before: bool = False``
_DECLARED = re.compile(r"^\s*(?:readonly\s+|public\s+|private\s+)?([A-Za-z_$][\w$]*)\??\s*[:=]")


def _lines(patch: str | None) -> list[str]:
    return [ln for ln in (patch or "").splitlines() if not ln.startswith(("+++", "---"))]


def new_names(patches: Iterable[str | None]) -> set[str]:
    """Names the added lines declare that no removed line mentions: fields and keys this change introduces."""
    declared, mentioned = set(), set()
    for patch in patches:
        for line in _lines(patch):
            if line[:1] == "+" and (match := _DECLARED.match(line[1:])):
                declared.add(match.group(1))
            elif line[:1] == "-":
                mentioned.update(re.findall(r"[A-Za-z_$][\w$]*", line[1:]))
    return declared - mentioned


def throws_for_new_options(patch: str | None, introduced: set[str]) -> bool:
    """Every ``throw``/``raise`` the hunks add is guarded by an added ``if`` reading only ``introduced`` properties."""
    throws, condition = 0, None
    for line in _lines(patch):
        if line.startswith("@@") or line[:1] != "+":
            condition = None  # a kept or removed line ends the block of added lines
            continue
        text = line[1:]
        if match := _IF.match(text):
            condition = match.group("condition")
        elif _THROW.match(text):
            read = {a or b for a, b in _PROPERTY.findall(condition or "")}
            if not read or not read <= introduced:
                return False
            throws += 1
    return throws > 0
