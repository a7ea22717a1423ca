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


_PKG = '{\n  "name": "NAME",\n  "version": "OLD"\n}\n'
_CHANGESET_LOG = "# NAME\n\n## OLD\n\n### Patch Changes\n\n-   Older entry.\n"
_CREDITED = ("-   [`6f002b8e543ca39d3ee23681e28848d7f1724fae`](https://github.com/o/r/commit/"
             "6f002b8e543ca39d3ee23681e28848d7f1724fae) [#4696](https://github.com/o/r/pull/4696) Thanks "
             "[@ann](https://github.com/ann)! - perf: add a `node` export condition for Node and Bun.\n\n"
             "-   Updated dependencies [[`6f002b8e543ca39d3ee23681e28848d7f1724fae`](https://github.com/o/r/commit/"
             "6f002b8e543ca39d3ee23681e28848d7f1724fae)]:\n")


def _release(names: dict[str, tuple[str, str]], lang: str = "en"):
    """A release tool's commit: each package's version bumped and its changelog given the same credited entry."""
    files = {}
    for name, (old, new) in names.items():
        files[f"packages/{name}/package.json"] = (_PKG.replace("NAME", name).replace("OLD", old),
                                                  _PKG.replace("NAME", name).replace("OLD", new))
        log = _CHANGESET_LOG.replace("NAME", name).replace("OLD", old)
        files[f"packages/{name}/CHANGELOG.md"] = (log, log.replace(f"## {old}", f"## {new}\n\n### Patch Changes\n\n"
                                                                 f"{_CREDITED}\n## {old}"))
    return analysed(files, "Version Packages (#4698)", lang)


def test_a_release_tools_credited_entry_is_quoted_by_its_words_once():
    result = _release({"core": ("7.0.2", "7.0.3"), "react": ("10.0.1", "10.0.2")})
    quoted = [s for s in result.summary if s.startswith("Changelog:")]
    assert quoted == ["Changelog: perf: add a `node` export condition for Node and Bun."]


def test_a_version_bumped_in_several_packages_names_each_file():
    result = _release({"core": ("7.0.2", "7.0.3"), "react": ("10.0.1", "10.0.2")})
    assert "`version` `7.0.2` → `7.0.3` in `packages/core/package.json`" in result.summary
    assert "`version` `10.0.1` → `10.0.2` in `packages/react/package.json`" in result.summary
    zh = _release({"core": ("7.0.2", "7.0.3"), "react": ("10.0.1", "10.0.2")}, lang="zh")
    assert "`packages/core/package.json` 中 `version` `7.0.2` → `7.0.3`" in zh.summary
    alone = _release({"core": ("7.0.2", "7.0.3")})
    assert any(s.startswith("`version` `7.0.2` → `7.0.3`") for s in alone.summary)  # (names its manifest, defects34)


def test_a_tools_hyphenated_trailers_and_a_reopened_reference_are_no_points():
    from analysis.analyzers.heuristic.message import message_points

    assert message_points("Reopens: #4912\nPiperOrigin-RevId: 953470061\nChange-Id: Ie979aa35") == []
    assert message_points("Keeps the tree's order.\n\nPiperOrigin-RevId: 953422776") == ["Keeps the tree's order."]
    assert message_points("Follow-up: the cache keeps its order.") == ["Follow-up: the cache keeps its order."]


def test_a_lead_in_to_the_following_example_ends_the_sentence_once_the_example_is_left_out():
    from analysis.analyzers.heuristic.message import message_points

    body = ("These macros convert objects to bool inconsistently. This causes unexpected behavior on types such as "
            "the following:\n\n```\nstruct S { operator bool(); };\n```")
    assert message_points(body) == ["These macros convert objects to bool inconsistently. This causes unexpected "
                                    "behavior on types."]


