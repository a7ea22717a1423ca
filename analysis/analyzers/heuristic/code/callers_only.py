"""Callers that only follow a signature: an internal function's parameters change and the other definitions the
commit touches change nothing but their calls to it (``l.log(DebugLevel, 0, msg)`` -> ``l.log(DebugLevel, msg)``).
The change is the one signature; the callers are not "changed" in the same sense."""

from __future__ import annotations

import re

from analysis.facts.code.hunk_symbols import code_family, code_part, enclosing_definition
from analysis.facts.patches import parse_patch
from analysis.models import Fact, FileChange


def callers_only(sig: Fact, files: list[FileChange]) -> bool:
    """Every code line ``files`` change is a call of ``sig``'s function (or its own definition line), or sits in
    that function's own body: nothing else in the commit changes but the calls that follow the new parameters.
    A commit whose changed lines never call it (the function's body alone) is not one."""
    name = re.split(r"\.|::", sig.symbol or "")[-1]
    if not name:
        return False
    called = re.compile(rf"(?<![\w$]){re.escape(name)}\s*\(")
    calls = 0
    for f in files:
        family = code_family(f.path)
        if not f.patch or family is None:
            return False
        for hunk in parse_patch(f.path, f.patch).hunks:
            for i, line in enumerate(hunk.lines):
                if line.kind == " " or not code_part(family, line.text).strip():
                    continue  # context, a blank or comment line
                if called.search(code_part(family, line.text)):
                    calls += line.kind == "+"
                    continue
                owner = enclosing_definition(f.path, hunk, i)
                if owner is None or re.split(r"\.|::", owner.name)[-1] != name:
                    return False
    return calls > 0
