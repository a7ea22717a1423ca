"""TypeScript/JavaScript symbol rules: functions, classes and their members, interfaces and their fields, with
what a module exports (``export``, export clauses, CommonJS) and what its doc comments keep private."""

from __future__ import annotations

import re
from typing import Any

from analysis.facts.code.rules.base import Collector, Param, _field, _name, base_names
from analysis.facts.code.syntax import text_of


# --- TypeScript / JavaScript ----------------------------------------------------------------------
class JsCollector(Collector):
    _FUNCS = ("function_declaration", "generator_function_declaration", "function_signature")
    _CLASSES = ("class_declaration", "abstract_class_declaration", "class")
    _TYPES = {"interface_declaration": "interface", "enum_declaration": "enum", "type_alias_declaration": "type"}
    _FUNC_VALUES = ("arrow_function", "function_expression", "function", "generator_function")

    def collect(self, root: Any) -> list:
        self.private_members: set[str] = set()
        exported, by_name = _exported_names(root), _exported_names(root, default=False)
        self.exported = exported | _declared_exports(root)
        # ``module.exports = { remove: u(rimraf) }``: ``remove`` is still the module's, defined through that value
        self.through.update(_exported_values(root))
        super().collect(root)
        for symbol in self.symbols:  # a class exported by name, CommonJS or ``export default``: its members too
            top = symbol.name.split(".")[0]
            if top in exported and symbol.name not in self.private_members and not symbol.public:
                symbol.public = True
                symbol.default_only = top not in by_name
        return self.symbols

    def add(self, scope: list[str], name: str, kind: str, public: bool, node: Any, **extra: Any) -> Any:
        """As ``Collector.add``; a JSDoc/TSDoc ``@private``, ``@internal``, ``@ignore`` or ``@api private``
        right above the definition keeps it out of the public API whatever exports it."""
        doc = _doc_comment(node)
        hidden = bool(_DOC_PRIVATE.search(doc))
        if hidden:
            self.private_members.add(".".join([*scope, name]))
        return super().add(scope, name, kind, public and not hidden, node,
                           deprecated=bool(_DOC_DEPRECATED.search(doc)), **extra)

    def visit(self, node: Any, scope: list[str], ctx: Any) -> None:
        kind = node.type
        exported = ctx == "export"
        if kind == "export_statement":
            if any(c.type == "default" for c in node.children):
                self._default_export(node, scope)
            for child in node.named_children:
                self.visit(child, scope, "export")
        elif kind in self._FUNCS:
            self.add(scope, _name(node), "function", exported, node, params=js_params(_field(node, "parameters")),
                     returns=self._returns(node))
        elif kind in self._CLASSES:
            name = _name(node)
            heritage = next((c for c in node.named_children if c.type == "class_heritage"), None)
            symbol = self.add(scope, name, "class", exported, node, bases=base_names(text_of(heritage)))
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
                value = _unwrapped(_field(declarator, "value"))
                if declarator.type == "variable_declarator" and value is not None and value.type in self._FUNC_VALUES:
                    self.add(scope, _name(declarator), "function", exported, declarator,
                             params=js_params(_field(value, "parameters") or _field(value, "parameter")),
                             returns=self._returns(value))
                elif declarator.type == "variable_declarator" and (wrapped := self._wrapped_function(value)):
                    # ``const f = promisify(function f (a, cb) {..})``, ``memo((props) => ..)``: the function the
                    # wrapper is handed, defined through it
                    callee, function = wrapped
                    self.add(scope, _name(declarator), "function", exported, declarator, via=callee + "()",
                             params=js_params(_field(function, "parameters") or _field(function, "parameter")),
                             returns=self._returns(function))
        elif kind == "expression_statement" and node.named_children:
            self._statement(node.named_children[0], scope)
        elif kind in ("program", "statement_block"):
            self.walk(node, scope, None)

    def _wrapped_function(self, value: Any | None) -> tuple[str, Any] | None:
        """(the callee, the function) of a call handed a function literal (``u(function f () {..})``), else None."""
        if value is None or value.type != "call_expression":
            return None
        arguments = _field(value, "arguments")
        function = next((a for a in (arguments.named_children if arguments is not None else [])
                         if _unwrapped(a) is not None and _unwrapped(a).type in self._FUNC_VALUES), None)
        callee = text_of(_field(value, "function"))
        if function is None or not _CALLEE.fullmatch(callee):
            return None
        return callee, _unwrapped(function)

    def _statement(self, expression: Any, scope: list[str]) -> None:
        """``_.flatten = function (..) {..}``, ``Foo.prototype.bar = ..``: a function set on an object, named by its
        path (``prototype`` left out); and the body of a function called where it is written (``(function () {..})
        .call(this)``, how older libraries wrap a whole module), read as the module's own."""
        if expression.type == "assignment_expression":
            left, value = _field(expression, "left"), _unwrapped(_field(expression, "right"))
            lefts = [left]
            while value is not None and value.type == "assignment_expression":  # ``_.uniq = _.unique = function``
                lefts.append(_field(value, "left"))
                value = _unwrapped(_field(value, "right"))
            # the first member the chain sets: ``exports = module.exports = function morgan(..)`` rebinds the bare
            # ``exports`` name, the function is the module's
            left = next((x for x in lefts if x is not None and x.type == "member_expression"), None)
            path = text_of(left).replace(".prototype.", ".") if left is not None else ""
            if value is None or value.type not in self._FUNC_VALUES or not _MEMBER_PATH.fullmatch(path):
                return
            # ``module.exports = (a, b) => ..``: the function is the CommonJS module itself, its API (named so);
            # a function that names itself (``module.exports = function morgan(..)``) goes by that name, the one
            # ``function morgan(..)`` and ``module.exports = morgan`` give it when the module is reorganised
            whole = path == "module.exports"
            exported = whole or path.startswith(("exports.", "module.exports."))
            own = text_of(_field(value, "name")) if whole and value.type in ("function_expression", "function") else ""
            self.add(scope, own or (path.rsplit(".", 1)[-1] if exported and not whole else path), "function",
                     exported, expression,
                     params=js_params(_field(value, "parameters") or _field(value, "parameter")),
                     returns=self._returns(value))
        elif expression.type == "call_expression":
            function = _unwrapped(_field(expression, "function"))
            if function is not None and function.type == "member_expression" and \
                    text_of(_field(function, "property")) in ("call", "apply"):
                function = _unwrapped(_field(function, "object"))
            body = _field(function, "body") if function is not None and function.type in self._FUNC_VALUES else None
            if body is not None and body.type == "statement_block":
                self.walk(body, scope, None)

    def _default_export(self, node: Any, scope: list[str]) -> None:
        """An anonymous ``export default (..) => ..`` or ``export default class {..}``: the module's symbol
        ``default``."""
        value = next((c for c in node.named_children if c.type != "comment"), None)
        inner = _unwrapped(value)
        if inner is None or (inner.type not in self._FUNC_VALUES and inner.type != "class"):
            return
        if _field(inner, "name") is not None:
            return  # ``export default function name() {}``: the declaration's own name
        if inner.type == "class":
            self.add(scope, "default", "class", True, value)
        else:
            self.add(scope, "default", "function", True, value,
                     params=js_params(_field(inner, "parameters") or _field(inner, "parameter")),
                     returns=self._returns(inner))

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
            name_node.type == "private_property_identifier" or text_of(name_node).startswith("_")
            or self._module_keyed(name_node)))
        if private:
            self.private_members.add(".".join([*scope, text_of(name_node)]))
        self.add(scope, text_of(name_node), "method", class_public and not private, member,
                 params=js_params(_field(function, "parameters") or _field(function, "parameter")),
                 returns=self._returns(function),
                 overrides=any(c.type == "override_modifier" for c in member.named_children)
                 or _forwarding_constructor(text_of(name_node), function))

    def _module_keyed(self, name_node: Any) -> bool:
        """A member keyed by a constant of the module that the module does not export (``[PRUNECACHE](entry)`` with
        ``const PRUNECACHE = Symbol(..)``): only the module's own code can reach it. ``[Symbol.iterator]`` and a key
        the module exports stay public."""
        inner = name_node.named_children[0] if name_node.type == "computed_property_name" and \
            len(name_node.named_children) == 1 else None
        return inner is not None and inner.type == "identifier" and text_of(inner) not in self.exported

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
        """The return type callers get: a type parameter that only the return type uses (``getQuery<T extends Q =
        Q>(..): T``) is the default a call without type arguments gets (``Q``), as it returned before."""
        text = text_of(_field(node, "return_type")).lstrip(":").strip()
        parameters = text_of(_field(node, "parameters") or _field(node, "parameter"))
        for name, default in type_parameters(node):
            if text == name and default and not re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", parameters):
                return default
        return text or None


