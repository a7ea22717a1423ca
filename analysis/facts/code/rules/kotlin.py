"""Symbol rules for Kotlin (see ``base`` and its siblings for the others).

Kotlin's tree-sitter grammar has few field names, so definitions are read by their children's types. A declaration
is public unless it says ``private``, ``internal`` or ``protected`` (Kotlin's default visibility is public), and only
inside types that are public themselves; a class's primary constructor is its parameter list (``data class
Point(val x: Int)`` gains ``y``: every caller and every ``copy``/destructuring changes).
"""

from __future__ import annotations

from typing import Any

from analysis.facts.code.rules.base import Collector, Param, base_names
from analysis.facts.code.syntax import text_of

_HIDDEN = frozenset({"private", "internal", "protected"})
_TYPES = ("user_type", "nullable_type", "function_type", "parenthesized_type", "dynamic_type")
#: nodes that only hold declarations (an ``ERROR`` node is how the grammar wraps a body-less member it misreads)
_CONTAINERS = frozenset({"source_file", "class_body", "enum_class_body", "ERROR"})


def _child(node: Any, *types: str) -> Any | None:
    return next((c for c in node.named_children if c.type in types), None)


def _modifiers(node: Any) -> str:
    return text_of(_child(node, "modifiers"))


def _visible(modifiers: str) -> bool:
    return not set(modifiers.split()) & _HIDDEN


def _params(node: Any | None, kind: str) -> tuple[Param, ...]:
    """The parameters of a ``function_value_parameters`` or ``primary_constructor`` node; a default is the
    expression after ``=`` (a sibling of the parameter in functions, a child of it in constructors)."""
    params: list[Param] = []
    for child in node.named_children if node is not None else []:
        if child.type == kind:
            name = text_of(_child(child, "simple_identifier"))
            default = None
            if kind == "class_parameter":
                marks = [c.type for c in child.children]
                if "=" in marks:
                    default = text_of(child.children[marks.index("=") + 1])
            params.append(Param(name or "_", default=default, annotation=text_of(_child(child, *_TYPES)) or None))
        elif params and child.type not in ("parameter_modifiers", "modifiers") and child.prev_sibling is not None \
                and child.prev_sibling.type == "=":
            last = params[-1]
            params[-1] = Param(last.name, default=text_of(child), annotation=last.annotation)
    return tuple(params)


class KotlinCollector(Collector):
    def collect(self, root: Any) -> list:
        self.walk(root, [], (None, True))
        return self.symbols

    def visit(self, node: Any, scope: list[str], ctx: Any) -> None:
        """``ctx`` is (the enclosing type's kind, whether that type is reachable from outside its module)."""
        kind = node.type
        outer, open_ = ctx
        modifiers = _modifiers(node)
        public = open_ and _visible(modifiers)
        deprecated = "@Deprecated" in modifiers
        if kind in ("class_declaration", "object_declaration"):
            self._type(node, scope, public, modifiers, deprecated)
        elif kind == "companion_object":
            body = _child(node, "class_body")
            if body is not None:  # its members are reached through the class: Foo.create()
                self.walk(body, scope, (outer, public))
        elif kind == "function_declaration":
            name = text_of(_child(node, "simple_identifier"))
            receiver = _child(node, "receiver_type")
            if receiver is not None:  # an extension: String.slugify() is its own API beside Int.slugify()
                name = f"{text_of(receiver).split('<')[0].rstrip('?')}.{name}"
            parameters = _child(node, "function_value_parameters")
            returns = next((c for c in node.named_children if c.type in _TYPES
                            and parameters is not None and c.start_byte > parameters.start_byte), None)
            self.add(scope, name, "method" if outer is not None else "function", public, node,
                     params=_params(parameters, "parameter"), returns=text_of(returns) or None,
                     is_test=self.test_file and "@Test" in modifiers, overrides="override" in modifiers.split(),
                     deprecated=deprecated)
        elif kind == "property_declaration" and public:
            declared = _child(node, "variable_declaration")
            if declared is not None:
                self.add(scope, text_of(_child(declared, "simple_identifier")), "field", True, node,
                         deprecated=deprecated)
        elif kind == "type_alias":
            self.add(scope, text_of(_child(node, "type_identifier")), "type", public, node, deprecated=deprecated)
        elif kind in _CONTAINERS:
            self.walk(node, scope, ctx)

    def _type(self, node: Any, scope: list[str], public: bool, modifiers: str, deprecated: bool) -> None:
        name = text_of(_child(node, "type_identifier"))
        keywords = {c.type for c in node.children if not c.is_named}
        words = modifiers.split()
        label = "interface" if "interface" in keywords else "enum" if "enum" in words else "class"
        heritage = " ".join(text_of(c).split("(")[0] for c in node.named_children if c.type == "delegation_specifier")
        constructor = _child(node, "primary_constructor")
        if constructor is not None and not _visible(_modifiers(constructor)):
            constructor = None  # ``class Builder internal constructor(...)``: callers outside never call it
        symbol = self.add(scope, name, label, public, node, bases=base_names(heritage), deprecated=deprecated,
                          params=_params(constructor, "class_parameter") if constructor is not None else None)
        start = len(self.symbols)
        body = _child(node, "class_body", "enum_class_body")
        if body is not None:
            self.walk(body, [*scope, name], ("interface" if label == "interface" else "class", public))
        self.nest(symbol, start)
