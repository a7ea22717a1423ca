"""Rules of the ninth tuning round (issue 8, tune8), each on a small snippet in the language it reads: Rust's inline
test modules and benchmarks, and the other general rules the seventh fresh set's misses asked for."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.code.named.inline_tests import inline_tests_only
from analysis.facts import derive_facts
from analysis.models import Analysis, Commit, FileChange
from tests.facts_support import commit_of

analyzer = HeuristicAnalyzer()


def judged(message: str, files: list[FileChange]) -> Analysis:
    """The analysis of a commit, facts derived from its hunks as the digest derives them."""
    commit = Commit(sha="e" * 40, author="Dev", committed_at=datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc),
                    message=message, files=files, details_loaded=True)
    return analyzer.analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit)))


def patched(path: str, patch: str) -> FileChange:
    lines = patch.splitlines()
    return FileChange(path=path, additions=sum(ln.startswith("+") for ln in lines),
                      deletions=sum(ln.startswith("-") for ln in lines), patch=patch)


_INLINE_TEST_HUNK = """@@ -760,9 +760,9 @@ mod tests {
 
     #[test]
     fn issue1010() {
-        let dt = NaiveDateTime::from_timestamp_opt(-4227854320, 1678774288).unwrap();
-        let span = Duration::microseconds(-7019067213869040);
+        let dt = NaiveDateTime::from_timestamp_opt(-4_227_854_320, 678_774_288).unwrap();
+        let span = Duration::microseconds(-7_019_067_213_869_040);
         assert_eq!(dt.duration_trunc(span), Err(RoundingError::DurationExceedsLimit));
     }
 }
"""

_PRODUCT_AND_TEST_HUNK = """@@ -98,10 +98,10 @@ impl NaiveTime {
     pub fn from_hms_nano_opt(hour: u32, min: u32, sec: u32, nano: u32) -> Option<NaiveTime> {
-        if hour >= 24 || min >= 60 || sec >= 60 || nano >= 2_000_000_000 {
+        if hour >= 24 || min >= 60 || sec >= 60 || nano >= 1_000_000_000 {
             return None;
         }
     }
 }
 
 #[cfg(test)]
 mod tests {
-    use super::*;
+    use super::NaiveTime;
"""


def test_a_rust_inline_test_module_edited_is_test_code():
    assert inline_tests_only("src/round.rs", _INLINE_TEST_HUNK)
    assert not inline_tests_only("src/naive/time/mod.rs", _PRODUCT_AND_TEST_HUNK)  # product code above the module
    assert not inline_tests_only("src/round.py", _INLINE_TEST_HUNK)
    analysis = judged("Don't create strange leap seconds in tests", [patched("src/round.rs", _INLINE_TEST_HUNK)])
    assert (analysis.change_type, analysis.importance) == ("test", "low")


def test_a_rust_tests_rs_file_is_test_code():
    tests = patched("src/naive/time/tests.rs", """@@ -13,3 +13,3 @@ fn test_time_from_hms_milli() {
     assert_eq!(
-        NaiveTime::from_hms_milli_opt(3, 5, 7, 1_999),
+        NaiveTime::from_hms_milli_opt(3, 5, 59, 1_999),
     );
""")
    analysis = judged("Use leap seconds at second 59 only", [tests])
    assert (analysis.change_type, analysis.importance) == ("test", "low")


def test_a_benchmark_added_under_benches_is_a_low_test():
    bench = patched("bench/benches/chrono.rs", """@@ -195,3 +195,10 @@ fn bench_format_manual(c: &mut Criterion) {
     });
 }
+
+fn bench_naivedate_add_signed(c: &mut Criterion) {
+    let date = NaiveDate::from_ymd_opt(2023, 7, 29).unwrap();
+    c.bench_function("bench_naivedate_add_signed", |b| {
+        b.iter(|| black_box(date).checked_add_signed(Duration::days(25)).unwrap())
+    });
+}
""")
    analysis = judged("Add benchmark", [bench])
    assert (analysis.change_type, analysis.importance) == ("test", "low")


_PORT_BEFORE = """package netaddr

import "fmt"

// ParsePort reads a TCP port.
func ParsePort(value string) (int, error) {
	port, err := strconv.Atoi(value)
	if err != nil {
		return 0, err
	}
	return port, nil
}
"""
_PORT_AFTER = _PORT_BEFORE.replace("""		return 0, err
	}
""", """		return 0, err
	}
	if port == 0 {
		return 0, fmt.Errorf("port 0 is reserved")
	}
""")


def read_judged(message: str, files: dict[str, tuple[str | None, str | None]]) -> Analysis:
    """The analysis of a commit whose files' both sides are read whole, as a local clone gives them."""
    commit, texts = commit_of(files, message)
    return analyzer.analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, texts)))


