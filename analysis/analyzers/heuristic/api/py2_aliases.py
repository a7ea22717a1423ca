"""Python 2 protocol aliases: a method kept only for Python 2 (``next`` beside ``__next__``, ``__nonzero__`` beside
``__bool__``, ``__unicode__`` beside ``__str__``, ``__div__`` beside ``__truediv__``) removed while its Python 3
counterpart stays in the same class. Python 3 never calls the alias, ``next(it)``, ``bool(x)``, ``str(x)`` and
``a / b`` reach the counterpart as before: no API removal a caller meets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.models import Fact

if TYPE_CHECKING:
    from analysis.analyzers.heuristic.evidence import Evidence

#: the Python 2 name and the Python 3 method the language calls instead
PY2_ALIASES = {"next": "__next__", "__nonzero__": "__bool__", "__unicode__": "__str__", "__div__": "__truediv__",
               "__idiv__": "__itruediv__", "__rdiv__": "__rtruediv__", "__getslice__": "__getitem__",
               "__cmp__": "__eq__"}


def _kept_in_patch(patch: str | None, method: str) -> bool:
    """The file's patch shows ``def method(`` on an unchanged or added line: the counterpart is there after."""
    pattern = re.compile(rf"^[ +]\s*(?:async\s+)?def\s+{re.escape(method)}\s*\(")
    return any(pattern.match(line) and not line.startswith("+++") for line in (patch or "").splitlines())


#: the builtin a Python 3 counterpart serves (``next(self)`` in an alias's body delegates to ``__next__``)
_BUILTINS = {"__next__": "next", "__bool__": "bool", "__str__": "str"}


def _delegates(patch: str | None, alias: str, counterpart: str) -> bool:
    """The alias's removed body calls its counterpart (``return self.__next__()``, ``return next(self)``): the
    counterpart was there before, and the commit does not remove it."""
    lines, body = (patch or "").splitlines(), []
    start = re.compile(rf"^-\s*(?:async\s+)?def\s+{re.escape(alias)}\s*\(")
    for i, line in enumerate(lines):
        if start.match(line):
            for rest in lines[i + 1:]:
                if not rest.startswith("-") or re.match(r"^-\s*(?:@|(?:async\s+)?def\s)", rest):
                    break
                body.append(rest[1:])
            break
    text = "\n".join(body)
    builtin = _BUILTINS.get(counterpart)
    return counterpart in text or bool(builtin and re.search(rf"\b{builtin}\(\s*self\s*\)", text))


def py2_alias(e: Evidence, fact: Fact) -> bool:
    """``fact`` removes a Python method that is a Python 2 alias whose counterpart the class keeps: seen as a fact of
    the counterpart that is not its removal, on a line of the file's patch the commit keeps or adds, or called by
    the alias's removed body."""
    owner, _, name = (fact.symbol or "").rpartition(".")
    counterpart = PY2_ALIASES.get(name)
    if fact.kind != "symbol_removed" or not owner or counterpart is None or not fact.path.endswith((".py", ".pyi")):
        return False
    twin = f"{owner}.{counterpart}"
    if any(f.path == fact.path and f.symbol == twin for f in e.of("symbol_removed")):
        return False
    if any(f.path == fact.path and f.symbol == twin for f in e.of("symbol_added", "symbol_modified", "signature_changed")):
        return True
    return any(_kept_in_patch(f.patch, counterpart) or _delegates(f.patch, name, counterpart)
               for f in e.files if f.path == fact.path)
