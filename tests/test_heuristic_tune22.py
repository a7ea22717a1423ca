"""Rules of the round tuned on the twenty-second fresh set (issue 8, tune22), each on a small snippet: a deprecated
``typing.Pattern`` annotation written ``re.Pattern`` is the same code spelt anew; a TypeScript declaration file whose
``export =`` becomes ``export default`` changes how every consumer imports the package; an unmeasured ``perf:``
that only rewrites function bodies gives the same results; a file's shared ``static`` cache dropped by a fix;
Gradle's version catalog is a build file."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.behaviour.export_form import export_form_swapped
from analysis.analyzers.heuristic.code.behaviour.static_locals import shared_statics_dropped
from analysis.analyzers.heuristic.code.respelled.python_respellings import python_respelled_only
from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import FileChange
from tests.facts_support import analysed

_TYPING_PATTERN = """@@ -1,4 +1,4 @@
-import typing
+import re
@@ -196,7 +196,7 @@ class retry_if_exception_message(retry_if_exception):
         message: str | None = None,
-        match: None | str | typing.Pattern[str] = None,
+        match: None | str | re.Pattern[str] = None,
     ) -> None:
-    def names(self) -> typing.List[str]:
+    def names(self) -> list[str]:
"""


def test_a_deprecated_typing_alias_written_as_the_class_it_names_is_a_respelling() -> None:
    assert python_respelled_only(_TYPING_PATTERN, "tenacity/retry.py")
    assert python_respelled_only(_TYPING_PATTERN.replace("typing.List", "t.List"), "pkg/stubs.pyi")


def test_another_type_another_default_or_no_alias_at_all_is_no_respelling() -> None:
    assert python_respelled_only(_TYPING_PATTERN, "tenacity/retry.py")  # the same snippet, unaltered, is one
    assert not python_respelled_only(_TYPING_PATTERN.replace("re.Pattern[str] = None", "re.Pattern[bytes] = None"),
                                     "tenacity/retry.py")
    assert not python_respelled_only(_TYPING_PATTERN.replace("re.Pattern[str] = None", "re.Pattern[str] = ''"),
                                     "tenacity/retry.py")
    assert not python_respelled_only(_TYPING_PATTERN.replace("-> list[str]", "-> tuple[str]"), "tenacity/retry.py")
    unchanged = "@@ -1,1 +1,1 @@\n-x = typing.cast(int, y)\n+x = cast(int, y)\n"
    assert not python_respelled_only(unchanged, "tenacity/retry.py")  # ``cast`` is a call, not an alias
    assert not python_respelled_only(_TYPING_PATTERN, "tenacity/retry.go")


_EXPORT_DEFAULT = """@@ -1,6 +1,6 @@
-export = dayjs;
 
 declare function dayjs (config?: dayjs.ConfigType): dayjs.Dayjs
+export default dayjs
 
