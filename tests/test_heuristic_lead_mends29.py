"""Mends from reading a real day as its maintainers (unjs/ufo 2023-07-28): a TypeScript function that gains a type
parameter with a default, used only by its return type (``getQuery<T extends Q = Q>(input): T``), returns what it
returned before to every call written without type arguments: an opt-in generic, not a changed return type.
isaacs/node-tar 2025-09-21: a last paragraph of trailers (``PR-URL:``, ``Credit: @ann``, ``Close: #385``) is no
description of the change; a class member keyed by a constant the module keeps to itself (``[PRUNECACHE]()``) is
no public API."""

from __future__ import annotations

from analysis.analyzers.heuristic.message import message_points
from tests.facts_support import analysed, facts_of

_BEFORE = '''export type Parsed = Record<string, string>;

export function getQuery(input: string): Parsed {
  return parse(input);
}
'''
_AFTER = '''export type Parsed = Record<string, string>;

export function getQuery<T extends Parsed = Parsed>(
  input: string
): T {
  return parse(input) as T;
}
'''


def test_a_defaulted_type_parameter_only_the_return_type_uses_is_no_changed_return():
    analysis = analysed({"src/query.ts": (_BEFORE, _AFTER)}, "feat: generic types for getQuery")
    summary = " ".join(analysis.summary)
    assert "`getQuery` gains the type parameter `T` (default `Parsed`)" in summary
    assert "returns" not in summary
    assert analysis.importance == "medium" and analysis.change_type == "feature"
    zh = " ".join(analysed({"src/query.ts": (_BEFORE, _AFTER)}, "feat: generic types for getQuery", "zh").summary)
    assert "`getQuery` 新增类型参数 `T`（默认 `Parsed`）" in zh


def test_a_type_parameter_the_parameters_use_still_changes_the_return_type():
    after = _AFTER.replace("input: string", "input: T")
    summary = " ".join(analysed({"src/query.ts": (_BEFORE, after)}, "refactor: getQuery").summary)
    assert "gains the type parameter" not in summary
    assert "returns `Parsed` → `T`" in summary


def test_a_last_paragraph_of_trailers_is_no_description():
    body = "PR-URL: https://github.com/o/r/pull/385\nCredit: @ann\nClose: #385\nReviewed-by: @bob\n"
    assert message_points(body) == []
    assert message_points("Keeps the cache bounded.\n\n" + body) == ["Keeps the cache bounded."]
    assert message_points("Credit: the original idea came from the mailing list.\nReviewed-by: @bob") == [
        "Credit: the original idea came from the mailing list."]


_UNPACK = '''const PRUNECACHE = Symbol('pruneCache')
export const ONENTRY = Symbol('onEntry')

export class Unpack {
  [PRUNECACHE](entry: string) {
    return entry
  }
  [ONENTRY](entry: string) {
    return entry
  }
  [Symbol.iterator]() {
    return [][Symbol.iterator]()
  }
  write(entry: string) {
    return entry
  }
}
'''


def test_a_member_keyed_by_a_constant_the_module_keeps_is_private():
    after = _UNPACK.replace("  [PRUNECACHE](entry: string) {\n    return entry\n  }\n", "").replace(
        "  [ONENTRY](entry: string) {\n    return entry\n  }\n", "").replace(
        "  [Symbol.iterator]() {\n    return [][Symbol.iterator]()\n  }\n", "")
    removed = {f["symbol"]: f["public"] for f in facts_of({"src/unpack.ts": (_UNPACK, after)}) if f["kind"] == "symbol_removed"}
    assert removed == {"Unpack.[PRUNECACHE]": False, "Unpack.[ONENTRY]": True, "Unpack.[Symbol.iterator]": True}
