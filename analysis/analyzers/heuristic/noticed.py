"""What the diff analyzer wrote of a symbol changed in place, read back: the parts of a ``symbol_modified``
fact's text after its kind ("class, bases Enum -> IntEnum; members reordered")."""

from __future__ import annotations

from analysis.models import Fact

#: the parts of a ``symbol_modified`` fact's text that say what callers notice (see ``analysis.facts``)
CONTRACT_PARTS = ("bases ", "members reordered", "throw statements ", "fields renamed ", "field default changed ")
#: a Rust item's shape as its users meet it: an enum's variants added or removed, the trait bounds on its type
#: parameters relaxed or added (said in the text; the importance rules read ``CONTRACT_PARTS`` only)
SHAPE_PARTS = ("variants added ", "variants removed ", "bounds relaxed ", "bounds added ")


def noticed_parts(fact: Fact) -> list[str]:
    """What the diff analyzer wrote after a modified symbol's kind ("class, bases A -> B; members reordered")."""
    text = fact.text or ""
    return text.split(", ", 1)[1].split("; ") if ", " in text else []


def base_change(part: str) -> tuple[list[str], list[str]] | None:
    """The old and new bases of a "bases A, B -> C" part."""
    if not part.startswith("bases ") or " -> " not in part:
        return None
    old, new = part.removeprefix("bases ").split(" -> ", 1)
    return [b for b in old.split(", ") if b != "(none)"], [b for b in new.split(", ") if b != "(none)"]


def field_default(part: str) -> tuple[str, str, str] | None:
    """(field, old, new) of a "field default changed timeout 5.0 -> 10.0" part."""
    if not part.startswith("field default changed "):
        return None
    name, _, values = part.removeprefix("field default changed ").partition(" ")
    old, arrow, new = values.partition(" -> ")
    return (name, old, new) if arrow else None


def hierarchy_reshaped(part: str, defined: set[str]) -> bool:
    """A base change that only adds bases, or whose new bases the commit itself defines (an intermediate class)."""
    change = base_change(part)
    if change is None:
        return False
    old, new = change
    return not [b for b in old if b not in new] or all(b in defined for b in new if b not in old)
