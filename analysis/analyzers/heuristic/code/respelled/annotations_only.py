"""Changes that only rewrite parameters' type annotations: Python and TypeScript erase them, the same code runs."""

from __future__ import annotations

import re

from analysis.analyzers.signatures import compare
from analysis.facts.patches import parse_patch
from analysis.models import Fact, FileChange

#: languages whose annotations do nothing when the code runs
_ERASED = (".py", ".pyi", ".ts", ".tsx", ".mts", ".cts")
_SYMBOL_KINDS = ("symbol_added", "symbol_removed", "symbol_modified", "signature_changed")


def _bare(text: str) -> str:
    return "".join(text.split()).rstrip(",")


def annotations_only(files: list[FileChange], facts: list[Fact]) -> bool:
    """Every file is Python or TypeScript; the facts on them are signatures whose parameters only change their
    annotation (``typing.Pattern[str]`` -> ``re.Pattern[str]``), and every line removed and added is one of those
    parameters: no test would run differently, so none is missing."""
    if not files or not all(f.path.endswith(_ERASED) for f in files):
        return False
    paths = {f.path for f in files}
    olds, news = set(), set()
    for fact in (f for f in facts if f.path in paths and f.kind in _SYMBOL_KINDS):
        delta = compare(fact.before, fact.after, fact.path)
        if fact.kind != "signature_changed" or not delta.retyped or delta.breaking or delta.returns:
            return False
        olds |= {_bare(old) for old, _ in delta.retypes}
        news |= {_bare(new) for _, new in delta.retypes}
    if not olds:
        return False
    for f in files:
        patch = parse_patch(f.path, f.patch)
        removed = [_bare(line.text) for line in patch.removed if line.text.strip()]
        added = [_bare(line.text) for line in patch.added if line.text.strip()]
        if not removed or not set(removed) <= olds or not set(added) <= news:
            return False
    return True


#: a TypeScript type's declaration line: ``export type Sep = '\\' | '/'``, ``export interface Options {``
_TYPE_HEAD = re.compile(r"^\s*(?:export\s+)?(?:declare\s+)?(?:type|interface)\s+[A-Za-z_$][\w$]*\b")
_TS = (".ts", ".tsx", ".mts", ".cts")


def type_declarations_only(files: list[FileChange], facts: list[Fact]) -> bool:
    """Every file is TypeScript, every symbol the facts name there is a ``type`` or ``interface`` (one exported,
    ``type Platform`` made ``export type Platform``), and every line changed is such a declaration's line, a blank
    or a comment: the compiler erases them all, no test would run differently."""
    if not files or not all(f.path.endswith(_TS) for f in files):
        return False
    paths = {f.path for f in files}
    named = [f for f in facts if f.path in paths and f.kind in _SYMBOL_KINDS]
    if not named or not all((f.text or "").split(",")[0] in ("type", "interface") for f in named):
        return False
    for f in files:
        patch = parse_patch(f.path, f.patch)
        for line in (*patch.removed, *patch.added):
            text = line.text.strip()
            if text and not text.startswith(("//", "/*", "*")) and not _TYPE_HEAD.match(text):
                return False
    return True
