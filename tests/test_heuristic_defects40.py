"""Maintainer-review mends (defects40) from the days of the fortieth and forty-first sets: a chart repository's
major dependency upgrade said alike in each chart's commit.

Each case is a synthetic commit (before/after texts, facts read from both sides), never one project's paths."""

from __future__ import annotations

from tests.facts_support import analysed, analysis_text

_CHART = """apiVersion: v2
name: {chart}
version: {version}
dependencies:
  - name: common
    repository: https://library-charts.example.org
    version: {dep}
"""


def _upgrade(chart: str, lang: str):
    before = _CHART.format(chart=chart, version="1.0.0", dep="1.5.1")
    after = _CHART.format(chart=chart, version="2.0.0", dep="2.4.0")
    return analysed({f"charts/{chart}/Chart.yaml": (before, after)},
                    "feat(deps)!: Update common helm release to v2", lang)


def test_one_major_upgrade_in_each_chart_names_the_chart():
    for lang in ("en", "zh"):
        texts = [analysis_text(_upgrade(chart, lang)) for chart in ("alpha", "beta", "gamma")]
        lines = [set(t.splitlines()) for t in texts]
        shared = lines[0] & lines[1] & lines[2]
        assert not [s for s in shared if "common" in s], shared
        assert "charts/alpha" in texts[0] and "charts/beta" in texts[1], texts[0]


_HEADER = """#ifndef LIB_H
#define LIB_H
#define LIB_VER_STRING "{v}"
#define LIB_VER_BUILD {b}
int lib_open(void);
#endif
"""

_SOURCE = """#include "lib.h"

const char *
lib_copyright(void)
{{
   return "lib version {v} - Copyright (c) 2017";
}}
"""


def _bump(old: str, new: str, lang: str):
    ob, nb = old[-2:], new[-2:]
    return analysed({"include/lib.h": (_HEADER.format(v=old, b=ob), _HEADER.format(v=new, b=nb)),
                     "src/lib.c": (_SOURCE.format(v=old), _SOURCE.format(v=new))}, f"Bump version to {new}", lang)


def test_release_bumps_of_one_day_say_which_release_each_makes():
    for lang in ("en", "zh"):
        bumps = [_bump("1.2.3beta04", "1.2.3beta05", lang), _bump("1.2.3beta05", "1.2.3beta06", lang),
                 _bump("1.2.3beta06", "1.2.3beta07", lang)]
        # the summary's "Changes ... in ..." names the files; the impact and compatibility lines say the release
        lines = [set(a.impact) | {a.insights.compatibility} for a in bumps]
        assert not (lines[0] & lines[1] & lines[2]), lines[0] & lines[1] & lines[2]
        text = analysis_text(bumps[2])
        assert "`1.2.3beta07`" in text and "LIB_VER_STRING" in text, text
