"""Per-language symbol rules for TypeScript/JavaScript, Java and C/C++ (see ``symbol_rules`` for the others)."""

from __future__ import annotations

import re
from typing import Any

from analysis.facts.symbol_rules import Collector, Param, _field, _name
from analysis.facts.syntax import text_of


# --- TypeScript / JavaScript ----------------------------------------------------------------------
class JsCollector(Collector):
    _FUNCS = ("function_declaration", "generator_function_declaration", "function_signature")
    _CLASSES = ("class_declaration", "abstract_class_declaration", "class")
    _TYPES = {"interface_declaration": "interface", "enum_declaration": "enum", "type_alias_declaration": "type"}
    _FUNC_VALUES = ("arrow_function", "function_expression", "function", "generator_function")

    def collect(self, root: Any) -> list:
        self.private_members: set[str] = set()
        exported = _exported_names(root)
        super().collect(root)
        for symbol in self.symbols:  # a class exported by name, CommonJS or ``export default``: its members too
            if symbol.name.split(".")[0] in exported and symbol.name not in self.private_members:
                symbol.public = True
        return self.symbols

    def add(self, scope: list[str], name: str, kind: str, public: bool, node: Any, **extra: Any) -> Any:
        """As ``Collector.add``; a JSDoc/TSDoc ``@private``, ``@internal``, ``@ignore`` or ``@api private``
        right above the definition keeps it out of the public API whatever exports it."""
        hidden = _doc_private(node)
        if hidden:
            self.private_members.add(".".join([*scope, name]))
        return super().add(scope, name, kind, public and not hidden, node, **extra)

    def visit(self, node: Any, scope: list[str], ctx: Any) -> None:
        kind = node.type
        exported = ctx == "export"
        if kind == "export_statement":
            for child in node.named_children:
                self.visit(child, scope, "export")
        elif kind in self._FUNCS:
            self.add(scope, _name(node), "function", exported, node, params=js_params(_field(node, "parameters")),
                     returns=self._returns(node))
        elif kind in self._CLASSES:
            name = _name(node)
            symbol = self.add(scope, name, "class", exported, node)
            start = len(self.symbols)
            body = _field(node, "body")
            if body is not None and name:
                for member in body.named_children:
                    self._member(member, [*scope, name], exported)
            self.nest(symbol, start)
        elif kind in self._TYPES:
            name = _name(node)
            symbol = self.add(scope, name, self._TYPES[kind], exported, node)
            start = len(self.symbols)
            for body in self._object_bodies(node):  # an options interface's fields are API: prefixUrl -> prefix
                for member in body.named_children:
                    self._field_member(member, [*scope, name], exported)
            self.nest(symbol, start)
        elif kind in ("lexical_declaration", "variable_declaration"):
            for declarator in node.named_children:
                value = _field(declarator, "value")
                if declarator.type == "variable_declarator" and value is not None and value.type in self._FUNC_VALUES:
                    self.add(scope, _name(declarator), "function", exported, declarator,
                             params=js_params(_field(value, "parameters") or _field(value, "parameter")),
                             returns=self._returns(value))
        elif kind in ("program", "statement_block"):
            self.walk(node, scope, None)

    def _member(self, member: Any, scope: list[str], class_public: bool) -> None:
        function = member
        if member.type in ("public_field_definition", "field_definition"):  # handle = (e) => {...}
            function = _field(member, "value")
            if function is None or function.type not in self._FUNC_VALUES:
                return
        elif member.type not in ("method_definition", "abstract_method_signature", "method_signature"):
            return
        name_node = _field(member, "name") or _field(member, "property")
        access = next((text_of(c) for c in member.named_children if c.type == "accessibility_modifier"), "")
        private = access in ("private", "protected") or (name_node is not None and (
            name_node.type == "private_property_identifier" or text_of(name_node).startswith("_")))
        if private:
            self.private_members.add(".".join([*scope, text_of(name_node)]))
        self.add(scope, text_of(name_node), "method", class_public and not private, member,
                 params=js_params(_field(function, "parameters") or _field(function, "parameter")),
                 returns=self._returns(function))

    @staticmethod
    def _object_bodies(node: Any) -> list[Any]:
        """The member lists of an interface or of the object types a type alias is made of (``{..} & X``)."""
        body = _field(node, "body") if node.type == "interface_declaration" else _field(node, "value")
        bodies, stack = [], [body] if body is not None else []
        while stack:
            current = stack.pop()
            if current.type in ("interface_body", "object_type"):
                bodies.append(current)
            elif current.type in ("intersection_type", "union_type", "parenthesized_type"):
                stack.extend(reversed(current.named_children))
        return bodies

    def _field_member(self, member: Any, scope: list[str], public: bool) -> None:
        if member.type == "property_signature":
            self.add(scope, text_of(_field(member, "name")), "property", public, member)
        elif member.type == "method_signature":
            self.add(scope, text_of(_field(member, "name")), "method", public, member,
                     params=js_params(_field(member, "parameters")), returns=self._returns(member))

    @staticmethod
    def _returns(node: Any) -> str | None:
        text = text_of(_field(node, "return_type"))
        return text.lstrip(":").strip() or None


_DOC_PRIVATE = re.compile(r"@(private|internal|ignore|hidden)\b|@api\s+private\b")


def _doc_private(node: Any) -> bool:
    """The doc comment right above ``node`` (or above its declaration or ``export``) marks it private."""
    if node.type == "variable_declarator" and node.parent is not None:
        node = node.parent
    if node.parent is not None and node.parent.type == "export_statement":
        node = node.parent
    comment = node.prev_named_sibling
    text = comment.text or b"" if comment is not None and comment.type == "comment" else b""
    return text.startswith(b"/**") and bool(_DOC_PRIVATE.search(text.decode("utf-8", errors="replace")))


