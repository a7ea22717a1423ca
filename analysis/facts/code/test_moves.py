"""Tests moved or renamed rather than removed and added: one ``test_added`` that says where the test was.

A test removed and one added under the same name in another file moved; a test removed and one added with the same
body (less its name) was renamed (or renamed and moved). Either pair becomes the added test with ``before`` its former
name (``old/path::name`` when it came from another file); the removal is dropped: no test was lost."""

from __future__ import annotations

from analysis.models import Fact


def _unique(facts: list[Fact], key) -> dict:
    """``key(fact)`` -> fact, for the keys exactly one fact has."""
    seen: dict = {}
    for fact in facts:
        seen.setdefault(key(fact), []).append(fact)
    return {k: group[0] for k, group in seen.items() if len(group) == 1}


def _pairs(removed: list[Fact], added: list[Fact], bodies: dict[int, str]) -> list[tuple[Fact, Fact]]:
    """(removed, added) pairs, one-to-one: same name in another file first, then the same body. An empty body (the
    hunks showed only the opening line change) pairs only within one file."""
    pairs: list[tuple[Fact, Fact]] = []
    used: set[int] = set()

    def body(fact: Fact) -> tuple:
        text = bodies.get(id(fact))
        return (text, "" if text else fact.path) if text is not None else (id(fact),)

    for key in (lambda f: f.symbol, body):
        olds = _unique([f for f in removed if id(f) not in used], key)
        news = _unique([f for f in added if id(f) not in used], key)
        for name, old in olds.items():
            new = news.get(name)
            if new is not None and (old.path, old.symbol) != (new.path, new.symbol):
                pairs.append((old, new))
                used.update((id(old), id(new)))
    return pairs


def fold_test_moves(facts: list[Fact], bodies: dict[int, str]) -> dict[int, Fact | None]:
    """For each fact of a moved or renamed test (by ``id``): the fact that replaces it (None: dropped)."""
    removed = [f for f in facts if f.kind == "test_removed"]
    added = [f for f in facts if f.kind == "test_added"]
    replace: dict[int, Fact | None] = {}
    for old, new in _pairs(removed, added, bodies):
        where = old.symbol if old.path == new.path else f"{old.path}::{old.symbol}"
        replace[id(old)] = None
        replace[id(new)] = new.model_copy(update={"before": where})
    # the same name left one file and came to another more than once: moved, though which went where is unclear
    names = {f.symbol for f in added if id(f) not in replace} & {f.symbol for f in removed if id(f) not in replace}
    replace.update((id(f), None) for f in removed + added if id(f) not in replace and f.symbol in names)
    return replace
