"""Rules of the round tuned on the twenty-first fresh set (issue 8, tune21), each on a small snippet: a C pointer
passed through an extra ``(void *)`` cast is the same code spelt anew; Java parameters or locals declared ``final``
and a ``@SuppressWarnings`` dropped are the same code."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.respelled.c_respellings import c_respelled_only
from analysis.analyzers.heuristic.code.respelled.java_modifiers import java_modifiers_only
from analysis.models import FileChange

_VOID_CASTS = """@@ -1142,7 +1142,7 @@
 \tresult = (struct json_object **)array_list_bsearch(
-\t\t\t(const void **)&key, jso->o.c_array, sort_fn);
+\t\t\t(const void **)(void *)&key, jso->o.c_array, sort_fn);
 \tif (!lh_table_lookup_ex(jso2->o.c_object, (void*)iter.key,
-\t\t\t\t\t(void**)&sub))
+\t\t\t\t\t(void**)(void *)&sub))
"""


def test_a_pointer_passed_through_an_extra_void_pointer_cast_is_a_respelling() -> None:
    assert c_respelled_only(_VOID_CASTS, "json_object.c", False)
    assert c_respelled_only(_VOID_CASTS.replace("(void *)&sub", "(const void*)&sub"), "json_object.c", False)


def test_a_cast_to_another_type_or_another_argument_is_no_respelling() -> None:
    assert c_respelled_only(_VOID_CASTS, "json_object.c", False)  # the same snippet, unaltered, is one
    assert not c_respelled_only(_VOID_CASTS.replace("(void *)&key", "(char *)&key"), "json_object.c", False)
    assert not c_respelled_only(_VOID_CASTS.replace("(void *)&sub", "(void *)sub"), "json_object.c", False)
    assert not c_respelled_only(_VOID_CASTS.replace("(void *)&key", "(void *)&key2"), "json_object.c", False)
    assert not c_respelled_only(_VOID_CASTS, "json_object.py", False)


_FINALS = """@@ -78,7 +78,7 @@ final class ExtendedBufferedReader extends UnsynchronizedBufferedReader {
-    ExtendedBufferedReader(final Reader reader, Charset charset, boolean enableByteTracking) {
+    ExtendedBufferedReader(final Reader reader, final Charset charset, final boolean enableByteTracking) {
         super(reader);
-        int length = 0;
+        final int length = 0;
"""
_SUPPRESSED = """@@ -521,7 +521,6 @@ public final class CSVParser implements Iterable<CSVRecord>, Closeable {
     @Deprecated
-    @SuppressWarnings("resource")
     public CSVParser(final Reader reader, final CSVFormat format) throws IOException {
"""


def _java(patch: str, path: str = "src/main/java/Reader.java") -> list[FileChange]:
    return [FileChange(path=path, status="modified", patch=patch)]


def test_java_parameters_and_locals_declared_final_or_a_warning_suppression_dropped_are_the_same_code() -> None:
    assert java_modifiers_only(_java(_FINALS))
    assert java_modifiers_only(_java(_SUPPRESSED))
    assert java_modifiers_only(_java(_FINALS) + _java(_SUPPRESSED, "src/test/java/ParserTest.java"))


def test_a_final_class_or_method_another_annotation_or_another_statement_is_not_the_same_code() -> None:
    assert java_modifiers_only(_java(_FINALS))  # the same snippet, unaltered, is
    # a method made final can no longer be overridden: subclasses break
    assert not java_modifiers_only(_java("@@ -1 +1 @@\n-    public void read() {\n+    public final void read() {\n"))
    assert not java_modifiers_only(_java(_FINALS.replace("final int length = 0", "final int length = 1")))
    assert not java_modifiers_only(_java(_SUPPRESSED.replace("@SuppressWarnings", "@Override")))
    assert not java_modifiers_only(_java(_FINALS, "src/reader.kt"))
    assert not java_modifiers_only([])


def test_pythons_tests_module_and_a_program_named_example_or_demo_are_not_product_code() -> None:
    from analysis.analyzers.heuristic.paths import classify_path
    assert "test" in classify_path("tests.py")
    assert "test" in classify_path("myapp/tests.py")
    assert "example" in classify_path("src/example.cpp")
    assert "example" in classify_path("demo.py")
    assert "example" in classify_path("examples.js")


def test_a_test_client_module_or_a_go_file_named_example_stays_product_code() -> None:
    from analysis.analyzers.heuristic.paths import classify_path
    assert "test" in classify_path("tests.py")  # the plural module is a test
    assert "test" not in classify_path("werkzeug/test.py")  # a test client users import
    assert "example" not in classify_path("example.go")  # package code
    assert "example" not in classify_path("src/examples_parser.cpp")
    assert "example" not in classify_path("src/counterexample.c")


_CHART = "apiVersion: v2\nname: app\nversion: 7.0.1\nappVersion: 26.0.7\ndescription: An app\n"
_VALUES = ("replicas: 1\nimage:\n  # The image repository\n  repository: quay.io/app/app\n  tag: \"26.0.7\"\n"
           "  digest: \"\"\n  pullPolicy: IfNotPresent\n")


def _image_bumped(message: str):
    from tests.facts_support import analysed
    return analysed({"charts/app/Chart.yaml": (_CHART, _CHART.replace("7.0.1", "7.1.0").replace("26.0.7", "26.2.3")),
                     "charts/app/values.yaml": (_VALUES, _VALUES.replace("26.0.7", "26.2.3"))}, message)


def test_an_image_bumped_for_a_named_vulnerability_is_high() -> None:
    assert _image_bumped("feat: bump app to 26.2.3 due CVE").importance == "high"
    assert _image_bumped("Bump app to 26.2.3 for CVE-2025-1234").importance == "high"


def test_the_same_bump_without_a_vulnerability_named_is_not_high() -> None:
    assert _image_bumped("feat: bump app to 26.2.3 due CVE").importance == "high"  # the same change, named
    assert _image_bumped("feat: bump app to 26.2.3").importance != "high"
    assert _image_bumped("feat: bump app to 26.2.3 (cover the recovery path)").importance != "high"


_STATIC_BUFFER = """@@ -589,7 +589,7 @@ static int json_object_int_to_json_string(struct json_object* jso,
 {
 \t/* room for 19 digits, the sign char, and a null term */
-\tstatic char sbuf[21];
+\tchar sbuf[21];
 \tsnprintf(sbuf, sizeof(sbuf), "%" PRId64, jso->o.c_int64);
"""


def test_a_function_local_static_buffer_made_automatic_is_found() -> None:
    from analysis.analyzers.heuristic.code.behaviour.static_locals import static_locals_dropped
    assert static_locals_dropped([FileChange(path="json_object.c", status="modified", patch=_STATIC_BUFFER)])
    counter = _STATIC_BUFFER.replace("char sbuf[21];", "int calls = 0;")
    assert static_locals_dropped([FileChange(path="src/x.cpp", status="modified", patch=counter)])


def test_a_file_static_a_static_const_table_or_another_declaration_is_not() -> None:
    from analysis.analyzers.heuristic.code.behaviour.static_locals import static_locals_dropped

    def found(patch: str, path: str = "json_object.c") -> bool:
        return static_locals_dropped([FileChange(path=path, status="modified", patch=patch)])
    assert found(_STATIC_BUFFER)  # the same snippet, unaltered, is found
    assert not found(_STATIC_BUFFER.replace("-\tstatic char", "-static char").replace("+\tchar", "+char"))
    assert not found(_STATIC_BUFFER.replace("char sbuf[21];", 'const char hex[] = "0123";'))
    assert not found(_STATIC_BUFFER.replace("+\tchar sbuf[21];", "+\tchar sbuf[32];"))
    assert not found(_STATIC_BUFFER.replace("-\tstatic char sbuf[21];", "-\tstatic int f(void);")
                     .replace("+\tchar sbuf[21];", "+\tint f(void);"))
    assert not found(_STATIC_BUFFER, "json_object.py")