#: a called function's name or path (``u``, ``util.promisify``, ``React.memo``)
_CALLEE = re.compile(r"[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*")
#: a dotted path of plain names: ``_.flatten``, ``Foo.bar`` (not ``a[b].c`` or ``this.x``)
_MEMBER_PATH = re.compile(r"(?!this\.)[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+")
_DOC_PRIVATE = re.compile(r"@(private|internal|ignore|hidden)\b|@api\s+private\b")
#: JSDoc/TSDoc's deprecation tag
_DOC_DEPRECATED = re.compile(r"@deprecated\b")
#: expressions that wrap a value without changing what it is: ``(..)``, ``x as T``, ``x satisfies T``, ``x!``
_WRAPPERS = ("parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression")


def type_parameters(node: Any) -> list[tuple[str, str | None]]:
    """A function's or method's type parameters (``<T extends Q = Q>``): each name and its default (or None), the
    declaration looked up through a variable's value (``const f = <T = string>() => ..``)."""
    value = _unwrapped(_field(node, "value")) if node.type in ("variable_declarator", "public_field_definition",
                                                               "field_definition") else None
    found = _field(node, "type_parameters") or (_field(value, "type_parameters") if value is not None else None)
    out = []
    for parameter in found.named_children if found is not None else []:
        if parameter.type == "type_parameter":
            name = next((text_of(c) for c in parameter.named_children if c.type == "type_identifier"), "")
            default = next((c for c in parameter.named_children if c.type == "default_type"), None)
            out.append((name, text_of(default).lstrip("=").strip() if default is not None else None))
    return out


