"""Public API by reach and stability: symbols made public are new API, symbols made private break callers, API
named experimental carries no stability promise, a block extracted into a private function is a small refactor;
facts built here as the diff analyzer writes them."""

from __future__ import annotations

from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, body_lines, change


def _reach(path: str, name: str, how: str) -> Fact:
    return Fact(kind="symbol_modified", path=path, symbol=name, public=True, text=f"method, {how} public")


def test_methods_made_public_are_a_medium_feature_named_as_such():
    java = change("src/main/java/a/Element.java", ["  abstract Element deepCopy();"], ["  public abstract Element deepCopy();"])
    analysis = analyse("Made deepCopy public (#1091)", [java], [_reach(java.path, "Element.deepCopy", "now")])
    assert (analysis.change_type, analysis.importance) == ("feature", "medium")  # additive: the written convention
    assert "Makes `Element.deepCopy` public" in analysis.summary
    assert "Additive only" in analysis.insights.compatibility


def test_a_method_made_private_breaks_callers():
    java = change("src/main/java/a/Element.java", ["  public Element deepCopy();"], ["  Element deepCopy();"])
    assert analyse("Hide deepCopy", [java], [_reach(java.path, "Element.deepCopy", "no longer")]).importance == "high"


def test_new_api_named_experimental_is_medium_and_says_so():
    go = change("finder.go", [], ["func ExperimentalFinder() Option {", "\treturn nil", "}"])
    def added(name: str) -> Fact:
        return Fact(kind="symbol_added", path=go.path, symbol=name, public=True, after="() -> Option", text="function")
    experimental = analyse("feat: add experimental finder option", [go], [added("ExperimentalFinder")])
    assert experimental.importance == "medium" and "named experimental" in experimental.insights.compatibility
    stable = analyse("feat: add finder option", [go], [added("WithFinder")])
    assert stable.importance == "medium" and "named experimental" not in stable.insights.compatibility


def test_a_block_extracted_into_a_new_private_function_is_low():
    block = body_lines(14, "search")
    go = change("file.go", block, ["\treturn v.findOld()", "}", "", "func (v *Viper) findOld() (string, error) {", *block])
    facts = [Fact(kind="symbol_modified", path=go.path, symbol="Viper.find", public=False, text="method"),
             Fact(kind="symbol_added", path=go.path, symbol="Viper.findOld", public=False, after="() -> (string, error)",
                  text="method")]
    extracted = analyse("refactor: move old config search code", [go], facts)
    assert extracted.importance == "low"
    assert extracted.summary == ["Moves lines of `Viper.find` into the new private `Viper.findOld`, the lines themselves "
                                 "unchanged"]
    rewritten = change("file.go", block, ["\treturn v.findOld()", "}", "", "func (v *Viper) findOld() (string, error) {",
                                          *body_lines(14, "lookup")])
    assert analyse("refactor: move old config search code", [rewritten], facts).importance == "medium"
