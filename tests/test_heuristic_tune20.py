"""Rules of the round tuned on the twentieth fresh set (issue 8, tune20), each on a small snippet: Go's
``len(s) == 0`` written ``s == ""`` (a local renamed beside it) is the same code spelt anew; a web page changed in its
prose only (paragraphs, lists, links; no script, form or template) is its text, low; a top-level ``codegen/`` or
``xtask/`` is tooling; a CMake option no longer declared is taken from builders (high)."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.respelled.go_respellings import go_respelled_only
from analysis.analyzers.heuristic.code.respelled.page_text import page_text_only
from analysis.analyzers.heuristic.config.builds.cmake_options import cmake_options_removed
from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import FileChange

_LEN_TESTS = """@@ -1,8 +1,8 @@
 func usages(f *FlagSet) string {
-\tx := new(bytes.Buffer)
+\tbuf := new(bytes.Buffer)
-\tif len(f.Shorthand) > 0 && len(f.Deprecated) == 0 {
+\tif f.Shorthand != "" && f.Deprecated == "" {
-\t\tfmt.Fprintln(x, f.Name)
+\t\tfmt.Fprintln(buf, f.Name)
 \t}
-\treturn x.String()
+\treturn buf.String()
 }
"""


def test_length_against_zero_respelt_as_empty_string_with_a_local_renamed_is_a_respelling() -> None:
    assert go_respelled_only(_LEN_TESTS, "flag.go")
    assert go_respelled_only(_LEN_TESTS.replace("buf", "x"), "flag.go")  # the respelling alone


def test_another_field_or_function_or_another_test_is_no_respelling() -> None:
    assert go_respelled_only(_LEN_TESTS, "flag.go")  # the same snippet, unaltered, is one
    assert not go_respelled_only(_LEN_TESTS.replace('f.Deprecated == ""', 'f.Hidden == ""'), "flag.go")
    assert not go_respelled_only(_LEN_TESTS.replace("fmt.Fprintln(buf", "fmt.Fprint(buf"), "flag.go")
    assert not go_respelled_only(_LEN_TESTS.replace('f.Shorthand != ""', 'f.Shorthand == ""'), "flag.go")
    # a name swapped that no removed line declares is another value read, not a local renamed
    assert not go_respelled_only(_LEN_TESTS.replace("f.Name)\n+", "f.Name)\n+").replace(
        "fmt.Fprintln(buf, f.Name)", "fmt.Fprintln(buf, g.Name)"), "flag.go")
    assert not go_respelled_only(_LEN_TESTS, "flag.js")


_PAGE = """@@ -10,9 +10,9 @@
       <p>
-        Calling <tt>chain</tt> on a wrapped object will cause all future method calls to
-        return wrapped objects as well.
+        Calling <tt>chain</tt> will cause all future method calls to return
+        wrapped objects. See <a href="#value">value</a>.
       </p>
-      <li>- <a href="#sortedIndex">sortedIndex</a></li>
+      <li>- <a href="#range">range</a></li>
"""


def test_a_web_page_reworded_in_prose_markup_is_its_text_only() -> None:
    assert page_text_only([FileChange(path="index.html", status="modified", patch=_PAGE)])
    assert page_text_only([FileChange(path="docs/api.htm", status="modified", patch=_PAGE)])


def test_a_page_that_gains_a_script_a_form_a_handler_or_a_placeholder_is_more_than_text() -> None:
    assert page_text_only([FileChange(path="index.html", status="modified", patch=_PAGE + "+      <p>more</p>\n")])
    for active in ('<script src="app.js"></script>', '<form action="/login">', '<a onclick="go()">go</a>',
                   "<p>{{ user.name }}</p>", '<link rel="stylesheet" href="x.css">'):
        patch = _PAGE + f"+      {active}\n"
        assert not page_text_only([FileChange(path="index.html", status="modified", patch=patch)]), active
    assert not page_text_only([FileChange(path="underscore.js", status="modified", patch=_PAGE)])


def test_a_top_level_code_generator_or_xtask_is_the_maintainers_tooling() -> None:
    assert "tooling" in classify_path("codegen/src/full.rs")
    assert "tooling" in classify_path("xtask/src/main.rs")
    assert "tooling" not in classify_path("src/codegen/emit.rs")  # a compiler's own code generation is its product


_CMAKE_OPTIONS = """@@ -1,6 +1,6 @@
-option(EXPAT_UNICODE "Use UTF-16 encoded chars (two bytes) instead of UTF-8" OFF)
-option(EXPAT_BUILD_TOOLS "build the xmlwf tool" ON)
+set(EXPAT_CHAR_TYPE "char" CACHE STRING "Character type to use (char|ushort|wchar_t) [default=char]")
+option(EXPAT_BUILD_TOOLS "build the xmlwf tool for expat library" ON)
"""


def test_a_cmake_option_no_longer_declared_is_taken_from_builders() -> None:
    change = FileChange(path="expat/CMakeLists.txt", status="modified", patch=_CMAKE_OPTIONS)
    assert cmake_options_removed([change]) == ["EXPAT_UNICODE"]  # EXPAT_BUILD_TOOLS only reworded: still declared
    moved = FileChange(path="cmake/options.cmake", status="added",
                       patch='@@ -0,0 +1 @@\n+option(EXPAT_UNICODE "UTF-16" OFF)\n')
    assert cmake_options_removed([change, moved]) == []  # declared again in another CMake file
    assert cmake_options_removed([FileChange(path="docs/options.md", status="modified", patch=_CMAKE_OPTIONS)]) == []
