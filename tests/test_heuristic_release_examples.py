"""Release commits, build output, examples' manifests and legal texts are not product changes: a release's quoted
changelog describes earlier commits, rebuilt bundles are output, an example's Cargo.toml installs nothing for users,
and a licence year alters no behaviour."""

from __future__ import annotations

from datetime import datetime, timezone

from analysis.analyzers.heuristic.analyzer import evidence_of
from analysis.analyzers.heuristic.paths import classify_path
from analysis.analyzers.heuristic.release import release_bookkeeping
from analysis.models import Commit, Fact
from tests.test_heuristic_judge_rules import analyse, change


def _changelog(path: str, lines: list[str]) -> list[Fact]:
    return [Fact(kind="changelog_entry", path=path, text=line) for line in lines]


def test_a_release_quoting_features_and_a_panic_fix_in_its_changelog_is_a_low_chore():
    lines = ["## v2.4.0", "- feat(router): add a streaming renderer (#101)",
             "- fix(response): prevent a panic when the writer cannot flush (#102)"]
    version = change("version.go", ['const Version = "v2.3.9"'], ['const Version = "v2.4.0"'])
    notes = change("CHANGELOG.md", [], lines)
    analysis = analyse("docs: document and finalize the v2.4.0 release", [version, notes],
                       _changelog("CHANGELOG.md", lines))
    assert (analysis.change_type, analysis.importance) == ("chore", "low")


def test_the_same_changelog_beside_a_code_change_still_counts():
    lines = ["- fix(response): prevent a panic when the writer cannot flush (#102)"]
    code = change("response.go", ["\tw.Flush()"], ["\tif f, ok := w.(http.Flusher); ok {", "\t\tf.Flush()", "\t}"])
    analysis = analyse("fix(response): flush only writers that can", [code, change("CHANGELOG.md", [], lines)],
                       _changelog("CHANGELOG.md", lines))
    assert analysis.importance == "high"  # a crash fix in its own commit


def test_rebuilt_bundles_and_source_maps_are_build_output():
    for path in ("dist/lib.js", "dist/esm/lib.min.js", "dist/node/lib.cjs", "packages/ui/dist/index.mjs",
                 "static/app.min.js", "static/app.js.map"):
        assert "generated" in classify_path(path), path
    for path in ("src/dist.py", "lib/distance.js", "src/app.js"):
        assert "generated" not in classify_path(path), path


def test_a_release_with_rebuilt_bundles_is_low():
    bundle = change("dist/lib.js", [f"  var a{i} = f({i});" for i in range(300)],
                    [f"  var b{i} = g({i});" for i in range(320)])
    version = change("lib/env/data.js", ['export const VERSION = "1.2.0-alpha.1";'], ['export const VERSION = "1.2.0";'])
    manifest = change("package.json", ['  "version": "1.2.0-alpha.1",'], ['  "version": "1.2.0",'])
    analysis = analyse("chore(release): 1.2.0", [bundle, version, manifest])
    assert (analysis.change_type, analysis.importance) == ("chore", "low")


def test_a_bundle_rebuilt_beside_a_real_change_leaves_the_change_judged():
    bundle = change("dist/lib.js", ["  return a;"], ["  return a + b;"])
    code = change("lib/core.js", ["  return a;"], ["  return a + b;"])
    assert analyse("fix: add b to the sum", [bundle, code]).importance != "low"


def test_an_example_manifest_renamed_with_its_dependencies_is_documentation():
    manifest = change("examples/error-handling/Cargo.toml",
                      ['name = "example-error-handling-and-di"', 'uuid = "1.0"'],
                      ['name = "example-error-handling"', 'tower-http = "0.5"'])
    source = change("examples/error-handling/src/main.rs", ["    let repo = UserRepo::new();"],
                    ["    let state = AppState::default();"])
    facts = [Fact(kind="config_value_changed", path=manifest.path, symbol="package.name",
                  before="example-error-handling-and-di", after="example-error-handling"),
             Fact(kind="dependency_changed", path=manifest.path, symbol="uuid", before="1.0"),
             Fact(kind="dependency_changed", path=manifest.path, symbol="tower-http", after="0.5")]
    analysis = analyse("Rework error handling example (#12)", [manifest, source], facts)
    assert (analysis.change_type, analysis.importance) == ("docs", "low")


def test_the_product_manifest_renamed_is_still_high():
    manifest = change("Cargo.toml", ['name = "old-name"'], ['name = "new-name"'])
    fact = Fact(kind="config_value_changed", path="Cargo.toml", symbol="package.name", before="old-name",
                after="new-name")
    assert analyse("Rename the crate", [manifest], [fact]).importance == "high"


def test_licence_texts_are_documents():
    for path in ("LICENSE", "LICENSE.md", "LICENSE-MIT", "licence.txt", "COPYING", "vendor/lib/LICENSE"):
        assert "doc" in classify_path(path), path
    year = change("LICENSE", ["Copyright (c) 2014-2024 The Authors"], ["Copyright (c) 2014-2025 The Authors"])
    analysis = analyse("docs(license): update license period", [year])
    assert (analysis.change_type, analysis.importance) == ("docs", "low")


def test_autotools_makefiles_are_build_files():
    for path in ("Makefile.am", "src/Makefile.in"):
        assert "build" in classify_path(path), path


def test_a_number_default_moved_is_no_release():
    timeout = change("src/pkg/config.py", ["    timeout: float = 5.0"], ["    timeout: float = 10.0"])
    version = change("src/pkg/__init__.py", ['__version__ = "2.3.1"'], ['__version__ = "2.3.2"'])
    assert not release_bookkeeping(_evidence("Raise the timeout", [timeout]))
    assert not release_bookkeeping(_evidence("Release 2.3.2", [timeout, version]))
    assert release_bookkeeping(_evidence("Release 2.3.2", [version]))
    minimum = change("src/pkg/check.py", ['MIN_VERSION = "1.2"'], ['MIN_VERSION = "1.3"'])
    assert not release_bookkeeping(_evidence("Require 1.3 at least", [minimum]))  # nothing says release


def _evidence(message: str, files: list) -> object:
    commit = Commit(sha="c" * 40, author="Dev", committed_at=datetime(2026, 6, 1, tzinfo=timezone.utc),
                    message=message, files=files, details_loaded=True)
    return evidence_of(commit, [])


def test_rebuilt_bundles_are_no_impact_area_beside_the_release():
    bundle = change("dist/lib.js", [f"  var a{i} = f({i});" for i in range(300)], [f"  var b{i} = g({i});" for i in range(320)])
    version = change("lib/env/data.js", ['export const VERSION = "1.2.0-alpha.1";'], ['export const VERSION = "1.2.0";'])
    impact = analyse("chore(release): 1.2.0", [bundle, version]).impact
    assert impact and not any(line.startswith("dist") for line in impact), impact
    assert analyse("chore: rebuild the bundle", [bundle]).impact  # alone, the bundle is what changed
