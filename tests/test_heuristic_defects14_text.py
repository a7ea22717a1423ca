"""The thirteenth set read as its maintainers would (defects14): a title wrapped onto a second line is not quoted
again beside the changelog line that says it, an example's lead-in ("e.g.:") does not dangle once the example is
left out, and the files whose code changes are named before the comment-only ones."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.heuristic.message import message_points
from tests.facts_support import analysed

_CHANGES_XML = ('<document>\n  <body>\n    <release version="1.0">\n'
                '      <action type="fix" dev="a">Reader keeps its last line #10.</action>\n'
                '      <!-- ADD -->\n    </release>\n  </body>\n</document>\n')


def _changelog_commit(entry: str, message: str, lang: str = "en"):
    after = _CHANGES_XML.replace("      <!-- ADD -->", f'      <action type="fix" dev="a">{entry}</action>\n'
                                                       "      <!-- ADD -->")
    return analysed({"src/changes/changes.xml": (_CHANGES_XML, after)}, message, lang)


def test_a_title_wrapped_onto_its_issue_number_is_not_quoted_as_a_point_of_its_own():
    result = _changelog_commit("StrBuilder.deleteImpl(int, int, int) doesn't clear its unused bytes (#742).",
                               "StrBuilder.deleteImpl(int, int, int) doesn't clear its unused bytes\n(#742).")
    assert result.summary == ["Changelog: StrBuilder.deleteImpl(int, int, int) doesn't clear its unused bytes (#742)."]


def test_a_wrapped_title_the_changelog_line_restates_is_said_once():
    entry = "StrBuilder.readFrom(Readable), exposes stale internal buffer to Readable parameter (#741)."
    result = _changelog_commit(entry, "StrBuilder.readFrom(Readable), exposes stale internal buffer to Readable\n"
                                      "parameter (#741).")
    assert result.summary == [f"Changelog: {entry}"]
    zh = _changelog_commit(entry, "StrBuilder.readFrom(Readable), exposes stale internal buffer to Readable\n"
                                  "parameter (#741).", lang="zh")
    assert len(zh.summary) == 1 and entry in zh.summary[0]


def test_a_wrapped_title_that_says_more_than_the_changelog_is_kept_whole():
    result = _changelog_commit("Reader fix (#9).", "Reader no longer drops the final line when the input\n"
                                                   "ends without a newline")
    assert result.summary[0] == "Reader no longer drops the final line when the input ends without a newline"
    assert result.summary[1] == "Changelog: Reader fix (#9)."


def test_an_example_lead_in_ends_the_sentence_when_the_example_is_left_out():
    body = ('Previously the ^^^s would be misplaced, e.g.:\n\n      2 |     k1 = "asd"\n'
            '                  ^^^^^^^')
    assert message_points(body) == ["Previously the ^^^s would be misplaced."]
    assert message_points("The parser now rejects it, for example:\n\n    x = 1") == ["The parser now rejects it."]


def test_a_statement_introducing_a_block_keeps_its_words_without_the_colon():
    assert message_points("Reading a BOM caused the file\nto fail parsing:\n\n    error") == [
        "Reading a BOM caused the file to fail parsing"]


_SERVICE = "apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - name: metrics\n      port: 8080\n"
_VALUES = "metrics:\n  # -- port of the metrics endpoint\n  port: 8080\n"


def test_code_changes_beside_comment_only_files_are_named_first():
    service_after = _SERVICE + "      {{- if .Values.metrics.appProtocol }}\n      appProtocol: tls\n      {{- end }}\n"
    values_after = _VALUES + "  # -- app protocol of the service\n  # appProtocol: http\n"
    result = analysed({"chart/templates/service.yaml": (_SERVICE, service_after),
                       "chart/values.yaml": (_VALUES, values_after)}, "Add appProtocol to services")
    assert result.summary[0].startswith("Changes `chart/templates/service.yaml` (+3/−0)")
    assert result.summary[1] == "Comments and docstrings only in `chart/values.yaml`"


def test_a_comment_only_commit_still_says_only_that():
    result = analysed({"chart/values.yaml": (_VALUES, _VALUES + "  # -- app protocol\n  # appProtocol: http\n")},
                      "Document appProtocol")
    # only that, and which comment (tune47a: a file's comment edits of one day are told apart by it)
    assert len(result.summary) == 1
    assert result.summary[0].startswith("Comments and docstrings only in `chart/values.yaml`: adds `# -- app protocol`")


def test_a_restructuredtext_link_in_a_changelog_entry_is_said_by_its_words():
    from analysis.analyzers.heuristic.message import changelog_entries
    from analysis.models import Fact
    entry = ("`NewTypes <https://docs.python.org/3/library/typing.html#newtype>`_ are now supported by the "
             "``cattrs.Converter``. (`#255 <https://github.com/python-attrs/cattrs/pull/255>`_)")
    cut = "See `the guide <https://example.org/docs/gui…"
    entries = changelog_entries([Fact(kind="changelog_entry", path="HISTORY.rst", text=entry),
                                 Fact(kind="changelog_entry", path="HISTORY.rst", text=cut)])
    assert entries == ["NewTypes are now supported by the `cattrs.Converter`. (#255)", "See the guide…"]


def _renamed_module(lang: str):
    from analysis.analyzers.base import AnalysisContext
    from analysis.analyzers.heuristic import HeuristicAnalyzer
    from analysis.models import Commit, FileChange
    patch = "@@ -1,3 +1,3 @@\n if(USE_ICONV)\n-\tfind_package(Iconv)\n+\tfind_package(IntlIconv)\n endif()\n"
    files = [FileChange(path="cmake/FindIntlIconv.cmake", previous_path="cmake/FindIconv.cmake", status="renamed"),
             FileChange(path="src/CMakeLists.txt", status="modified", additions=1, deletions=1, patch=patch)]
    commit = Commit(sha="a" * 40, author="dev", message="cmake: rename FindIconv to avoid collision", files=files,
                    details_loaded=True, committed_at=datetime(2023, 12, 14, tzinfo=timezone.utc))
    return HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext())


def test_a_file_renamed_unchanged_says_where_it_came_from_not_zero_lines():
    # the build file's rewritten line said after the list (defects26)
    assert _renamed_module("en").summary[-1] == ("Build files only: `cmake/FindIntlIconv.cmake` (renamed from "
                                                 "`cmake/FindIconv.cmake`), `src/CMakeLists.txt` (+1/−1); "
                                                 "`src/CMakeLists.txt`: `find_package(Iconv)` → "
                                                 "`find_package(IntlIconv)`")
    assert "`cmake/FindIntlIconv.cmake`（由 `cmake/FindIconv.cmake` 重命名）" in _renamed_module("zh").summary[-1]


_LEX = """package toml

