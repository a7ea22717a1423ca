"""Maintainer-review mends (defects51b) from reading FasterXML/java-classmate, golang/groupcache and zeux/pugixml
days: a release's ``pom.xml`` read as "`</scm>` → `</scm>`", a new ``.proto`` said to break clients built against
it (quoting its licence header's ``/*``), and a Java parameter retyped in its slot said to be renamed, its callers
told to "pass `type` instead of `rawType`"."""

from __future__ import annotations

from analysis.analyzers.signatures import compare
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
    # line, not a comment's opening (a ``required`` field: an ``optional`` one appended breaks no client, defects52b)
    text = analysis_text(analysed({"groupcachepb/groupcache.proto": (
        PROTO.replace("FIELD", ""), PROTO.replace("FIELD", "\n  // the caller's deadline\n  required int64 deadline = 3;"))},
        "add a deadline"))
    assert "clients built against them may need updating" in text, text
    assert "(+ `required int64 deadline = 3;`)" in text, text
    assert "(+ `//" not in text, text


def test_a_java_parameter_renamed_and_retyped_in_its_slot_is_retyped():
    delta = compare("public ResolvedType resolve(Class<?> rawType)", "public ResolvedType resolve(Type type)",
                    "src/main/java/com/fasterxml/classmate/TypeResolver.java", "TypeResolver.resolve")
    # another type in the slot still fails a call (or a compiled caller) passing the old one: breaking, said as retyped
    assert delta.breaking and delta.retypes == [("Class<?> rawType", "Type type")] and not delta.removed, delta
    # two slots rewritten are a parameter list rewritten: callers break
    delta = compare("void put(String key, int count)", "void put(int size, String label)", "A.java", "A.put")
    assert delta.breaking and [p.name for p in delta.removed] == ["key", "count"], delta
    # Python passes arguments by name: the rename is one callers see
    delta = compare("def resolve(raw_type: type)", "def resolve(tp: object)", "x.py", "resolve")
    assert delta.breaking and [p.name for p in delta.removed] == ["raw_type"], delta


RESOLVER = """package com.fasterxml.classmate;

import java.lang.reflect.Type;

public class TypeResolver {
    public ResolvedType resolve(SIGNATURE) {
        return _fromAny(null, ARG);
    }
}
"""


def test_a_retyped_java_parameter_tells_no_caller_to_pass_a_new_name():
    path = "src/main/java/com/fasterxml/classmate/TypeResolver.java"
    text = analysis_text(analysed({path: (RESOLVER.replace("SIGNATURE", "Class<?> rawType").replace("ARG", "rawType"),
                                          RESOLVER.replace("SIGNATURE", "Type type").replace("ARG", "type"))},
                                  "refactoring"))
    assert "pass `type` instead of `rawType`" not in text and "Calls that still pass" not in text, text
    assert "`rawType: Class<?>` → `type: Type`" in text, text
    assert "Breaking signature changes: `TypeResolver.resolve`" in text, text


def test_a_git_svn_id_trailer_is_no_point_of_the_change():
    src = "namespace pugi\n{\n    int limit() { return LIMIT; }\n}\n"
    files = {"src/pugixml.cpp": (src.replace("LIMIT", "8"), src.replace("LIMIT", "16"))}
    body = ("Raised the limit\n\ngit-svn-id: http://pugixml.googlecode.com/svn/trunk@883 "
            "99668b35-9821-0410-8761-19e4c4f06640")
    analysis = analysed(files, body)
    assert not any("git-svn-id" in s or "googlecode" in s for s in analysis.summary), analysis.summary
    # the words above it are the author's and stay
    analysis = analysed(files, "Raised the limit\n\nEight was too few for deep documents.\n\n" + body.split("\n\n")[1])
    assert any("Eight was too few" in s for s in analysis.summary), analysis.summary
