"""Maintainer-review mends (defects52b) from reading grpc-ecosystem/grpc-gateway, nothings/stb and
webpack/webpack-dev-server days: a C header's ``extern "C" {`` under ``#ifdef __cplusplus`` losing the whole header to
the parser (a new ``STBTT_DEF`` function unseen); a merge whose body is git's ``Conflicts:`` note titled "Conflicts:"
and summarised by the conflicted file's name; a JS test title's closing quote cut off; a JSON schema loosened read as
deployment defaults changed; a Go template's generated function name read as its first word; a changelog's ``\\#400``
quoted with its backslash; a body's "Today, ..." background quoted instead of its "This commit ..." paragraph; the same
line added twice quoted twice."""

from __future__ import annotations

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.heuristic.evidence import Evidence
from analysis.analyzers.heuristic.message import changelog_entries, message_points
from analysis.facts import derive_facts
from analysis.facts.code.hunk_symbols import definition, documented_names
from analysis.facts.code.symbols import _unlink_cplusplus
from analysis.facts.patches import parse_patch
from analysis.models import Commit, Fact
from tests.facts_support import analysed, analysis_text, commit_of, facts_of, patch_of

HEADER = """// lib_noise.h - public domain

#ifdef __cplusplus
extern "C" {
#endif
extern float lib_noise3(float x, float y, float z, int x_wrap, int y_wrap, int z_wrap);
extern float lib_fbm_noise3(float x, float y, float z, float lacunarity, float gain, int octaves);
#ifdef __cplusplus
}
#endif

#ifdef LIB_NOISE_IMPLEMENTATION

#include <math.h> // fabs()

static unsigned char lib__randtab[8] =
{
   23, 125, 161, 52, 103, 117, 70, 37,
};

static float lib__lerp(float a, float b, float t)
{
   return a + (b-a) * t;
}

float lib_noise3(float x, float y, float z, int x_wrap, int y_wrap, int z_wrap)
{
   return lib__lerp(x, y, z) + lib__randtab[(x_wrap + y_wrap + z_wrap) & 7];
}

float lib_fbm_noise3(float x, float y, float z, float lacunarity, float gain, int octaves)
{
   return lib_noise3(x * lacunarity, y * gain, z, octaves, 0, 0);
}
#endif  // LIB_NOISE_IMPLEMENTATION
"""
ADDED = HEADER.replace(
    "#ifdef __cplusplus\n}\n",
    "extern float lib_noise3_seed(float x, float y, float z, int seed);\n#ifdef __cplusplus\n}\n", 1).replace(
    "#endif  // LIB_NOISE_IMPLEMENTATION",
    "float lib_noise3_seed(float x, float y, float z, int seed)\n{\n   return lib_noise3(x, y, z, seed, 0, 0);\n}\n"
    "#endif  // LIB_NOISE_IMPLEMENTATION", 1)


def test_a_c_header_guarded_for_cplusplus_reads_its_new_function():
    facts = facts_of({"lib.h": (HEADER, ADDED)})
    added = [f for f in facts if f["kind"] == "symbol_added"]
    assert [f["symbol"] for f in added] == ["lib_noise3_seed"], facts
    assert added[0]["public"] is True
    text = analysis_text(analysed({"lib.h": (HEADER, ADDED)}, "lib: seeded noise"))
    assert "Adds `lib_noise3_seed`" in text, text
    # the functions already there are found on both sides: none reads as added or removed
    assert not [f for f in facts if f["kind"] == "symbol_removed"], facts


def test_unpaired_linkage_braces_are_left_as_written():
    # an opener without its closer: nothing is blanked, the text parses as before
    lone = HEADER.replace("#ifdef __cplusplus\n}\n#endif\n", "", 1)
    assert _unlink_cplusplus(lone) == lone
    unlinked = _unlink_cplusplus(HEADER)
    assert 'extern "C"' not in unlinked and len(unlinked) == len(HEADER)
    assert unlinked.count("\n") == HEADER.count("\n")


def _merge(message: str) -> Commit:
    commit, _ = commit_of({"stb_textedit.h": ("int a;\n", "int a;\nint b;\n")}, message)
    return commit


def test_a_merge_whose_body_is_a_conflicts_note_keeps_its_own_title():
    commit = _merge("Merge branch 'old_textedit' into working\n\nConflicts:\n\tstb_textedit.h\n")
    e = Evidence(commit=commit, facts=[])
    assert e.title == "Merge branch 'old_textedit' into working"
    assert e.body.strip() == "" or "stb_textedit.h" not in message_points(e.body, e.title)
    analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=[]))
    assert "stb_textedit.h" not in analysis.summary and "Conflicts:" not in analysis_text(analysis)
    # a merge whose body names the pull request still reads its title there, the note after it left out
    titled = _merge("Merge branch 'fix' into working\n\nFix the drag in single-line mode\n\n"
                    "Conflicts:\n\tstb_textedit.h\n")
    e = Evidence(commit=titled, facts=[])
    assert e.title == "Fix the drag in single-line mode"
    assert "stb_textedit.h" not in e.body


