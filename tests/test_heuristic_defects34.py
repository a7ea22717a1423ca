"""Maintainer-review mends (defects34) from reading days of the thirty-fourth and thirty-fifth sets.

Each case is a synthetic commit (before/after texts, facts read from both sides), never one project's paths: a
Helm chart below the root bumped (``charts/<name>/Chart.yaml`` ``version``/``appVersion``) said without naming the
chart, so five charts bumped alike on one day read the same sentences."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text

CHART = """apiVersion: v2
appVersion: 2.4.0
description: A wrapper chart
name: {name}
type: application
version: 12.4.0
"""


def _bumped(name: str, lang: str = "en"):
    before = CHART.format(name=name)
    after = before.replace("appVersion: 2.4.0", "appVersion: 2.5.1").replace("version: 12.4.0", "version: 12.5.1")
    return analysed({f"charts/{name}/Chart.yaml": (before, after)}, f"[{name}] 2.5.1 release", lang)


def test_nested_chart_version_names_its_chart():
    for lang in ("en", "zh"):
        summaries = [_bumped(name, lang).summary for name in ("store-oss", "store-pro", "store-ha")]
        for name, summary in zip(("store-oss", "store-pro", "store-ha"), summaries):
            line = next(s for s in summary if "`12.4.0` → `12.5.1`" in s)
            assert f"`charts/{name}/Chart.yaml`" in line, summary
            assert "`appVersion` `2.4.0` → `2.5.1`" in line, summary  # both values in the one line naming it
        said = [set(s) for s in summaries]
        assert not said[0] & said[1] & said[2], summaries


def test_root_manifest_version_is_said_alone():
    before = CHART.format(name="only")
    after = before.replace("version: 12.4.0", "version: 12.4.1")
    summary = analysed({"Chart.yaml": (before, after)}, "release 12.4.1").summary
    assert "`version` `12.4.0` → `12.4.1`" in summary, summary


SESSION = """#define DEFAULT_RESET_BURST 1000

typedef enum { RECV_HEAD, RECV_BODY } state;
"""


def test_block_comment_quoted_whole_when_its_lines_have_no_star():
    # a ``/* ... */`` comment whose next line goes on without a leading ``*``: quoted to its end, not cut at the
    # first line ("... following an incoming")
    after = SESSION.replace("\n\ntypedef", "\n\n/* The default max number of continuation frames following an incoming\n"
                            "   header frame. */\n#define DEFAULT_MAX_CONTINUATIONS 8\n\ntypedef")
    summary = analysed({"lib/session.h": (SESSION, after)}, "Limit continuation frames").summary
    said = next(s for s in summary if s.startswith("Comment added"))
    assert "following an incoming header frame.”" in said, summary


PARSER = """package decoder

