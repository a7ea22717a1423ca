"""New public functions that the change itself calls (a library helper behind a faster builtin) are not new API
news: a performance change built on one stays medium; a function the title names, or nothing calls, is new API."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change

_HEADER = change("src/lib.h", [], ["jv lib_unique(jv objects, jv keys);"])
_SOURCE = change("src/lib_aux.c", [], ["jv lib_unique(jv objects, jv keys) {", "  jv out = jv_array();",
                                       "  /* sort once, keep the first of each run */", "  return out;", "}"])


def _facts() -> list[Fact]:
    return [Fact(kind="symbol_added", path=p, symbol="lib_unique", public=True, text="function",
                 after="(objects: jv, keys: jv) -> jv") for p in (_HEADER.path, _SOURCE.path)]


def _builtin(call: bool) -> object:
    line = "  return lib_unique(input, keys);" if call else "  return sort_and_dedup(input, keys);"
    return change("src/builtin.c", ["  return slow_unique(input, keys);"], [line])


def test_a_perf_change_built_on_a_new_public_helper_it_calls_is_medium():
    analysis = analyse("Improve performance of `unique` and `unique_by`", [_HEADER, _SOURCE, _builtin(True)], _facts())
    assert (analysis.change_type, analysis.importance) == ("perf", "medium")


def test_a_new_public_function_nothing_calls_or_the_title_names_is_new_api():
    unused = analyse("Improve performance of `unique`", [_HEADER, _SOURCE, _builtin(False)], _facts())
    assert unused.importance == "medium"  # additive public API: medium (tune11 convention)
    named = analyse("Add lib_unique to the library", [_HEADER, _SOURCE, _builtin(True)], _facts())
    assert (named.change_type, named.importance) == ("feature", "medium")


def test_a_helper_behind_a_fix_leaves_the_fix_judged_as_before():
    analysis = analyse("Fix wrong results of `unique` on sorted input", [_HEADER, _SOURCE, _builtin(True)], _facts())
    assert analysis.importance == "medium"  # a fix that adds public API beside existing API: additive, medium