def _unwrapped(node: Any | None) -> Any | None:
    """``node`` without the parentheses and type assertions around it (``(<T>(a) => a) as Create``: the arrow)."""
    while node is not None and node.type in _WRAPPERS and node.named_children:
        node = node.named_children[0]
    return node


def _doc_comment(node: Any) -> str:
    """The doc comment (``/** .. */``) right above ``node`` (or above its declaration or ``export``), else ""."""
    if node.type == "variable_declarator" and node.parent is not None:
        node = node.parent
    if node.parent is not None and node.parent.type == "export_statement":
        node = node.parent
    comment = node.prev_named_sibling
    text = comment.text or b"" if comment is not None and comment.type == "comment" else b""
    return text.decode("utf-8", errors="replace") if text.startswith(b"/**") else ""


def _declared_exports(root: Any) -> set[str]:
    """Names a module exports where it defines them (``export const A = ..``, ``export function f``)."""
    names = set()
    for statement in (c for c in root.named_children if c.type == "export_statement"):
        for declaration in statement.named_children:
            declarators = declaration.named_children if declaration.type in (
                "lexical_declaration", "variable_declaration") else [declaration]
            names.update(_name(d) for d in declarators)
    return names - {""}


def _exported_names(root: Any, default: bool = True) -> set[str]:
    """Names a module exports other than by ``export`` before the definition: ``export { A, B as C }``,
    ``export default A`` (unless ``default`` is False: A is then exported as ``default``, not by its name),
    ``module.exports = A`` or ``{ A, b: B }``, ``exports.A = A``, ``module.exports.A = B``."""
    names: set[str] = set()
    for statement in root.named_children:
        if statement.type == "export_statement":
            for part in statement.named_children:
                if part.type == "export_clause":
                    names.update(text_of(_field(spec, "name")) for spec in part.named_children)
                elif part.type == "identifier" and default:
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


def _exported_values(root: Any) -> dict[str, str]:
    """The keys of a CommonJS ``module.exports = {..}`` bound to an expression that is no plain name (a call, a
    member: ``remove: u(rimraf)``, ``removeSync: rimraf.sync``), with that expression."""
    found: dict[str, str] = {}
    for statement in root.named_children:
        assignment = statement.named_children[0] if statement.type == "expression_statement" and \
            statement.named_children else None
        if assignment is None or assignment.type != "assignment_expression" \
                or text_of(_field(assignment, "left")) != "module.exports":
            continue
        value = _field(assignment, "right")
        for prop in value.named_children if value is not None and value.type == "object" else []:
            key, bound = _field(prop, "key"), _field(prop, "value")
            if prop.type == "pair" and key is not None and key.type == "property_identifier" and bound is not None \
                    and bound.type in ("call_expression", "member_expression"):
                found[text_of(key)] = " ".join(text_of(bound).split())
    return found


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


def _forwarding_constructor(name: str, function: Any) -> bool:
    """A subclass's ``constructor(a, b) { super(a, b); ... }``: it hands its parameters to the base's constructor
    unchanged, so with it gone ``new X(a, b)`` reaches the base's with the same arguments (an override, not an API)."""
    if name != "constructor" or function is None:
        return False
    body = _field(function, "body")
    first = next((c for c in body.named_children if c.type != "comment"), None) if body is not None else None
    call = first.named_children[0] if first is not None and first.type == "expression_statement" \
        and first.named_children else None
    if call is None or call.type != "call_expression" or text_of(_field(call, "function")) != "super":
        return False
    params = js_params(_field(function, "parameters"))
    args = _field(call, "arguments")
    passed = [text_of(a) for a in args.named_children] if args is not None else []
    return passed == [p.name.rstrip("?") for p in params]
