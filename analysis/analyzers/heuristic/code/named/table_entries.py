"""Entries a change adds to a table in code: a string-keyed line among unchanged lines of the same shape
(``"port": isPort,`` beside ``"hostname_port": isHostnamePort,``). A registry of tags, commands or handlers: the new
key is what users can now name, which the new function's own name does not say."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: ``"key": value,`` / ``'key' => value`` with the value a name (a function, a constant), the line nothing else
_ENTRY = re.compile(r"""^\s*(?P<key>"[^"\\\s]{1,40}"|'[^'\\\s]{1,40}')\s*(?::|=>)\s*"""
                    r"""(?P<value>[A-Za-z_$][\w.$]{0,60}(?:\(\))?)\s*,?\s*$""")
#: a literal, not a name: a set's ``"AR-X": true`` says a member, not what it is registered to
_LITERAL_WORDS = {"true", "false", "True", "False", "null", "None", "nil", "undefined"}
#: unchanged lines of the entry's shape around it that make the hunk a table
_TABLE_CONTEXT = 2


def table_entries(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """``(path, key, value)`` of each entry added to a table whose key the hunk did not already hold (a value set
    anew under an old key is a value changed, said elsewhere)."""
    found: list[tuple[str, str, str]] = []
    for f in files:
        for hunk in re.split(r"^@@[^\n]*$", f.patch or "", flags=re.M):
            lines = hunk.splitlines()
            context = [ln[1:] for ln in lines if ln.startswith(" ")]
            if sum(bool(_ENTRY.match(c)) for c in context) < _TABLE_CONTEXT:
                continue
            removed = {m["key"] for ln in lines if ln.startswith("-") and (m := _ENTRY.match(ln[1:]))}
            found += [(f.path, m["key"], m["value"]) for ln in lines
                      if ln.startswith("+") and not ln.startswith("+++") and (m := _ENTRY.match(ln[1:]))
                      and m["key"] not in removed and m["value"] not in _LITERAL_WORDS]
    return found
