"""Fields of a type changed in place, read from the hunks: a removed field line comes back with only its name
changed (``data: T`` -> ``_data: T`` in a TypeScript type, ``Name string`` -> ``Title string`` in a Go struct),
or with only its default changed (``timeout: float = 5.0`` -> ``timeout: float = 10.0`` in a Python class)."""

from __future__ import annotations

import re

from analysis.facts.code.hunk_symbols import _family, _header_symbol, public_on_line
from analysis.facts.patches import FilePatch, Hunk
from analysis.models import Fact

#: a field line by language: modifiers, the name, and the rest (its type or value) that must stay the same
_FIELD = {
    "python": re.compile(r"^(?P<mods>\s*)(?P<name>[A-Za-z_]\w*)(?P<rest>\s*(?::|=(?!=))\s*\S.*)$"),
    "js": re.compile(r"^(?P<mods>\s*(?:(?:readonly|public|protected|static|declare)\s+)*)"
                     r"(?P<name>[A-Za-z_$][\w$]*)(?P<rest>\??\s*:\s*\S.*)$"),
    "go": re.compile(r"^(?P<mods>\s*)(?P<name>[A-Za-z_]\w*)(?P<rest>\s+[\w*\[\]{}.]\S*(\s+`.*`)?\s*(//.*)?)$"),
    "rust": re.compile(r"^(?P<mods>\s*(?:pub(?:\([^)]*\))?\s+)?)(?P<name>[a-z_]\w*)(?P<rest>\s*:\s*\S.*)$"),
}
#: a field with a default by language (Python class bodies, dataclasses and models): indentation, the name, its
#: annotation, the default
_DEFAULT = {
    "python": re.compile(r"^(?P<mods>\s*)(?P<name>[A-Za-z_]\w*)(?P<type>\s*:\s*[^=]+?)?\s*=\s*(?P<value>\S.*?)\s*$"),
}
#: the code of a Python line up to a comment: characters that are no quote or ``#``, and whole quoted strings
_CODE_BEFORE_COMMENT = re.compile(r"""^((?:[^#'"]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")*)#""")
_CONTAINERS = {"class", "type", "interface", "struct"}
_KEYWORDS = frozenset({"return", "if", "else", "for", "while", "case", "default", "func", "fn", "let", "const", "var",
                       "type", "def", "class", "import", "export", "package", "struct", "interface", "impl", "use"})


def _pairs(hunk: Hunk, family: str) -> list[tuple[str, str]]:
    """Each run of removed lines replaced one for one by as many added lines, paired in order; in a run of
    unequal length in Python, a removed line with the one added line that is it with only its name changed (a class
    attribute ``max_size = 1024`` renamed ``spool_max_size = 1024`` beside a new ``part_max_size = 1024``: the
    first added line with that value, when the old name is not added back in the run; elsewhere such a run is as
    often a parameter list re-wrapped)."""
    out: list[tuple[str, str]] = []
    minus: list[str] = []
    plus: list[str] = []

    def flush() -> None:
        if minus and len(minus) == len(plus):
            out.extend(zip(minus, plus))
        elif minus and plus and family == "python":
            out.extend(_same_but_name(minus, plus))
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


#: a line's name and the rest, for pairing lines of a run of unequal length
_NAMED_LINE = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)(?P<rest>\s*(?::|=(?!=))\s*\S.*)$")


def _same_but_name(minus: list[str], plus: list[str]) -> list[tuple[str, str]]:
    """Removed lines paired with the first added line that has the same indentation and rest under another name,
    when no added line takes the removed name back."""
    def read(line: str) -> tuple[str, str, str] | None:
        match = _NAMED_LINE.match(line)
        return (_indent(line), match.group("name"), " ".join(match.group("rest").split())) if match else None

    added = [read(line) for line in plus]
    names = {a[1] for a in added if a}
    out = []
    for line in minus:
        old = read(line)
        if old is None or old[1] in names:
            continue
        at = next((i for i, a in enumerate(added) if a and a[0] == old[0] and a[2] == old[2] and a[1] != old[1]),
                  None)
        if at is not None:
            out.append((line, plus[at]))
    return out


