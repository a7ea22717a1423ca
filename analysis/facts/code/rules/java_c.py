"""Per-language symbol rules for Java and C/C++ (see ``base`` and its siblings for the others)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from analysis.facts.code.rules.base import Collector, Param, _field, _name, base_names
from analysis.facts.code.rules.cpp_namespaces import private_namespace
from analysis.facts.code.syntax import text_of


# --- Java -----------------------------------------------------------------------------------------
class JavaCollector(Collector):
    _TYPES = {"class_declaration": "class", "interface_declaration": "interface", "enum_declaration": "enum",
              "record_declaration": "class", "annotation_type_declaration": "interface"}

    def collect(self, root: Any) -> list:
        self.walk(root, [], (None, True))
        return self.symbols

    def visit(self, node: Any, scope: list[str], ctx: Any) -> None:
        """``ctx`` is (the enclosing type's kind, whether it is reachable from outside its package): a member is
        public when it says ``public`` (interface members unless ``private``) inside public types only."""
        kind = node.type
        outer, open_ = ctx
        modifiers = next((text_of(c) for c in node.named_children if c.type == "modifiers"), "")
        words = modifiers.split()
        public = open_ and ("public" in words or (outer == "interface" and "private" not in words))
        if kind in self._TYPES:
            name = _name(node)
            heritage = " ".join(text_of(_field(node, f)) for f in ("superclass", "interfaces"))
            # an interface's ``extends A, B`` is a child of its own, no field: its supertypes all the same
            heritage += "".join(" " + text_of(c) for c in node.named_children if c.type == "extends_interfaces")
            symbol = self.add(scope, name, self._TYPES[kind], public, node, bases=base_names(heritage))
            start = len(self.symbols)
            body = _field(node, "body")
            if body is not None:
                self.walk(body, [*scope, name],
                          ("interface" if kind in ("interface_declaration", "annotation_type_declaration")
                           else "class", public))
            self.nest(symbol, start)
        elif kind in ("method_declaration", "constructor_declaration"):
            params = []
            for p in (_field(node, "parameters") or node).named_children:
                if p.type in ("formal_parameter", "spread_parameter"):
                    name = _name(p) or text_of(p).split()[-1]
                    params.append(Param(name, annotation=text_of(_field(p, "type")) or None))
            self.add(scope, _name(node), "method", public, node, params=tuple(params),
                     returns=text_of(_field(node, "type")) or None,
                     is_test=any(w.startswith("@Test") or w.startswith("@ParameterizedTest") for w in words),
                     overrides="@Override" in words)
        elif kind in ("field_declaration", "constant_declaration") and public and outer is not None:
            for declarator in node.named_children:  # public fields and constants are API; private ones are the class's
                if declarator.type == "variable_declarator":
                    self.add(scope, _name(declarator), "field", True, node)
        elif kind in ("program", "enum_body_declarations", "class_body", "interface_body", "enum_body"):
            self.walk(node, scope, ctx)


_DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)", re.M)
#: a macro defined only when the includer has not (``#ifndef LIB_NO_X`` / ``#define LIB_NO_X 0`` / ``#endif``): a
#: default the includer may override, a configuration option of the header, not its plumbing (an include guard's
#: ``#ifndef`` holds the whole header, not one ``#define``)
_OVERRIDABLE = re.compile(r"^[ \t]*#[ \t]*if(?:ndef[ \t]+(\w+)|[ \t]*!\s*defined[ \t]*\(?[ \t]*(\w+)[ \t]*\)?)[ \t]*\n"
                          r"[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+\S[^\n]*\n[ \t]*#[ \t]*endif\b", re.M)
#: a line that is a call of an ALL-CAPS macro at the top level: ``DECLARE_LIST(foo_list, int);``
_MACRO_CALL = re.compile(r"^([A-Z][A-Z0-9_]{2,})[ \t]*\(([^()\n]*)\)", re.M)
_IDENT = re.compile(r"[A-Za-z_]\w*")


#: a line that is one macro opening or closing a namespace of a library's internals, whose name says so:
#: ``TOML_IMPL_NAMESPACE_START`` / ``TOML_IMPL_NAMESPACE_END;``, ``FMT_BEGIN_DETAIL_NAMESPACE``,
#: ``TOML_ANON_NAMESPACE_START`` (an anonymous namespace): the parser sees no ``namespace detail {``
_PRIVATE_NS_MACRO = re.compile(rb"^[ \t]*([A-Z][A-Z0-9_]*NAMESPACE[A-Z0-9_]*|[A-Z][A-Z0-9_]*_NAMESPACE)[ \t]*(?:\(\))?[ \t]*;?[ \t]*(?://[^\n]*)?$",
                               re.M)
_PRIVATE_WORDS = frozenset({"DETAIL", "DETAILS", "INTERNAL", "IMPL", "ANON", "ANONYMOUS", "PRIVATE"})


def private_macro_spans(text: bytes) -> list[tuple[int, int]]:
    """Byte spans between a macro line opening a namespace of internals (its name holds ``NAMESPACE``, an opening
    word ``START``/``BEGIN``/``OPEN`` and ``DETAIL``/``INTERNAL``/``IMPL``/``ANON``) and the line closing it."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for match in _PRIVATE_NS_MACRO.finditer(text):
        words = set(match.group(1).decode().split("_"))
        if "NAMESPACE" not in words or not words & _PRIVATE_WORDS:
            continue
        if words & {"START", "BEGIN", "OPEN"} and start is None:
            start = match.end()
        elif words & {"END", "CLOSE", "STOP"} and start is not None:
            spans.append((start, match.start()))
            start = None
    return spans


# --- C / C++ --------------------------------------------------------------------------------------
class _Namespace(str):
    """A C++ scope entry that is a namespace (not a class or struct)."""


class CCollector(Collector):
    sep = "::"
    _RECORDS = {"struct_specifier": "struct", "class_specifier": "class", "union_specifier": "struct",
                "enum_specifier": "enum"}

    def __init__(self, path: str, test_file: bool, header: bool):
        super().__init__(path, test_file)
        self.header = header
        #: byte spans a library's macro opens as its internals' namespace (``private_macro_spans``)
        self.hidden: list[tuple[int, int]] = []
        #: byte spans of the C++ namespaces' bodies, by their braces (``cpp_namespaces.namespace_spans``)
        self.namespaces: list[tuple[int, int, tuple[str, ...]]] = []

    def collect(self, root: Any) -> list:
        text = (root.text or b"").decode("utf-8", errors="replace")
        for match in _DEFINE.finditer(text):
            self.through.setdefault(match.group(1), "#define")
        for match in _MACRO_CALL.finditer(text):
            for name in _IDENT.findall(match.group(2)):
                self.through.setdefault(name, match.group(1) + "()")
        super().collect(root)
        macros = [s for s in self.symbols if s.kind == "macro"]
        if macros:  # a header's macro its own code uses is plumbing (FMT_FWD); one it only defines is for includers,
            # and so is one it defines only where the includer has not (a setting's default)
            uses = Counter(_IDENT.findall(text))
            options = {m.group(3) for m in _OVERRIDABLE.finditer(text) if m.group(3) in (m.group(1), m.group(2))}
            for symbol in macros:
                own = _IDENT.findall((symbol.node.text or b"").decode("utf-8", errors="replace")).count(symbol.name)
                symbol.public = uses[symbol.name] <= own or symbol.name in options
        return self.symbols

    def add(self, scope: list[str], name: str, kind: str, public: bool, node: Any, **extra: Any) -> Any:
        """As ``Collector.add``; inside a ``detail``/``internal``/``impl`` namespace nothing is API."""
        if kind != "macro" and self.namespaces:
            # the namespace its braces put it in, when a parse break left the tree's namespace before it
            around = [n for start, end, n in self.namespaces if start <= node.start_byte < end]
            names = list(max(around, key=len)) if around else []
            # (a nested namespace opened in one line, ``namespace storage::local {``, is one scope of the tree:
            # its parts are the braces' names, not two more to put before it)
            if names and not set(names) & {part for entry in scope for part in entry.split("::")}:
                scope = [*(_Namespace(n) for n in names), *scope]
        # the namespaces lead the scope (no class holds one): the part of the name a reader can do without
        leading = []
        for entry in scope:
            if not isinstance(entry, _Namespace):
                break
            leading.append(entry)
        if leading and kind != "macro":
            extra["namespace"] = self.sep.join(leading)
        hidden = any(private_namespace(part) for part in scope) or any(
            start <= node.start_byte < end for start, end in self.hidden)
        return super().add(scope, name, kind, public and not hidden, node, **extra)

    def visit(self, node: Any, scope: list[str], ctx: Any) -> None:
        kind = node.type
        in_record = isinstance(ctx, dict)
        public = ctx["public"] if in_record else self._linkage_public(node)
        if kind == "function_definition" or (kind in ("declaration", "field_declaration")
                                             and (self.header or in_record)):
            function = self._function_declarator(_field(node, "declarator"))
            if function is None:
                if kind != "function_definition":
                    self._records(node, scope, ctx)
                return
            name, shifted = _macro_shifted(_field(function, "declarator"))
            name = operator_spelling(name)
            if not in_record and "::" in name and name.rpartition("::")[2].startswith("_"):
                # ``void Executor::_tear_down(...) {`` defined away from its class (another header): the
                # definition line never says ``private:``, and a leading underscore is by convention the class's own
                public = False
            pointers = "*" * self._pointer_depth(_field(node, "declarator"))
            returns = " ".join(part for part in (shifted or text_of(_field(node, "type")), pointers) if part)
            trailing = next((c for c in function.named_children if c.type == "trailing_return_type"), None)
            if trailing is not None and trailing.named_children:  # ``auto f() -> T``: callers get ``T``
                returns = text_of(trailing.named_children[-1])
            returns = _LEADING_MACROS.sub("", returns)  # ``FMT_CONSTEXPR auto``: the macro is no part of the type
            self.add(scope, name, "method" if in_record or "::" in name else "function", public, node,
                     params=self._params(_field(function, "parameters")), returns=returns or None)
        elif kind in self._RECORDS or kind == "type_definition":
            self._records(node, scope, ctx)
        elif kind in ("preproc_def", "preproc_function_def") and self.header and not in_record:
            # a header's macros are API (aliases, constants, function-like macros); valueless ones are guards
            if _field(node, "value") is not None:
                params = _field(node, "parameters")
                self.add(scope, _name(node), "macro", True, node,
                         params=tuple(Param(text_of(p)) for p in params.named_children) if params is not None else None)
        elif kind == "access_specifier" and in_record:
            ctx["public"] = text_of(node).startswith("public")
        elif kind == "namespace_definition":
            self.walk(_field(node, "body") or node, [*scope, _Namespace(_name(node))] if _name(node) else scope, None)
        elif kind in ("translation_unit", "template_declaration", "linkage_specification", "declaration_list",
                      "preproc_ifdef", "preproc_if", "preproc_else", "preproc_elif"):
            self.walk(node, scope, ctx)

    def _records(self, node: Any, scope: list[str], ctx: Any) -> None:
        spec = node if node.type in self._RECORDS else _field(node, "type")
        if spec is None or spec.type not in self._RECORDS or _field(spec, "body") is None:
            return
        name = _name(spec) or (text_of(_field(node, "declarator")) if node.type == "type_definition" else "")
        public = ctx["public"] if isinstance(ctx, dict) else True
        symbol = self.add(scope, name, self._RECORDS[spec.type], public, node)
        if symbol is not None and spec.type != "enum_specifier":
            start = len(self.symbols)
            self.walk(_field(spec, "body"), [*scope, name], {"public": spec.type != "class_specifier"})
            self.nest(symbol, start)

    def _linkage_public(self, node: Any) -> bool:
        """Not ``static``; in a header every function is API, ``static inline`` ones included."""
        static = any(c.type == "storage_class_specifier" and text_of(c) == "static" for c in node.named_children)
        return self.header or not static

    @staticmethod
    def _pointer_depth(node: Any | None) -> int:
        depth = 0
        while node is not None and node.type != "function_declarator":
            depth += node.type == "pointer_declarator"
            node = _field(node, "declarator")
        return depth

    @staticmethod
    def _function_declarator(node: Any | None) -> Any | None:
        """The declarator of the function ``node`` declares; None for no function: a function pointer
        (``void (*on_fail)();`` declares a variable), though ``int (*pick(int))(int)`` is the function ``pick``."""
        while node is not None and node.type != "function_declarator":
            node = _field(node, "declarator")
        inner = _field(node, "declarator") if node is not None else None
        if inner is not None and inner.type == "parenthesized_declarator":
            return CCollector._function_declarator(inner.named_children[0] if inner.named_children else None)
        return node

    @staticmethod
    def _params(node: Any | None) -> tuple[Param, ...]:
        params = []
        for child in node.named_children if node is not None else []:
            if child.type in ("parameter_declaration", "optional_parameter_declaration"):
                name, decoration = _declared_name(_field(child, "declarator"))
                default = _field(child, "default_value")
                kind = " ".join(part for part in (*_qualifiers(child), text_of(_field(child, "type")), decoration)
                                if part)
                params.append(Param(name or "_", default=text_of(default) if default is not None else None,
                                    annotation=kind or None))
            elif child.type == "variadic_parameter":
                params.append(Param("..."))
        return tuple(params)


#: upper-case attribute macros before a return type that follows them (``FMT_CONSTEXPR auto``, ``GLOG_EXPORT bool``)
_LEADING_MACROS = re.compile(r"^(?:_*[A-Z][A-Z0-9_]{2,}[ \t]+)+(?=[A-Za-z_])")


#: the blanks a C++ operator's name may hold without naming another: ``operator ==``, ``operator "" _json``
_OPERATOR_BLANKS = re.compile(r'(\boperator)\s+(?=[^\w\s])|(?<=\boperator"")\s+|(?<=\boperator\s"")\s+')


def operator_spelling(name: str) -> str:
    """One spelling of a C++ operator function's name: ``operator "" _json`` and ``operator ""_json`` (a
    literal operator, the blank before its suffix deprecated) are ``operator""_json``, ``operator ==`` is
    ``operator==``; a conversion (``operator bool``) keeps its blank."""
    return _OPERATOR_BLANKS.sub(lambda m: m.group(1) or "", name) if "operator" in name else name


def _macro_shifted(node: Any | None) -> tuple[str, str]:
    """The name a function declarator declares, and the return type a macro pushed into it (else ""): before
    ``TOML_NODISCARD static std::string make(T&& arg)`` tree-sitter takes the macro for the return type and reads
    ``std::string make`` as one qualified name with a missing ``::``; the name is what follows the missing
    separator (``make``) and the return type what precedes it (``std::string``)."""
    text = text_of(node)
    while node is not None and node.type == "qualified_identifier":
        for child in node.children:
            if child.type == "::" and child.is_missing:
                start = node.start_byte
                head = (node.text or b"")[:child.start_byte - start].decode("utf-8", errors="replace").strip()
                outer = text[:len(text) - len(text_of(node))]
                return text_of(_field(node, "name")), (outer + head).strip()
        node = _field(node, "name")
    return text, ""


def _qualifiers(parameter: Any) -> list[str]:
    """The qualifiers written before a C/C++ parameter's type (``const`` of ``const cJSON *item``): part of the
    type callers pass, which dropping or adding changes (a ``const`` object no longer converts to a plain pointer)."""
    out = []
    for child in parameter.named_children:
        if child.type == "type_qualifier":
            out.append(text_of(child))
        elif child == _field(parameter, "type"):
            break
    return out


def _declared_name(node: Any | None) -> tuple[str, str]:
    """The name a C/C++ declarator declares and what decorates it: ``*buf[4]`` -> ("buf", "*[4]")."""
    if node is None:
        return "", ""
    text = text_of(node)
    if node.type.startswith("abstract_"):  # ``Node*`` of ``void f(Node*);``: no name, all decoration (as ``Node* n``)
        return "", text.replace(" ", "")
    inner = node
    while inner is not None:  # a C++ reference (``Graph&& other``) holds its name as a child, not a field
        below = _field(inner, "declarator")
        if below is None and inner.type == "reference_declarator" and inner.named_children:
            below = inner.named_children[-1]
        if below is None:
            break
        inner = below
    name = text_of(inner)
    return name, text.replace(name, "", 1).replace(" ", "") if name else text