func decodeMap(s *Stream) error {
	s.cursor++
	if s.equalChar('}') {
		s.cursor++
		return nil
	}
	return decodeEntries(s)
}
"""


def test_whitespace_in_the_input_is_a_fix_not_a_chore():
    # whitespace the product reads ("accept empty objects containing whitespace") is no layout of the diff's own
    after = PARSER.replace("if s.equalChar('}') {", "if s.skipWhiteSpace() == '}' {")
    analysis = analysed({"internal/decoder/map.go": (PARSER, after)},
                        "Fix decodeMap() to accept empty objects containing whitespace (#425)")
    assert analysis.change_type == "fix", analysis


def test_a_title_that_turns_an_optimisation_off_claims_no_speed_up():
    after = PARSER.replace("\ts.cursor++\n\tif", "\ts.cursor++\n\tif s.lower {\n\t\treturn decodeSlow(s)\n\t}\n\tif", 1)
    analysis = analysed({"internal/decoder/map.go": (PARSER, after)},
                        "fix: fixed to not optimize when lower can't handle byte-by-byte. (#432)")
    text = analysis_text(analysis)
    # said as the fix it is, with the slow path it takes, and no speed-up claimed for it
    assert analysis.change_type == "fix" and "`s.lower` returns `decodeSlow(s)`" in text, text
    assert "performance change" not in text, text


def test_a_revert_names_what_it_reverts_not_its_own_pull_request():
    after = PARSER.replace("return decodeEntries(s)", "return decodeEntriesStrict(s)")
    analysis = analysed({"internal/decoder/map.go": (PARSER, after)}, "Revert #3349 (#3375)")
    assert analysis.change_type == "revert", analysis
    text = analysis_text(analysis)
    assert "`#3349`" in text and "#3375" not in text, text


def test_new_file_paths_are_not_cut_inside_their_extension():
    path = "src/main/java/org/acme/library/executor/resultset/PendingConstructorCreation.java"
    assert len(path) > 80
    body = "package org.acme.library.executor.resultset;\n\npublic final class PendingConstructorCreation {\n" \
           "  private final int size;\n\n  public PendingConstructorCreation(int size) {\n    this.size = size;\n  }\n}\n"
    handler = "package org.acme.library.executor.resultset;\n\npublic class ResultHandler {\n" \
              "  public Object handle(int size) {\n    return null;\n  }\n}\n"
    files = {path: (None, body), "src/main/java/org/acme/library/executor/resultset/ResultHandler.java": (
        handler, handler.replace("return null;", "return new PendingConstructorCreation(size);"))}
    analysis = analysed(files, "feat: Add support for pending constructor creation")
    arch = analysis.insights.architecture
    assert f"`{path}`" in arch, arch


def test_two_build_files_each_bumping_one_line_say_the_lines():
    cmake = "cmake_minimum_required(VERSION 3.14)\nproject(lib VERSION 1.61.0)\n\nset(LT_CURRENT 42)\n"
    autoconf = "AC_PREREQ(2.61)\nAC_INIT([lib], [1.61.0], [dev@example.org])\nAC_CONFIG_AUX_DIR([.])\n"
    analysis = analysed({"CMakeLists.txt": (cmake, cmake.replace("1.61.0", "1.61.90")),
                         "configure.ac": (autoconf, autoconf.replace("1.61.0", "1.62.0-DEV"))}, "Bump package version")
    summary = " ".join(analysis.summary)
    assert "`project(lib VERSION 1.61.0)` → `project(lib VERSION 1.61.90)`" in summary, summary
    assert "1.62.0-DEV" in summary, summary


def test_a_key_removed_says_the_value_it_held():
    before = '{\n  "name": "lib",\n  "version": "10.26.1",\n  "type": "commonjs",\n  "main": "dist/lib.js"\n}\n'
    after = before.replace('  "type": "commonjs",\n', "")
    summary = " ".join(analysed({"package.json": (before, after)}, "fix: Remove pkg type (#4689)").summary)
    assert "`type` (`commonjs`)" in summary, summary


INIT = '''from . import _deprecate, to_thread

_deprecate.enable_attribute_deprecations(__name__)
__deprecated_attributes__ = {
    "run_sync_in_worker_thread": _deprecate.DeprecatedAttribute(
        to_thread.run_sync, "0.12.0", issue=810,
    ),
    "current_limiter": _deprecate.DeprecatedAttribute(
        to_thread.current_default_thread_limiter, "0.12.0", issue=810,
    ),
    "hazmat": _deprecate.DeprecatedAttribute(
        lowlevel, "0.15.0", issue=476,
    ),
}
'''


def test_entries_taken_out_of_a_module_value_are_named():
    after = INIT.replace('''    "run_sync_in_worker_thread": _deprecate.DeprecatedAttribute(
        to_thread.run_sync, "0.12.0", issue=810,
    ),
    "current_limiter": _deprecate.DeprecatedAttribute(
        to_thread.current_default_thread_limiter, "0.12.0", issue=810,
    ),
''', "")
    summary = " ".join(analysed({"lib/__init__.py": (INIT, after)}, "Remove remaining aliases deprecated in 0.12.0").summary)
    assert "`__deprecated_attributes__`" in summary, summary
    assert "`run_sync_in_worker_thread`, `current_limiter`" in summary and "`hazmat`" not in summary, summary