def test_a_top_level_file_that_is_its_own_area_is_not_named_twice_in_the_impact():
    lib = "def run():\n    return 1\n"
    result = analysed({"src/app/lib.py": (lib, lib.replace("1", "2")),
                       ".size-limit.cjs": ("module.exports = [{ limit: '27 KB' }]\n",
                                           "module.exports = [{ limit: '27.1 KB' }]\n")}, "Raise the size limit")
    assert ".size-limit.cjs (+1/−1): `module.exports = [{ limit: '27 KB' }]` → " \
           "`module.exports = [{ limit: '27.1 KB' }]`" in result.impact
    assert not any(line.endswith(": .size-limit.cjs") for line in result.impact)


def test_comment_only_areas_say_so_and_a_dropped_dependency_says_removed():
    go = "package {name}\n\nfunc Run() int {{ return 1 }}\n"
    files = {f"{name}/{name}.go": (go.format(name=name), f"// Package {name} runs.\n" + go.format(name=name))
             for name in ("clause", "logger")}
    result = analysed(files, "Add package comments")
    assert "clause (+1/−0): comments only" in result.impact and "logger (+1/−0): comments only" in result.impact
    cargo = '[package]\nname = "x"\n\n[dependencies]\nanyhow = "1"\nhpke-rs = "0.2"\nhpke-rs-crypto = "0.2"\nhpke-rs-rust-crypto = "0.2"\n'
    after = cargo.replace('hpke-rs = "0.2"\nhpke-rs-crypto = "0.2"\nhpke-rs-rust-crypto = "0.2"\n', "")
    dropped = analysed({"Cargo.toml": (cargo, after)}, "Remove unused hpke-rs")
    assert dropped.impact == ["Cargo.toml (+0/−3): `hpke-rs` removed, `hpke-rs-crypto` removed, `hpke-rs-rust-crypto` removed"]
    zh = analysed({"Cargo.toml": (cargo, after)}, "Remove unused hpke-rs", lang="zh")
    assert zh.impact == ["Cargo.toml（+0/−3）：`hpke-rs`（移除）、`hpke-rs-crypto`（移除）、`hpke-rs-rust-crypto`（移除）"]


def test_cls_as_a_later_parameter_is_the_callers_and_annotating_it_breaks_no_call():
    from analysis.analyzers.signatures import compare

    delta = compare("def register(classname, cls):", 'def register(classname: str, cls: "Schema") -> None:', "r.py")
    assert [p.name for p in delta.added] == [] and [p.name for p in delta.removed] == [] and not delta.breaking
    assert delta.retypes == [("classname", "classname: str"), ("cls", 'cls: "Schema"')]
    method = compare("def load(self, data):", 'def load(self: "Schema", data: dict):', "r.py")
    assert method.retypes == [("data", "data: dict")] and not method.breaking
    before = "def register(classname, cls):\n    _registry[classname] = cls\n"
    result = analysed({"src/pkg/registry.py": (before, before.replace("(classname, cls)", '(classname: str, cls: "S")'))},
                      "Type the registry")
    assert result.summary == ["`register` gains type annotations in its signature"]
    assert [r.risk for r in result.risks if r.risk.startswith("Breaking")] == []
    assert "need updating" not in result.insights.compatibility


def test_a_type_comment_after_a_class_field_is_no_new_default():
    before = "class BaseSchema:\n    error_messages = {}\n    strict = False\n"
    after = before.replace("error_messages = {}", "error_messages = {}  # type: typing.Dict[str, str]").replace(
        "strict = False", "strict = True  # raise early")
    result = analysed({"src/pkg/schema.py": (before, after)}, "Type the schema")
    assert result.summary == ["`BaseSchema`: `strict` default changes from `False` to `True`"]


