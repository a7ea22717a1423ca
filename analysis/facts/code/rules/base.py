"""Symbol rules every language builds on, and Python's and Go's: which tree-sitter nodes are functions, methods,
classes, structs, traits, enums; their parameters; and whether each is public by that language's convention."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from analysis.facts.code.syntax import COMMENT_TYPES, text_of


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None = None
    annotation: str | None = None

    def render(self) -> str:
        text = self.name + (f": {self.annotation}" if self.annotation else "")
        return text + (f"={self.default}" if self.default is not None else "")


@dataclass
class Symbol:
    """One definition found in a file. ``node`` covers what belongs to it (decorators and attributes included)."""

    name: str
    kind: str  # function | method | class | struct | interface | trait | enum | type | module
    public: bool
    node: Any
    params: tuple[Param, ...] | None = None
    returns: str | None = None
    is_test: bool = False
    #: the macro or factory that defines it (``define_rejection!``, ``namedtuple()``), None for a plain definition
    via: str | None = None
    #: the classes or interfaces a class extends or implements (last name only)
    bases: tuple[str, ...] = ()
    #: a method marked as overriding its base's (Java ``@Override``, TS and C++ ``override``, Python ``@override``)
    overrides: bool = False
    #: spans of nested symbols, left out of this one's fingerprint
    children: list[tuple[int, int]] = field(default_factory=list)
    #: its doc comment carries a deprecation tag (JSDoc/TSDoc ``@deprecated``)
    deprecated: bool = False
    #: public only as its module's default export (``export default name``), not under its own name
    default_only: bool = False
    #: not public only because it is left out of the documentation (Rust ``#[doc(hidden)]`` on a ``pub`` item in
    #: public scopes): callers outside still name and call it
    doc_hidden: bool = False
    #: the C++ namespaces ``name`` begins with (``double_conversion`` of ``double_conversion::Bignum::Square``):
    #: what pairs it with its other side, and what a reader needs no more than its ``Class::method``
    namespace: str = ""
    #: the trait a Rust method implements (``Display`` of ``impl Display for Tag``): Rust has no overloads, so two
    #: ``fmt`` of one type are the ``Debug`` one and the ``Display`` one
    trait: str = ""

    @property
    def line(self) -> int:
        return self.node.start_point[0] + 1

    @property
    def signature(self) -> str | None:
        if self.params is None:
            return None
        text = "(" + ", ".join(p.render() for p in self.params) + ")"
        return text + (f" -> {self.returns}" if self.returns else "")


_BASE_WORDS = frozenset({"extends", "implements", "public", "private", "protected", "virtual", "metaclass"})


def base_names(text: str) -> tuple[str, ...]:
    """The names in a class's heritage (``extends B<T> implements C``, ``(Base, metaclass=M)``,
    ``: public ns::Base``), each by its last part, type arguments left out."""
    while re.search(r"<[^<>]*>", text):
        text = re.sub(r"<[^<>]*>", "", text)
    names = []
    for word in re.findall(r"[A-Za-z_][\w.:]*(?:\s*=\s*[\w.]+)?", text):
        if "=" in word or word in _BASE_WORDS:
            continue
        names.append(re.split(r"\.|::", word)[-1])
    return tuple(names)


def _private_py(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _field(node: Any, name: str) -> Any | None:
    return node.child_by_field_name(name)


def _name(node: Any, name: str = "name") -> str:
    return text_of(_field(node, name))


class Collector:
    """Walks one tree and collects its symbols; subclasses say what each language defines."""

    sep = "."

    def __init__(self, path: str, test_file: bool):
        self.path = path
        self.test_file = test_file
        self.symbols: list[Symbol] = []
        #: names a macro or factory call defines that are not symbols of their own here (C's ``#define``,
        #: ``DECLARE_X(name)``), with what defines them: a type removed as a plain definition but named here
        #: is not gone
        self.through: dict[str, str] = {}

    def add(self, scope: list[str], name: str, kind: str, public: bool, node: Any, **extra: Any) -> Symbol | None:
        if not name:
            return None
        symbol = Symbol(self.sep.join([*scope, name]), kind, public, node, **extra)
        self.symbols.append(symbol)
        return symbol

    def nest(self, parent: Symbol | None, start: int) -> None:
        """Record the symbols found since index ``start`` as children of ``parent`` (for its fingerprint)."""
        if parent is not None:
            parent.children.extend((s.node.start_byte, s.node.end_byte) for s in self.symbols[start:])

    def collect(self, root: Any) -> list[Symbol]:
        self.walk(root, [], None)
        return self.symbols

    def walk(self, node: Any, scope: list[str], ctx: Any) -> None:
        for child in node.named_children:
            if child.type not in COMMENT_TYPES:
                self.visit(child, scope, ctx)

    def visit(self, node: Any, scope: list[str], ctx: Any) -> None:
        self.walk(node, scope, ctx)


# --- Python -------------------------------------------------------------------------------------
#: statements whose bodies may hold definitions (``if TYPE_CHECKING:``, ``try: ... except ImportError:``)
_PY_BLOCKS = frozenset({"module", "block", "if_statement", "elif_clause", "else_clause", "try_statement",
                        "except_clause", "finally_clause", "with_statement", "decorated_definition"})


#: factories that repeat the name they define but do not define a class
_NOT_CLASSES = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple", "getLogger", "ContextVar"})


class PythonCollector(Collector):
    def __init__(self, path: str, test_file: bool, private_module: bool):
        super().__init__(path, test_file)
        self.private_module = private_module

    def collect(self, root: Any) -> list[Symbol]:
        """As ``Collector.collect``; a module that lists its API in ``__all__`` makes the rest not public."""
        super().collect(root)
        listed = _dunder_all(root)
        if listed is not None:
            for symbol in self.symbols:
                symbol.public = symbol.public and symbol.name.split(".")[0] in listed
        return self.symbols

    def visit(self, node: Any, scope: list[str], ctx: Any) -> None:
        outer = node
        if node.type == "decorated_definition":
            node = _field(node, "definition") or node
        if node.type == "class_definition":
            name = _name(node)
            symbol = self.add(scope, name, "class", self._public(scope, name), outer,
                              is_test=self.test_file and name.startswith("Test"),
                              bases=base_names(text_of(_field(node, "superclasses"))))
            start = len(self.symbols)
            self.walk(_field(node, "body") or node, [*scope, name], "class")
            self.nest(symbol, start)
        elif node.type == "function_definition":
            name = _name(node)
            decorators = [text_of(c) for c in outer.named_children if c.type == "decorator"] if outer is not node else []
            self.add(scope, name, "method" if ctx == "class" else "function", self._public(scope, name), outer,
                     params=python_params(_field(node, "parameters")),
                     returns=text_of(_field(node, "return_type")) or None,
                     is_test=self.test_file and name.startswith("test"),
                     overrides=ctx == "class" and any(d.lstrip("@").strip().split(".")[-1] == "override" for d in decorators))
        elif node.type == "assignment" and ctx != "function":
            self._factory(node, scope)
        elif node.type in _PY_BLOCKS or node.type == "expression_statement":
            self.walk(node, scope, ctx)

    def _factory(self, node: Any, scope: list[str]) -> None:
        """``Point = namedtuple("Point", ...)`` (NewType, TypedDict, Enum, make_dataclass...): a class defined
        through a factory that repeats its name."""
        target, value = _field(node, "left"), _field(node, "right")
        if target is None or target.type != "identifier" or value is None or value.type != "call":
            return
        callee = text_of(_field(value, "function"))
        arguments = _field(value, "arguments")
        first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
        name = text_of(target)
        if first is None or first.type != "string" or text_of(first).strip("\'\"") != name \
                or callee.split(".")[-1] in _NOT_CLASSES:
            return
        self.add(scope, name, "class", self._public(scope, name), node, via=callee + "()")

    def _public(self, scope: list[str], name: str) -> bool:
        return not self.private_module and not any(_private_py(part) for part in [*scope, name])


def _dunder_all(root: Any) -> set[str] | None:
    """The names of a module-level ``__all__ = [...]`` (or tuple) of plain strings; None without one."""
    for statement in root.named_children:
        node = statement.named_children[0] if statement.type == "expression_statement" and \
            statement.named_children else statement
        if node.type != "assignment" or text_of(_field(node, "left")) != "__all__":
            continue
        value = _field(node, "right")
        if value is None or value.type not in ("list", "tuple"):
            return None
        items = value.named_children
        if not all(item.type == "string" for item in items):
            return None
        return {text_of(item).strip("\"'") for item in items}
    return None


def python_params(node: Any | None) -> tuple[Param, ...]:
    params: list[Param] = []
    for child in node.named_children if node is not None else []:
        kind = child.type
        if kind == "identifier":
            params.append(Param(text_of(child)))
        elif kind in ("list_splat_pattern", "dictionary_splat_pattern", "keyword_separator", "positional_separator"):
            params.append(Param(text_of(child) or ("*" if kind == "keyword_separator" else "/")))
        elif kind == "typed_parameter":
            inner = next((c for c in child.named_children if c.type != "type"), None)
            params.append(Param(text_of(inner), annotation=text_of(_field(child, "type")) or None))
        elif kind in ("default_parameter", "typed_default_parameter"):
            params.append(Param(_name(child), default=text_of(_field(child, "value")),
                                annotation=text_of(_field(child, "type")) or None))
    return tuple(params)


# --- Go -----------------------------------------------------------------------------------------
class GoCollector(Collector):
    def visit(self, node: Any, scope: list[str], ctx: Any) -> None:
        kind = node.type
        if kind in ("function_declaration", "method_declaration"):
            name = _name(node)
            if name == "_":  # ``func _() { ... }``: a compile-time check (stringer's), no name anyone calls
                return
            owner: list[str] = []
            if kind == "method_declaration":
                receiver = _field(node, "receiver")
                rtype = next((_field(p, "type") for p in receiver.named_children
                              if p.type == "parameter_declaration"), None) if receiver is not None else None
                owner = [text_of(rtype).lstrip("*").split("[")[0]] if rtype is not None else []
            test = self.test_file and name.startswith(("Test", "Benchmark", "Fuzz", "Example"))
            # a method is reachable from outside the package only through an exported type
            public = name[:1].isupper() and (not owner or owner[0][:1].isupper())
            self.add(owner, name, "method" if owner else "function", public, node,
                     params=self._params(_field(node, "parameters")),
                     returns=text_of(_field(node, "result")) or None, is_test=test, deprecated=_go_deprecated(node))
        elif kind == "type_declaration":
            for spec in node.named_children:
                if spec.type in ("type_spec", "type_alias"):
                    name = _name(spec)
                    body = _field(spec, "type")
                    label = {"struct_type": "struct", "interface_type": "interface"}.get(
                        body.type if body is not None else "", "type")
                    self.add([], name, label, name[:1].isupper(), spec,
                             deprecated=_go_deprecated(spec) or _go_deprecated(node))
        elif kind == "source_file":
            self.walk(node, scope, ctx)

    @staticmethod
    def _params(node: Any | None) -> tuple[Param, ...]:
        params = []
        for child in node.named_children if node is not None else []:
            if child.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            kind = text_of(_field(child, "type"))
            if child.type == "variadic_parameter_declaration":
                kind = "..." + kind
            names = [text_of(c) for c in child.children_by_field_name("name")] or ["_"]
            params.extend(Param(n, annotation=kind) for n in names)
        return tuple(params)


#: Go's deprecation convention: a paragraph of the doc comment that begins "Deprecated: " (go.dev/wiki/Deprecated)
_GO_DEPRECATED = re.compile(r"^//\s*Deprecated:\s", re.M)


def _go_deprecated(node: Any) -> bool:
    """The doc comment right above ``node`` (its ``//`` lines with no blank line between) says "Deprecated:"."""
    lines, row, comment = [], node.start_point[0], node.prev_named_sibling
    while comment is not None and comment.type == "comment" and comment.end_point[0] == row - 1:
        lines.append((comment.text or b"").decode("utf-8", errors="replace"))
        row, comment = comment.start_point[0], comment.prev_named_sibling
    return bool(_GO_DEPRECATED.search("\n".join(lines)))
