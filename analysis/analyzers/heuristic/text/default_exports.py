"""A JavaScript module's nameless ``export default``, said as its file's default export rather than as `default`."""

from __future__ import annotations

from analysis.models import Fact

#: the languages whose ``export default`` the symbol facts name ``default``
_MODULE_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".vue", ".svelte")
#: marks a name that stands for a file's default export (never in a real symbol)
_MARK = "\x00default-export:"


def api_name(fact: Fact) -> str:
    """The fact's symbol, or a marked file path when the symbol is a module's ``default`` export."""
    if fact.symbol == "default" and fact.path.lower().endswith(_MODULE_SUFFIXES):
        return _MARK + fact.path
    return fact.symbol or ""


def split_defaults(names: list[str]) -> tuple[list[str], list[str]]:
    """The files whose default export ``names`` mark, and the other names."""
    files = [n.removeprefix(_MARK) for n in names if n.startswith(_MARK)]
    return list(dict.fromkeys(files)), [n for n in names if not n.startswith(_MARK)]
