"""Python files whose import statements are only re-sorted, regrouped or merged (isort, ``ruff --fix`` of I001:
``from a import y, x`` as ``from a import x, y``, two ``from a import`` lines as one), with the rest of their lines
the same once string quotes and the space before a trailing comment are normalised: the same names are bound from
the same modules, the same code runs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from analysis.models import FileChange

_PY = (".py", ".pyi")
#: ``import a.b as c, d`` or ``from .a import (x as y, z`` (the parenthesised list may go on over the next lines)
_IMPORT = re.compile(r"^import\s+(?P<mods>[\w., ]+?)\s*$|^from\s+(?P<src>[.\w]+)\s+import\s+\(?(?P<names>[\w, ]*)\)?\s*$")
#: a ``#`` comment at the end of a line (no ``#`` inside a string before it, as far as quotes are even)
_TRAILING = re.compile(r"\s*#.*$")


def _code(line: str) -> str:
    """The line without its trailing comment, its quotes made double and its spaces dropped."""
    text = line
    if "#" in text and text[: text.index("#")].count('"') % 2 == 0 and text[: text.index("#")].count("'") % 2 == 0:
        text = _TRAILING.sub("", text)
    return "".join(text.replace("'", '"').split())


def _names(text: str) -> list[str]:
    return ["".join(n.split()) for n in text.split(",") if n.strip()]


_OPENED = re.compile(r"^\s*from\s+(?P<src>[.\w]+)\s+import\s+\(")


def _side(patch: str, dropped: str) -> list[tuple[str, str | None]]:
    """One side of the patch (without ``dropped`` lines): each changed line with the module of the parenthesised
    ``from X import (`` list it sits in (read from context lines too), or None outside one."""
    out: list[tuple[str, str | None]] = []
    module: str | None = None
    for raw in patch.splitlines():
        if raw.startswith("@@"):
            module = None
            continue
        if raw.startswith(("+++", "---")) or raw[:1] == dropped:
            continue
        text = raw[1:]
        inner = module
        opened = _OPENED.match(text)
        if opened and ")" not in text:
            module = opened["src"]
        elif module and ")" in _TRAILING.sub("", text):
            module = None
        if raw[:1] in "+-":
            out.append((text, inner))
    return out


def _read(lines: list[tuple[str, str | None]]) -> tuple[Counter, list[str]]:
    """The names the import lines bind (as ``module:name``) and the other lines' code in order."""
    atoms: Counter = Counter()
    rest: list[str] = []
    for raw, module in lines:
        line = _TRAILING.sub("", raw).strip() if raw.lstrip().startswith(("import ", "from ")) else raw.strip()
        if not line or line.startswith("#") or (module and line == ")"):
            continue
        match = _IMPORT.match(line)
        if match:
            if match["mods"] is not None:
                atoms.update(f"{m}:" for m in _names(match["mods"]))
            else:
                atoms.update(f"{match['src']}:{n}" for n in _names(match["names"]))
            continue
        bare = _TRAILING.sub("", line).strip()
        if module and re.fullmatch(r"[\w ,]*\)?", bare):
            atoms.update(f"{module}:{n}" for n in _names(bare.rstrip(")")))
            continue
        rest.append(_code(raw))
    return atoms, [r for r in rest if r]


def _sorted_only(f: FileChange) -> bool | None:
    """None unless a Python file whose changed lines are imports regrouped and lines respelt; else whether some
    import line moved or changed."""
    if not f.path.endswith(_PY) or not f.patch:
        return None
    old, new = _read(_side(f.patch, "+")), _read(_side(f.patch, "-"))
    if old != new:
        return None
    return bool(old[0])


def imports_sorted_only(files: Iterable[FileChange]) -> bool:
    """Every file is Python whose import lines only moved, merged or split and whose other lines only had their
    quotes or comment spacing respelt, and some file's imports moved: the module binds the same names."""
    seen = [_sorted_only(f) for f in files]
    return bool(seen) and None not in seen and any(seen)


def imports_retargeted(files: Iterable[FileChange]) -> bool:
    """Some Python file binds a name it imported before from another module now (``from pkg import Coverage`` ->
    ``from pkg.legacy import Coverage``): other code runs under the same name, which no linter's fix does."""
    for f in files:
        if not f.path.endswith(_PY) or not f.patch:
            continue
        old, new = (_read(_side(f.patch, side))[0] for side in ("+", "-"))
        gone = {atom.split(":", 1)[1]: atom for atom in old - new if atom.split(":", 1)[1]}
        came = {atom.split(":", 1)[1]: atom for atom in new - old if atom.split(":", 1)[1]}
        if any(name in came and came[name] != atom for name, atom in gone.items()):
            return True
    return False
