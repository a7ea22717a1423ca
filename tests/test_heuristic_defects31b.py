"""Maintainer-review mends (defects31b) from reading real days of a Java, a C++ and a Python library: what the
heuristic says, en and zh.

Each case is a synthetic commit (before/after texts, facts read from both sides), never one project's paths: a Java
overload added beside a kept one read as the kept one's breaking change, a constructor listed under its class's own
name, a changes.xml entry whose attributes alone changed quoted as a new entry, reStructuredText roles left raw or
said by a bare number (``:pep:`621``` as ``621``), a stop after a cut entry's "…", and early exits of a function the
commit adds said as exits existing code gains."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text, facts_of

BUILDER = """package org.acme;

public class Formatter {
    public static class Builder {
        private boolean show;

        public Builder setShow(final boolean show) {
            this.show = show;
            return this;
        }
    }
}
"""
OVERLOADED = """package org.acme;

import java.util.function.BiFunction;

public class Formatter {
    public static class Builder {
        private BiFunction<String, Object, String> func;

        public Builder setShow(final boolean useDefault) {
            return setShow(useDefault ? (d, o) -> d : null);
        }

        public Builder setShow(final BiFunction<String, Object, String> showFunc) {
            this.func = showFunc;
            return this;
        }
    }
}
"""
JAVA = "src/main/java/org/acme/Formatter.java"


def test_a_java_overload_added_beside_the_kept_one_is_not_a_breaking_parameter_rename():
    # the boolean overload stays (its parameter renamed, which Java callers never see); the BiFunction one is new
    facts = facts_of({JAVA: (BUILDER, OVERLOADED)})
    assert not [f for f in facts if f["kind"] == "signature_changed"], facts
    assert {"symbol": "Formatter.Builder.setShow", "text": "method, adds 1 overload signature"}.items() <= \
        next(f for f in facts if f.get("text", "").endswith("overload signature")).items(), facts
    for lang, said in (("en", "Adds an overload of `Formatter.Builder.setShow`"),
                       ("zh", "为 `Formatter.Builder.setShow` 新增重载")):
        analysis = analysed({JAVA: (BUILDER, OVERLOADED)}, "Add optional formatter function", lang)
        text = analysis_text(analysis)
        assert said in analysis.summary and not any("useDefault" in line for line in analysis.summary), analysis.summary
        assert "showFunc" not in text and not analysis.insights.compatibility, text
        assert all(r.risk.startswith(("No test", "没有测试")) for r in analysis.risks), analysis.risks


def test_a_constructor_is_not_listed_under_its_class_name_twice():
    before = ("package org.acme;\n\npublic class Printer {\n    private final int width;\n\n"
              "    public Printer() {\n        this(80);\n    }\n\n    private Printer(final int width) {\n"
              "        this.width = width;\n    }\n\n    public int width() {\n        return width;\n    }\n}\n")
    after = (before.replace("private final int width;", "private final int width;\n    private final int pad = 1;")
             .replace("this.width = width;", "this.width = width + pad;").replace("return width;", "return width + 1;"))
    path = "src/main/java/org/acme/Printer.java"
    summary = analysed({path: (before, after)}, "Pad the printer", "en").summary
    line = next(s for s in summary if s.startswith("Changes "))
    assert line.count("`Printer`") <= 1 and "`Printer.Printer`" in line, summary


CHANGES = """<document>
  <body>
    <release version="1.7.1" date="YYYY-MM-DD" description="Fixes.">
      <action type="fix" issue="CLI-331" dev="gg">Handle reporting of deprecated options.</action>
      <action type="fix" issue="CLI-331" dev="gg">Avoid throwing NullPointerException on null array elements.</action>
    </release>
  </body>
</document>
"""


def test_a_changes_xml_entry_whose_attributes_alone_change_is_not_quoted_as_new():
    after = CHANGES.replace(
        '      <action type="fix" issue="CLI-331" dev="gg">Handle',
        '      <action type="add" issue="CLI-332" dev="gg">Add optional function to document deprecated options.'
        '</action>\n      <action type="fix" issue="CLI-331" dev="gg">Handle',
    ).replace('issue="CLI-331" dev="gg">Avoid', 'dev="gg">Avoid')
    entries = [f["text"] for f in facts_of({"src/changes/changes.xml": (CHANGES, after)})
               if f["kind"] == "changelog_entry"]
    assert len(entries) == 1 and "Add optional function" in entries[0], entries
    for lang in ("en", "zh"):
        summary = " ".join(analysed({"src/changes/changes.xml": (CHANGES, after)}, "[CLI-332] Add function", lang).summary)
        assert "NullPointerException" not in summary and "Add optional function" in summary, summary
    reworded = CHANGES.replace("Avoid throwing NullPointerException on", "Reject with an IllegalArgumentException")
    assert [f for f in facts_of({"src/changes/changes.xml": (CHANGES, reworded)}) if f["kind"] == "changelog_entry"]


RST = "Changelog\n=========\n\n.. changelog::\n    :version: 1.16.0\n\n"
RST_AFTER = RST + """    .. change::
        :tags: feature, environment

        Added optional :pep:`621` support to the tool, allowing all source code
        related configuration to be placed in the project's ``pyproject.toml``.

    .. change::
        :tags: bug

        Fixed regression that removed the use of :meth:`.Config.get_template_directory`
        as the canonical source of templates, see :ref:`the templates guide <templates>`.