def test_a_public_function_rejecting_inputs_it_accepted_is_a_high_fix():
    analysis = read_judged("Reject port 0 in `ParsePort`", {"netaddr/port.go": (_PORT_BEFORE, _PORT_AFTER)})
    assert (analysis.change_type, analysis.importance) == ("fix", "high")
    assert "`ParsePort`" in analysis.insights.compatibility and "turned away" in analysis.insights.compatibility


def test_a_new_guard_without_a_validation_title_stays_as_it_was():
    analysis = read_judged("Tidy `ParsePort`", {"netaddr/port.go": (_PORT_BEFORE, _PORT_AFTER)})
    assert analysis.importance != "high"


_LOCATION = """@@ -785,13 +785,4 @@ res.cookie = function (name, value, options) {
 res.location = function location(url) {
-  var loc;
-
-  // "back" is an alias for the referrer
-  if (url === 'back') {
-    loc = this.req.get('Referrer') || '/';
-  } else {
-    loc = String(url);
-  }
-
-  return this.set('Location', encodeUrl(loc));
+  return this.set('Location', encodeUrl(url));
 };
"""


def _history(*entries: str) -> FileChange:
    return patched("History.md", "@@ -1,3 +1,%d @@\n unreleased\n ==========\n" % (3 + len(entries))
                   + "".join(f"+  * {entry}\n" for entry in entries) + " \n")


def test_a_usage_the_changelog_says_is_no_longer_supported_is_high():
    notes = _history("`res.location('back')` is no longer a supported magic string, use `req.get('Referrer')`.")
    analysis = judged("Delete `back` as a magic string (#5933)", [patched("lib/response.js", _LOCATION), notes])
    assert analysis.importance == "high" and "no longer supported" in analysis.insights.compatibility
    bare = judged("Delete `back` as a magic string (#5933)", [patched("lib/response.js", _LOCATION)])
    assert bare.importance != "high"


_DEPTH = """@@ -20,5 +20,5 @@ function urlencoded(options) {
   var opts = options || {}
-  var depth = opts.depth !== undefined ? opts.depth : Infinity
+  var depth = opts.depth !== undefined ? opts.depth : 32
   var extended = Boolean(opts.extended)
"""


def test_a_default_the_changelog_says_is_now_another_value_is_high():
    notes = _history("The default `depth` level for parsing URL-encoded data is now `32` (previously was `Infinity`)")
    assert judged("Limit parsing depth", [patched("lib/types/urlencoded.js", _DEPTH), notes]).importance == "high"
    assert judged("Limit parsing depth", [patched("lib/types/urlencoded.js", _DEPTH)]).importance != "high"


_REDIRECT_BODY = """@@ -837,7 +837,7 @@ res.redirect = function redirect(url) {
     html: function(){
       var u = escapeHtml(address);
-      body = '<p>' + statuses.message[status] + '. Redirecting to <a href="' + u + '">' + u + '</a></p>'
+      body = '<p>' + statuses.message[status] + '. Redirecting to ' + u + '</p>'
     },
"""
_REDIRECT_TEST_BEFORE = """var express = require('..');
var request = require('supertest');

describe('res', function(){
  describe('.redirect(url)', function(){
    it('should default to a 302 redirect', function(done){
      var app = express();
      app.use(function(req, res){ res.redirect('http://google.com'); });
      request(app).get('/').expect(302, done);
    })
  })
})
"""
_REDIRECT_TEST_AFTER = _REDIRECT_TEST_BEFORE.replace("""  })
})
""", """
    it('should not render evil javascript links in anchor href (prevent XSS)', function(done){
      var app = express();
      app.use(function(req, res){ res.redirect('javascript:alert(1)'); });
      request(app).get('/').set('Accept', 'text/html').expect(302, done);
    })
  })
})
""")
_REDIRECT_BEFORE = """res.redirect = function redirect(url) {
  var body;
  this.format({
    html: function(){
      var u = escapeHtml(address);
      body = '<p>' + statuses.message[status] + '. Redirecting to <a href="' + u + '">' + u + '</a></p>'
    },
  });
};
"""
_REDIRECT_AFTER = _REDIRECT_BEFORE.replace("""Redirecting to <a href="' + u + '">' + u + '</a></p>'""",
                                           """Redirecting to ' + u + '</p>'""")


def test_product_code_changed_with_a_test_named_for_an_attack_is_a_high_security_change():
    title = "Remove link renderization in html while redirecting"
    files = {"lib/response.js": (_REDIRECT_BEFORE, _REDIRECT_AFTER),
             "test/res.redirect.js": (_REDIRECT_TEST_BEFORE, _REDIRECT_TEST_AFTER)}
    assert (read_judged(title, files).change_type, read_judged(title, files).importance) == ("security", "high")
    files["test/res.redirect.js"] = (_REDIRECT_TEST_BEFORE, _REDIRECT_TEST_AFTER.replace(" (prevent XSS)", ""))
    assert read_judged(title, files).importance != "high"


