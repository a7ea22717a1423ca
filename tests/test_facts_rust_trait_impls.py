"""A Rust method written in ``impl Trait for Type`` implements the trait's method: callers reach it through the
trait, like an override, so a standard trait implemented for an existing public type is not new API by itself."""

from __future__ import annotations

from analysis.models import Fact
from tests.facts_support import facts_of
from tests.test_heuristic_judge_rules import analyse, change

BEFORE = """pub struct IntoService<B> {
    router: Router,
    _marker: PhantomData<B>,
}

impl<B> IntoService<B> {
    pub fn new(router: Router) -> Self {
        Self { router, _marker: PhantomData }
    }
}
"""
TRAIT_IMPL = BEFORE + """
impl<B> Clone for IntoService<B> {
    fn clone(&self) -> Self {
        Self { router: self.router.clone(), _marker: PhantomData }
    }
}
"""
INHERENT = BEFORE.replace("        Self { router, _marker: PhantomData }\n    }\n",
                          "        Self { router, _marker: PhantomData }\n    }\n\n"
                          "    pub fn with_state(self, state: u8) -> Self {\n        self\n    }\n")


def _added(after: str) -> list[dict]:
    facts = facts_of({"src/routing/mod.rs": (BEFORE, after)})
    return [f for f in facts if f["kind"] == "symbol_added"]


def test_a_trait_method_implemented_is_marked_as_overriding():
    assert [(f["symbol"], f["text"]) for f in _added(TRAIT_IMPL)] == [("IntoService::clone", "method, overrides")]


def test_an_inherent_public_method_stays_a_plain_method():
    assert [(f["symbol"], f["text"]) for f in _added(INHERENT)] == [("IntoService::with_state", "method")]


def test_a_standard_trait_implemented_for_a_public_type_is_not_high():
    code = change("src/routing/mod.rs", [], TRAIT_IMPL[len(BEFORE):].splitlines())
    facts = facts_of({"src/routing/mod.rs": (BEFORE, TRAIT_IMPL)})
    analysis = analyse("Implement `Clone` for `IntoService`", [code], [Fact(**f) for f in facts])
    assert analysis.importance == "medium"
