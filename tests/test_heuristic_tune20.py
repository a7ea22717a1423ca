"""Rules of the round tuned on the twentieth fresh set (issue 8, tune20), each on a small snippet: Go's
``len(s) == 0`` written ``s == ""`` (a local renamed beside it) is the same code spelt anew; a web page changed in its
prose only (paragraphs, lists, links; no script, form or template) is its text, low."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.go_respellings import go_respelled_only
from analysis.analyzers.heuristic.code.page_text import page_text_only
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
    for active in ('<script src="app.js"></script>', '<form action="/login">', '<a onclick="go()">go</a>',
                   "<p>{{ user.name }}</p>", '<link rel="stylesheet" href="x.css">'):
        patch = _PAGE + f"+      {active}\n"
        assert not page_text_only([FileChange(path="index.html", status="modified", patch=patch)]), active
    assert not page_text_only([FileChange(path="underscore.js", status="modified", patch=_PAGE)])
