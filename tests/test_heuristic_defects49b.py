"""Maintainer-review mends (defects49b) from reading jquery/jquery and tokio-rs/bytes days: a Rust trait ``impl``
moved from one file to another read as implemented anew; a ``pub`` item removed with its private module (``mod
debug;`` dropped from ``src/lib.rs``) read as public API removed."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text, facts_of

LIB = "mod bytes;\nmod debug;\npub use crate::bytes::Bytes;\n"
LIB_AFTER = "mod bytes;\nmod fmt;\npub use crate::bytes::Bytes;\n"
BYTES = """use core::fmt;

pub struct Bytes {
    len: usize,
}

impl Bytes {
    pub fn len(&self) -> usize {
        self.len
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&crate::debug::BsDebug(&[]), f)
    }
}
"""
BYTES_AFTER = BYTES.split("impl fmt::Debug")[0].rstrip() + "\n"
DEBUG = """use core::fmt;

/// Writes bytes as an ASCII string where it can.
pub struct BsDebug<'a>(pub &'a [u8]);

impl fmt::Debug for BsDebug<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b\\"")?;
        write!(f, "\\"")
    }
}
"""
FMT_DEBUG = """use core::fmt::{Debug, Formatter, Result};

use crate::Bytes;

impl Debug for Bytes {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        write!(f, "b\\"")?;
        write!(f, "{}\\"", self.len())
    }
}
"""
FMT_MOD = "mod debug;\n"


def _moved(lib_after: str = LIB_AFTER) -> dict:
    return {"src/lib.rs": (LIB, lib_after), "src/bytes.rs": (BYTES, BYTES_AFTER), "src/debug.rs": (DEBUG, None),
            "src/fmt/debug.rs": (None, FMT_DEBUG), "src/fmt/mod.rs": (None, FMT_MOD)}


def test_an_impl_moved_to_another_file_is_not_implemented_anew():
    text = analysis_text(analysed(_moved(), "merge debug into fmt"))
    assert "Implements `Debug` for `Bytes`" not in text and "`Bytes` no longer implements" not in text, text
    # one the commit adds in a file of its own, with no counterpart lost, still is
    new = {"src/bytes.rs": (BYTES_AFTER, BYTES_AFTER + "\nimpl Default for Bytes {\n    fn default() -> Bytes {\n"
                            "        Bytes { len: 0 }\n    }\n}\n"),
           "src/fmt/debug.rs": (None, FMT_DEBUG)}
    text = analysis_text(analysed(new, "Implement Debug and Default"))
    assert "Implements `Default`, `Debug` for `Bytes`" in text, text


HEX = "use core::fmt::{Formatter, LowerHex, Result};\n\nuse super::BytesRef;\n\n"


def test_an_impl_whose_lifetime_is_renamed_is_the_same_type():
    before = HEX + "impl<'a> LowerHex for BytesRef<'a> {\n    fn fmt(&self, f: &mut Formatter<'_>) -> Result {\n" \
                   "        Ok(())\n    }\n}\n"
    after = HEX + "impl LowerHex for BytesRef<'_> {\n    fn fmt(&self, f: &mut Formatter<'_>) -> Result {\n" \
                  "        Ok(())\n    }\n}\n"
    text = analysis_text(analysed({"src/fmt/hex.rs": (before, after)}, "Elide lifetimes"))
    assert "`impl<'a> LowerHex for BytesRef<'a> {` → `impl LowerHex for BytesRef<'_> {`" in text, text
    assert "now implemented" not in text and "Implements" not in text, text
    other = after.replace("BytesRef<'_>", "BytesMut")
    text = analysis_text(analysed({"src/fmt/hex.rs": (before, other)}, "Hex for BytesMut"))
    assert "`LowerHex` now implemented for `BytesMut` instead of `BytesRef<'a>`" in text, text


def test_a_trait_spelled_through_its_module_in_one_file_pairs_with_its_bare_name_in_another():
    text = analysis_text(analysed(_moved(), "merge debug into fmt"))
    assert "`BsDebug<'_>` no longer implements `fmt::Debug`" in text, text  # nothing takes its place
    renamed = dict(_moved())
    renamed["src/fmt/debug.rs"] = (None, FMT_DEBUG + "\npub(crate) struct BytesRef<'a>(pub &'a [u8]);\n\n"
                                   "impl Debug for BytesRef<'_> {\n    fn fmt(&self, f: &mut Formatter<'_>) -> Result {\n"
                                   "        write!(f, \"b\")\n    }\n}\n")
    text = analysis_text(analysed(renamed, "merge debug into fmt"))
    assert "`Debug` now implemented for `BytesRef<'_>` instead of `BsDebug<'_>`" in text, text
    assert "no longer implements" not in text and "Implements `Debug`" not in text, text


def test_a_pub_item_removed_with_its_private_module_is_no_public_api():
    facts = facts_of(_moved())
    removed = [f for f in facts if f["kind"] == "symbol_removed" and f.get("symbol") == "BsDebug"]
    assert removed and removed[0]["public"] is False, facts
    text = analysis_text(analysed(_moved(), "merge debug into fmt"))
    assert "internal `BsDebug`" in text and "Removes public `BsDebug`" not in text, text
    # declared ``pub mod debug;`` before the commit, its removal breaks callers
    public = _moved()
    public["src/lib.rs"] = (LIB.replace("mod debug;", "pub mod debug;"), LIB_AFTER)
    facts = facts_of(public)
    removed = [f for f in facts if f["kind"] == "symbol_removed" and f.get("symbol") == "BsDebug"]
    assert removed and removed[0]["public"] is True, facts
    assert "Removes public `BsDebug`" in analysed(public, "merge debug into fmt").summary


def test_github_gh_references_and_git_conflict_notes_are_not_the_change():
    from analysis.analyzers.heuristic.message import message_points

    body = ("Fixes gh-2237\nCloses gh-2276\n\n(cherry picked from commit 214e1634ab9b1d13d53647dd5de3bdf7a091d49c)\n\n"
            "Conflicts:\n\tsrc/css.js\n\tsrc/css/support.js\n\ttest/unit/support.js\n")
    assert message_points(body) == []
    assert message_points("Fixes gh-2343, gh-2410\nClose gh-2617") == []
    assert message_points("# Conflicts:\n#\tsrc/css.js\n") == []
    # words around a reference, or a paragraph that opens with the word, are the author's
    assert message_points("Conflicts between two cached entries now keep the newer one.\n\nFixes gh-12") == [
        "Conflicts between two cached entries now keep the newer one."]
    assert message_points("Use isFinite where gh-2662 asked for it") == ["Use isFinite where gh-2662 asked for it"]
    src = "function one() {\n  return 1;\n}\n"
    summary = " ".join(analysed({"src/one.js": (src, src.replace("1", "2"))},
                                "Core: return two\n\nFixes gh-3871\nClose gh-3869\n\nConflicts:\n\tsrc/one.js").summary)
    assert "gh-" not in summary and "Conflicts" not in summary and "`one`" in summary, summary


CORE_TEST = 'QUnit.test( "type", function( assert ) {\n\tassert.equal( jQuery.type( new Function( "return;" ) ), ' \
            '"function", "Function" );\n} );\n'
OTHER_TEST = 'QUnit.test( "noop", function( assert ) {\n\tassert.ok( true );\n} );\n'


def test_a_security_signal_on_a_line_moved_between_files_is_not_new():
    moved = {"test/unit/core.js": (OTHER_TEST + CORE_TEST, OTHER_TEST),
             "test/unit/deprecated.js": (OTHER_TEST, OTHER_TEST + CORE_TEST)}
    assert not [f for f in facts_of(moved) if f["kind"] == "security_signal"], facts_of(moved)
    added = {"test/unit/deprecated.js": (OTHER_TEST, OTHER_TEST + CORE_TEST)}
    signals = [f for f in facts_of(added) if f["kind"] == "security_signal"]
    assert signals and signals[0]["text"].startswith("new Function() builds code from a string"), signals
    src = "export function run(code) {\n  return code;\n}\n"
    new = src.replace("return code;", "return eval(code);")
    signals = [f for f in facts_of({"src/run.js": (src, new)}) if f["kind"] == "security_signal"]
    assert [f["path"] for f in signals] == ["src/run.js"], signals
    other = "export const x = 1;\n"
    back = {"src/run.js": (new, src),
            "src/other.js": (other, other + "export function run2(code) {\n  return eval(code);\n}\n")}
    assert not [f for f in facts_of(back) if f["kind"] == "security_signal"], facts_of(back)


def _pom(version: str, tag: str = "HEAD") -> str:
    return (f"<project>\n  <parent>\n    <artifactId>moshi-parent</artifactId>\n    <version>{version}</version>\n"
            f"  </parent>\n  <scm>\n    <tag>{tag}</tag>\n  </scm>\n</project>\n")


def test_the_one_line_every_build_file_rewrites_is_said_once():
    files = {f"{m}/pom.xml": (_pom("1.6.0-SNAPSHOT"), _pom("1.6.0")) for m in ("adapters", "examples", "kotlin", "reflect")}
    files["pom.xml"] = (_pom("1.6.0-SNAPSHOT"), _pom("1.6.0", "moshi-parent-1.6.0"))
    for lang, said in (("en", "; in each: `<version>1.6.0-SNAPSHOT</version>` → `<version>1.6.0</version>`"),
                       ("zh", "；每个文件均为：`<version>1.6.0-SNAPSHOT</version>` → `<version>1.6.0</version>`")):
        summary = " ".join(analysed(files, "[maven-release-plugin] prepare release moshi-parent-1.6.0", lang).summary)
        assert said in summary, summary
    # modules that each bump to a version of their own share no line: none is quoted as common
    apart = {f"{m}/pom.xml": (_pom("1.0"), _pom(v)) for m, v in (("a", "1.1"), ("b", "1.2"), ("c", "1.3"), ("d", "2"))}
    summary = " ".join(analysed(apart, "Bump module versions").summary)
    assert "in each" not in summary and "Build files only" in summary, summary


JAVA_SCOPE = """package com.example;

/** Lexical scoping elements within a JSON reader or writer. */
final class JsonScope {
  private JsonScope() {}

