"""Maintainer-review mends (defects51b) from reading FasterXML/java-classmate, golang/groupcache and zeux/pugixml
days: a release's ``pom.xml`` read as "`</scm>` → `</scm>`", a new ``.proto`` said to break clients built against
it (quoting its licence header's ``/*``), and a Java parameter retyped in its slot said to be renamed, its callers
told to "pass `type` instead of `rawType`"."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text

POM = """<project>
    <groupId>com.fasterxml</groupId>
    <artifactId>classmate</artifactId>
    <version>VERSION</version>
    <scm>
        <url>http://github.com/cowtowncoder/java-classmate</url>
SCM</project>
"""


def test_a_re_indented_pom_line_is_no_setting_changed():
    files = {"pom.xml": (POM.replace("VERSION", "1.3.0-SNAPSHOT").replace("SCM", "    </scm>\n"),
                         POM.replace("VERSION", "1.3.0").replace("SCM", "      <tag>classmate-1.3.0</tag>\n  </scm>\n"))}
    text = analysis_text(analysed(files, "[maven-release-plugin] prepare release classmate-1.3.0"))
    assert "`</scm>` → `</scm>`" not in text, text
    # the element whose value moves is one setting changed, old → new; the new element is added
    assert "`<version>1.3.0-SNAPSHOT</version>` → `<version>1.3.0</version>`" in text, text
    assert "adds `<tag>classmate-1.3.0</tag>`" in text, text


def test_pom_elements_rewritten_are_paired_by_tag():
    files = {"pom.xml": (POM.replace("VERSION", "1.3.0").replace("SCM", "      <tag>classmate-1.3.0</tag>\n  </scm>\n"),
                         POM.replace("VERSION", "1.3.1-SNAPSHOT").replace("SCM", "      <tag>HEAD</tag>\n  </scm>\n"))}
    text = analysis_text(analysed(files, "[maven-release-plugin] prepare for next development iteration"))
    assert "`<version>1.3.0</version>` → `<version>1.3.1-SNAPSHOT</version>`" in text, text
    assert "`<tag>classmate-1.3.0</tag>` → `<tag>HEAD</tag>`" in text, text
    assert "removes" not in text, text


PROTO = """/*
Copyright 2012 Google Inc.
*/

syntax = "proto2";

package groupcachepb;

message GetRequest {
  required string group = 1;
  required string key = 2;FIELD
}
"""


def test_a_new_proto_file_breaks_no_client_built_against_it():
    text = analysis_text(analysed({"groupcachepb/groupcache.proto": (None, PROTO.replace("FIELD", ""))},
                                  "add the wire protocol"))
    assert "clients built against them may need updating" not in text, text
    assert "API or schema definitions changed" not in text, text
    # a definition file that was there before still asks for its clients to be checked, quoting its definition
    # line, not a comment's opening
    text = analysis_text(analysed({"groupcachepb/groupcache.proto": (
        PROTO.replace("FIELD", ""), PROTO.replace("FIELD", "\n  // the caller's deadline\n  optional int64 deadline = 3;"))},
        "add a deadline"))
    assert "clients built against them may need updating" in text, text
    assert "(+ `optional int64 deadline = 3;`)" in text, text
    assert "(+ `//" not in text, text
