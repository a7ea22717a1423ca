"""The module-level values a change edits, read from git's hunk headers: ``validation_error_definition = {``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

_HUNK = re.compile(r"^@@ [^@]* @@ ?(?P<context>.*)$")
#: a top-level name given a multi-line literal: ``NAME = {``, ``export const routes = [``, ``var defaults = map[..]{``
#: (not a function: ``const f = (x) => {``)
_OPENS_VALUE = re.compile(r"^(?:(?:export\s+)?(?:const|let|var|static|pub\s+static|pub\s+const)\s+)?"
                          r"(?P<name>[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:[\w.\[\]*&]+)?[\[{]\s*$")
#: a line at column 0 that closes a literal: the value git named ended before the hunk's change
_CLOSES = re.compile(r"^[}\])]")


def values_edited(files: Iterable[FileChange]) -> list[str]:
    """Names of module-level values whose multi-line literal the hunks change (git's hunk header or the hunk's
    context lines open it)."""
    names: list[str] = []
    name = None
    for f in files:
        for line in (f.patch or "").splitlines():
            hunk = _HUNK.match(line)
            if hunk:
                opened = _OPENS_VALUE.match(hunk.group("context"))
                name = opened.group("name") if opened else None
            elif line[:1] == " " and (opened := _OPENS_VALUE.match(line[1:])):
                name = opened.group("name")  # the hunk's own context opens the value
            elif name and line[:1] == " " and _CLOSES.match(line[1:]):
                name = None  # the literal closed before the change
            elif name and line[:1] in ("+", "-"):
                names.append(name)
                name = None
    return list(dict.fromkeys(names))


#: a keyed entry's first line in a literal: ``    "run_sync": DeprecatedAttribute(`` / ``  'key': value,``
_ENTRY = re.compile(r"""^(?P<indent>\s+)(?P<q>["'])(?P<key>[A-Za-z_][\w.-]{0,60})(?P=q)\s*:""")


def entries_removed(files: Iterable[FileChange]) -> list[str]:
    """Keys of the entries a change takes out of a literal (``"run_sync_in_worker_thread": Deprecated(...)``): a
    removed line opening a keyed entry at the hunk's outermost entry depth, its key not added back in the file."""
    keys: list[str] = []
    for f in files:
        patch = f.patch or ""
        added = {m["key"] for ln in patch.splitlines() if ln[:1] == "+" and (m := _ENTRY.match(ln[1:]))}
        for hunk in re.split(r"^@@[^\n]*$", patch, flags=re.M):
            entries = [(ln[:1], m) for ln in hunk.splitlines() if ln[:1] in " +-" and (m := _ENTRY.match(ln[1:]))]
            if not entries:
                continue
            depth = min(len(m["indent"]) for _, m in entries)
            keys += [m["key"] for sign, m in entries
                     if sign == "-" and len(m["indent"]) == depth and m["key"] not in added]
    return list(dict.fromkeys(keys))

