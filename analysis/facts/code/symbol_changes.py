"""How a symbol present on both sides changed where callers notice: its base classes, the order of an enum's
members, the statements that throw out of it, the defaulted type parameters it gains. Written after the kind in a
``symbol_modified`` fact's text."""

from __future__ import annotations

from typing import Any

from analysis.facts.code.rules.base import Symbol
from analysis.facts.code.rules.javascript import type_parameters
from analysis.facts.code.syntax import text_of

#: statements and expressions that leave a function with an exception
_THROWS = frozenset({"raise_statement", "throw_statement", "throw_expression"})
#: calls that abort with a panic (Go's ``panic(..)``, Rust's ``panic!``/``unreachable!``/``todo!``)
_PANICS = frozenset({"panic", "unreachable", "todo", "unimplemented"})
#: Python bases whose members' order is their value or their comparison order
_ENUM_BASES = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"})


def _bases(symbol: Symbol) -> str:
    return ", ".join(symbol.bases) or "(none)"


def _inside_children(node: Any, symbol: Symbol) -> bool:
    return any(start <= node.start_byte and node.end_byte <= end for start, end in symbol.children)


#: declarations without a body (TS overload signatures, abstract and interface signatures, Rust trait items): they
#: hold no statements, so a body paired with one of them gains none
_SIGNATURES = frozenset({"function_signature", "method_signature", "abstract_method_signature",
                         "function_signature_item"})


def _object_member(node: Any) -> bool:
    """A method or function value of a JS object literal (``{ async setItems(items) {..} }``, ``{ get: () => .. }``):
    a factory's body builds and returns it; what it throws, the member's callers see, not the factory's."""
    parent = node.parent
    if node.type == "method_definition":
        return parent is not None and parent.type == "object"
    return (node.type in ("arrow_function", "function_expression", "function") and parent is not None
            and parent.type == "pair")


def throw_count(symbol: Symbol) -> int:
    """Throw, raise and panic statements in the symbol's own body (nested definitions left out, and the members of
    an object literal it builds)."""
    count, stack = 0, [symbol.node]
    while stack:
        node = stack.pop()
        if node is not symbol.node and (_inside_children(node, symbol) or _object_member(node)):
            continue
        if node.type in _THROWS:
            count += 1
        elif node.type == "call_expression" and text_of(node.child_by_field_name("function")) == "panic":
            count += 1
        elif node.type == "macro_invocation" and text_of(node.child_by_field_name("macro")) in _PANICS:
            count += 1
        stack.extend(node.named_children)
    return count


def _python_members(symbol: Symbol) -> list[str]:
    """The names a Python class body assigns at its top level, in order (an enum's members)."""
    node = symbol.node
    if node.type == "decorated_definition":
        node = node.child_by_field_name("definition") or node
    body = node.child_by_field_name("body")
    names = []
    for statement in body.named_children if body is not None else []:
        inner = statement.named_children[0] if statement.type == "expression_statement" and statement.named_children \
            else statement
        if inner.type == "assignment":
            target = inner.child_by_field_name("left")
            if target is not None and target.type == "identifier":
                names.append(text_of(target))
    return names


def _rust_variants(symbol: Symbol) -> list[str]:
    """A Rust enum's variant names, in order."""
    body = symbol.node.child_by_field_name("body")
    return [text_of(v.child_by_field_name("name")) for v in (body.named_children if body is not None else [])
            if v.type == "enum_variant" and v.child_by_field_name("name") is not None]


def _rust_bounds(symbol: Symbol) -> dict[str, list[str]]:
    """The trait bounds a Rust item puts on each of its type parameters, in ``<T: A + B>`` and in its ``where``
    clause alike: {"T": ["A", "B"]} (lifetimes and types without bounds left out)."""
    out: dict[str, list[str]] = {}
    lists = [c for c in symbol.node.named_children if c.type in ("type_parameters", "where_clause")]
    for child in (c for node in lists for c in node.named_children):
        left = child.child_by_field_name("name") or child.child_by_field_name("left")
        bounds = child.child_by_field_name("bounds")
        if left is None or bounds is None:
            continue
        names = out.setdefault(" ".join(text_of(left).split()), [])
        names += [" ".join(text_of(b).split()) for b in bounds.named_children if b.type != "lifetime"]
    return out


