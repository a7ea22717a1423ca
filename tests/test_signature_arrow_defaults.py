"""A parameter's default after a function-type annotation (``f: (s: S) => T = g``) is cut at the default's ``=``,
not at the ``=`` of ``=>``; a default that changes while the parameter's type stays is not a breaking change."""

from __future__ import annotations

from analysis.analyzers.signatures import compare, params
from analysis.facts.code.hunk_symbols import parse_params

BEFORE = "(api: S, selector: (state: T) => Slice = api.getState as any, eq?: (a: Slice, b: Slice) => boolean)"
AFTER = BEFORE.replace("api.getState", "identity")


def test_the_default_after_an_arrow_type_is_the_whole_value():
    selector = params(BEFORE, "src/a.ts")[1]
    assert (selector.name, selector.default) == ("selector", "api.getState as any")
    assert parse_params("js", BEFORE)[1].default == "api.getState as any"


def test_comparison_operators_in_a_default_are_not_its_equals_sign():
    assert params("(a = b >= c, d = e != f)", "src/a.ts")[0].default == "b >= c"
    assert params("(a = b >= c, d = e != f)", "src/a.ts")[1].default == "e != f"


def test_a_changed_default_with_the_same_type_is_not_breaking():
    delta = compare(BEFORE, AFTER, "src/a.ts")
    assert delta.defaults == [("selector", "api.getState as any", "identity as any")]
    assert not delta.breaking


def test_a_changed_default_with_another_type_or_a_dropped_default_stays_breaking():
    assert compare(BEFORE, AFTER.replace("=> Slice =", "=> Other ="), "src/a.ts").breaking
    assert compare("(a: int = 1)", "(a: int)", "src/a.py").breaking


def test_a_public_default_change_names_old_and_new_without_the_breaking_risk():
    from analysis.models import Fact
    from tests.test_heuristic_facts import analyse
    fact = Fact(kind="signature_changed", path="src/hooks.ts", symbol="useStore", public=True,
                before=BEFORE, after=AFTER)
    analysis = analyse("Use identity as the default selector", [("src/hooks.ts", 3, 3)], [fact])
    assert "`useStore` `selector` default changes from `api.getState as any` to `identity as any`" in analysis.summary
    assert not any("signature" in r.risk.lower() for r in analysis.risks)
    assert "leave out `selector`" in analysis.insights.compatibility


def test_the_syntax_tree_reads_the_default_after_an_arrow_type():
    from tests.facts_support import facts_of
    before = "export function useStore(api: S, selector: (s: T) => U = api.getState as any) {\n  return 1\n}\n"
    after = before.replace("api.getState", "identity")
    [found] = facts_of({"src/hooks.ts": (before, after)})
    assert found["kind"] == "signature_changed" and "default of selector" in found["text"]
    assert "api.getState as any -> identity as any" in found["text"]
