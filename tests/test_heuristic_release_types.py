"""Change types of version bookkeeping and dependency bumps: a release or the repository's own packages moved is a
chore; manifests that move third-party dependencies are build whatever the prefix."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.hunks import local_requirements_only, versions_only
from analysis.models import Fact
from tests.test_heuristic_judge_rules import analyse, change, patch_of


def test_version_only_lines_and_own_package_requirements():
    assert versions_only(patch_of(['__version__ = "2.3.1"'], ['__version__ = "2.3.2.dev"']))
    assert not versions_only(patch_of(['__version__ = "2.3.1"'], ['__version__ = get_version()']))
    own = patch_of(['grep-searcher = { version = "0.1.9", path = "../searcher" }'],
                   ['grep-searcher = { version = "0.1.10", path = "../searcher" }'])
    assert local_requirements_only(own)
    assert not local_requirements_only(patch_of(['regex = "1.1"'], ['regex = "1.2"']))


def test_a_release_is_a_chore_whatever_its_title_looks_like():
    for title in ("grep-0.2.10", "12.0.0-0", "start version 2.3.2", "Version 2.3.2 (#2819)",
                  "[maven-release-plugin] prepare release gson-2.8.1",
                  "[maven-release-plugin] prepare for next development iteration"):
        init = change("src/pkg/__init__.py", ['__version__ = "2.3.1"'], ['__version__ = "2.3.2"'])
        analysis = analyse(title, [init, change("CHANGES.rst", [], ["Version 2.3.2", "-------------"])])
        assert (analysis.change_type, analysis.importance) == ("chore", "low"), title


def test_a_release_title_over_a_code_change_is_not_a_chore():
    code = change("src/pkg/core.py", ["    return a"], ["    return a + b"])
    assert analyse("v2.3.2", [code]).change_type != "chore"


def test_requirements_on_the_repository_own_crates_moved_are_release_plumbing():
    cargo = change("crates/grep/Cargo.toml", ['grep-searcher = { version = "0.1.9", path = "../searcher" }'],
                   ['grep-searcher = { version = "0.1.10", path = "../searcher" }'])
    assert analyse("grep: bump grep-searcher to 0.1.10", [cargo]).change_type == "chore"


def test_third_party_dependencies_moved_are_build_whatever_the_prefix():
    manifest = change("package.json", ['    "decamelize": "^2.0.0",'], ['    "decamelize": "^1.2.0",'])
    fact = Fact(kind="dependency_changed", path="package.json", symbol="decamelize", before="^2.0.0", after="^1.2.0")
    for title in ("refactor: downgrade decamelize dependency to 1.2.0", "chore: update decamelize"):
        assert analyse(title, [manifest], [fact]).change_type == "build", title
    assert analyse("fix: pin decamelize to avoid a crash", [manifest], [fact]).change_type == "fix"
