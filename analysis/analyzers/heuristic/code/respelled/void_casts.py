"""C and C++ files that only gain ``(void)name;`` statements, or Rust files that only gain ``let _ = name;``: an
unused variable or parameter marked as used."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.perf import CPP_SOURCES, HEADERS
from analysis.analyzers.heuristic.code.respelled.includes_added import lines_added, lines_added_only
from analysis.models import FileChange

#: ``(void)s;``, ``(void) unused_arg;  // for NDEBUG``, ``static_cast<void>(x);``: the value is discarded
_VOID_CAST = re.compile(r"^(\(\s*void\s*\)\s*|static_cast<\s*void\s*>\s*)\(?\s*[A-Za-z_]\w*\s*\)?\s*;\s*"
                        r"(//.*|/\*.*\*/)?$")


def void_casts_only(files: Iterable[FileChange]) -> bool:
    """Every file is C or C++ and its hunks only add ``(void)name;`` lines (blank lines aside), removing nothing: a
    name the compiler warned was unused (a parameter read only by an ``assert`` compiled out under ``NDEBUG``) is
    marked used. The statement evaluates nothing: the same code runs."""
    return lines_added_only(files, CPP_SOURCES + HEADERS, _VOID_CAST)


_NAME = r"&?\s*[a-z_]\w*"
#: Rust's ``let _ = name;``, ``let _ = (errors_len, added, ignored);``, ``let _ = &config;``: names bound to the
#: wildcard, which reads them and drops nothing (a call, ``let _ = f();``, runs code and is not one)
_RUST_UNUSED = re.compile(rf"^let\s+_\s*=\s*(?:{_NAME}|\(\s*{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s*\))\s*;\s*(//.*)?$")
#: the attribute that scopes such a line to a build (``#[cfg(not(feature = "tracing"))]``) or a lint's allowance
_RUST_ATTRIBUTE = re.compile(r"^#\[(?:cfg|allow|expect)\(.*\)\]\s*$")


def rust_unused_bound_only(files: Iterable[FileChange]) -> bool:
    """Every file is Rust and its hunks only add ``let _ = name;`` lines (a tuple or a reference of plain names
    too), with the ``#[cfg(...)]``/``#[allow(...)]`` attribute that scopes them, removing nothing: variables the
    compiler warned were unused in one build (read only by a logging macro compiled out without its feature) are
    marked used. Nothing is evaluated: the same code runs in every build."""
    added = lines_added(files, (".rs",))
    return added is not None and all(
        any(_RUST_UNUSED.match(text) for text in lines)
        and all(_RUST_UNUSED.match(text) or _RUST_ATTRIBUTE.match(text) for text in lines) for lines in added)
