"""Key bindings of a terminal or desktop UI removed or rebound: the shortcuts users press do something else or
nothing (``ui.KeyShiftC: ui.NewKeyAction("Sort CPU", ...)`` deleted, ``Binding("q", "quit")`` moved to another key)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: one binding of a key to an action: tview/k9s ``NewKeyAction(``, bubbletea ``key.NewBinding(``, Textual
#: ``Binding("q", ...)``, a ``KeyBinding(`` object
_BINDING = re.compile(r"\b(?:New)?Key(?:Action|Binding)\s*\(|\bkey\.NewBinding\s*\(|\bBinding\s*\(\s*[\"']")
#: bindings gone before a reviewer reads the change as the UI's shortcuts reworked, not one key tidied
_MIN_GONE = 3


#: what a binding line binds: the map key before its colon (``ui.KeyShiftC:``, ``CharacterForward:``), else the keys
#: a ``key.WithKeys(...)`` or ``Binding("q", ...)`` names
_MAP_KEY = re.compile(r"""^\s*(?P<key>[\w.]+|"[^"]+"|'[^']+')\s*:(?!:)""")
_WITH_KEYS = re.compile(r"""\bWithKeys\((?P<key>[^)]*)\)|\bBinding\(\s*(?P<first>"[^"]*"|'[^']*')""")


def _bound(line: str) -> str:
    if (m := _MAP_KEY.match(line)):
        return m.group("key")
    if (m := _WITH_KEYS.search(line)):
        return re.sub(r"\s+", "", m.group("key") or m.group("first"))
    return re.sub(r"\s+", "", line)


def bindings_removed(files: Iterable[FileChange]) -> list[str]:
    """Bindings of product code whose key no added binding of the commit binds again (a binding rewritten in place,
    its help text added or its columns re-aligned, keeps its key), when there are at least ``_MIN_GONE`` of them."""
    files = list(files)
    added = {_bound(line) for f in files for line in changed_lines(f.patch)[1] if _BINDING.search(line)}
    gone = [line for f in files for line in changed_lines(f.patch)[0]
            if _BINDING.search(line) and _bound(line) not in added]
    return gone if len(gone) >= _MIN_GONE else []