  static final int EMPTY_ARRAY = 1;

  static String getPath(int stackSize, int[] stack) {
    StringBuilder result = new StringBuilder().append('$');
    for (int i = 0; i < stackSize; i++) {
      result.append('[').append(stack[i]).append(']');
    }
    return result.toString();
  }
}
"""
KOTLIN_SCOPE = """package com.example

/** Lexical scoping elements within a JSON reader or writer. */
internal object JsonScope {
  const val EMPTY_ARRAY = 1

  @JvmStatic
  fun getPath(stackSize: Int, stack: IntArray): String {
    return buildString {
      append('$')
      for (i in 0 until stackSize) {
        append('[').append(stack[i]).append(']')
      }
    }
  }
}
"""


def _ported(before: str, after: str, old: str, new: str) -> list[dict]:
    from analysis.facts import derive_facts
    from analysis.models import FileChange
    from tests.facts_support import PARENT, SHA, commit_of, patch_of

    commit, texts = commit_of({})
    patch = patch_of(before, after)
    commit.files.append(FileChange(path=new, previous_path=old, status="renamed", patch=patch,
                                   additions=patch.count("\n+"), deletions=patch.count("\n-")))
    texts.texts[(PARENT, old)], texts.texts[(SHA, new)] = before, after
    return [f.model_dump(exclude_none=True) for f in derive_facts(commit, texts)]


def test_a_file_renamed_into_another_language_reads_its_old_side_in_its_old_language():
    facts = _ported(JAVA_SCOPE, KOTLIN_SCOPE, "src/main/java/com/example/JsonScope.java",
                    "src/main/java/com/example/JsonScope.kt")
    scope = [f for f in facts if f.get("symbol") == "JsonScope"]
    # Java's ``final class`` is package-private: nothing was public to lose
    assert scope and scope[0]["public"] is False and "no longer public" not in scope[0]["text"], facts
    assert not [f for f in facts if f.get("symbol") == "getPath"], facts
    assert [f["kind"] for f in facts if f.get("symbol") == "JsonScope.getPath"] == ["signature_changed"], facts
    # a public Java class ported to an internal Kotlin object does narrow
    facts = _ported(JAVA_SCOPE.replace("final class", "public final class"), KOTLIN_SCOPE,
                    "src/main/java/com/example/JsonScope.java", "src/main/java/com/example/JsonScope.kt")
    scope = [f for f in facts if f.get("symbol") == "JsonScope"]
    assert scope and "no longer public" in scope[0]["text"], facts


CSS_TEST = ('QUnit.test( "lineHeight", function( assert ) {\n\tadd( "lineHeight", 20, "pt" );\n'
            '\tadd( "lineHeight", 30, "pc" );\n\tadd( "lineHeight", 1, "cm" );\n\tadd( "lineHeight", -44, "mm" );\n'
            '\tadd( "lineHeight", 50, "%" );\n} );\n')


def test_one_line_moved_within_a_file_is_said_moved_not_rewritten_as_itself():
    moved = CSS_TEST.replace('\tadd( "lineHeight", 50, "%" );\n', "").replace(
        '\tadd( "lineHeight", 20, "pt" );\n', '\tadd( "lineHeight", 50, "%" );\n\tadd( "lineHeight", 20, "pt" );\n')
    for lang, said in (("en", ': moves `add( "lineHeight", 50, "%" );`'), ("zh", '：移动 `add( "lineHeight", 50, "%" );`')):
        summary = " ".join(analysed({"test/unit/css.js": (CSS_TEST, moved)}, "Tests: fix failure in Edge", lang).summary)
        assert said in summary and "→" not in summary, summary
    # the line re-spaced where it stands is rewritten, not moved
    spaced = CSS_TEST.replace('\tadd( "lineHeight", 50, "%" );', '\tadd( "lineHeight", 50,  "%" );')
    summary = " ".join(analysed({"test/unit/css.js": (CSS_TEST, spaced)}, "Tests: align").summary)
    assert "moves" not in summary and "Whitespace only in `test/unit/css.js`" in summary, summary