// lexNumber reads a number.
func lexNumber(lx *lexer) {
	// isHexis a superset of the permissable characters
	if !isHex(r) {
		lx.errorf("not a hexidecimal number: '%s%c'", lx.current(), r)
	}
}
"""


def test_the_one_code_line_a_modified_function_rewrites_is_quoted_before_and_after():
    after = (_LEX.replace("hexidecimal", "hexadecimal").replace("isHexis", "isHex is")
             .replace("permissable", "permissible"))
    result = analysed({"lex.go": (_LEX, after)}, "Fix typos in comments, tests, error message")
    assert "Line `lx.errorf(\"not a hexidecimal number: '%s%c'\", lx.current(), r)` → " \
           "`lx.errorf(\"not a hexadecimal number: '%s%c'\", lx.current(), r)`" in result.summary
    zh = analysed({"lex.go": (_LEX, after)}, "Fix typos", lang="zh")
    assert any(s.startswith("代码行 `lx.errorf(") for s in zh.summary)


def test_two_code_lines_rewritten_are_not_quoted_as_one():
    after = _LEX.replace("hexidecimal", "hexadecimal").replace("!isHex(r)", "!isHexDigit(r)")
    result = analysed({"lex.go": (_LEX, after)}, "Reword the hex error")
    assert any("lexNumber" in s for s in result.summary)
    assert not any(s.startswith("Line `") for s in result.summary)
