"""What a summary says on the twenty-third set's days and two new repositories' (maintainer-review mends,
defects24): a development dependency dropped is said as one, a lock file's entries gone are the lock's and said
together, a package.json ``peerDependenciesMeta`` entry says the package became an optional peer dependency, the
package a bump's subject names comes first, and a quoted line is not cut to its bullet."""

from __future__ import annotations

from datetime import UTC, datetime

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.models import Analysis, Commit, Fact, FileChange
from tests.test_heuristic_judge_rules import change


def analyse(message: str, files: list[FileChange], facts: list[Fact] | None = None, lang: str = "en") -> Analysis:
    commit = Commit(sha="e" * 40, author="Dev", committed_at=datetime(2026, 7, 7, 9, 0, tzinfo=UTC),
                    message=message, files=files, details_loaded=True)
    return HeuristicAnalyzer().analyze_sync(commit, lang, AnalysisContext(facts=facts or []))


def said(analysis: Analysis) -> str:
    return " ".join([*analysis.summary, *analysis.impact])


# --- a development dependency dropped ---------------------------------------------------------------------------

def _swap(lang: str = "en") -> Analysis:
    manifest = change("package.json", ['    "istanbul": "0.x",'], ['    "nyc": "^15.1.0",'])
    facts = [Fact(kind="dependency_changed", path="package.json", symbol="nyc", after="^15.1.0", text="development"),
             Fact(kind="dependency_changed", path="package.json", symbol="istanbul", before="0.x",
                  text="development")]
    return analyse("istanbul => nyc", [manifest], facts, lang)


def test_a_development_dependency_dropped_is_said_as_one():
    summary = _swap().summary
    assert "New development dependency `nyc` `^15.1.0`" in summary
    assert "Drops development dependency `istanbul`" in summary
    assert "Drops dependency `istanbul`" not in summary


def test_a_development_dependency_dropped_in_chinese():
    assert "移除开发依赖 `istanbul`" in _swap("zh").summary


def test_a_runtime_dependency_dropped_still_reads_as_a_dependency():
    manifest = change("package.json", ['    "ufo": "^1.6.1",'], [])
    fact = Fact(kind="dependency_changed", path="package.json", symbol="ufo", before="^1.6.1")
    assert "Drops dependency `ufo`" in analyse("remove ufo", [manifest], [fact]).summary


# --- a lock file's entries gone ----------------------------------------------------------------------------------

def _lock(lang: str = "en") -> Analysis:
    manifest = change("package.json", ['    "node-fetch-native": "^1.6.7",'], [])
    lock = change("pnpm-lock.yaml", ["  anymatch@3.1.3:", "  normalize-path@3.0.0:"], [])
    facts = [Fact(kind="dependency_changed", path="package.json", symbol="node-fetch-native", before="^1.6.7"),
             Fact(kind="dependency_changed", path="pnpm-lock.yaml", symbol="anymatch", before="3.1.3",
                  text="transitive"),
             Fact(kind="dependency_changed", path="pnpm-lock.yaml", symbol="normalize-path", before="3.0.0",
                  text="transitive")]
    return analyse("chore: remove `node-fetch-native` direct dependency", [manifest, lock], facts, lang)


def test_lock_entries_gone_are_the_locks_and_said_together():
    summary = _lock().summary
    assert "Drops dependency `node-fetch-native`" in summary
    assert "`pnpm-lock.yaml` no longer lists `anymatch`, `normalize-path`" in summary
    assert not any(line in summary for line in ("Drops dependency `anymatch`", "Drops dependency `normalize-path`"))


def test_lock_entries_gone_in_chinese():
    assert "`pnpm-lock.yaml` 不再列出 `anymatch`、`normalize-path`" in _lock("zh").summary


# --- an optional peer dependency ---------------------------------------------------------------------------------

def _peer(lang: str = "en", after: str = '{"optional":true}') -> Analysis:
    manifest = change("package.json", ['    "lru-cache": "^11.2.2",'],
                      ['    "lru-cache": "^11.2.2",', '    "lru-cache": "^11.2.2",', '    "lru-cache": {',
                       '      "optional": true', "    },"])
    fact = Fact(kind="config_key_added", path="package.json", symbol="peerDependenciesMeta.lru-cache", after=after)
    return analyse("build!: optional `lru-cache` dependency", [manifest], [fact], lang)