def _own(family: str, mods: str) -> bool:
    """A Rust field its own declaration keeps from users: without ``pub``, or ``pub(crate)``/``pub(super)``. (Go's
    and Python's private fields are named, not declared so: the judge reads their names, ``is_public``.)"""
    return family == "rust" and mods.split() != ["pub"]


def _renamed(family: str, old: str, new: str) -> str | None:
    """``old -> new`` when a field line comes back with only its name changed, unless a Rust declaration keeps the
    field from users (a crate-private field renamed is the crate's own business: ``pub(crate) dejitter`` as
    ``seek_max``)."""
    a, b = _FIELD[family].match(old), _FIELD[family].match(new)
    if (a and b and a.group("name") != b.group("name") and a.group("rest").split() == b.group("rest").split()
            and a.group("mods") == b.group("mods") and not {a.group("name"), b.group("name")} & _KEYWORDS
            and not _own(family, a.group("mods"))):
        return f"{a.group('name')} -> {b.group('name')}"
    return None


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _uncommented(value: str) -> str:
    """A Python value without the comment after it (``{}  # type: Dict[str, str]`` is ``{}``): a ``#`` outside
    quotes ends the code."""
    match = _CODE_BEFORE_COMMENT.match(value)
    return match.group(1).rstrip() if match else value


def _default_changed(family: str, old: str, new: str) -> str | None:
    pattern = _DEFAULT.get(family)
    a, b = (pattern.match(old), pattern.match(new)) if pattern else (None, None)
    if not (a and b):
        return None
    before, after = _uncommented(a.group("value")), _uncommented(b.group("value"))
    if (a.group("name") == b.group("name") and a.group("mods") == b.group("mods")
            and (a.group("type") or "").split() == (b.group("type") or "").split()
            and before != after and a.group("name") not in _KEYWORDS):
        return f"{a.group('name')} {_clip(before)} -> {_clip(after)}"
    return None


def _indent(text: str) -> str:
    return text[: len(text) - len(text.lstrip())].replace("\t", "    ")


def _class_level(line: str, opener: str) -> bool:
    """A Python line one level inside the class its hunk opens (not deeper, in a method's body)."""
    return len(_indent(line)) == len(_indent(opener)) + 4


def type_field_facts(path: str, patch: FilePatch, facts: list[Fact]) -> list[Fact]:
    """``facts`` of one file with what changed in each type's fields written into its ``symbol_modified`` fact
    ("type, fields renamed data -> _data", "class, field default changed timeout 5.0 -> 10.0", one part per
    field), or a new one;
    members the trees already report removed are left out."""
    family = _family(path)
    if family not in _FIELD:
        return facts
    found: dict[str, tuple[bool, str, dict[str, list[str]]]] = {}
    for hunk in patch.hunks:
        context = _header_symbol(family, hunk)
        if context is None or context.kind not in _CONTAINERS:
            continue
        for old, new in _pairs(hunk, family):
            if family == "python" and not _class_level(old, context.line):
                continue  # a line inside a method, not the class body
            for label, read in (("fields renamed", _renamed), ("field defaults changed", _default_changed)):
                change = read(family, old, new)
                if change is None or (label == "fields renamed" and any(
                        f.kind == "symbol_removed" and f.symbol == f"{context.name}.{change.split(' -> ')[0]}"
                        for f in facts)):
                    continue
                entry = found.setdefault(context.name, (public_on_line(family, path, context.name, context.line),
                                                        context.kind, {}))
                if change not in entry[2].setdefault(label, []):
                    entry[2][label].append(change)
    out = list(facts)
    for name, (public, kind, changes) in found.items():
        renamed = changes.get("fields renamed", [])
        said = "; ".join([f"fields renamed {', '.join(renamed)}"] * bool(renamed)
                         + [f"field default changed {item}" for item in changes.get("field defaults changed", [])])
        at = next((i for i, f in enumerate(out) if f.kind == "symbol_modified" and f.symbol == name), None)
        if at is None:
            out.append(Fact(kind="symbol_modified", path=path, symbol=name, public=public, text=f"{kind}, {said}"))
        else:
            text = out[at].text or kind
            out[at] = out[at].model_copy(update={"text": f"{text}; {said}" if "," in text else f"{text}, {said}"})
    return out
