"""Parsing with tree-sitter (loaded lazily) and the significant tokens of a tree: no comments, docstrings or spaces."""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)

#: (``multiline_comment``: Kotlin's ``/* */``)
COMMENT_TYPES = frozenset({"comment", "line_comment", "block_comment", "doc_comment", "multiline_comment"})
#: nodes whose text is one token (so a string's inner pieces are compared as a whole)
_ATOMS = frozenset({"string", "string_literal", "raw_string_literal", "interpreted_string_literal",
                    "template_string", "char_literal", "character_literal"})


_local = threading.local()


def parser_for(grammar: str) -> Any | None:
    """This thread's tree-sitter parser for ``grammar`` (a parser is not safe to share between threads;
    tree_sitter_language_pack is imported on first use: it is big)."""
    parsers = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = {}
    if grammar not in parsers:
        try:
            from tree_sitter_language_pack import get_parser
            parsers[grammar] = get_parser(grammar)
        except Exception as error:  # an unknown grammar or a broken install: fall back to the hunks
            log.warning("no tree-sitter parser for %s: %s", grammar, error)
            parsers[grammar] = None
    return parsers[grammar]


#: Python docstring candidates (a superset: the first string of any block), for both shapes of the grammar
_DOCSTRING_PATTERNS = ("(module . (string) @x)", "(block . (string) @x)",
                       "(module . (expression_statement (string) @x))", "(block . (expression_statement (string) @x))")


@functools.lru_cache(maxsize=None)
def _comment_query(grammar: str) -> Any | None:
    """A query capturing the comments (and, for Python, the docstring candidates) of ``grammar``'s trees."""
    try:
        from tree_sitter import Query
        from tree_sitter_language_pack import get_language
        language = get_language(grammar)
    except Exception:
        return None
    candidates = [f"({kind}) @x" for kind in COMMENT_TYPES]
    if grammar == "python":
        candidates += _DOCSTRING_PATTERNS
    patterns = []
    for pattern in candidates:
        try:
            Query(language, pattern)
        except Exception:  # the grammar has no such node or shape
            continue
        patterns.append(pattern)
    return Query(language, " ".join(patterns)) if patterns else None


#: Rust attributes whose strings are documentation or compiler help, not behaviour: ``#[doc = "..."]``,
#: ``#[deprecated(note = "...")]``, ``#[diagnostic::on_unimplemented(note = "...")]`` (also under ``cfg_attr``)
_DOC_ATTRIBUTE = re.compile(rb"^#!?\[\s*(doc\b|deprecated\b|must_use\b|(cfg_attr|rustversion::\w+)\b.*"
                            rb"\b(doc|deprecated|diagnostic::\w+)\b|diagnostic::\w+)", re.S)
_STRINGS = frozenset({"string_literal", "raw_string_literal"})


def doc_strings(tree: Any, grammar: str) -> frozenset[tuple[int, int]]:
    """Spans of string literals that are documentation rather than behaviour (Rust's doc, deprecation and
    diagnostic attributes; Python's PEP 727 ``Doc("..")`` in an ``Annotated`` type), left out like comments when
    telling a comments-only change."""
    if grammar == "python":
        return _python_doc_calls(tree) | _attribute_docstrings(tree)
    if grammar != "rust":
        return frozenset()
    spans = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in ("attribute_item", "inner_attribute_item"):
            if _DOC_ATTRIBUTE.match(node.text or b""):
                inner = [node]
                while inner:
                    current = inner.pop()
                    if current.type in _STRINGS:
                        spans.append((current.start_byte, current.end_byte))
                    else:
                        inner.extend(current.children)
            continue
        if node.type not in COMMENT_TYPES and node.type not in _STRINGS:
            stack.extend(node.named_children)
    return frozenset(spans)


def _python_doc_calls(tree: Any) -> frozenset[tuple[int, int]]:
    """The string arguments of ``Doc(..)`` calls (``typing_extensions.Doc``, ``annotated_doc.Doc``)."""
    spans = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        function = node.child_by_field_name("function") if node.type == "call" else None
        if function is not None and (function.text == b"Doc" or (function.text or b"").endswith(b".Doc")):
            arguments = node.child_by_field_name("arguments")
            spans += [(a.start_byte, a.end_byte) for a in (arguments.named_children if arguments else [])
                      if a.type in ("string", "concatenated_string")]
            continue
        stack.extend(node.named_children)
    return frozenset(spans)


def _attribute_docstrings(tree: Any) -> frozenset[tuple[int, int]]:
    """Strings standing as statements right after an assignment in a module or a class body: attribute docstrings
    (PEP 224's convention, read by Sphinx and by pydantic's ``use_attribute_docstrings``), a no-op at run time."""
    spans = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if _bare_string(node) and _after_assignment(node):
            spans.append((node.start_byte, node.end_byte))
        elif node.type in ("module", "class_definition", "block", "decorated_definition"):
            stack.extend(node.named_children)
    return frozenset(spans)


def _bare_string(node: Any) -> bool:
    """A string standing as a statement (bare, or wrapped in an expression statement, as the grammar's versions
    shape it)."""
    if node.type == "expression_statement" and node.named_child_count == 1:
        node = node.named_children[0]
    return node.type in ("string", "concatenated_string")


