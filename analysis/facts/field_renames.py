"""Fields of a type renamed, read from the hunks: a removed field line comes back with only its name changed
(``data: T`` -> ``_data: T`` in a TypeScript type, ``Name string`` -> ``Title string`` in a Go struct)."""

from __future__ import annotations

import re

from analysis.facts.hunk_symbols import _family, _header_symbol, _public
from analysis.facts.patches import FilePatch, Hunk
from analysis.models import Fact

#: a field line by language: modifiers, the name, and the rest (its type or value) that must stay the same
_FIELD = {
    "python": re.compile(r"^(?P<mods>\s*)(?P<name>[A-Za-z_]\w*)(?P<rest>\s*:\s*\S.*)$"),
    "js": re.compile(r"^(?P<mods>\s*(?:(?:readonly|public|protected|static|declare)\s+)*)"
                     r"(?P<name>[A-Za-z_$][\w$]*)(?P<rest>\??\s*:\s*\S.*)$"),
    "go": re.compile(r"^(?P<mods>\s*)(?P<name>[A-Za-z_]\w*)(?P<rest>\s+[\w*\[\]{}.]\S*(\s+`.*`)?\s*(//.*)?)$"),
    "rust": re.compile(r"^(?P<mods>\s*(?:pub(?:\([^)]*\))?\s+)?)(?P<name>[a-z_]\w*)(?P<rest>\s*:\s*\S.*)$"),
}
_CONTAINERS = {"class", "type", "interface", "struct"}
_KEYWORDS = frozenset({"return", "if", "else", "for", "while", "case", "default", "func", "fn", "let", "const", "var",
                       "type", "def", "class", "import", "export", "package", "struct", "interface", "impl", "use"})


def _renames(family: str, hunk: Hunk) -> list[tuple[str, str]]:
    """(old, new) field names of the runs of removed lines replaced one for one by lines differing only in the name."""
    pattern, out = _FIELD[family], []
    minus: list[str] = []
    plus: list[str] = []

    def flush() -> None:
        if minus and len(minus) == len(plus):
            for old, new in zip(minus, plus):
                a, b = pattern.match(old), pattern.match(new)
                if (a and b and a.group("name") != b.group("name") and a.group("rest").split() == b.group("rest").split()
                        and a.group("mods") == b.group("mods") and not {a.group("name"), b.group("name")} & _KEYWORDS):
                    out.append((a.group("name"), b.group("name")))
        minus.clear()
        plus.clear()

    for line in hunk.lines:
        if line.kind == "-":
            if plus:
                flush()
            minus.append(line.text)
        elif line.kind == "+" and minus:
            plus.append(line.text)
        else:
            flush()
    flush()
    return out


def field_rename_facts(path: str, patch: FilePatch, facts: list[Fact]) -> list[Fact]:
    """``facts`` of one file with the renamed fields of each type written into its ``symbol_modified`` fact
    ("type, fields renamed data -> _data"), or a new one; members the trees already report removed are left out."""
    family = _family(path)
    if family not in _FIELD:
        return facts
    found: dict[str, tuple[bool, str, list[tuple[str, str]]]] = {}
    for hunk in patch.hunks:
        context = _header_symbol(family, hunk)
        if context is None or context.kind not in _CONTAINERS:
            continue
        pairs = [(a, b) for a, b in _renames(family, hunk)
                 if not any(f.kind == "symbol_removed" and f.symbol == f"{context.name}.{a}" for f in facts)]
        if pairs:
            entry = found.setdefault(context.name, (_public(family, path, context.name, context.line), context.kind, []))
            entry[2].extend(p for p in pairs if p not in entry[2])
    if not found:
        return facts
    out = list(facts)
    for name, (public, kind, pairs) in found.items():
        renamed = "fields renamed " + ", ".join(f"{a} -> {b}" for a, b in pairs)
        at = next((i for i, f in enumerate(out) if f.kind == "symbol_modified" and f.symbol == name), None)
        if at is None:
            out.append(Fact(kind="symbol_modified", path=path, symbol=name, public=public, text=f"{kind}, {renamed}"))
        else:
            text = out[at].text or kind
            out[at] = out[at].model_copy(update={"text": f"{text}; {renamed}" if "," in text else f"{text}, {renamed}"})
    return out