"""


def test_rst_roles_in_a_changelog_are_said_as_a_reader_reads_them():
    for lang in ("en", "zh"):
        summary = " ".join(analysed({"docs/build/changelog.rst": (RST, RST_AFTER)}, "- 1.16.0", lang).summary)
        assert "PEP 621" in summary and "`621`" not in summary, summary
        assert "`Config.get_template_directory`" in summary and "`.Config" not in summary, summary
        assert "`the templates guide`" in summary and "<templates>" not in summary, summary


def test_rst_roles_in_the_message_are_not_left_raw():
    module = "def compare(a):\n    return a\n"
    message = ("ensure conv is applied to all reflected names\n\nThe autogenerate process will now apply the "
               ":meth:`.Operations.f` modifier to the names of all constraints, see :pep:`8`.\n")
    for lang in ("en", "zh"):
        summary = analysed({"pkg/compare.py": (module, module.replace("return a", "return a or None"))},
                           message, lang).summary
        assert summary[0] == ("The autogenerate process will now apply the `Operations.f` modifier to the names of "
                              "all constraints, see PEP 8."), summary


def test_a_changelog_entry_cut_short_is_not_followed_by_a_stop():
    long_entry = "Fixed regression in the template lookup " + "that kept the old path around " * 8 + "for good."
    after = RST + f"    .. change::\n        :tags: bug\n\n        {long_entry}\n\n" \
        "    .. change::\n        :tags: bug\n\n        Fixed the missing template error message.\n"
    summary = " ".join(analysed({"docs/build/changelog.rst": (RST, after)}, "- 1.16.1", "en").summary)
    assert "…" in summary and "…." not in summary, summary


CONVERTER = """def compare(tables, inspector):
    names = [t.name for t in tables]
    return names
"""
CONVERTED = """class _Conv:
    def __init__(self, inspector):
        self.inspector = inspector

    def apply(self, consts):
        if not consts:
            return consts
        for const in consts:
            const.name = str(const.name)
        return consts


def compare(tables, inspector):
    names = [t.name for t in _Conv(inspector).apply(tables)]
    return names
"""


def test_early_exits_of_a_function_the_commit_adds_are_not_said_as_new_exits():
    for lang in ("en", "zh"):
        text = analysis_text(analysed({"pkg/compare.py": (CONVERTER, CONVERTED)}, "ensure conv is applied", lang))
        assert "not consts" not in text, text
    guarded = CONVERTER.replace("    names =", "    if not tables:\n        return []\n    names =")
    text = analysis_text(analysed({"pkg/compare.py": (CONVERTER, guarded)}, "return early on no tables", "en"))
    assert "New early exits: `not tables` returns `[]`" in text, text


def test_a_cpp_source_defining_a_member_its_header_declared_is_not_said_to_add_an_overload():
    before = "#include \"multi.h\"\n\nnamespace acme {\nMulti::Multi() : n_(0) {}\n\nMulti::~Multi() {}\n}\n"
    after = before.replace("Multi::~Multi", "Multi::Multi(Multi&& old) noexcept {\n    n_ = old.n_;\n}\n\nMulti::~Multi")
    summary = " ".join(analysed({"src/multi.cpp": (before, after)}, "Fix move", "en").summary)
    assert "overload" not in summary and "Multi::Multi" in summary, summary


GTEST = """#include <gtest/gtest.h>

TEST(MultiGetTests, SingleSessionTest) {
    acme::Multi multi;
    EXPECT_EQ(multi.Get().size(), 0);
}
"""


def test_cpp_tests_declared_by_framework_macros_are_named():
    after = GTEST + """
TEST(MultiGetTests, AssignAfterUseTest) {
    acme::Multi multi;
    multi = acme::Multi();
    EXPECT_EQ(multi.Get().size(), 0);
}
"""
    for lang in ("en", "zh"):
        text = analysis_text(analysed({"test/multi_tests.cpp": (GTEST, after)}, "Add multi tests", lang))
        assert "`MultiGetTests.AssignAfterUseTest`" in text and "SingleSessionTest" not in text, text
    catch = '#include <catch2/catch_test_macros.hpp>\n\nTEST_CASE("adds two", "[math]") {\n    REQUIRE(add(1, 2) == 3);\n}\n'
    added = [f["symbol"] for f in facts_of({"tests/math_test.cpp": (None, catch)}) if f["kind"] == "test_added"]
    assert added == ["adds two"], added