JS_BEFORE = """describe("overlay", () => {
  it('should show a warning when "client.overlay" is "true"', async () => {
    expect(1).toBe(1);
  });
});
"""
JS_AFTER = JS_BEFORE.replace("});\n});", """});

  it('should show an error when "client.overlay.errors" is "true"', async () => {
    expect(2).toBe(2);
  });

  it("should hide the overlay", async () => {
    expect(3).toBe(3);
  });
});""")


def test_a_js_test_title_keeps_the_quote_that_closes_it():
    facts = facts_of({"test/overlay.test.js": (JS_BEFORE, JS_AFTER)})
    added = [f["symbol"] for f in facts if f["kind"] == "test_added"]
    assert 'overlay > should show an error when "client.overlay.errors" is "true"' in added, added
    assert "overlay > should hide the overlay" in added, added


SCHEMA = """{
  "definitions": {
    "HTTPS": {
      "anyOf": [
        {"type": "boolean"},
        {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "cacert": {"anyOf": [{"type": "string"}, {"instanceof": "Buffer"}]}
          }
        }
      ]
    }
  }
}
"""
WIDER = SCHEMA.replace('"additionalProperties": false', '"additionalProperties": true').replace(
    '"cacert": {"anyOf": [{"type": "string"}, {"instanceof": "Buffer"}]}',
    '"cacert": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}, '
    '{"instanceof": "Buffer"}]}')
NARROWER = SCHEMA.replace('"cacert": {"anyOf": [{"type": "string"}, {"instanceof": "Buffer"}]}',
                          '"cacert": {"anyOf": [{"type": "string"}]}')


def test_a_schema_that_accepts_more_is_no_changed_default():
    text = analysis_text(analysed({"lib/options.json": (SCHEMA, WIDER)}, "fix: respect `https.cacert` option"))
    assert "Deployments that do not set" not in text and "deployments relying on the old value" not in text, text
    assert "cacert.anyOf" in text, text  # the summary still says what the schema now accepts
    # an alternative taken away is still a change what validated may fail
    narrowed = analysis_text(analysed({"lib/options.json": (SCHEMA, NARROWER)}, "fix: restrict `https.cacert`"))
    assert "`definitions.HTTPS.anyOf[1].properties.cacert.anyOf`" in narrowed and "deployments" in narrowed.lower(), \
        narrowed


def test_a_go_template_function_name_is_not_its_first_word():
    assert definition("go", "func local_request_{{.Method.Service.GetName}}_{{.Index}}(ctx context.Context) {") is None
    found = definition("go", "func local_request_Echo_0(ctx context.Context) {")
    assert found is not None and found.name == "local_request_Echo_0"
    template = ('package gengateway\n\nvar t = `\nfunc local_request_{{.Method.GetName}}(ctx context.Context) {\n'
                '\treturn nil\n}\n\n{{range $svc := .Services}}\n// Register{{$svc.GetName}}Server registers it.\n'
                '// StreamingRPC :need dial the same port.\n// more\n{{end}}\n`\n')
    after = template.replace("// StreamingRPC :need dial the same port.", "// StreamingRPC :currently unsupported.")
    text = analysis_text(analysed({"gengateway/template.go": (template, after)}, "Update template.go"))
    assert "`local_request_`" not in text, text
    assert "StreamingRPC :currently unsupported" in text, text


def _entry(text: str) -> Fact:
    return Fact(kind="changelog_entry", path="CHANGELOG.md", text=text)


def test_a_changelog_escape_is_said_as_its_character():
    entries = changelog_entries([_entry(
        "- allow protobuf well known types in params [\\#400](https://github.com/o/r/issues/400)")])
    assert entries == ["allow protobuf well known types in params #400"], entries
    kept = changelog_entries([_entry("- quote paths like `C:\\dir\\_x` in the output")])
    assert kept == ["quote paths like `C:\\dir\\_x` in the output"], kept


def test_a_background_paragraph_gives_way_to_what_the_commit_does():
    body = ("Today, the field order in swagger.json files is consistent with\nthe order of fields in the .proto.\n\n"
            "However, in swagger.yaml files the order becomes alphabetical.\n\n"
            "This commit uses yaml.Node to keep the same field order in yaml files as well.\n")
    assert message_points(body) == ["This commit uses yaml.Node to keep the same field order in yaml files as well."]
    # background with no paragraph saying what the change does: the first paragraph still speaks
    alone = "Today, the field order follows the .proto.\n\nHowever, yaml sorts it.\n"
    assert message_points(alone) == ["Today, the field order follows the .proto."]