"""


def _typings(patch: str, path: str = "index.d.ts") -> list[FileChange]:
    return [FileChange(path=path, status="modified", patch=patch)]


def test_a_declaration_files_export_changing_form_is_read() -> None:
    assert export_form_swapped(_typings(_EXPORT_DEFAULT))
    swapped_back = _EXPORT_DEFAULT.replace("-export = dayjs;", "+export = dayjs;").replace("+export default dayjs",
                                                                                         "-export default dayjs")
    assert export_form_swapped(_typings(swapped_back, "types/index.d.mts"))


def test_the_same_export_another_name_or_a_source_file_is_not() -> None:
    assert export_form_swapped(_typings(_EXPORT_DEFAULT))  # the same snippet, unaltered, is
    assert not export_form_swapped(_typings(_EXPORT_DEFAULT.replace("+export default dayjs", "+export = dayjs")))
    assert not export_form_swapped(_typings(_EXPORT_DEFAULT.replace("+export default dayjs", "+export default other")))
    assert not export_form_swapped(_typings(_EXPORT_DEFAULT, "src/index.ts"))


_FORMAT_BEFORE = '''export class Dayjs {
  format(formatStr) {
    const str = formatStr || FORMAT_DEFAULT
    const zoneStr = Utils.padZoneStr(this.$d.getTimezoneOffset())
    const locale = this.$locale()
    const { weekdays, months } = locale
    const getShort = (arr, index, full, length) => (
      (arr && arr[index]) || full[index].substr(0, length)
    )
    return str.replace(REGEX_FORMAT, (match) => {
      if (match.indexOf('[') > -1) return match.replace(/\\[|\\]/g, '')
      switch (match) {
        case 'YY':
          return String(this.$y).slice(-2)
        case 'YYYY':
          return Utils.padStart(this.$y, 4, '0')
        case 'M':
          return String(this.$M + 1)
        case 'MM':
          return Utils.padStart(this.$M + 1, 2, '0')
        case 'D':
          return String(this.$D)
        default:
          return zoneStr
      }
    })
  }
}
'''
_FORMAT_SWITCH = _FORMAT_BEFORE[_FORMAT_BEFORE.index("    return str.replace"):_FORMAT_BEFORE.index("  }\n}")]
_FORMAT_AFTER = _FORMAT_BEFORE.replace(_FORMAT_SWITCH, '''    const matches = {
      YY: String(this.$y).slice(-2),
      YYYY: Utils.padStart(this.$y, 4, '0'),
      M: String(this.$M + 1),
      MM: Utils.padStart(this.$M + 1, 2, '0'),
      D: String(this.$D)
    }
    return str.replace(REGEX_FORMAT, (match) => {
      if (match.indexOf('[') > -1) return match.replace(/\\[|\\]/g, '')
      return matches[match] || zoneStr
    })
''')


def test_an_unmeasured_perf_rewriting_function_bodies_only_reads_low() -> None:
    files = {"src/index.js": (_FORMAT_BEFORE, _FORMAT_AFTER)}
    assert analysed(files, "perf(format): reuse matches instead of created when replacing").importance == "low"


def test_a_measured_perf_another_prefix_or_a_new_signature_is_not_low() -> None:
    files = {"src/index.js": (_FORMAT_BEFORE, _FORMAT_AFTER)}
    assert analysed(files, "perf(format): reuse matches instead of created when replacing").importance == "low"
    measured = "perf(format): reuse matches\n\nformat() is 2.5x faster in the benchmark (1.2 ms -> 0.48 ms)."
    assert analysed(files, measured).importance == "medium"
    assert analysed(files, "refactor(format): reuse matches instead of created").importance == "medium"
    resigned = {"src/index.js": (_FORMAT_BEFORE, _FORMAT_AFTER.replace("format(formatStr)", "format(formatStr, opts)"))}
    # a parameter added is read by the API rules, above this one
    assert analysed(resigned, "perf(format): reuse matches instead of created when replacing").importance != "low"


_SHARED_CACHE = """@@ -36,9 +36,6 @@
 #define DOS_MAX_TIME 0xff9fbf7dU
-static char dos_initialised = 0;
-static int64_t dos_max_unix;
 
@@ -82,12 +79,8 @@ unix_to_dos(int64_t unix_time)
-\tif (!dos_initialised) {
-\t\tdos_max_unix = dos_to_unix(DOS_MAX_TIME);
-\t\tdos_initialised = 1;
-\t}
-\tif (unix_time >= dos_max_unix) {
+\tif (unix_time >= dos_to_unix(DOS_MAX_TIME)) {
 \t\treturn DOS_MAX_TIME;
"""


def _c(patch: str, path: str = "libarchive/archive_time.c") -> list[FileChange]:
    return [FileChange(path=path, status="modified", patch=patch)]


def test_a_file_scope_static_cache_dropped_with_its_uses_is_read() -> None:
    assert shared_statics_dropped(_c(_SHARED_CACHE))


def test_a_static_kept_a_const_table_an_unused_variable_or_another_language_is_not() -> None:
    assert shared_statics_dropped(_c(_SHARED_CACHE))  # the same snippet, unaltered, is
    kept = _SHARED_CACHE.replace("+\tif (unix_time >= dos_to_unix(DOS_MAX_TIME)) {", "+\tif (unix_time >= dos_max_unix) {")
    assert not shared_statics_dropped(_c(kept.replace("-\tif (!dos_initialised) {\n", "")
                                         .replace("-\t\tdos_initialised = 1;\n", "")))
    assert not shared_statics_dropped(_c(_SHARED_CACHE.replace("static char", "static const char")
                                         .replace("static int64_t", "static const int64_t")))
    unused = "@@ -36,3 +36,2 @@\n #define DOS_MAX_TIME 0xff9fbf7dU\n-static int unused_counter;\n \n"
    assert not shared_statics_dropped(_c(unused))
    assert not shared_statics_dropped(_c(_SHARED_CACHE, "libarchive/archive_time.py"))


def test_gradles_version_catalog_is_a_build_file() -> None:
    assert classify_path("gradle/libs.versions.toml") == {"build"}
    assert classify_path("examples/indexable/gradle/libs.versions.toml") == {"build", "example"}
    assert classify_path("src/main/resources/versions.toml") == set()  # a resource the product reads
