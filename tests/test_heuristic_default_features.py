"""A manifest's default features changed is a medium build change; an example's manifest doing so is not the
product's; "extractor" in a title is a thing added, not code extracted."""

from __future__ import annotations

from analysis.analyzers.heuristic import rules as R
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change


def _enable(path: str) -> object:
    manifest = change(path, ['default = ["form", "json"]'], ['default = ["form", "json", "tracing"]'])
    fact = Fact(kind="config_key_added", path=path, symbol="features.default[tracing]", after="tracing")
    return analyse("Enable tracing by default", [manifest], [fact])


def test_a_feature_turned_on_by_default_is_medium():
    assert _enable("crates/web/Cargo.toml").importance == "medium"


def test_an_example_turning_a_feature_on_is_not_the_product():
    assert _enable("examples/tracing/Cargo.toml").importance == "low"


def test_extractor_is_not_a_refactor_word():
    refactor = dict(R.TITLE_TYPE_WORDS)["refactor"]
    assert not refactor.search("JsonDeserializer extractor for zero-copy deserialization")
    for title in ("Extract the parser into its own module", "extracted helpers", "extraction of the loop"):
        assert refactor.search(title), title
