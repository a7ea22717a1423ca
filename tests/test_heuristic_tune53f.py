"""Rules of the tuning round on the fifty-third set (issue 8, tune53f), each on a small snippet: misspelt words
corrected in a help text are the same program, and a C header that starts using its own ``#define`` leaves the macro
where includers reach it (no "no longer public")."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.typos_fixed import typos_fixed_only
from analysis.models import FileChange
from tests.facts_support import analysed, facts_of, patch_of

# --- misspelt words corrected ----------------------------------------------------------------------------------------

_USAGE = '''package main

// Usage returns the help message.
func Usage() string {
\treturn `
    check       verifies integrity of bolt database
    dump        print a hexidecimal dump of a single page
`
}
'''
_FIXED = _USAGE.replace("hexidecimal", "hexadecimal")


def _file(before: str, after: str, path: str = "main.go") -> FileChange:
    return FileChange(path=path, status="modified", additions=1, deletions=1, patch=patch_of(before, after))


def test_a_misspelt_word_corrected_is_a_spelling_fix() -> None:
    assert typos_fixed_only([_file(_USAGE, _FIXED)])


def test_a_word_swapped_for_another_is_not_a_spelling_fix() -> None:
    assert typos_fixed_only([_file(_USAGE, _USAGE.replace("integrity", "integirty"))])  # respelt: one
    assert not typos_fixed_only([_file(_USAGE, _USAGE.replace("integrity", "checksums"))])  # another word


def test_a_value_changed_beside_a_spelling_is_not_a_spelling_fix() -> None:
    assert typos_fixed_only([_file(_USAGE, _FIXED)])
    assert not typos_fixed_only([_file(_USAGE, _FIXED.replace("Usage() string", "Usage(n int) string"))])


def test_a_help_text_typo_fixed_under_a_vague_title_is_low() -> None:
    result = analysed({"main.go": (_USAGE, _FIXED)}, "fix: goreport + minor fixes")
    assert result.importance == "low"


# --- a header's macro used by the header itself keeps its reach -------------------------------------------------------

_HEADER = """#ifndef TYPES_H
#define TYPES_H
#define MI_KiB     (1024)
#define MI_GiB     (MI_KiB*MI_KiB*MI_KiB)
#define MI_HUGE_OBJ_SIZE_MAX  (2*MI_KiB)
#define MI_HUGE_BLOCK_SIZE    ((unsigned)MI_HUGE_OBJ_SIZE_MAX)
#endif
"""
_USED = _HEADER.replace("((unsigned)MI_HUGE_OBJ_SIZE_MAX)", "((unsigned)(2*MI_GiB))")


def test_a_macro_the_header_starts_using_is_not_said_to_lose_its_reach() -> None:
    facts = facts_of({"include/types.h": (_HEADER, _USED)})
    assert [f["symbol"] for f in facts if f["kind"] == "symbol_modified"] == ["MI_HUGE_BLOCK_SIZE"]
