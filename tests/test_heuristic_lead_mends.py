"""The thirteenth blind set's text mends: XML changelog entries one per element, a one- or two-line change quoted,
a pasted compiler diagnostic not taken for the author's words."""

from __future__ import annotations

from analysis.analyzers.heuristic.message import message_points
from analysis.analyzers.heuristic.paths import classify_path
from analysis.facts.changelog import changelog_facts
from analysis.facts.patches import parse_patch
from tests.facts_support import analysed

_CHANGES_XML = """@@ -48,5 +48,6 @@ The <action> type attribute can be add,update,fix,remove.
       <action type="fix" dev="ggregory" due-to="Dominik Stadler">Improve test coverage #732.</action>
       <action type="fix" dev="ggregory" issue="TEXT-239">TextStringBuilder.append uses wrong variable #735.</action>
+      <action type="fix" dev="ggregory" due-to="Omkhar Arasaratnam">StrBuilder.deleteImpl clears its unused bytes.</action>
       <!-- ADD -->
       <!-- UPDATE -->
       <action type="update" dev="ggregory">Bump commons-parent from 93 to 99.</action>
"""


def test_an_xml_changelog_entry_is_its_own_element_not_the_entries_around_it():
    facts = changelog_facts("src/changes/changes.xml", parse_patch("src/changes/changes.xml", _CHANGES_XML))
    assert [f.text for f in facts] == [(
        '<action type="fix" dev="ggregory" due-to="Omkhar Arasaratnam">StrBuilder.deleteImpl clears its unused '
        'bytes.</action>')]


def test_an_element_wrapped_onto_further_lines_stays_one_entry():
    patch = ("@@ -1,2 +1,4 @@\n   <release version=\"1.2\">\n"
             "+    <action type=\"fix\">Reader no longer\n+      drops the last line.</action>\n   </release>\n")
    facts = changelog_facts("changes.xml", parse_patch("changes.xml", patch))
    assert [f.text for f in facts] == ['<action type="fix">Reader no longer drops the last line.</action>']


_LINT = "fn t() {{\n    #![allow(\n        clippy::{lint},\n    )]\n    assert!(true);\n}}\n"


def _one_lint(lint: str):
    before = _LINT.format(lint="identity_op")
    after = before.replace("        clippy::identity_op,\n", f"        clippy::identity_op,\n        clippy::{lint},\n")
    return analysed({"tests/test_ensure.rs": (before, after)}, f"Ignore {lint} clippy lint in test")


def test_a_one_line_change_quotes_its_line_so_neighbouring_one_liners_differ():
    first, second = _one_lint("erasing_op"), _one_lint("deref_addrof")
    assert first.summary[-1] == "Tests only: `tests/test_ensure.rs` (+1/−0): adds `clippy::erasing_op,`"
    assert second.summary[-1] == "Tests only: `tests/test_ensure.rs` (+1/−0): adds `clippy::deref_addrof,`"
    assert first.impact == [] and first.importance == "low"
    zh = analysed({"tests/test_ensure.rs": (_LINT.format(lint="a"), _LINT.format(lint="a").replace(
        "        clippy::a,\n", "        clippy::a,\n        clippy::b,\n"))}, "Ignore b", lang="zh")
    assert zh.summary[-1].endswith("：新增 `clippy::b,`")


def test_a_larger_test_change_keeps_its_impact_line_and_quotes_no_line():
    before = "".join(f"def test_{i}():\n    assert {i}\n\n\n" for i in range(4))
    after = before.replace("assert 1\n", "assert 1 == 1\n").replace("assert 2\n", "assert 2 == 2\n")
    result = analysed({"tests/test_numbers.py": (before, after)}, "Tidy tests")
    assert result.impact and ": adds" not in result.summary[-1]


def test_a_pasted_compiler_warning_is_not_quoted_as_the_authors_words():
    body = ("warning: casting integer literal to `u8` is unnecessary\n"
            "   --> tests/test_ensure.rs:634:30\n    |\n634 |     let t = 0 as u8;\n    |             ^^^^^^^\n\n"
            "The lint fires on a macro expansion we cannot change.")
    assert message_points(body) == ["The lint fires on a macro expansion we cannot change."]
    assert message_points("warning: this pattern is deprecated, use the new one instead.") == [
        "warning: this pattern is deprecated, use the new one instead."]


def test_a_spec_directory_holds_tests_as_the_facts_already_say():
    assert "test" in classify_path("spec/suites/map/MapSpec.js")
    assert "test" not in classify_path("spec/openapi.yaml")  # an API specification is product
    before = "describe('Map', () => {\n\tit('zooms', () => {\n\t\texpect(map.getZoom()).to.equal(3);\n\t});\n});\n"
    after = before.replace("to.equal(3)", "to.be.within(2, 3)")
    result = analysed({"spec/suites/map/MapSpec.js": (before, after)}, "fix two brittle flaky tests")
    assert (result.change_type, result.importance) == ("test", "low")
    assert result.risks == [] and result.summary