def test_a_peer_dependency_meta_entry_says_the_package_became_an_optional_peer():
    summary = _peer().summary
    assert "`lru-cache` becomes an optional peer dependency" in summary
    assert not any("peerDependenciesMeta" in line for line in summary)


def test_an_optional_peer_dependency_in_chinese():
    assert "`lru-cache` 改为可选的 peer 依赖" in _peer("zh").summary


def test_a_peer_dependency_meta_entry_not_optional_stays_a_key():
    summary = _peer(after='{"optional":false}').summary
    assert summary == ["New key `peerDependenciesMeta.lru-cache` in `package.json`"]
    assert not any("optional peer" in line for line in summary)


# --- the package the subject names first -------------------------------------------------------------------------

def test_the_package_a_bump_names_is_listed_before_the_ones_it_drags_along():
    indirect = [(f"example.com/indirect{i}", f"v1.{i}.0", f"v1.{i + 1}.0") for i in range(6)]
    lines = [(f"\t{n} {old} // indirect", f"\t{n} {new} // indirect") for n, old, new in indirect]
    manifest = change("hack/go.mod", [o for o, _ in lines] + ["\tgoogle.golang.org/grpc v1.80.0"],
                      [n for _, n in lines] + ["\tgoogle.golang.org/grpc v1.82.1"])
    facts = [Fact(kind="dependency_changed", path="hack/go.mod", symbol=n, before=o, after=a) for n, o, a in indirect]
    facts.append(Fact(kind="dependency_changed", path="hack/go.mod", symbol="google.golang.org/grpc",
                      before="v1.80.0", after="v1.82.1"))
    summary = analyse("build(deps): bump google.golang.org/grpc from 1.80.0 to 1.82.1 in /hack (#6199)",
                      [manifest], facts).summary
    assert summary[0] == "`google.golang.org/grpc` `v1.80.0` → `v1.82.1` in `hack/go.mod`"


# --- a quoted line whose first word is long ----------------------------------------------------------------------

def test_a_list_item_led_by_a_long_link_is_quoted_not_cut_to_its_bullet():
    line = ("* [`easy-logrus-formatter`](https://github.com/WeiZhixiong/easy-logrus-formatter)."
            " Provide a user-friendly formatter for logrus.")
    readme = change("README.md", [], [line])
    summary = " ".join(analyse("Merge pull request #1508 from thaJeztah/carry_1396", [readme]).summary)
    assert "adds `*…`" not in summary
    assert "adds `* ['easy-logrus-formatter'](https://github.com/" in summary


# --- a dependency moved to devDependencies -----------------------------------------------------------------------

def _bundled(lang: str = "en", removed: str = '    "destr": "^2.0.5",') -> Analysis:
    manifest = change("package.json", [removed], ['    "destr": "^2.0.5",'])
    fact = Fact(kind="dependency_changed", path="package.json", symbol="destr", after="^2.0.5", text="development")
    return analyse("build: bundle `destr`", [manifest], [fact], lang)


def test_a_dependency_moved_to_dev_dependencies_says_it_moved_not_that_it_is_new():
    summary = _bundled().summary
    assert "`destr` moves to development dependencies (no longer installed with the package)" in summary
    assert not any("New development dependency" in line for line in summary)


def test_a_dependency_moved_to_dev_dependencies_in_chinese():
    assert "`destr` 改为开发依赖（不再随包安装）" in _bundled("zh").summary


def test_a_new_dev_dependency_with_no_line_removed_is_still_new():
    summary = _bundled(removed='    "defu": "^6.1.4",').summary
    assert "New development dependency `destr` `^2.0.5`" in summary


# --- review and lint upkeep files are not product or deployment files --------------------------------------------

