"""Lead mends read on real days through the product (this stop): a comment is quoted as the author's words about a
change only from code the change modifies, never from a file it adds nor from a test it writes.

Each case is a synthetic commit (before/after texts, facts read from both sides), never one project's paths."""

from __future__ import annotations

from analysis.analyzers.heuristic.text.code_comments import added_explanation
from analysis.models import FileChange
from tests.facts_support import analysed

_WHY = "// If input is already buffered we do not wait, since the last read may have made no progress at all.\n"
_LIB = """pub fn read(buf: &mut Buffer) -> usize {
    buf.fill()
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn reads() {
        assert_eq!(read(&mut Buffer::new()), 0);
    }
}
"""


def _in_fn(text: str) -> str:
    """The comment above a changed line of the function (a comment alone is a comment-only change)."""
    return _LIB.replace("    buf.fill()", "    " + text.replace("\n", "\n    ") + "buf.fill_available()")


def _in_test(text: str) -> str:
    return _LIB.replace("        assert_eq!", "        " + text.replace("\n", "\n        ") + "assert_eq!")


def _said(analysis) -> list[str]:
    return [line for line in analysis.summary if line.startswith("Comment added")]


def test_a_comment_in_a_test_module_is_no_word_about_the_change():
    """A comment in a file's ``mod test`` describes the test; one in the function it changes says why."""
    test_comment = "// Test that single quotes and spaces are encoded when the query is built by hand here.\n"
    only_test = analysed({"src/lib.rs": (_LIB, _in_test(test_comment).replace("buf.fill()", "buf.fill_available()"))},
                         "Improve reads")
    assert _said(only_test) == [] and any("read" in line for line in only_test.summary), only_test.summary
    both = analysed({"src/lib.rs": (_LIB, _in_test(test_comment).replace("    buf.fill()", "    " + _WHY
                                                                         + "    buf.fill_available()"))},
                    "Improve reads")
    assert _said(both) == ["Comment added in `src/lib.rs`: “If input is already buffered we do not wait, since the "
                           "last read may have made no progress at all.”"], both.summary


def test_a_new_files_comments_are_not_quoted_as_why_the_change_was_made():
    new_file = FileChange(path="src/ext.rs", status="added", additions=3, deletions=0,
                          patch="@@ -0,0 +1,3 @@\n+" + _WHY + "+pub fn run() {}\n+\n")
    changed = FileChange(path="src/ext.rs", status="modified", additions=1, deletions=0,
                         patch="@@ -1,2 +1,3 @@\n+" + _WHY + " pub fn run() {}\n \n")
    assert added_explanation([new_file]) is None
    assert added_explanation([changed]) == ("src/ext.rs", _WHY[3:].strip())
    # the same comment said once the file exists: quoted, and in Chinese with its own lead
    zh = analysed({"src/lib.rs": (_LIB, _in_fn(_WHY))}, "Improve reads", "zh").summary
    assert zh[0].startswith("`src/lib.rs` 中新增注释：“If input is already buffered"), zh
    assert _said(analysed({"src/lib.rs": (None, _in_fn(_WHY))}, "Improve reads")) == []


_CHANGES = """Version 3.3.3 - in development
-------------------------------
- Fixed `Word(..., max=n)` raising instead of matching up to `max` characters
  when the character set contained whitespace.
{credit}
- Fixed `QuotedString` stripping whitespace.
"""


def test_a_credit_added_to_an_entry_is_the_news_not_the_entry():
    """A commit that only credits a pull request under an entry another commit wrote says the credit, not the fix."""
    credited = _CHANGES.format(credit="  PR #646 submitted by Ann Example.")
    summary = analysed({"CHANGES": (_CHANGES.format(credit=""), credited)}, "PR #646 attribution").summary
    assert summary[0] == "Changelog: PR #646 submitted by Ann Example.", summary
    assert "Word" not in " ".join(summary)
    # a line that goes on to say more of the change is the entry's words: the entry is quoted whole
    more = _CHANGES.format(credit="  The fallback now leaves the rest of the input to the next parser.")
    said = analysed({"CHANGES": (_CHANGES.format(credit=""), more)}, "Say more about the fix").summary
    assert said[0].startswith("Changelog: Fixed `Word(..., max=n)` raising") and "next parser" in said[0], said


