"""Python names re-exported by their package: defined in a private module (``pkg/_client.py``), imported by the
project's tests from the package itself (``from pkg import Client``), so public API after all."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from analysis.facts.languages import is_private_module
from analysis.models import Fact

#: ``from pkg import A, B as C`` (parenthesised over several lines too); ``pkg`` a top-level package, no dots
_FROM_IMPORT = re.compile(r"^\s*from\s+(?P<pkg>[A-Za-z_]\w*)\s+import\s+(?P<names>\([^)]*\)|[^\n#]+)", re.M)
_IMPORT = re.compile(r"^\s*import\s+(?P<pkg>[A-Za-z_]\w*)\s*$", re.M)
_KINDS = ("symbol_added", "symbol_removed", "symbol_modified", "signature_changed")
#: directories that hold packages without being one (``src/pkg/_x.py``)
_SOURCE_ROOTS = {"src", "lib", "python"}


def imported_names(texts: Iterable[str]) -> dict[str, set[str]]:
    """Package -> the names the texts take from it: ``from pkg import Name`` and ``import pkg`` ... ``pkg.Name``."""
    out: dict[str, set[str]] = {}
    for text in texts:
        for match in _FROM_IMPORT.finditer(text):
            names = match.group("names").strip("() \n")
            for item in names.split(","):
                name = item.split(" as ")[0].strip()
                if re.fullmatch(r"[A-Za-z_]\w*", name):
                    out.setdefault(match.group("pkg"), set()).add(name)
        for match in _IMPORT.finditer(text):
            pkg = match.group("pkg")
            out.setdefault(pkg, set()).update(re.findall(rf"\b{pkg}\.([A-Za-z_]\w*)", text))
    return out


def _package(path: str) -> str | None:
    parts = [p for p in PurePosixPath(path).parts[:-1] if p not in _SOURCE_ROOTS]
    return parts[0] if parts and not parts[0].startswith("_") else None


def reexported(facts: list[Fact], test_texts: Iterable[str]) -> list[Fact]:
    """``facts`` with ``public`` set on the Python symbols of a package's private modules whose top name the tests
    import from the package itself (``httpx/_models.py``'s ``URL.__init__`` when a test does ``from httpx import
    URL``): the package re-exports them, as its ``__init__`` does for a package split into private modules.
    Names with a leading underscore stay private."""
    imported = imported_names(test_texts)
    if not imported:
        return facts
    out = []
    for fact in facts:
        parts = (fact.symbol or "").split(".")
        package = _package(fact.path) if fact.path.endswith(".py") else None
        if (fact.kind in _KINDS and fact.public is False and package and is_private_module(fact.path)
                and parts[0] in imported.get(package, ()) and not any(p.startswith("_") and not
                                                                     (p.startswith("__") and p.endswith("__"))
                                                                     for p in parts)):
            fact = fact.model_copy(update={"public": True})
        out.append(fact)
    return out
