"""Two stock sentences a real day repeated: a pull request template's heading quoted as the author's words, and
"no parameter is removed or made required" under a change that touched no parameter."""

from __future__ import annotations

from analysis.analyzers.heuristic.message import message_points
from analysis.models import Fact
from tests.test_heuristic_facts import CORE, analyse


def test_template_headings_are_not_the_authors_words():
    body = ("See #1414.\n\n:robot: _AI text below_ :robot:\n\nMove the remaining non-template bodies out of\n"
            "`App.hpp` into their `_inl` files.")
    assert message_points(body) == ["Move the remaining non-template bodies out of `App.hpp` into their `_inl` files."]
    body = "**Description of the change**\r\nCode generation wasn't working. This PR fixes it.\r\n"
    assert message_points(body) == ["Code generation wasn't working. This PR fixes it."]
    assert message_points("## Summary\n\nThe cache now expires entries after an hour.") == [
        "The cache now expires entries after an hour."]


def test_a_bold_word_inside_a_sentence_is_kept():
    assert message_points("This is **important**: the cache expires.") == ["This is **important**: the cache expires."]


def test_a_return_type_retyped_alone_gets_no_parameter_reassurance():
    fact = Fact(kind="signature_changed", path="src/click/core.py", symbol="Context.__enter__", public=True,
                before='(self) -> "Context"', after="(self) -> Self")
    analysis = analyse("Use Self for __enter__", [CORE], [fact])
    assert "`Context.__enter__` returns `\"Context\"` → `Self`" in analysis.summary
    assert "no parameter is removed" not in (analysis.insights.compatibility or "")


def test_a_parameter_added_with_a_default_keeps_the_reassurance():
    fact = Fact(kind="signature_changed", path="src/click/core.py", symbol="Choice.__init__", public=True,
                before="(self, choices)", after="(self, choices, case_sensitive: bool = True)")
    analysis = analyse("Add case_sensitive to Choice", [CORE], [fact])
    assert (analysis.insights.compatibility or "").endswith("no parameter is removed or made required.")