def without_comments(tree: Any, grammar: str, also: frozenset[tuple[int, int]] = frozenset()) -> bytes | None:
    """The file's text without comments, Python docstring candidates, the spans in ``also`` or any spacing;
    None when the grammar has no query. Equal results are necessary for a comments-only change (the token
    walk decides)."""
    query = _comment_query(grammar)
    if query is None:
        return None
    from tree_sitter import QueryCursor

    source = tree.root_node.text or b""
    drop = sorted([*((n.start_byte, n.end_byte) for nodes in QueryCursor(query).captures(tree.root_node).values()
                     for n in nodes), *also])
    parts, at = [], 0
    for start, end in drop:
        if start >= at:
            parts.append(source[at:start])
            at = end
    parts.append(source[at:])
    return b"".join(b"".join(parts).split())


def parse(text: str, grammar: str) -> Any | None:
    """The syntax tree of ``text``, or None when there is no parser."""
    parser = parser_for(grammar)
    if parser is None:
        return None
    return parser.parse(text.encode("utf-8", errors="replace"))


def is_docstring(node: Any) -> bool:
    """A Python string that is the first statement of a module, class or function body (bare, or wrapped
    in an expression statement, depending on the grammar's version)."""
    if node.type == "expression_statement":
        if node.named_child_count != 1 or node.named_children[0].type not in ("string", "concatenated_string"):
            return False
    elif node.type not in ("string", "concatenated_string"):
        return False
    parent = node.parent
    if parent is None or parent.type not in ("module", "block"):
        return False
    if _after_assignment(node):
        return True  # an attribute docstring (PEP 224): a string statement right after an assignment
    first = next((c for c in parent.named_children if c.type not in COMMENT_TYPES), None)
    if first is None or first.id != node.id:
        return False
    return parent.type == "module" or (parent.parent is not None and
                                       parent.parent.type in ("function_definition", "class_definition"))


def _after_assignment(node: Any) -> bool:
    """A statement right after an assignment, in a module or a class body (comments between are passed over)."""
    parent = node.parent
    if parent is None or not (parent.type == "module" or (parent.type == "block" and parent.parent is not None
                                                          and parent.parent.type == "class_definition")):
        return False
    previous = node.prev_named_sibling
    while previous is not None and previous.type in COMMENT_TYPES:
        previous = previous.prev_named_sibling
    if previous is not None and previous.type == "expression_statement" and previous.named_child_count == 1:
        previous = previous.named_children[0]  # the grammar's older shape wraps statements
    return previous is not None and previous.type == "assignment"


def tokens(node: Any, skip: frozenset[tuple[int, int]] = frozenset(), python: bool = False) -> Iterator[bytes]:
    """The tree under ``node`` as a flat stream that carries meaning: leaf texts and the nesting of named nodes
    (so re-indenting a Python block counts), without comments, docstrings or the spans in ``skip``."""
    stack: list[Any] = [node]
    while stack:
        current = stack.pop()
        if current is None:
            yield b")"
            continue
        if current.type in COMMENT_TYPES or _skipped(current, skip) and current is not node:
            continue
        if python and (is_docstring(current) or current.type == "pass_statement"):
            continue  # ``pass`` is a no-op: a body of ``pass`` and one of a docstring alone do the same
        if current.child_count == 0 or current.type in _ATOMS:
            yield current.type.encode() + b"\0" + (current.text or b"")
            continue
        if current.is_named:
            yield current.type.encode() + b"("
            stack.append(None)
        stack.extend(reversed(current.children))


def _skipped(node: Any, skip: frozenset[tuple[int, int]]) -> bool:
    """``node``'s span is one to leave out, and it is not a wrapper sharing its only child's span (Python's class
    ``block`` that holds just a method spans exactly that method: the method is left out, the block is not)."""
    span = (node.start_byte, node.end_byte)
    return span in skip and not any((c.start_byte, c.end_byte) == span for c in node.named_children)


def token_hash(node: Any, skip: frozenset[tuple[int, int]] = frozenset(), python: bool = False) -> str:
    """A fingerprint of ``node``'s meaningful tokens; separators (``;``) are left out, so a member added
    to a class does not change the class's own fingerprint through the ``;`` after it, and so are trailing commas
    outside Python (prettier's ``trailingComma: all`` rewrites every multi-line call, not one symbol's meaning)."""
    digest = hashlib.blake2b(digest_size=16)
    comma = False  # a comma held until what follows says whether it is a trailing one
    for token in tokens(node, skip, python):
        if comma and not (token in _CLOSERS and not python):
            digest.update(b",\0,\1")  # (Python's ``(x,)`` is a tuple: its trailing comma is meaning)
        comma = token == b",\0,"
        if token != b";\0;" and not comma:
            digest.update(token)
            digest.update(b"\1")
    if comma:
        digest.update(b",\0,\1")
    return digest.hexdigest()


#: closing brackets: a comma just before one (``f(a, b,)``, a formatter's trailing comma) changes nothing
_CLOSERS = frozenset({b")\0)", b"]\0]", b"}\0}", b">\0>"})


def has_errors(tree: Any) -> bool:
    return bool(tree.root_node.has_error)


def text_of(node: Any | None) -> str:
    """The source text of ``node`` on one line (runs of whitespace folded)."""
    if node is None:
        return ""
    return " ".join((node.text or b"").decode("utf-8", errors="replace").split())
