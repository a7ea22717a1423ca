"""Hooks for subclasses: a ``protected`` method or constructor a public, non-final class gains or widens to.

Users who extend the class (outside its package) can now call or override it: API for subclassers, additive, as a
new public method is for callers (SLF4J's ``SimpleLogger`` given a ``protected`` constructor and an overridable
``renderLevel``). A member that was already ``protected`` or ``public`` and only changes its body or parameters'
names is no new hook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: languages whose ``protected`` reaches subclasses in other packages
_EXTS = (".java", ".kt", ".cs", ".php", ".scala")
#: a ``protected`` method or constructor declared on an added line: its name before the parameter list
_PROTECTED = re.compile(r"^\s*(?:@\w+\s+)*protected\s+(?!.*\bfinal\b)(?:[\w<>\[\],.?]+\s+)*?(?P<name>\w+)\s*\(")
#: the same member on a removed line, with the reach it had
_REMOVED = r"^\s*(?:@\w+\s+)*(?P<mods>(?:(?:public|protected|private|static|abstract|synchronized|open|internal|" \
           r"virtual|override|fun|function)\s+)*)(?:[\w<>\[\],.?]+\s+)*?{name}\s*\("
#: the class is public and can be extended (not ``final``, not ``sealed``)
_OPEN_CLASS = re.compile(r"\bpublic\s+(?:abstract\s+)?(?:open\s+)?class\s+\w+")
_CLOSED_CLASS = re.compile(r"\b(?:final|sealed)\s+(?:\w+\s+)*class\s+\w+")


def subclass_hooks(files: Iterable[FileChange]) -> list[str]:
    """Names of the ``protected`` members the files' public, non-final classes gain (added, or widened from
    package-private or private)."""
    hooks: list[str] = []
    for f in files:
        if not f.path.endswith(_EXTS) or not f.patch:
            continue
        lines = f.patch.splitlines()
        if not any(_OPEN_CLASS.search(line) for line in lines) or any(_CLOSED_CLASS.search(line) for line in lines):
            continue
        removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
        for line in lines:
            if not line.startswith("+") or line.startswith("+++") or not (m := _PROTECTED.match(line[1:])):
                continue
            name = m.group("name")
            before = [r for line in removed if (r := re.match(_REMOVED.format(name=re.escape(name)), line))]
            if any(re.search(r"\b(public|protected)\b", r.group("mods")) for r in before):
                continue  # already reachable by subclasses: its body or parameters' names changed
            hooks.append(name)
    return list(dict.fromkeys(hooks))
