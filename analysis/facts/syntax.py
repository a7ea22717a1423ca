"""Parsing with tree-sitter (loaded lazily) and the significant tokens of a tree: no comments, docstrings or spaces."""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)

COMMENT_TYPES = frozenset({"comment", "line_comment", "block_comment", "doc_comment"})
#: nodes whose text is one token (so a string's inner pieces are compared as a whole)
_ATOMS = frozenset({"string", "string_literal", "raw_string_literal", "interpreted_string_literal",
                    "template_string", "char_literal", "character_literal"})


@functools.lru_cache(maxsize=None)
def parser_for(grammar: str) -> Any | None:
    """A tree-sitter parser for ``grammar`` (tree_sitter_language_pack is imported on first use: it is big)."""
    try:
        from tree_sitter_language_pack import get_parser
        return get_parser(grammar)
    except Exception as error:  # an unknown grammar or a broken install: fall back to the hunks
        log.warning("no tree-sitter parser for %s: %s", grammar, error)
        return None


def parse(text: str, grammar: str) -> Any | None:
    """The syntax tree of ``text``, or None when there is no parser."""
    parser = parser_for(grammar)
    if parser is None:
        return None
    return parser.parse(text.encode("utf-8", errors="replace"))


def is_docstring(node: Any) -> bool:
    """A Python string statement that is the first statement of a module, class or function body."""
    if node.type != "expression_statement" or node.named_child_count != 1:
        return False
    if node.named_children[0].type not in ("string", "concatenated_string"):
        return False
    parent = node.parent
    if parent is None or parent.type not in ("module", "block"):
        return False
    first = next((c for c in parent.named_children if c.type not in COMMENT_TYPES), None)
    if first is None or first.id != node.id:
        return False
    return parent.type == "module" or (parent.parent is not None and
                                       parent.parent.type in ("function_definition", "class_definition"))


def tokens(node: Any, skip: frozenset[tuple[int, int]] = frozenset(), python: bool = False) -> Iterator[bytes]:
    """The leaf texts under ``node`` that carry meaning: no comments, no docstrings, no spans in ``skip``."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in COMMENT_TYPES or (current.start_byte, current.end_byte) in skip and current is not node:
            continue
        if python and is_docstring(current):
            continue
        if current.child_count == 0 or current.type in _ATOMS:
            yield current.type.encode() + b"\0" + (current.text or b"")
            continue
        stack.extend(reversed(current.children))


def token_hash(node: Any, skip: frozenset[tuple[int, int]] = frozenset(), python: bool = False) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for token in tokens(node, skip, python):
        digest.update(token)
        digest.update(b"\1")
    return digest.hexdigest()


def has_errors(tree: Any) -> bool:
    return bool(tree.root_node.has_error)


def text_of(node: Any | None) -> str:
    """The source text of ``node`` on one line (runs of whitespace folded)."""
    if node is None:
        return ""
    return " ".join((node.text or b"").decode("utf-8", errors="replace").split())