def _manifest(majors: int) -> FileChange:
    packages = [("accepts", "~1.3.8", "^2.0.0"), ("mime-types", "~2.1.34", "^3.0.0"), ("type-is", "~1.6.18", "^2.0.0")]
    removed = "".join(f'-    "{name}": "{old}",\n' for name, old, _ in packages[:majors])
    added = "".join(f'+    "{name}": "{new}",\n' for name, _, new in packages[:majors])
    return patched("package.json",
                   f'@@ -30,6 +30,6 @@\n   "dependencies": {{\n{removed}{added}     "qs": "6.13.0"\n   }},\n')


def test_a_merge_bringing_several_runtime_majors_is_high():
    code = patched("lib/request.js", "@@ -10,3 +10,3 @@\n var accepts = require('accepts');\n"
                   "-var isAbsolute = require('path-is-absolute');\n+var isAbsolute = path.isAbsolute;\n")
    assert judged("Merge branch '5.0' into 5-merge", [code, _manifest(3)]).importance == "high"
    assert judged("Merge branch '5.0' into 5-merge", [code, _manifest(1)]).importance != "high"


_SERIALIZE = """@@ -180,7 +188,9 @@ pub mod ts_nanoseconds {
     where
         S: ser::Serializer,
     {
-        serializer.serialize_i64(dt.timestamp_nanos())
+        serializer.serialize_i64(dt.timestamp_nanos_opt().ok_or(ser::Error::custom(
+            "value out of range for a timestamp with nanosecond precision",
+        ))?)
     }
"""


def test_a_panic_warning_added_is_not_a_build_warning_silenced():
    analysis = judged("Use `timestamp_nanos_opt` in serialization; add panic warning",
                      [patched("src/datetime/serde.rs", _SERIALIZE)])
    assert analysis.importance == "high"
    assert judged("Use `timestamp_nanos_opt` in serialization; silence panic warning",
                  [patched("src/datetime/serde.rs", _SERIALIZE)]).importance == "medium"


_ROUND = """@@ -181,10 +178,7 @@ where
     {
         let naive = self.naive_local();
-        if naive.timestamp().abs() > MAX_SECONDS_TIMESTAMP_FOR_NANOS {
-            return Err(RoundingError::TimestampExceedsLimit);
-        }
-        let stamp = naive.timestamp_nanos();
+        let stamp = naive.timestamp_nanos_opt().ok_or(RoundingError::TimestampExceedsLimit)?;
         let span = duration.num_nanoseconds().ok_or(RoundingError::DurationExceedsLimit)?;
"""


def test_a_panicking_call_replaced_by_its_fallible_form_is_at_least_medium():
    analysis = judged("Use `timestamp_nanos_opt` in `duration_round`", [patched("src/round.rs", _ROUND)])
    assert analysis.importance == "medium" and "could panic" in analysis.insights.compatibility
    unchanged = _ROUND.replace("naive.timestamp_nanos_opt().ok_or(RoundingError::TimestampExceedsLimit)?",
                               "naive.timestamp_nanos()")
    assert judged("Use `timestamp_nanos` in `duration_round`", [patched("src/round.rs", unchanged)]).importance == "low"


def test_a_towncrier_fragment_under_changelog_is_the_projects_own_words():
    fragment = patched("changelog/13457.improvement.rst",
                       "@@ -0,0 +1 @@\n+The error message about duplicate "
                       "parametrization no longer displays an internal stack trace.\n")
    commit = Commit(sha="e" * 40, author="Dev", committed_at=datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc),
                    message="python: a bit nicer error on duplicate parametrization", files=[fragment],
                    details_loaded=True)
    entries = [f.text for f in derive_facts(commit) if f.kind == "changelog_entry"]
    assert entries == ["The error message about duplicate parametrization no longer displays an internal stack trace."]


def _package_json(body_parser: str) -> str:
    return ('{\n  "name": "express",\n  "version": "5.0.0",\n  "dependencies": {\n    "accepts": "^2.0.0",\n'
            f'    "body-parser": "{body_parser}",\n    "content-type": "~1.0.4"\n  }}\n}}\n')


def test_a_runtime_dependency_moved_off_its_prerelease_is_medium():
    moved = {"package.json": (_package_json("2.0.0-beta.2"), _package_json("^2.0.1"))}
    analysis = read_judged("fix(deps): body-parser@^2.0.1", moved)
    assert analysis.importance == "medium" and "`2.0.0-beta.2`" in analysis.insights.compatibility
    patched_only = {"package.json": (_package_json("2.0.0"), _package_json("^2.0.1"))}
    assert read_judged("fix(deps): body-parser@^2.0.1", patched_only).importance == "low"