def test_a_release_stamp_beside_a_change_is_not_what_a_test_should_cover():
    """A file that only moves its version time beside the change is not named as untested code."""
    init = '__version_time__ = "08 Aug 2026 {t} UTC"\n__version__ = "3.3.3"\n'
    core = 'import re\n\nQUOTED = re.compile(r"{pattern}")\n'
    change = {"pkg/__init__.py": (init.format(t="19:14"), init.format(t="19:43")),
              "pkg/core.py": (core.format(pattern='"[^"]*"'), core.format(pattern='"(?:[^"\\\\]|\\\\.)*"'))}
    for lang, lead in (("en", "No test covers"), ("zh", "")):
        analysis = analysed(change, "Redo regex for quoted strings", lang)
        untested = [r for r in analysis.risks if "pkg/core.py" in r.risk]
        assert untested and lead in untested[0].risk, analysis.risks
        said = " ".join(f"{r.risk} {r.impact} {r.mitigation}" for r in untested)
        assert "__init__.py" not in said, said
    # alone, the version file is the change: named as before
    alone = analysed({"pkg/__init__.py": (init.format(t="19:14"), init.format(t="19:43") + "DEBUG = True\n")},
                     "Turn debugging on")
    assert any("pkg/__init__.py" in r.risk for r in alone.risks), alone.risks


_POM = """<project>
  <properties>
    <maven.javadoc.version>3.12.0</maven.javadoc.version>
  </properties>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-javadoc-plugin</artifactId>
        <version>{version}</version>
      </plugin>
    </plugins>
  </build>
</project>
"""


def test_a_version_property_no_longer_used_is_no_new_dependency():
    """A plugin given the literal version its property holds: the property, now unused, is no package added."""
    from tests.facts_support import facts_of
    moved = {"pom.xml": (_POM.format(version="${maven.javadoc.version}"), _POM.format(version="3.12.0"))}
    assert [f for f in facts_of(moved) if f["kind"] == "dependency_changed"] == []
    summary = " ".join(analysed(moved, "Always include javadocs").summary)
    assert "New dependency" not in summary and "pom.xml" in summary, summary
    # the property's value moving is still the package's version moving
    bumped = {"pom.xml": (_POM.format(version="${maven.javadoc.version}"),
                          _POM.format(version="${maven.javadoc.version}").replace(">3.12.0<", ">3.13.0<"))}
    assert [(f["symbol"], f.get("before"), f["after"]) for f in facts_of(bumped) if f["kind"] == "dependency_changed"] \
        == [("org.apache.maven.plugins:maven-javadoc-plugin", "3.12.0", "3.13.0")]


def test_an_api_doc_generators_stylesheet_is_documentation():
    """``.javadoc/stylesheet.css`` styles the generated API pages: removing it is no product file removed."""
    css = "body { color: #353833; }\n" * 40
    analysis = analysed({".javadoc/stylesheet.css": (css, None)}, "remove custom JavaDoc stylesheet")
    assert (analysis.importance, analysis.change_type) == ("low", "docs"), (analysis.importance, analysis.change_type)
    assert "product" not in " ".join([*analysis.summary, *(r.risk for r in analysis.risks)]).lower()


