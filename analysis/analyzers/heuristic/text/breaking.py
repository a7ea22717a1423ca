"""What a change marked breaking (``fix(scope)!:``, ``BREAKING CHANGE:``) breaks, as its message and diff name it."""

from __future__ import annotations

import re

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.text.spans import code
from analysis.analyzers.heuristic.text.writer import Writer

#: a name the title sets in backticks: what the author says the change is about (``include/exclude``, ``toThrow("")``)
_TITLE_SPAN = re.compile(r"`([^`\n]{1,80})`")
_CHANGED = ("signature_changed", "symbol_removed", "symbol_modified", "symbol_added")
#: a scope that names a kind of change, not a part of the project: ``fix(deps)!: update redis to v21``
_KIND_SCOPE = re.compile(r"^(deps?|dependencies|deps-dev|dev-deps|release|chore)$", re.I)
_SPANS, _TOUCHED = 2, 3


def title_spans(w: Writer) -> list[str]:
    """The names the title sets in backticks, in order, each once."""
    return list(dict.fromkeys(_TITLE_SPAN.findall(R.PREFIX_RE.sub("", w.e.title, count=1))))[:_SPANS]


def touched(w: Writer) -> str:
    """What the diff changes in product code, public first: its symbols, else the product files it deletes, else the
    packages it moves, else the configuration keys, else the files; empty when nothing in the product changes."""
    e = w.e
    facts = [f for f in e.of(*_CHANGED) if e.in_product(f) and f.symbol]
    if facts:
        ranked = sorted(facts, key=lambda f: (not e.is_public(f), _CHANGED.index(f.kind)))
        return w.symbols(list(dict.fromkeys(f.symbol for f in ranked)), _TOUCHED)
    # product files deleted whole ("remove cli entry": ``src/cli.ts``) are what dependants lose, before a package
    # moved beside them
    deleted = [f.path for f in sorted(e.behaviour, key=lambda f: -f.changes) if f.status == "removed"]
    if deleted:
        return w.names(deleted, 2)
    packages = [f.symbol for f in e.dependencies if f.symbol]
    if packages:
        return w.names(packages, _TOUCHED)
    keys = [f.symbol for f in e.config if f.symbol]
    if keys:
        return w.names(keys, _TOUCHED)
    return w.names([f.path for f in sorted(e.behaviour, key=lambda f: -f.changes)], 2)


def part_scope(w: Writer) -> str:
    """The conventional scope when it names a part of the project (``coverage``), not a kind of change (``deps``)."""
    scope = (w.e.scope or "").strip()
    return "" if _KIND_SCOPE.match(scope) else scope


def marker_insight(w: Writer) -> str:
    """The compatibility sentence: the scope the marker is on and what the diff changes (the ``BREAKING CHANGE:``
    paragraph's words are the risk's)."""
    scope, what = part_scope(w), touched(w)
    if scope and what:
        return w.t("compat_marker_scope_diff", scope=code(scope), touched=what)
    if what:
        return w.t("compat_marker_diff", touched=what)
    if scope:
        return w.t("compat_marker_scope", scope=code(scope))
    return w.p["compat_marker"]


def breaking_subject(w: Writer) -> str:
    """Whose earlier behaviour dependants relied on: the names the title sets in backticks, else the scope, else what
    the diff changes; empty when none of them is known."""
    spans = title_spans(w)
    if spans:
        return w.names(spans)
    scope = part_scope(w)
    return code(scope) if scope else touched(w)
