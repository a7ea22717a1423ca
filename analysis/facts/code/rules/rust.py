"""Rust symbol rules: items, impl and trait methods, macros and the items macro invocations declare, with
Rust's visibility (only a bare ``pub`` inside public scopes is public; ``pub(crate)`` and the like are not)."""

from __future__ import annotations

import re
from typing import Any

from analysis.facts.code.rules.base import Collector, Param, _field, _name
from analysis.facts.code.syntax import COMMENT_TYPES, text_of

_ITEMS = {"struct_item": "struct", "enum_item": "enum", "union_item": "struct", "trait_item": "trait",
          "type_item": "type"}
#: keywords that declare an item inside a macro invocation's tokens (``define_rejection! { pub struct X; }``)
_MACRO_KEYWORDS = {"struct": "struct", "enum": "enum", "union": "struct", "trait": "trait", "type": "type",
                   "fn": "function"}


#: a lifetime in a type's name (``&'a T``, ``&'static str``): not part of which type it is
_LIFETIME = re.compile(r"'\w+\s*")
#: a binding made mutable in a parameter's pattern (``mut x``, ``Args { mut input, .. }``); ``&mut`` is a type, kept
_BINDING_MUT = re.compile(r"(?<![\w&])mut\s+")


def is_pub(node: Any) -> bool:
    """``node`` is declared with a bare ``pub`` (``pub(crate)``, ``pub(super)``, ``pub(in a::b)`` and
    ``pub(self)`` reach no further than the crate)."""
    modifier = next((c for c in node.children if c.type == "visibility_modifier"), None)
    return modifier is not None and text_of(modifier).replace(" ", "") == "pub"


#: words that may stand between ``pub`` and an item's keyword inside a macro's tokens (``pub async fn``)
_QUALIFIERS = frozenset({"async", "const", "unsafe", "extern", "default"})


def _macro_tokens(tree: Any) -> list[Any]:
    """The tokens of a macro invocation's token tree in order, with the tokens of the macro invocations nested in
    it spliced in (``cfg_unstable_metrics! { cfg_64bit_metrics! { pub fn x() {} } }`` declares ``x`` too); an
    item's body (a bracketed token tree of its own) stays one token."""
    found: list[Any] = []
    children = tree.children
    for index, token in enumerate(children):
        if (token.type == "token_tree" and index >= 2 and children[index - 1].type == "!"
                and children[index - 2].type == "identifier"):
            # (the inner macro's name, ``!`` and brackets belong to none of its items: an item added first or last in
            # it leaves its neighbours' tokens as they were)
            del found[-2:]
            found.extend(_macro_tokens(token)[1:-1])
        else:
            found.append(token)
    return found


def _macro_declarations(node: Any) -> list[tuple[str, str, bool, list[tuple[int, int]]]]:
    """(kind, name, public, spans of its tokens) of each item a macro invocation declares: an item's tokens run
    from its attributes and visibility to where the next item's begin."""
    tree = next((c for c in node.children if c.type == "token_tree"), None)
    if tree is None:
        return []
    tokens = [t for t in _macro_tokens(tree)[1:-1] if t.type not in COMMENT_TYPES]  # (its brackets: no item's)
    starts = []
    for index, token in enumerate(tokens[:-1]):
        if token.type in _MACRO_KEYWORDS and tokens[index + 1].type == "identifier":
            start = index
            while start >= 1 and (tokens[start - 1].type in _QUALIFIERS or tokens[start - 1].type == "string_literal"
                                  and start >= 2 and tokens[start - 2].type == "extern"):
                start -= 1
            public = start >= 1 and tokens[start - 1].type == "pub"
            if start >= 2 and tokens[start - 1].type == "token_tree" and tokens[start - 2].type == "pub":
                start -= 2  # ``pub(crate)``: reaches no further than the crate
            elif public:
                start -= 1
            while start >= 2 and tokens[start - 1].type == "token_tree" and tokens[start - 2].type == "#":
                start -= 2  # its attributes
            starts.append((start, _MACRO_KEYWORDS[token.type], text_of(tokens[index + 1]), public))
    found = []
    for number, (start, kind, name, public) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(tokens)
        found.append((kind, name, public, [(t.start_byte, t.end_byte) for t in tokens[start:end]]))
    return found


