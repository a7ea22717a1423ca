"""A public class that existed made abstract: Python's ``class Command(_Command):`` rewritten ``class
Command(_Command, ABC):`` with ``@abstractmethod`` added, Java's ``public class Foo`` rewritten ``public abstract
class Foo``. Users' subclasses that lack a method now abstract, and every ``Foo()``/``new Foo()``, fail to build
the object: a changed public API, not a typing nicety."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: a Python class line with its bases: ``class Command(_Command, ABC):``
_PY_CLASS = re.compile(r"^class\s+(?P<name>[A-Za-z]\w*)\s*\((?P<bases>[^)]*)\)\s*:")
_PY_ABSTRACT = re.compile(r"^@(abc\.)?abstractmethod\b")
_ABC = re.compile(r"(^|[\s,.])(ABC|ABCMeta)\b")
#: a Java, Kotlin or C# class declaration, public and not nested
_JVM_CLASS = re.compile(r"^public\s+(?P<mods>(?:\w+\s+)*)class\s+(?P<name>[A-Z]\w*)")


def classes_made_abstract(files: Iterable[FileChange]) -> list[str]:
    """Public classes whose declaration line is rewritten to make them abstract: in Python a removed class line
    without ``ABC`` among its bases comes back with it and the change adds an ``@abstractmethod``; in Java or
    Kotlin a ``public class`` comes back ``abstract``."""
    out: list[str] = []
    for f in files:
        old, new = changed_lines(f.patch)
        if f.path.endswith(".py"):
            before = {m.group("name"): m.group("bases") for line in old if (m := _PY_CLASS.match(line))}
            if not any(_PY_ABSTRACT.match(line) for line in new):
                continue
            for line in new:
                m = _PY_CLASS.match(line)
                if (m and m.group("name") in before and _ABC.search(m.group("bases"))
                        and not _ABC.search(before[m.group("name")])):
                    out.append(m.group("name"))
        elif f.path.endswith((".java", ".kt")):
            before = {m.group("name"): m.group("mods").split() for line in old if (m := _JVM_CLASS.match(line))}
            out += [m.group("name") for line in new if (m := _JVM_CLASS.match(line)) and m.group("name") in before
                    and "abstract" in m.group("mods").split() and "abstract" not in before[m.group("name")]]
    return out
