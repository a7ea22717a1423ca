"""A TypeScript module whose export form flips between CommonJS's ``export = x`` and ``export default x``: what
importers must write changes (``import x = require("m")`` against ``import x from "m"``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import FileChange

_TS = (".ts", ".mts", ".cts", ".tsx")
_EXPORT_ASSIGN = re.compile(r"^\s*export\s*=\s*[\w$.]+\s*;?\s*$")
_EXPORT_DEFAULT = re.compile(r"^\s*export\s+default\s+[\w$.]+\s*;?\s*$")


def _form(lines: Iterable[str]) -> str | None:
    forms = {"export =" if _EXPORT_ASSIGN.match(ln) else "export default" for ln in lines
             if _EXPORT_ASSIGN.match(ln) or _EXPORT_DEFAULT.match(ln)}
    return forms.pop() if len(forms) == 1 else None


def export_form_flips(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """(path, old form, new form) for every TypeScript file (typings included) whose removed lines export the
    module one way and whose added lines the other."""
    out = []
    for f in files:
        if not f.path.endswith(_TS):
            continue
        patch = parse_patch(f.path, f.patch)
        old, new = _form(ln.text for ln in patch.removed), _form(ln.text for ln in patch.added)
        if old and new and old != new:
            out.append((f.path, old, new))
    return out