def _unspaced(bound: str) -> str:
    return "".join(bound.split())


def _bounds_moved(before: Symbol, after: Symbol) -> list[str]:
    """"bounds relaxed T: Clone" for bounds the item drops (more types are accepted), "bounds added T: Ord" for
    bounds it gains (callers' types must meet them)."""
    old, new = _rust_bounds(before), _rust_bounds(after)
    parts = []
    for word, one, other in (("relaxed", old, new), ("added", new, old)):
        # a bound re-spaced by a formatter (``Iterator<Item=Pair<'i, R>>`` -> ``Iterator<Item = Pair<'i, R>>``) is
        # the bound it was
        kept = {name: {_unspaced(b) for b in bounds} for name, bounds in other.items()}
        moved = [f"{name}: {b}" for name, bounds in one.items() for b in bounds
                 if _unspaced(b) not in kept.get(name, ())]
        if moved:
            parts.append(f"bounds {word} {', '.join(moved)}")
    return parts


def _non_exhaustive(symbol: Symbol) -> bool:
    """The item carries ``#[non_exhaustive]`` among the attributes right above it."""
    sibling = symbol.node.prev_named_sibling
    while sibling is not None and sibling.type in ("attribute_item", "line_comment", "block_comment"):
        if sibling.type == "attribute_item" and "non_exhaustive" in text_of(sibling):
            return True
        sibling = sibling.prev_named_sibling
    return False


def _variants_moved(before: Symbol, after: Symbol) -> list[str]:
    """"variants added A, B" and "variants removed C" of a Rust enum: an added variant breaks a ``match`` without a
    wildcard arm outside the crate unless the enum is ``#[non_exhaustive]`` ("variants added (non_exhaustive) A"),
    a removed one every use of it."""
    old, new = _rust_variants(before), _rust_variants(after)
    parts = []
    for word, one, other in (("added", new, old), ("removed", old, new)):
        moved = [name for name in one if name not in other]
        if moved:
            note = "(non_exhaustive) " if word == "added" and _non_exhaustive(after) else ""
            parts.append(f"variants {word} {note}{', '.join(moved)}")
    return parts


def how_changed(before: Symbol, after: Symbol, family: str) -> list[str]:
    """What callers may notice, in words: "bases Enum -> IntEnum", "members reordered", "throw statements 1 -> 2"."""
    parts = []
    if before.bases != after.bases and before.kind == after.kind and after.kind in ("class", "struct", "interface"):
        parts.append(f"bases {_bases(before)} -> {_bases(after)}")
    if family == "python" and after.kind == "class" and set(after.bases) & _ENUM_BASES:
        old, new = _python_members(before), _python_members(after)
        if old != new and sorted(old) == sorted(new):
            parts.append("members reordered")
    if after.kind in ("function", "method") and before.node.type not in _SIGNATURES \
            and after.node.type not in _SIGNATURES:
        old_throws, new_throws = throw_count(before), throw_count(after)
        if new_throws > old_throws:
            parts.append(f"throw statements {old_throws} -> {new_throws}")
    if family == "js" and after.kind in ("function", "method"):
        known = {name for name, _ in type_parameters(before.node)}
        parts += [f"type parameter added {name} = {default}" for name, default in type_parameters(after.node)
                  if name not in known and default]
    if family == "rust" and after.kind == "enum" and before.kind == "enum":
        parts += _variants_moved(before, after)
    if family == "rust" and after.kind in ("function", "method", "struct", "enum", "trait"):
        parts += _bounds_moved(before, after)
    return parts