def test_functions_that_only_gain_type_annotations_are_said_in_one_group():
    before = "def load(data, many=False):\n    return data\n\n\ndef dump(obj):\n    return obj\n"
    after = ("def load(data: dict, many: bool = False) -> dict:\n    return data\n\n\n"
             "def dump(obj: object) -> dict:\n    return obj\n")
    result = analysed({"src/pkg/io.py": (before, after)}, "Add type annotations")
    assert result.summary[0] == "`load`, `dump` gain type annotations in their signatures"
    zh = analysed({"src/pkg/io.py": (before, after)}, "Add type annotations", lang="zh")
    assert zh.summary[0] == "`load`、`dump` 签名中新增类型注解"
    retyped = analysed({"src/pkg/io.py": (before, after.replace("obj: object", "obj: object, indent: int = 2"))},
                       "Add type annotations")
    assert retyped.summary[0].startswith("`load` gains type annotations in its signature; `dump` gains `indent`")
    go = "package io\n\nfunc Load(data []byte) {\n}\n"
    result_go = analysed({"io/io.go": (go, go.replace("[]byte) {", "[]byte) error {"))}, "Load reports errors")
    assert "type annotations" not in " ".join(result_go.summary)


def test_a_changesets_front_matter_is_not_quoted_as_the_projects_words():
    changeset = ('---\n"mobx": patch\n"mobx-react": patch\n---\n\n'
                 "perf: evaluate `NODE_ENV` once at module scope in the esm bundles.\n")
    result = analysed({".changeset/hoist-node-env.md": (None, changeset)}, "perf: evaluate NODE_ENV once")
    quoted = [s for s in result.summary if s.startswith("Changelog:")]
    assert quoted == ["Changelog: perf: evaluate `NODE_ENV` once at module scope in the esm bundles."]
    later = analysed({"CHANGELOG.md": ("# Log\n\n---\n\n- Old.\n", "# Log\n\n---\n\n- Reader keeps its order.\n- Old.\n")},
                     "Update changelog")
    assert later.summary == ["Changelog: Reader keeps its order."]


def test_a_message_that_times_the_work_before_and_after_is_quoted_as_its_measurement():
    before = "def write(store, value):\n    return store.set(value)\n"
    body = ("perf: evaluate NODE_ENV once\n\nEach read performs a real environment lookup.\n\n"
            "Artifacts are unchanged; 2M observed writes drop from 3324ms to 319ms on Node 26.")
    result = analysed({"src/store.py": (before, before.replace("store.set(value)", "store.put(value)"))}, body)
    assert result.insights.performance == ("The message measures it: “Artifacts are unchanged; 2M observed writes drop "
                                           "from 3324ms to 319ms on Node 26.”")


def test_a_chinese_impact_line_is_split_at_its_full_width_colon_not_at_a_urls():
    from analysis.renderers.impact import split_impact

    assert split_impact(".pre-commit-config.yaml（+4/−0）：`repos[https://github.com/pre-commit/mirrors-mypy]`") == (
        ".pre-commit-config.yaml（+4/−0）", "`repos[https://github.com/pre-commit/mirrors-mypy]`")
    assert split_impact("src/marshmallow（+8/−9）：`Url.__init__`") == ("src/marshmallow（+8/−9）", "`Url.__init__`")
    assert split_impact("url: http://host:80/path") == ("url", "http://host:80/path")


def test_a_symbol_changed_by_one_added_line_quotes_it():
    before = ("package gorm\n\nfunc (db *DB) Count(n *int64) *DB {\n\tif db.a {\n\t\tdb.add(1)\n\t} else {\n"
              "\t\tdb.add(2)\n\t}\n\treturn db\n}\n")
    after = before.replace("\t\tdb.add(1)\n", "\t\tdb.add(1)\n\t\tdefer db.reset()\n").replace(
        "\t\tdb.add(2)\n", "\t\tdb.add(2)\n\t\tdefer db.reset()\n")
    result = analysed({"finisher_api.go": (before, after)}, "Better support Count in chain")
    assert result.summary == ["Changes `DB.Count` in `finisher_api.go` (+2/−0)",
                              "Adds the line `defer db.reset()` in 2 places"]
    once = analysed({"finisher_api.go": (before, before.replace("\t\tdb.add(1)\n", ""))}, "Count drops an add")
    assert once.summary[-1] == "Removes the line `db.add(1)`"
    zh = analysed({"finisher_api.go": (before, after)}, "Better support Count in chain", lang="zh")
    assert zh.summary[-1] == "在 2 处新增代码行 `defer db.reset()`"
