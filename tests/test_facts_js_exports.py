"""TS/JS exports: ``export`` added to an existing declaration makes it public under its own name (``export default x``
alone did not), an anonymous ``export default`` is the module's symbol ``default``, and a JSDoc ``@deprecated`` added to
a public symbol's doc comment is a deprecation."""

from __future__ import annotations

from tests.facts_support import fact, facts_of

BEFORE = """const impl = (s: string) => s.trim()

const make = (<T>(s: string | undefined) => (s ? impl(s) : impl)) as Make

export default make
"""
AFTER = """const impl = (s: string) => s.trim()

export const make = (<T>(s: string | undefined) => (s ? impl(s) : impl)) as Make

/**
 * @deprecated Use `import { make } from 'lib'`
 */
export default ((s: any) => {
  console.warn('[DEPRECATED] default export is deprecated')
  return make(s)
}) as Make
"""


def test_export_added_to_a_declaration_exported_only_as_default_makes_it_public():
    facts = facts_of({"src/make.ts": (BEFORE, AFTER)})
    assert fact("symbol_modified", "src/make.ts", symbol="make", public=True, text="function, now public") in facts


def test_an_anonymous_default_export_is_the_symbol_default_and_its_deprecation_is_a_fact():
    facts = facts_of({"src/make.ts": (BEFORE, AFTER)})
    assert fact("symbol_added", "src/make.ts", symbol="default", public=True, after="(s: any)",
                text="function, deprecated") in facts


def test_a_deprecated_tag_added_above_an_exported_function_is_a_deprecation():
    before = "export function old(a: number) {\n  return a + 1\n}\n"
    after = "/**\n * @deprecated use next\n */\n" + before
    assert facts_of({"src/old.ts": (before, after)}) == [
        fact("symbol_modified", "src/old.ts", symbol="old", public=True, text="function, deprecated")]


def test_export_added_to_a_private_declaration_is_now_public():
    before = "function helper(a: number) {\n  return a\n}\n"
    assert facts_of({"src/h.ts": (before, "export " + before)}) == [
        fact("symbol_modified", "src/h.ts", symbol="helper", public=True, text="function, now public")]


def test_a_summary_names_the_deprecated_and_newly_public_symbols():
    from analysis.models import Fact
    from tests.test_heuristic_facts import analyse
    facts = [Fact(**f) for f in facts_of({"src/make.ts": (BEFORE, AFTER)})]
    analysis = analyse("feat: deprecate default export", [("src/make.ts", 8, 2)], facts)
    assert "Deprecates `default`" in analysis.summary and "Makes `make` public" in analysis.summary
    assert analysis.importance in ("medium", "high")