_ADD_DAYS = """@@ -782,9 +782,15 @@ impl NaiveDate {
     pub(crate) const fn add_days(self, days: i32) -> Option<Self> {
-        if days == 0 {
-            return Some(self);
+        // fast path if the result is within the same year
+        const ORDINAL_MASK: i32 = 0b1_1111_1111_0000;
+        if let Some(ordinal) = ((self.ymdf & ORDINAL_MASK) >> 4).checked_add(days) {
+            if ordinal > 0 && ordinal <= 365 {
+                let year_and_flags = self.ymdf & !ORDINAL_MASK;
+                return Some(NaiveDate { ymdf: year_and_flags | (ordinal << 4) });
+            }
         }
         let year = self.year();
"""


def test_a_fast_path_added_for_speed_is_medium():
    analysis = judged("Optimize `NaiveDate::add_days` for small values", [patched("src/naive/date.rs", _ADD_DAYS)])
    assert (analysis.change_type, analysis.importance) == ("perf", "medium")
    inlined = patched("src/naive/date.rs", "@@ -780,3 +780,4 @@ impl NaiveDate {\n     /// Add days.\n+    #[inline]\n"
                      "     pub(crate) const fn add_days(self, days: i32) -> Option<Self> {\n")
    assert judged("Optimize `NaiveDate::add_days` for small values", [inlined]).importance == "low"


def test_a_test_module_split_out_to_its_own_file_is_test_code():
    body = ["    use super::*;", "", "    #[test]", "    fn test_size() {",
            "        assert_eq!(size_of::<NaiveDate>(), 4);", "    }"]
    source = patched("src/naive/date.rs",
                     "@@ -2300,10 +2300,2 @@ const fn div_mod_floor(val: i32, div: i32) -> (i32, i32) {\n"
                     " #[cfg(test)]\n-mod tests {\n" + "".join(f"-{ln}\n" for ln in body) + "-}\n+mod tests;\n")
    tests = patched("src/naive/date/tests.rs", f"@@ -0,0 +1,{len(body)} @@\n"
                    + "".join(f"+{ln[4:]}\n" for ln in body))
    analysis = judged("Split out `test` module to its own file", [source, tests])
    assert (analysis.change_type, analysis.importance) == ("test", "low")


def test_a_type_moved_with_its_tests_is_still_a_move():
    week = ["pub struct NaiveWeek {", "    date: NaiveDate,", "    start: Weekday,", "}", "",
            "impl NaiveWeek {", "    pub const fn first_day(&self) -> NaiveDate {", "        self.date", "    }", "}"]
    checks = ["#[test]", "fn test_naiveweek() {", "    let date = NaiveDate::from_ymd_opt(2022, 5, 18).unwrap();",
              "    assert_eq!(date.week(Weekday::Mon).first_day(), date);", "}"]
    old = patched("src/naive/date/mod.rs", "@@ -40,12 +40,2 @@ use crate::{Datelike, TimeDelta, Weekday};\n"
                  + "".join(f"-{ln}\n" for ln in week) + " \n")
    old_tests = patched("src/naive/date/tests.rs", "@@ -10,7 +10,2 @@ use super::*;\n"
                        + "".join(f"-{ln}\n" for ln in checks) + " \n")
    new = patched("src/naive/mod.rs", "@@ -30,3 +30,13 @@ pub use self::date::NaiveDate;\n"
                  + "".join(f"+{ln}\n" for ln in week) + " \n@@ -90,3 +100,8 @@ mod test {\n     use super::*;\n"
                  + "".join(f"+{ln}\n" for ln in checks) + " }\n")
    assert judged("Move `NaiveWeek` to `naive` module", [old, old_tests, new]).importance == "low"


def test_a_changelog_note_beside_a_workflow_does_not_make_it_a_feature():
    workflow = patched(".github/workflows/deploy.yml",
                       "@@ -10,3 +10,3 @@ jobs:\n       - name: Publish\n"
                       "-        run: gh release create --notes-file notes.md\n"
                       "+        run: gh release create --repo=\"$GH_REPO\" --notes-file notes.md\n")
    note = patched("changelog/13942.contrib.rst", "@@ -0,0 +1 @@\n+Added support for publishing releases without a Git "
                                                  "checkout.\n")
    analysis = judged("🧪 Run `gh release` w/o Git in CI/CD (#13942)", [workflow, note])
    assert analysis.change_type in ("ci", "chore") and analysis.importance == "low"
