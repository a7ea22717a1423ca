"""Maintainer-review mends (defects12) from reading the eleventh set's days: what the heuristic says, en and zh.

Each case is built from before/after texts (real unified diffs, facts from both sides), never from one project's
paths: a security word of the message ("TLS") is said only where the product code's changed lines name it, with
the file and the symbols changed there, never echoed as "the message mentions"."""

from __future__ import annotations

from tests.facts_support import analysed

URI_BEFORE = ("int parse_uri(const char *uri, int *secure) {\n"
              "    if (!strncmp(uri, \"valkeys://\", 10)) {\n"
              "        return -1;\n"
              "    }\n"
              "    return 0;\n"
              "}\n")
URI_AFTER = URI_BEFORE.replace("        return -1;\n", "        use_tls = 1;\n        return -1;\n")
DOC = "# Encryption\n\nRun with the TLS port.\n"


def test_a_security_word_of_the_message_is_said_where_the_changed_code_names_it():
    message = "Mention one TLS scheme in the error message\n\nWhen built without TLS, name only the scheme used."
    analysis = analysed({"src/cli_common.c": (URI_BEFORE, URI_AFTER)}, message)
    security = analysis.insights.security
    assert "`tls`" in security and "`src/cli_common.c`" in security and "`parse_uri`" in security, security
    assert "message mentions" not in security
    zh = analysed({"src/cli_common.c": (URI_BEFORE, URI_AFTER)}, message, "zh").insights.security
    assert "`tls`" in zh and "`src/cli_common.c`" in zh and "提交信息提到" not in zh, zh


def test_a_security_word_only_the_message_or_the_docs_carry_says_nothing():
    message = "Fix formatting in the TLS guide"
    docs_only = analysed({"docs/TLS.md": (DOC, DOC.replace("the TLS", "the  TLS"))}, message)
    assert docs_only.change_type == "docs" and docs_only.insights.security == "", docs_only.insights
    renamed = URI_BEFORE.replace("return 0;", "return 1;")
    code_without_word = analysed({"src/cli_common.c": (URI_BEFORE, renamed)}, "Handle TLS clusters: return 1")
    assert "`parse_uri`" in " ".join(code_without_word.summary)
    assert code_without_word.insights.security == "", code_without_word.insights


def test_a_dereference_assignment_in_c_is_code_not_a_comment():
    deref = URI_BEFORE.replace("        return -1;\n", "        *secure = 1;\n        return -1;\n")
    analysis = analysed({"src/cli_common.c": (URI_BEFORE, deref)}, "Set the secure flag for the scheme")
    assert analysis.change_type != "docs" and analysis.importance != "low", analysis
    assert "Changes `parse_uri` in `src/cli_common.c`" in " ".join(analysis.summary), analysis.summary
    comment = URI_BEFORE.replace("        return -1;\n", "        /* the secure scheme\n         * is refused */\n"
                                 "        return -1;\n")
    assert analysed({"src/cli_common.c": (URI_BEFORE, comment)}, "Explain the refusal").importance == "low"


CHANGES_BEFORE = ('<document>\n  <body>\n    <release version="2.1" date="YYYY-MM-DD">\n'
                  '      <action type="fix" dev="ann">Fix the old reader.</action>\n'
                  '    </release>\n  </body>\n</document>\n')


def test_an_xml_changelog_entry_is_quoted_by_its_words_not_its_markup():
    added = CHANGES_BEFORE.replace(
        "      <action type=\"fix\" dev=\"ann\">Fix",
        "      <!-- FIX -->\n      <action type=\"fix\" dev=\"bob\" issue=\"IO-9\">"
        "Reader.close() now clears its buffer.</action>\n"
        "      <action type=\"fix\" dev=\"ann\">Fix")
    summary = analysed({"src/changes/changes.xml": (CHANGES_BEFORE, added)}, "Note the reader fix").summary
    assert "Changelog: Reader.close() now clears its buffer." in summary, summary
    assert not any("<" in line or "dev=" in line for line in summary), summary


def test_a_subject_run_on_to_the_second_line_is_quoted_as_one_sentence():
    message = "Reader now clears its direct memory buffer\non close.\n\nThe writer does as well."
    summary = analysed({"src/reader.py": ("def close():\n    pass\n", "def close():\n    clear()\n")}, message).summary
    assert summary[0] == "Reader now clears its direct memory buffer on close.", summary
    apart = analysed({"src/reader.py": ("def close():\n    pass\n", "def close():\n    clear()\n")},
                     "Reader clears its buffer\n\nthe writer does as well.").summary
    assert apart[0] == "the writer does as well.", apart


def test_a_paragraph_announcing_the_list_below_gives_the_list_as_the_points():
    message = ("Detect the flag on more platforms (#294)\n\nThis PR has mainly done three things:\r\n\r\n"
               "1. Enable the flag on one platform\r\n2. Fix the detection on two others\r\n\r\n### References\r\n")
    files = {"src/config.py": ("FLAG = False\n", "FLAG = True\n")}
    summary = analysed(files, message).summary
    assert summary[:2] == ["Enable the flag on one platform", "Fix the detection on two others"], summary
    assert not any("three things" in line for line in summary), summary
    code_block = "Fix parsing\n\nThe file fails parsing:\n\n    value = [\n"
    assert analysed(files, code_block).summary[0] == "The file fails parsing", analysed(files, code_block).summary


def test_a_files_own_zero_major_version_is_not_said_as_a_dependency_that_may_break():
    site = '[site]\ntitle = "lib"\nversion = "0.48.0"\n'
    header = '#define LIB_VERSION "0.48.0"\n'
    release = analysed({"docs-src/config.toml": (site, site.replace("0.48.0", "0.49.0")),
                        "lib.h": (header, header.replace("0.48.0", "0.49.0"))}, "Release v0.49.0")
    assert "`site.version` `0.48.0` → `0.49.0`" in release.summary, release.summary
    assert "zero-major" not in release.insights.compatibility, release.insights
    manifest = '[package]\nname = "app"\nversion = "1.0.0"\n\n[dependencies]\nfoo = "0.3"\n'
    bump = analysed({"Cargo.toml": (manifest, manifest.replace('"0.3"', '"0.4"'))}, "Bump foo to 0.4")
    assert "`foo` moves to its next zero-major series" in bump.insights.compatibility, bump.insights
