"""A TypeScript module whose export form flips between CommonJS's ``export = x`` and ``export default x``: what
importers must write changes (``import x = require("m")`` against ``import x from "m"``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

_TS = (".ts", ".mts", ".cts", ".tsx")
_DECLARATIONS = (".d.ts", ".d.mts", ".d.cts")
#: a module's export: ``export = dayjs;`` (CommonJS form), ``export default dayjs`` (ES form)
_EXPORT = re.compile(r"^export\s*(?P<form>=|default\s)\s*(?P<name>[A-Za-z_$][\w$.]*)\s*;?$")
_FORMS = {"=": "export =", "d": "export default"}


def _exports(lines: Iterable[str]) -> dict[str, set[str]]:
    """The export forms the lines write, by exported name."""
    out: dict[str, set[str]] = {}
    for line in lines:
        match = _EXPORT.match(line)
        if match:
            out.setdefault(match.group("name"), set()).add(_FORMS[match.group("form")[0]])
    return out


def export_form_flips(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """(path, old form, new form) for every TypeScript file (typings included) whose removed lines export a name
    one way and whose added lines export the same name the other way."""
    out = []
    for f in files:
        if not f.path.endswith(_TS):
            continue
        removed, added = changed_lines(f.patch)
        before, after = _exports(removed), _exports(added)
        for name, old in before.items():
            new = after.get(name, set())
            if len(old) == 1 and len(new) == 1 and old != new:
                out.append((f.path, next(iter(old)), next(iter(new))))
                break
    return out


def export_form_swapped(files: Iterable[FileChange]) -> bool:
    """A declaration file (``.d.ts``) flips its module export: every TypeScript consumer's import of the package
    (``import x = require(...)`` or ``import x from ...``) is typed anew, and the form it wrote before no longer
    compiles."""
    return any(path.endswith(_DECLARATIONS) for path, _, _ in export_form_flips(files))
