"""A nullability annotation dropped from a public Java method's parameter: ``gauge(String name, @Nullable T obj)``
rewritten ``gauge(String name, T obj)``. The method no longer accepts null there: callers that passed it break the
contract (and a null-checker or a Kotlin caller of a ``@NullMarked`` package rejects them), so the public API
changed although the signature's types did not. An annotation replaced by another nullable one (jsr305's
``@Nullable`` -> ``@NullableDecl``) leaves the line unequal to the old one without it: not a drop."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import Fact, FileChange

#: a nullable annotation on a parameter: after ``(`` or ``,`` (or opening a continuation line), before its type
_NULLABLE_PARAM = re.compile(r"(?:(?<=[(,])|^)\s*@(?:[\w.]+\.)?(?:Nullable|CheckForNull|NullableDecl)\s+"
                             r"(?:final\s+)?[\w.<>\[\]?]+(?:<[^()]*?>)?\s+(?P<param>\w+)\s*(?=[,)]|$)")
_METHOD = re.compile(r"(?P<name>\w+)\s*\(")
_PRIVATE = re.compile(r"^\s*(?:[\w@]+\s+)*private\b")


def _squeezed(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def nullness_dropped(files: list[FileChange], facts: list[Fact], public) -> list[tuple[str, str]]:
    """(method, parameter) of each public Java method whose parameter loses its nullable annotation, the rest of
    the line unchanged; ``public(fact)`` says whether a symbol fact is public API. The method is named by its
    declaration line, or (a parameter on a continuation line) by the file's one public method changed."""
    out: list[tuple[str, str]] = []
    for f in files:
        if not f.path.endswith(".java"):
            continue
        old, new = changed_lines(f.patch)
        added = {_squeezed(line) for line in new}
        methods = {(fact.symbol or "").rsplit(".", 1)[-1]: fact.symbol for fact in facts
                   if fact.path == f.path and fact.kind in ("symbol_modified", "signature_changed") and public(fact)
                   and (fact.text or "").startswith(("method", "function"))}
        for line in old:
            drops = list(_NULLABLE_PARAM.finditer(line))
            if not drops or _PRIVATE.search(line):
                continue
            stripped = line
            for m in reversed(drops):
                stripped = stripped[:m.start()] + re.sub(r"@(?:[\w.]+\.)?\w+\s+", "", m.group(0), count=1) \
                    + stripped[m.end():]
            if _squeezed(stripped) not in added:
                continue
            name = _METHOD.search(line)
            symbol = methods.get(name.group("name")) if name else (next(iter(methods.values()))
                                                                   if len(methods) == 1 else None)
            out += [(symbol, m.group("param")) for m in drops if symbol]
    return list(dict.fromkeys(out))
