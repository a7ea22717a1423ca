"""The fourteenth set read as its maintainers would (defects15): an unmeasured performance claim names what it rests
on, a one-line change of a file no parser reads quotes its line instead of naming the file twice."""

from __future__ import annotations

from tests.facts_support import analysed

_CACHE = "def lookup(table, key):\n    return table.get(key)\n\n\ndef store(table, key, value):\n    table[key] = value\n"


def test_each_unmeasured_performance_claim_names_the_symbols_it_rests_on():
    faster_lookup = analysed({"src/cache.py": (_CACHE, _CACHE.replace("table.get(key)", "table[key]"))},
                             "perf: faster lookups")
    faster_store = analysed({"src/cache.py": (_CACHE, _CACHE.replace("table[key] = value", "table.update({key: value})"))},
                            "perf: cheaper stores")
    assert faster_lookup.insights.performance == (
        "Described as a performance change to `lookup`; no benchmark or measurement is part of the diff.")
    assert faster_store.insights.performance == (
        "Described as a performance change to `store`; no benchmark or measurement is part of the diff.")
    zh = analysed({"src/cache.py": (_CACHE, _CACHE.replace("table.get(key)", "table[key]"))}, "perf: faster lookups",
                  lang="zh")
    assert zh.insights.performance == "提交说明为性能变更（涉及 `lookup`）；差异中没有基准测试或测量数据。"


def test_an_unmeasured_performance_claim_on_a_key_names_the_key():
    before = '{\n  "name": "pkg",\n  "exports": {\n    ".": {\n      "import": "./dist/index.mjs"\n    }\n  }\n}\n'
    after = before.replace('"import"', '"node": "./dist/index.js",\n      "import"')
    result = analysed({"package.json": (before, after)}, "perf: route Node to the CJS entry")
    assert result.insights.performance == (
        'Described as a performance change to `exports["."].node`; no benchmark or measurement is part of the diff.')


def test_a_one_line_rewrite_of_an_unparsed_file_is_quoted_and_not_named_again_in_the_impact():
    result = analysed({"version.properties": ("version=2.2.25\n", "version=2.2.26\n")},
                      "Increment version '2.2.25' -> '2.2.26' by CI build 1813 [ci skip]")
    assert result.summary == ["Changes `version.properties` (+1/−1): `version=2.2.25` → `version=2.2.26`"]
    assert result.impact == []
    zh = analysed({"version.properties": ("version=2.2.25\n", "version=2.2.26\n")}, "Increment version", lang="zh")
    assert zh.summary == ["修改 `version.properties`（+1/−1）：`version=2.2.25` → `version=2.2.26`"]


_RST_CHANGELOG = "Changelog\n---------\n\n3.0.0 (unreleased)\n++++++++++++++++++\n\nFeatures:\n\n- Older entry.\n"


def test_a_restructuredtext_release_title_underlined_with_plus_signs_is_no_entry():
    after = _RST_CHANGELOG.replace("- Older entry.", "- Propagate ``only`` to ``Nested`` fields\n"
                                                    "  within ``List`` (:issue:`779`, :issue:`946`).\n- Older entry.")
    result = analysed({"CHANGELOG.rst": ("Changelog\n---------\n\nFeatures:\n\n- Older entry.\n", after)},
                      "Update changelog")
    assert result.summary == ["Changelog: Propagate `only` to `Nested` fields within `List`."]
    heading = [f.text for f in result.facts if f.kind == "changelog_entry"]
    assert "3.0.0 (unreleased)" in heading and not any("+++" in text for text in heading)
