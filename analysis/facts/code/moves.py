"""Symbols moved rather than removed and added: one removed in a file and added (same name, same kind) in
another file of the commit, or moved to another scope of the same file, become one ``symbol_modified``
(or ``signature_changed``) on the new place; methods removed from a class that its base class now holds
were pulled up or are inherited, not removed."""

from __future__ import annotations

from analysis.facts.code.rules.base import Symbol
from analysis.facts.code.symbols import ParsedFile, describe_signature, short_name
from analysis.models import Fact


def _symbol(parsed: ParsedFile | None, name: str) -> Symbol | None:
    if parsed is None:
        return None
    return parsed.symbols.get(name) or next((s for s in parsed.symbols.values() if s.name == name), None)


def _pairs(removed: list[Fact], added: list[Fact]) -> list[tuple[Fact, Fact]]:
    """Removed and added facts that are one move: the same qualified name and kind in another file, else (in
    the same file) the same last name and kind under another scope; unambiguous on both sides. Across files
    a different owner (``A.close`` gone, ``B.close`` new) is not taken for a move: ``A`` lost a member."""
    pairs: list[tuple[Fact, Fact]] = []
    used: set[int] = set()
    for key in (lambda f: (f.symbol, f.text), lambda f: (f.path, short_name(f.symbol or ""), f.text)):
        by_key: dict[tuple, list[Fact]] = {}
        for fact in added:
            if id(fact) not in used:
                by_key.setdefault(key(fact), []).append(fact)
        gone: dict[tuple, list[Fact]] = {}
        for fact in removed:
            if id(fact) not in used:
                gone.setdefault(key(fact), []).append(fact)
        for name, olds in gone.items():
            news = by_key.get(name, [])
            if len(olds) == 1 and len(news) == 1 and (olds[0].path, olds[0].symbol) != (news[0].path, news[0].symbol):
                pairs.append((olds[0], news[0]))
                used.update((id(olds[0]), id(news[0])))
    return pairs


def fold_moves(facts: list[Fact], parsed: dict[str, tuple | None]) -> dict[int, Fact | None]:
    """For each fact of a move (by ``id``): the fact that replaces it (None: dropped). ``parsed`` holds the
    files' parsed sides, to tell whether a moved function's signature changed too."""
    removed = [f for f in facts if f.kind == "symbol_removed"]
    added = [f for f in facts if f.kind == "symbol_added"]
    if not removed:
        return {}
    replace: dict[int, Fact | None] = {}
    for old, new in _pairs(removed, added):
        origin = old.path if old.path != new.path else old.symbol
        moved = f"{new.text}, moved from {origin}" if new.text else f"moved from {origin}"
        public = bool(old.public or new.public) if old.public is not None or new.public is not None else None
        fact = Fact(kind="symbol_modified", path=new.path, symbol=new.symbol, public=public, text=moved)
        if old.before and new.after and old.before != new.after:
            sides = (parsed.get(old.path) or (None, None))[0], (parsed.get(new.path) or (None, None))[1]
            before, after = _symbol(sides[0], old.symbol or ""), _symbol(sides[1], new.symbol or "")
            change = describe_signature(before, after) if before is not None and after is not None else ""
            fact = Fact(kind="signature_changed", path=new.path, symbol=new.symbol, public=public,
                        before=old.before, after=new.after, text=f"moved from {origin}" + (f"; {change}" if change else ""))
        replace[id(old)] = None
        replace[id(new)] = fact
    _pulled_up([f for f in removed if id(f) not in replace], added, parsed, replace)
    return replace


def _kind(fact: Fact) -> str:
    """A removed symbol's kind, without the "overrides" its text adds for a method that overrode its base's."""
    return (fact.text or "").split(", ")[0]


def _split_member(name: str) -> tuple[str, str, str]:
    for sep in ("::", "."):
        owner, found, member = name.rpartition(sep)
        if found:
            return owner, sep, member
    return "", "", name


def _pulled_up(removed: list[Fact], added: list[Fact], parsed: dict[str, tuple | None],
               replace: dict[int, Fact | None]) -> None:
    """Methods removed from a class whose base class (in the commit's files) has them: pulled up into a base
    added or changed by the commit ('method, moved up from X, Y' on the base's method), else inherited
    ('method, now inherited from B'). Either way callers of ``X.m`` still find it."""
    after_symbols: dict[str, tuple[str, Symbol]] = {}
    for path, sides in parsed.items():
        if sides and sides[1] is not None:
            for symbol in sides[1].symbols.values():
                after_symbols.setdefault(symbol.name, (path, symbol))
    new_names = {(f.path, f.symbol) for f in added}
    groups: dict[tuple[str, str], list[Fact]] = {}
    for fact in removed:
        owner, sep, member = _split_member(fact.symbol or "")
        owner_symbol = _symbol((parsed.get(fact.path) or (None, None))[1], owner) if owner else None
        for base in owner_symbol.bases if owner_symbol is not None else ():
            target = after_symbols.get(f"{base}{sep}{member}")
            if target is not None and target[1].kind == _kind(fact):
                groups.setdefault((target[0], target[1].name), []).append(fact)
                break
    for (path, name), facts in groups.items():
        base = _split_member(name)[0]
        pulled = (path, name) in new_names or (path, base) in new_names
        public = any(f.public for f in facts) or None
        if not pulled:
            for fact in facts:
                replace[id(fact)] = fact.model_copy(update={
                    "kind": "symbol_modified", "before": None, "text": f"{_kind(fact)}, now inherited from {base}"})
            continue
        origins = ", ".join(_split_member(f.symbol or "")[0] for f in facts)
        merged = Fact(kind="symbol_modified", path=path, symbol=name, public=public,
                      text=f"{_kind(facts[0])}, moved up from {origins}")
        target = next((f for f in added if (f.path, f.symbol) == (path, name) and id(f) not in replace), None)
        replace[id(target if target is not None else facts[0])] = merged
        for fact in facts:
            replace.setdefault(id(fact), None)
