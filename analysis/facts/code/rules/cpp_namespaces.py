"""C++: where a namespace of a library's internals (``namespace detail {``) opens and closes, read from the text.

The parser's own scopes are lost when a macro it cannot expand breaks the tree (fmt's ``base.h`` after a few
hundred lines): declarations deep inside ``namespace detail`` then read as top-level API. Braces counted over the
text, outside comments, string and character literals and preprocessor lines, keep the namespace's extent whatever
the parser made of it.
"""

from __future__ import annotations

import re

#: C++ namespaces that by convention hold a library's internals (fmt::detail, absl::internal, boost::detail)
PRIVATE_NAMESPACES = frozenset({"detail", "details", "internal", "impl", "priv", "private_", "_detail", "__detail"})
_PRIVATE_WORDS = frozenset({"detail", "details", "internal", "impl", "private"})


def private_namespace(name: str) -> bool:
    """``name`` is a namespace of internals: ``detail``, ``internal``, or one that says so among its words
    (glog's ``glog_internal_namespace_``, ``fmt_detail``)."""
    lowered = name.lower()
    return lowered in PRIVATE_NAMESPACES or bool(set(lowered.strip("_").split("_")) & _PRIVATE_WORDS)

_TOKENS = re.compile(
    rb"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|^[ \t]*#(?:[^\n]*\\\n)*[^\n]*"
    rb"|\bnamespace[ \t\n]+((?:\w+[ \t]*::[ \t]*)*\w+)[ \t\n]*\{|\{|\}",
    re.DOTALL | re.MULTILINE)


def private_namespace_spans(text: bytes) -> list[tuple[int, int]]:
    """Byte spans of the bodies of ``namespace detail {`` (``internal``, ``impl``, ... or a nested ``a::detail``)."""
    spans: list[tuple[int, int]] = []
    stack: list[int | None] = []  # per open brace: where a private namespace's body starts, else None
    for match in _TOKENS.finditer(text):
        token = match.group()
        if match.group(1) is not None:
            names = [part.strip().decode() for part in match.group(1).split(b"::")]
            stack.append(match.end() if any(private_namespace(n) for n in names) else None)
        elif token == b"{":
            stack.append(None)
        elif token == b"}" and stack:
            start = stack.pop()
            if start is not None:
                spans.append((start, match.start()))
    return spans


def namespace_spans(text: bytes) -> list[tuple[int, int, tuple[str, ...]]]:
    """Byte spans of every named namespace's body with the names enclosing it (``google``, ``fmt::detail``):
    what a declaration's namespace is when a parse break (a macro the parser cannot expand) left the tree's
    namespace early."""
    spans: list[tuple[int, int, tuple[str, ...]]] = []
    stack: list[tuple[int, tuple[str, ...]] | None] = []
    names: tuple[str, ...] = ()
    for match in _TOKENS.finditer(text):
        token = match.group()
        if match.group(1) is not None:
            names = names + tuple(part.strip().decode() for part in match.group(1).split(b"::"))
            stack.append((match.end(), names))
        elif token == b"{":
            stack.append(None)
        elif token == b"}" and stack:
            opened = stack.pop()
            if opened is not None:
                spans.append((opened[0], match.start(), opened[1]))
                outer = next((o for o in reversed(stack) if o is not None), None)
                names = outer[1] if outer is not None else ()
    return spans