def _exported_names(root: Any) -> set[str]:
    """Names a module exports other than by ``export`` before the definition: ``export { A, B as C }``,
    ``export default A``, ``module.exports = A`` or ``{ A, b: B }``, ``exports.A = A``, ``module.exports.A = B``."""
    names: set[str] = set()
    for statement in root.named_children:
        if statement.type == "export_statement":
            for part in statement.named_children:
                if part.type == "export_clause":
                    names.update(text_of(_field(spec, "name")) for spec in part.named_children)
                elif part.type == "identifier":
                    names.add(text_of(part))
            continue
        assignment = statement.named_children[0] if statement.type == "expression_statement" and \
            statement.named_children else None
        if assignment is None or assignment.type != "assignment_expression":
            continue
        target, value = text_of(_field(assignment, "left")), _field(assignment, "right")
        if target == "module.exports" or target.startswith(("module.exports.", "exports.")):
            if target.count(".") >= 1 and target != "module.exports":
                names.add(target.rsplit(".", 1)[-1])
            if value is not None and value.type in ("identifier", "class", "function_expression"):
                names.add(text_of(_field(value, "name")) if value.type != "identifier" else text_of(value))
            elif value is not None and value.type == "object":
                for prop in value.named_children:
                    if prop.type == "shorthand_property_identifier":
                        names.add(text_of(prop))
                    elif prop.type == "pair" and _field(prop, "value") is not None \
                            and _field(prop, "value").type == "identifier":
                        names.add(text_of(_field(prop, "value")))
    names.discard("")
    return names


def js_params(node: Any | None) -> tuple[Param, ...]:
    if node is None:
        return ()
    if node.type == "identifier":  # x => ...
        return (Param(text_of(node)),)
    params = []
    for child in node.named_children:
        kind = child.type
        if kind in ("required_parameter", "optional_parameter"):
            name = text_of(_field(child, "pattern")) + ("?" if kind == "optional_parameter" else "")
            annotation = text_of(_field(child, "type")).lstrip(":").strip() or None
            value = _field(child, "value")
            params.append(Param(name, default=text_of(value) if value is not None else None, annotation=annotation))
        elif kind == "assignment_pattern":
            params.append(Param(text_of(_field(child, "left")), default=text_of(_field(child, "right"))))
        elif kind in ("identifier", "rest_pattern", "object_pattern", "array_pattern"):
            params.append(Param(text_of(child)))
    return tuple(params)


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
            symbol = self.add(scope, name, self._TYPES[kind], public, node)
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
                     is_test=any(w.startswith("@Test") or w.startswith("@ParameterizedTest") for w in words))
        elif kind in ("program", "enum_body_declarations", "class_body", "interface_body", "enum_body"):
            self.walk(node, scope, ctx)


_DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)", re.M)
#: a line that is a call of an ALL-CAPS macro at the top level: ``DECLARE_LIST(foo_list, int);``
_MACRO_CALL = re.compile(r"^([A-Z][A-Z0-9_]{2,})[ \t]*\(([^()\n]*)\)", re.M)
_IDENT = re.compile(r"[A-Za-z_]\w*")


# --- C / C++ --------------------------------------------------------------------------------------
class CCollector(Collector):
    sep = "::"
    _RECORDS = {"struct_specifier": "struct", "class_specifier": "class", "union_specifier": "struct",
                "enum_specifier": "enum"}

    def __init__(self, path: str, test_file: bool, header: bool):
        super().__init__(path, test_file)
        self.header = header

    def collect(self, root: Any) -> list:
        text = (root.text or b"").decode("utf-8", errors="replace")
        for match in _DEFINE.finditer(text):
            self.through.setdefault(match.group(1), "#define")
        for match in _MACRO_CALL.finditer(text):
            for name in _IDENT.findall(match.group(2)):
                self.through.setdefault(name, match.group(1) + "()")
        return super().collect(root)

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
            name = text_of(_field(function, "declarator"))
            pointers = "*" * self._pointer_depth(_field(node, "declarator"))
            returns = " ".join(part for part in (text_of(_field(node, "type")), pointers) if part)
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
            self.walk(_field(node, "body") or node, [*scope, _name(node)] if _name(node) else scope, None)
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
        while node is not None and node.type != "function_declarator":
            node = _field(node, "declarator")
        return node

    @staticmethod
    def _params(node: Any | None) -> tuple[Param, ...]:
        params = []
        for child in node.named_children if node is not None else []:
            if child.type in ("parameter_declaration", "optional_parameter_declaration"):
                name, decoration = _declared_name(_field(child, "declarator"))
                default = _field(child, "default_value")
                kind = " ".join(part for part in (text_of(_field(child, "type")), decoration) if part)
                params.append(Param(name or "_", default=text_of(default) if default is not None else None,
                                    annotation=kind or None))
            elif child.type == "variadic_parameter":
                params.append(Param("..."))
        return tuple(params)


def _declared_name(node: Any | None) -> tuple[str, str]:
    """The name a C/C++ declarator declares and what decorates it: ``*buf[4]`` -> ("buf", "*[4]")."""
    if node is None:
        return "", ""
    text = text_of(node)
    inner = node
    while inner is not None and _field(inner, "declarator") is not None:
        inner = _field(inner, "declarator")
    name = text_of(inner)
    return name, text.replace(name, "", 1).replace(" ", "") if name else text
