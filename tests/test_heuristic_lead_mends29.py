"""Mends from reading a real day as its maintainers (unjs/ufo 2023-07-28): a TypeScript function that gains a type
parameter with a default, used only by its return type (``getQuery<T extends Q = Q>(input): T``), returns what it
returned before to every call written without type arguments: an opt-in generic, not a changed return type."""

from __future__ import annotations

from tests.facts_support import analysed

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