def macro_items(node: Any) -> list[tuple[str, str, bool]]:
    """(kind, name, public) of the items a macro invocation declares, in the macro invocations nested in its
    tokens too."""
    return [(kind, name, public) for kind, name, public, _ in _macro_declarations(node)]


def _without_lifetimes(text: str) -> str:
    """A type's text without its lifetimes: ``&'a T`` -> ``&T``, ``Foo<'a, T>`` -> ``Foo<T>``, ``Foo<'a, 'b>`` -> ``Foo``."""
    text = _LIFETIME.sub("", text)
    text = re.sub(r"<[\s,]*>", "", text)  # the list held lifetimes only
    text = re.sub(r"<[\s,]+", "<", text)
    text = re.sub(r",\s*(?=[,>])", "", text)
    return text


def _base_name(node: Any | None) -> str:
    """``Foo`` of ``Foo``, ``Foo<T>``, ``crate::x::Foo`` or ``&Foo``."""
    text = text_of(node).lstrip("&").split("<")[0]
    return text.split("::")[-1].strip()


class RustCollector(Collector):
    """``ctx`` is (role, open): role None, "mod", "test_mod", "impl", "trait" or "trait_impl"; open says whether
    the enclosing scopes let a ``pub`` item out of the crate (a private inline module, a private type or trait
    do not)."""

    sep = "::"
    _trait = ""  # the trait of the ``impl Trait for T`` being walked

    def collect(self, root: Any) -> list:
        self.types = _type_visibility(root)
        self.walk(root, [], (None, True))
        return self.symbols

    def add(self, scope: list[str], name: str, kind: str, public: bool, node: Any, **extra: Any) -> Any:
        """As ``Collector.add``; ``#[doc(hidden)]`` items are outside the documented API, so not public (but marked
        ``doc_hidden``: still callable); so are items compiled only under the crate's ``unstable`` feature
        (``#[cfg(feature = "unstable")]``): the crate promises them no stability, its users' builds leave them out."""
        hidden = public and (self._attribute(node, "doc(hidden)") or self._attribute(node, 'cfg(feature="unstable")'))
        return super().add(scope, name, kind, public and not hidden, node, doc_hidden=hidden, **extra)

    def visit(self, node: Any, scope: list[str], ctx: Any) -> None:
        role, open_ = ctx
        kind = node.type
        if kind in ("function_item", "function_signature_item"):
            if role == "test_mod" and not self._is_test(node):
                return  # a helper of a #[cfg(test)] module: not product code
            public = open_ if role in ("trait", "trait_impl") else open_ and is_pub(node)
            self.add(scope, _name(node), "method" if role in ("impl", "trait", "trait_impl") else "function",
                     public, node, params=self._params(_field(node, "parameters")),
                     returns=text_of(_field(node, "return_type")) or None, is_test=self._is_test(node),
                     overrides=role == "trait_impl",  # a trait's method implemented: callers reach it by the trait
                     trait=self._trait if role == "trait_impl" else "")
        elif role == "test_mod" and kind in (*_ITEMS, "impl_item"):
            return  # a test module's scaffolding (a fake ``Buffer`` and its ``impl IoStream``): not product code
        elif kind in _ITEMS:
            name = _name(node)
            public = open_ and is_pub(node)
            symbol = self.add(scope, name, _ITEMS[kind], public, node)
            if kind == "trait_item":
                start = len(self.symbols)
                self.walk(_field(node, "body") or node, [*scope, name], ("trait", public))
                self.nest(symbol, start)
        elif kind == "impl_item":
            self._impl(node, scope, open_)
        elif kind == "mod_item":
            body = _field(node, "body")
            if body is not None:
                # (a module inside a test module is one of its tests' too)
                role = "test_mod" if role == "test_mod" or self._attribute(node, "cfg(test)") else "mod"
                self.walk(body, [*scope, _name(node)], (role, open_ and is_pub(node)))
        elif kind == "macro_definition":
            self.add(scope, _name(node), "macro", self._attribute(node, "macro_export"), node)
        elif kind == "macro_invocation" and role != "test_mod":
            via = text_of(_field(node, "macro")) + "!"
            declared = _macro_declarations(node)
            for number, (label, name, public, _) in enumerate(declared):
                # every item shares the invocation's node: its fingerprint leaves out the other items' tokens, so
                # a method added to (or changed in) a ``cfg_x! { ... }`` block does not read as a change to the rest
                others = [span for other, (*_, spans) in enumerate(declared) if other != number for span in spans]
                self.add(scope, name, label, open_ and public, node, via=via, children=others)
        elif kind in ("declaration_list", "source_file", "expression_statement"):
            self.walk(node, scope, ctx)

    def _impl(self, node: Any, scope: list[str], open_: bool) -> None:
        """Methods of ``impl T`` are as public as ``T`` and their ``pub``; of ``impl Trait for T`` as public as
        the trait and ``T`` (each when this file defines it; a type or trait from elsewhere is taken as public)."""
        type_node = _field(node, "type")
        if type_node is not None and type_node.type == "generic_type":
            type_node = _field(type_node, "type") or type_node
        body = _field(node, "body")
        if body is None:
            return
        trait = _field(node, "trait")
        public = open_ and self.types.get(_base_name(type_node), True)
        if trait is not None:
            public = public and self.types.get(_base_name(trait), True)
        # ``impl<'a, T> Trait for &'a T`` and ``impl<T> Trait for &T`` implement it for the same type; a generic
        # list of lifetimes only goes with them (``&mut Reader<'de, 'doc>`` -> ``&mut Reader``, not ``&mut Reader<, >``)
        # (``impl IoStream for ::tokio_uds::UnixStream``: the path from the crate root, its leading ``::`` no name)
        name = _without_lifetimes(text_of(type_node)).removeprefix("::")
        # (the trait as written, generics kept: ``From<u8>`` and ``From<u16>`` give a type two ``from``)
        outer, self._trait = self._trait, _without_lifetimes(text_of(trait)) if trait is not None else ""
        self.walk(body, [*scope, name], ("trait_impl" if trait is not None else "impl", public))
        self._trait = outer

    def _is_test(self, node: Any) -> bool:
        return self._attribute(node, "test")

    @staticmethod
    def _attribute(node: Any, word: str) -> bool:
        """An attribute right above ``node`` names ``word`` (``#[test]``, ``#[tokio::test]``, ``#[cfg(test)]``)."""
        sibling = node.prev_named_sibling
        while sibling is not None and sibling.type in ("attribute_item", *COMMENT_TYPES):
            text = text_of(sibling).replace(" ", "").lstrip("#![").rstrip("]")
            if sibling.type == "attribute_item" and (
                    word in text if "(" in word else word in text.split("(")[0].split("::")):
                return True
            sibling = sibling.prev_named_sibling
        return False

    @staticmethod
    def _params(node: Any | None) -> tuple[Param, ...]:
        params = []
        for child in node.named_children if node is not None else []:
            if child.type == "self_parameter":
                # ``mut self`` (by value) binds self mutably in the body; callers still pass ``self``. ``&mut self``
                # borrows differently and stays
                params.append(Param(re.sub(r"^mut\s+", "", text_of(child))))
            elif child.type == "parameter":
                # ``mut x`` binds the caller's value mutably inside the body: not part of what callers pass
                pattern = _BINDING_MUT.sub("", text_of(_field(child, "pattern")))
                params.append(Param(pattern, annotation=text_of(_field(child, "type"))))
            elif child.type == "variadic_parameter":
                params.append(Param("..."))
        return tuple(params)


def _type_visibility(root: Any) -> dict[str, bool]:
    """Name -> public of every type and trait the file defines (in any module, through macros too), so an
    ``impl`` can tell whether its methods can be reached from outside the crate."""
    found: dict[str, bool] = {}
    stack = [(root, True)]
    while stack:
        node, open_ = stack.pop()
        if node.type in _ITEMS:
            name = _name(node)
            found[name] = found.get(name, False) or (open_ and is_pub(node))
        elif node.type == "macro_invocation":
            for _, name, public in macro_items(node):
                found[name] = found.get(name, False) or (open_ and public)
        elif node.type == "mod_item":
            body = _field(node, "body")
            if body is not None:
                stack.append((body, open_ and is_pub(node)))
        elif node.type in ("source_file", "declaration_list", "expression_statement"):
            stack.extend((child, open_) for child in node.named_children)
    return found