def test_an_owners_file_in_a_chart_is_upkeep_not_a_deployment_manifest():
    owners = change("charts/velero/OWNERS", ["- skriss"] * 3, ["- jenting"] * 3)
    chart = change("charts/velero/Chart.yaml", ["version: 2.12.4"], ["version: 2.12.5"])
    fact = Fact(kind="config_value_changed", path=chart.path, symbol="version", before="2.12.4", after="2.12.5")
    analysis = analyse("+ jenting / - skriss (#127)", [chart, owners], [fact])
    assert "Also changes `charts/velero/OWNERS` (+3/−3)" in analysis.summary
    assert not any("OWNERS" in r.risk for r in analysis.risks)
    assert "Deployment" not in analysis.insights.architecture


def test_a_lint_ignore_file_removed_is_tooling_not_a_product_file():
    ignore = change(".eslintignore", ["coverage/", "demo/", "dist/"], [])
    config = change(".eslintrc.yml", [], ["ignorePatterns:", "  - coverage/", "  - demo/"])
    analysis = analyse("Move eslint ignore patterns to main config", [ignore, config])
    assert "Product files removed" not in analysis.insights.architecture
    assert analysis.summary[0].startswith("CI and tooling only: `.eslintignore` (+0/−3)")


def test_a_readme_fixed_beside_a_chart_version_bump_is_named():
    readme = change("charts/velero/README.md", ["--set-file credentials.secretContents=x"],
                    ["--set-file credentials.secretContents.cloud=x"])
    chart = change("charts/velero/Chart.yaml", ["version: 2.12.5"], ["version: 2.12.6"])
    fact = Fact(kind="config_value_changed", path=chart.path, symbol="version", before="2.12.5", after="2.12.6")
    summary = analyse("Fix set-file credentials (#130)", [chart, readme], [fact]).summary
    assert summary[0].startswith("`version` `2.12.5` → `2.12.6`")  # (then "in <chart>/Chart.yaml", defects34)
    assert summary[1].startswith("Also changes `charts/velero/README.md` (+1/−1): ")


# --- a revert of documentation only ------------------------------------------------------------------------------

def test_a_revert_of_a_readme_line_takes_no_behaviour_away():
    readme = change("README.md", ["![GoDoc](https://godoc.org/x?status.svg)"],
                    ["[![GoDoc](https://godoc.org/x?status.svg)](http://godoc.org/x)"])
    analysis = analyse("Revert godoc link", [readme])
    assert (analysis.change_type, analysis.importance) == ("revert", "low")
    assert analysis.summary[0].startswith("Documentation only: `README.md`")
    assert not any("behaviour" in r.impact for r in analysis.risks)
    assert not analysis.recommendations


def test_a_revert_of_code_still_says_what_goes_away():
    code_file = change("src/cache.py", ["    return cached(key)"], ["    return load(key)"])
    fact = Fact(kind="symbol_modified", path=code_file.path, symbol="get")
    analysis = analyse('Revert "cache lookups"', [code_file], [fact])
    assert any(r.impact == "The behaviour `cache lookups` brought goes away." for r in analysis.risks)


# --- a Python operator method's parameter renamed ----------------------------------------------------------------

def _setitem(name: str = "__setitem__") -> Analysis:
    source = change("tomlkit/container.py", [f"    def {name}(self, key: Key | str, item: Any) -> None:"],
                    [f"    def {name}(self, key: Key | str, value: Any) -> None:"])
    fact = Fact(kind="signature_changed", path=source.path, symbol=f"OutOfOrderTableProxy.{name}", public=True,
                before="(self, key: Key | str, item: Any) -> None", after="(self, key: Key | str, value: Any) -> None")
    return analyse("fix: Invalid serialization when overwriting out-of-order table key (#417)", [source], [fact])


def test_an_operator_methods_parameter_renamed_breaks_no_caller():
    analysis = _setitem()
    assert analysis.importance == "medium" and "`(self, key: Key | str, value: Any) -> None`" in analysis.summary[0]
    assert not any("Breaking" in r.risk for r in analysis.risks)
    assert "need updating" not in analysis.insights.compatibility
    assert not any("instead of `item`" in line for line in analysis.recommendations)


def test_a_constructors_parameter_renamed_still_breaks_keyword_callers():
    analysis = _setitem("__init__")
    assert any("Breaking signature changes" in r.risk for r in analysis.risks)
