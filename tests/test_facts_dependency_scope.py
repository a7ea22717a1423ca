"""Dependency facts say each third-party package once: across manifests of a workspace and their lock file;
the repository's own packages (path and workspace dependencies, workspace members in a lock) are not
dependencies; lock churn no manifest declares comes after the direct ones, marked transitive, and is cut
first by the cap."""

from __future__ import annotations

from analysis.facts import CAPS
from tests.facts_support import fact, facts_of


def _cargo(tower: str, extra: str = "") -> str:
    return f'[package]\nname = "x"\nversion = "0.1.0"\n\n[dependencies]\ntower = "{tower}"\n{extra}'


def _lock(packages: list[tuple[str, str, bool]]) -> str:
    return "".join(f'[[package]]\nname = "{n}"\nversion = "{v}"\n' +
                   ('source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "c"\n' if reg else
                    'dependencies = [\n "tower",\n]\n') + "\n" for n, v, reg in packages)


def test_one_fact_per_package_across_manifests_and_lock_with_the_main_manifest_first():
    files = {
        "axum/Cargo.toml": (_cargo("0.5.1"), _cargo("0.5.2")),
        "examples/a/Cargo.toml": (_cargo("0.5"), _cargo("0.5.2")),
        "examples/b/Cargo.toml": (_cargo("0.5.1"), _cargo("0.5.2")),
        "Cargo.lock": (_lock([("tower", "0.5.1", True)]), _lock([("tower", "0.5.2", True)])),
    }
    assert facts_of(files) == [fact("dependency_changed", "axum/Cargo.toml", symbol="tower", before="0.5.1",
                                    after="0.5.2", text="in 3 manifests")]


def test_workspace_members_and_path_dependencies_are_not_dependencies():
    before_lock = _lock([("example-grpc", "0.1.0", False), ("prost", "0.11.9", True), ("serde", "1.0.1", True)])
    after_lock = _lock([("prost", "0.11.9", True), ("serde", "1.0.2", True)])
    manifest = ('[package]\nname = "core"\n\n[dev-dependencies]\naxum-macros = { path = "../axum-macros" }\n'
                'serde = "1"\n')
    files = {"Cargo.lock": (before_lock, after_lock),
             "axum-core/Cargo.toml": ('[package]\nname = "core"\n\n[dev-dependencies]\nserde = "1"\n', manifest)}
    assert facts_of(files) == [fact("dependency_changed", "Cargo.lock", symbol="serde", before="1.0.1", after="1.0.2")]
    assert facts_of(files, read=False) == facts_of(files)
    package = ('{"dependencies": {"a": "^1"}}\n', '{"dependencies": {"a": "^1", "ui": "workspace:*", "b": "file:../b"}}\n')
    assert facts_of({"package.json": package}) == []
    yarn = ('"ui@workspace:packages/ui":\n  version: 0.0.0-use.local\n\n"left-pad@npm:^1.0.0":\n  version: 1.0.0\n',
            '"ui@workspace:packages/ui":\n  version: 0.0.1-use.local\n\n"left-pad@npm:^1.0.0":\n  version: 1.1.0\n')
    assert [f["symbol"] for f in facts_of({"yarn.lock": yarn}, read=False)] == ["left-pad"]


def test_transitive_lock_churn_comes_after_direct_dependencies_and_is_cut_first():
    churn = [(f"dep{i:02}", "1.0.0", True) for i in range(60)]
    before_lock = _lock([("tower", "0.5.1", True), ("hyper", "1.0.0", True), *churn])
    after_lock = _lock([("tower", "0.5.2", True), ("hyper", "1.1.0", True), *[(n, "1.0.1", r) for n, _, r in churn]])
    manifest = (_cargo("0.5.1", 'hyper = "1"\n'), _cargo("0.5.2", 'hyper = "1"\n'))
    found = facts_of({"Cargo.lock": (before_lock, after_lock), "Cargo.toml": manifest})
    assert len(found) == CAPS["dependency_changed"]
    assert found[:3] == [
        fact("dependency_changed", "Cargo.toml", symbol="tower", before="0.5.1", after="0.5.2"),
        fact("dependency_changed", "Cargo.lock", symbol="hyper", before="1.0.0", after="1.1.0"),
        fact("dependency_changed", "Cargo.lock", symbol="dep00", before="1.0.0", after="1.0.1", text="transitive"),
    ]
    assert all(f.get("text") == "transitive" for f in found[2:])


def test_an_older_duplicate_version_dropped_from_cargo_lock_is_not_the_package_dropped():
    def lock(prost_versions: list[str], ref: str) -> str:
        blocks = [("app", "0.1.0", False)] + [("prost", v, True) for v in prost_versions]
        return _lock(blocks).replace(' "tower",\n', f' "{ref}",\n')

    before = lock(["0.11.9", "0.13.4"], "prost 0.13.4")
    after = lock(["0.13.4"], "prost")
    assert facts_of({"Cargo.lock": (before, after)}, read=False) == []
    gone = lock([], "serde")
    assert [f["symbol"] for f in facts_of({"Cargo.lock": (before, gone)}, read=False)] == ["prost"]