def test_a_line_added_twice_among_comments_is_quoted_once():
    filler = "".join(f" * note {i}: the library does one more thing\n" for i in range(8))
    before = (f"/* lib - v2.19 - public domain\n{filler}\nVersion History\n\n      2.19 fix warning\n{filler}*/\n"
              "int lib_a(void);\n\n/*\n   revision history:\n" + filler + "\n      2.19 fix warning\n" + filler
              + "*/\n")
    after = before.replace("v2.19", "v2.20").replace(" * note 7: the library", " * note 7: this library").replace(
        "      2.19 fix warning\n", "      2.20 (2019-02-07) support utf8 filenames\n      2.19 fix warning\n")
    commit, _ = commit_of({"lib.h": (before, after)}, "update version numbers")
    # the file unread (too large to read whole): its hunks alone, which show no ``/*`` above the history lines
    analysis = HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(facts=derive_facts(commit, None)))
    text = analysis_text(analysis)
    assert "adds `2.20 (2019-02-07) support utf8 filenames`" in text, text
    assert text.count("2.20 (2019-02-07) support utf8 filenames") == 1, text


def test_a_sentence_announcing_a_commit_names_it():
    body = ("This partially reverts the recent commit:\n\na0fe8d7c8676db9674ccbc4c4fc642790a8b8065\n\n"
            "Which doesn't solve the problem for read_only being set on the field.\n")
    assert message_points(body) == ["This partially reverts the recent commit a0fe8d7"]
    # a colon over a paragraph of words: the sentence ends there, nothing appended
    assert message_points("Changes made in this PR:\n\nthe parser is strict now.\n")[0] != \
        "Changes made in this PR a0fe8d7"


PROTO = """syntax = "proto3";
package example;

message ABitOfEverything {
  string single_nested = 1;
  int64 int64_override_type = 37;
  google.protobuf.Any anytype = 38;
}
"""


def test_a_proto_field_appended_is_no_client_risk():
    appended = PROTO.replace("  google.protobuf.Any anytype = 38;\n", "  google.protobuf.Any anytype = 38;\n"
                             "  repeated google.protobuf.Any repeated_anytype = 39;\n")
    text = analysis_text(analysed({"proto/examplepb/example.proto": (PROTO, appended)},
                                  "fix: add check for repeated google.protobuf.Any type"))
    assert "may no longer match" not in text and "Regenerate and test the clients" not in text, text
    # a field renumbered is a wire change clients notice
    renumbered = PROTO.replace("anytype = 38;", "anytype = 40;")
    text = analysis_text(analysed({"proto/examplepb/example.proto": (PROTO, renumbered)}, "renumber anytype"))
    assert "may no longer match" in text, text


def test_comment_lines_changed_in_a_header_the_parser_trips_on_elsewhere_are_comments_only():
    history = "".join(f"      2.{n}  fix warnings\n" for n in range(19, 9, -1))
    before = ("/* lib - v2.19 - public domain\n\n   Version History\n\n" + history + "\n   LICENSE: see end\n*/\n\n"
              "#ifdef LIB_WIDE\nint lib_open(const wchar_t *name) {\n#else\nint lib_open(const char *name) {\n#endif\n"
              "   return name != 0;\n}\n")
    after = before.replace("v2.19", "v2.20").replace("      2.19  fix warnings\n",
                                                     "      2.20  support utf8 filenames\n      2.19  fix warnings\n")
    facts = facts_of({"lib.h": (before, after)})
    assert facts == [{"kind": "comments_only", "path": "lib.h"}], facts
    analysis = analysed({"lib.h": (before, after)}, "update version numbers")
    assert analysis.importance == "low" and "lines of code" not in analysis_text(analysis), analysis_text(analysis)
    # a line of code changed beside them is code
    coded = after.replace("   return name != 0;", "   return name != 0 && *name;")
    assert {"kind": "comments_only", "path": "lib.h"} not in facts_of({"lib.h": (before, coded)})


def test_licence_prose_in_a_block_comment_documents_no_function():
    licence = ("/*\nALTERNATIVE A - MIT License\nPermission is hereby granted, free of charge, to any person\n"
               "a copy of this software and associated documentation files (the \"Software\"), to deal in\n"
               "the Software without restriction.\n*/\n")
    before = "// LICENSE\n//\n//   This software is in the public domain.\n\nint lib_open(const char *name);\n"
    after = before.replace("//   This software is in the public domain.", "//   See end of file.") + licence
    patch = parse_patch("lib.h", patch_of(before, after))
    assert "files" not in documented_names("lib.h", patch), documented_names("lib.h", patch)
    # a doc comment over a definition still documents it
    doc = "int lib_close(void);\n\n\n\n// opens the named file\nint lib_open(const char *name)\n{\n  return 0;\n}\n"
    documented = doc.replace("// opens the named file", "// opens the named file, or returns 0")
    assert documented_names("lib.c", parse_patch("lib.c", patch_of(doc, documented))) == ["lib_open"]
    # and so does one inside a /* .. */ block over it
    block = doc.replace("// opens the named file", "/* opens the named file */")
    reworded = block.replace("named file", "named file, or returns 0")
    assert documented_names("lib.c", parse_patch("lib.c", patch_of(block, reworded))) == ["lib_open"]
