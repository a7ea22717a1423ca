"""C headers wrapped in a bare ``extern "C"`` macro line (``GIT_BEGIN_DECL``): their declarations are found on both
sides, so an ``#ifdef`` added around one of them does not make the whole header read as new (defects14)."""

from __future__ import annotations

from analysis.facts.code.symbols import parse_file
from tests.facts_support import facts_of

_HEADER = """#ifndef INCLUDE_repo_h__
#define INCLUDE_repo_h__

#include "common.h"

GIT_BEGIN_DECL

/** A blank repository. */
GIT_EXTERN(int) repo_new(repo **out);

/** Reset the repository. */
GIT_EXTERN(int) repo_cleanup(repo *r);

GIT_END_DECL
#endif
"""

_GUARDED = _HEADER.replace("GIT_EXTERN(int) repo_new(repo **out);\n",
                           "#ifdef EXPERIMENTAL_SHA256\nGIT_EXTERN(int) repo_new(repo **out, oid_t oid_type);\n"
                           "#else\nGIT_EXTERN(int) repo_new(repo **out);\n#endif\n")


def test_declarations_after_a_bare_macro_line_are_symbols():
    parsed = parse_file("include/repo.h", _HEADER)
    assert sorted(parsed.symbols) == ["repo_cleanup", "repo_new"]


def test_an_ifdef_around_one_declaration_changes_that_one_only():
    facts = facts_of({"include/repo.h": (_HEADER, _GUARDED)})
    code = [f for f in facts if f["kind"].startswith("symbol_") or f["kind"] == "signature_changed"]
    assert {f["symbol"] for f in code} == {"repo_new"}
    assert not any(f["kind"] == "symbol_added" and f["symbol"] == "repo_cleanup" for f in facts)


def test_an_indented_capital_word_inside_code_is_left_alone():
    source = "int f(void) {\n    return g(\n        NULL\n    );\n}\n"
    assert sorted(parse_file("src/f.c", source).symbols) == ["f"]


def test_a_macro_line_right_over_a_declaration_stays_part_of_it():
    plain = "int grow(int n) {\n  return n * 2;\n}\n"
    marked = "ATTRIBUTE_NOINLINE\n" + plain
    facts = facts_of({"src/table.cc": (plain, marked)})
    changed = [f for f in facts if f.get("symbol") == "grow"]
    assert changed and "ATTRIBUTE_NOINLINE" in changed[0]["after"]  # still seen: not blanked as a bare block macro