_CC = """#include <cstdio>
#include <string>

size_t Compress(Source* reader, Sink* writer) {
  // Compress input_fragment and append to dest
  const int max_output = MaxCompressedLength(num_to_read);

  // Need a scratch buffer for the output, in case the byte sink doesn't
  // have room for us directly.

  // Since we encode kBlockSize regions followed by a region
  // which is <= kBlockSize in length, a previously allocated
  // scratch_output[] region is big enough for this iteration.
  char* dest = writer->GetAppendBuffer(max_output, scratch);
  return written;
}
"""
_CC_AFTER = (_CC.replace("#include <string>", "#include <memory>\n#include <string>")
             .replace("  const int max_output", "  int max_output")
             .replace("  // Need a scratch buffer for the output, in case the byte sink doesn't\n"
                      "  // have room for us directly.\n\n", "")
             .replace("  // scratch_output[] region is big enough for this iteration.\n",
                      "  // scratch_output[] region is big enough for this iteration.\n"
                      "  // Need a scratch buffer for the output, in case the byte sink doesn't\n"
                      "  // have room for us directly.\n"))


def _hunks_only(files, lang):
    """The analysis from the hunks alone (the file too large to be read whole), as the digest makes it."""
    from analysis.analyzers.base import AnalysisContext
    from analysis.analyzers.heuristic.analyzer import HeuristicAnalyzer
    from analysis.facts import derive_facts
    from tests.facts_support import commit_of
    commit, _ = commit_of(files, "Internal changes")
    return HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext(facts=derive_facts(commit, None)))


def test_a_change_of_mostly_comments_says_the_few_code_lines_it_rewrites():
    """Three "Internal changes" moving the same comment back and forth read alike; the code lines tell them apart."""
    for lang, lead in (("en", "adds `#include <memory>`"), ("zh", "新增 `#include <memory>`")):
        summary = _hunks_only({"snappy.cc": (_CC, _CC_AFTER)}, lang).summary
        said = next(line for line in summary if "snappy.cc" in line)
        assert "`const int max_output = MaxCompressedLength(num_to_read);` → `int max_output" in said, said
        assert lead in said, said
    back = next(line for line in _hunks_only({"snappy.cc": (_CC_AFTER, _CC)}, "en").summary
                if "snappy.cc" in line)
    assert "removes `#include <memory>`" in back and "`int max_output" in back, back


def test_a_code_file_no_symbol_names_is_placed_by_the_definitions_its_hunks_sit_in():
    """A file too large to read whole, its hunks alone: "snappy.cc (+4/−5)" read alike under each change to it."""
    from datetime import UTC, datetime

    from analysis.analyzers.base import AnalysisContext
    from analysis.analyzers.heuristic.analyzer import HeuristicAnalyzer
    from analysis.models import Commit
    patch = ("@@ -10,5 +10,5 @@ size_t Compress(Source* reader, Sink* writer) {\n   x();\n"
             "-  const int n = f();\n-  const int m = g();\n-  h(n, m);\n+  int n = f();\n+  int m = g();\n"
             "+  h(m, n);\n   y();\n")
    commit = Commit(sha="a" * 40, author="Ann", message="Internal change", committed_at=datetime(2026, 1, 1, tzinfo=UTC),
                    files=[FileChange(path="snappy.cc", status="modified", additions=3, deletions=3, patch=patch)],
                    details_loaded=True)
    for lang, said in (("en", "snappy.cc (+3/−3): in `Compress`"), ("zh", "snappy.cc（+3/−3）：位于 `Compress`")):
        assert HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext()).impact == [said]


def test_a_cpp_class_with_its_base_clause_is_a_definition_the_hunks_sit_in():
    """``class SnappyIOVecReader : public Source {`` opens a class as ``class Foo {`` does: a hunk inside it is placed
    there (it was placed only by the next class the hunks opened)."""
    from analysis.facts.code.hunk_symbols import definition
    for line, name in (("class SnappyIOVecReader : public Source {", "SnappyIOVecReader"),
                       ("class Reader final : public Source, private Buffer<int> {", "Reader"), ("struct S {", "S")):
        assert definition("c", line).name == name, line
    assert definition("c", "class Source;") is None  # a declaration opens nothing
