"""Maintainer-review mends (defects34) from reading days of the thirty-fourth and thirty-fifth sets.

Each case is a synthetic commit (before/after texts, facts read from both sides), never one project's paths: a
Helm chart below the root bumped (``charts/<name>/Chart.yaml`` ``version``/``appVersion``) said without naming the
chart, so five charts bumped alike on one day read the same sentences."""

from __future__ import annotations

from tests.facts_support import analysed


def _text(analysis) -> str:
    parts = [*analysis.summary, *analysis.impact, *analysis.recommendations,
             *(v for v in analysis.insights.model_dump().values() if v)]
    parts += [f"{r.risk} {r.impact} {r.mitigation}" for r in analysis.risks]
    return "\n".join(parts)


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


def test_two_build_files_each_bumping_one_line_say_the_lines():
    cmake = "cmake_minimum_required(VERSION 3.14)\nproject(lib VERSION 1.61.0)\n\nset(LT_CURRENT 42)\n"
    autoconf = "AC_PREREQ(2.61)\nAC_INIT([lib], [1.61.0], [dev@example.org])\nAC_CONFIG_AUX_DIR([.])\n"
    analysis = analysed({"CMakeLists.txt": (cmake, cmake.replace("1.61.0", "1.61.90")),
                         "configure.ac": (autoconf, autoconf.replace("1.61.0", "1.62.0-DEV"))}, "Bump package version")
    summary = " ".join(analysis.summary)
    assert "`project(lib VERSION 1.61.0)` → `project(lib VERSION 1.61.90)`" in summary, summary
    assert "1.62.0-DEV" in summary, summary
