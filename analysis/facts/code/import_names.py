"""What each name a Python file imports stands for (``from m import X as Y``: ``Y`` is ``m.X``), or a Rust file's ``use``
brings in (``use std::error::Error as StdError``), so a renamed import alias reads as the same type on both sides of a
commit."""

from __future__ import annotations

import re
from typing import Any

from analysis.facts.code.syntax import text_of

#: statements whose bodies may hold imports (``if TYPE_CHECKING:``, ``try: import x``): walked, nothing deeper
_HOLDERS = frozenset({"module", "if_statement", "block", "else_clause", "elif_clause", "try_statement",
                      "except_clause", "finally_clause"})


def imported_names(root: Any) -> dict[str, str]:
    """Local name -> the module path and name it was imported as, for the imports at module level or in an
    ``if``/``try`` there (``import numpy as np``: ``np`` -> ``numpy``; ``from .a import B as C``: ``C`` -> ``.a.B``)."""
    names: dict[str, str] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "import_from_statement":
            module = node.child_by_field_name("module_name")
            prefix = text_of(module) if module is not None else ""
            for item in node.children_by_field_name("name"):
                _record(item, names, prefix.rstrip(".") + "." if not prefix.endswith(".") else prefix)
        elif node.type == "import_statement":
            for item in node.children_by_field_name("name"):
                _record(item, names, "")
        elif node.type in _HOLDERS:
            stack.extend(node.named_children)
    return names


def _record(item: Any, names: dict[str, str], prefix: str) -> None:
    if item.type == "aliased_import":
        name, alias = item.child_by_field_name("name"), item.child_by_field_name("alias")
        if name is not None and alias is not None:
            names[text_of(alias)] = prefix + text_of(name)
    elif prefix:  # ``from m import X``: X is m.X; a plain ``import a.b`` is already spelled in full
        names[text_of(item)] = prefix + text_of(item)


def resolved(text: str | None, names: dict[str, str]) -> str | None:
    """``text`` with every imported name spelled as what it stands for (``SansIOResponse`` -> ``.sansio.response.Response``)."""
    if not text or not names:
        return text
    pattern = re.compile(r"(?<![\w.:])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: names[m.group(1)], text)


def rust_imported_names(root: Any) -> dict[str, str]:
    """Local name -> the path a Rust file's top-level ``use`` brings it in as (``use std::error;``: ``error`` ->
    ``std::error``; ``use std::error::Error as StdError;``: ``StdError`` -> ``std::error::Error``; a ``use`` list's
    ``self`` names its module); globs bring no name."""
    names: dict[str, str] = {}
    for node in root.named_children:
        if node.type == "use_declaration":
            argument = node.child_by_field_name("argument")
            if argument is not None:
                _rust_use(argument, "", names)
    return names


def _rust_use(node: Any, prefix: str, names: dict[str, str]) -> None:
    if node.type in ("identifier", "scoped_identifier"):
        path = prefix + text_of(node)
        names[path.rpartition("::")[2]] = path
    elif node.type == "self" and prefix:
        names[prefix.rstrip(":").rpartition("::")[2]] = prefix.rstrip(":")
    elif node.type == "use_as_clause":
        path, alias = node.child_by_field_name("path"), node.child_by_field_name("alias")
        if path is not None and alias is not None:
            names[text_of(alias)] = prefix + text_of(path)
    elif node.type == "scoped_use_list":
        path, items = node.child_by_field_name("path"), node.child_by_field_name("list")
        if items is not None:
            for item in items.named_children:
                _rust_use(item, prefix + (text_of(path) + "::" if path is not None else ""), names)
    elif node.type == "use_list":
        for item in node.named_children:
            _rust_use(item, prefix, names)
