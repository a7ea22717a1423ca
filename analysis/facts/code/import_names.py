"""What each name a Python file imports stands for (``from m import X as Y``: ``Y`` is ``m.X``), so a renamed import
alias reads as the same type on both sides of a commit."""

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
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    return pattern.sub(lambda m: names[m.group(1)], text)
