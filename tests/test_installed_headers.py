"""Where a C project keeps its installed headers in ``include/``, symbols of its other headers and the functions its
sources add, remove or re-sign without an installed declaration are the library's own (not public API): read
through both sources' ``names_at`` (local git, and PyGithub on the fake's contents endpoint) and from a fixture."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from analysis.facts import derive_facts
from analysis.facts.code.installed_headers import include_roots, installed_only
from analysis.models import Commit, Fact, FileChange
from analysis.sources.github import GitHubSource
from analysis.sources.local_git import LocalGitSource
from tests.fakes.github_server import FakeGitHub

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WHEN = datetime(2026, 3, 2, 10, tzinfo=timezone.utc)
HEADER_BEFORE = "int ssh2_packet_askv(int a);\nint ssh2_packet_burn(int a);\n"
HEADER_AFTER = "int ssh2_packet_burn(int a);\n"
SOURCE_BEFORE = "int ssh2_packet_askv(int a) { return a; }\nint ssh2_packet_burn(int a) { return ssh2_packet_askv(a); }\n"
SOURCE_AFTER = "static int packet_askv(int a) { return a; }\nint ssh2_packet_burn(int a) { return packet_askv(a); }\n"


def _patch(before: str, after: str) -> str:
    old, new = before.splitlines(), after.splitlines()
    return f"@@ -1,{len(old)} +1,{len(new)} @@\n" + "".join(f"-{x}\n" for x in old) + "".join(f"+{x}\n" for x in new)


class Tree:
    """Two revisions of a small C project; ``names_at`` lists what ``dirs`` holds (None: cannot list)."""

    def __init__(self, dirs: dict[str, list[str]] | None):
        self.dirs = dirs
        self.texts = {("p", "src/packet.h"): HEADER_BEFORE, ("c", "src/packet.h"): HEADER_AFTER,
                      ("p", "src/packet.c"): SOURCE_BEFORE, ("c", "src/packet.c"): SOURCE_AFTER}

    def file_at(self, sha: str, path: str) -> str | None:
        return self.texts.get((sha, path))

    def names_at(self, sha: str, path: str) -> list[str] | None:
        assert sha == "p"  # the layout is read at the parent
        return None if self.dirs is None else self.dirs.get(path)


COMMIT = Commit(sha="c", parents=["p"], message="packet: make ssh2_packet_askv() static", author="a",
                committed_at=WHEN, details_loaded=True,
                files=[FileChange(path="src/packet.c", status="modified", additions=2, deletions=2,
                                  patch=_patch(SOURCE_BEFORE, SOURCE_AFTER)),
                       FileChange(path="src/packet.h", status="modified", additions=0, deletions=1,
                                  patch=_patch(HEADER_BEFORE, HEADER_AFTER))])


def _removed(facts: list[Fact]) -> dict[str, bool | None]:
    return {f.path: f.public for f in facts if f.kind == "symbol_removed" and f.symbol == "ssh2_packet_askv"}


def test_a_private_header_beside_an_include_dir_holds_no_public_api():
    tree = Tree({"": ["CMakeLists.txt", "include", "src"], "src": ["packet.c", "packet.h"]})
    assert _removed(derive_facts(COMMIT, tree)) == {"src/packet.c": False, "src/packet.h": False}


def test_without_an_include_dir_or_a_listing_the_language_convention_stands():
    # jq installs src/jv.h: a project with no include/ keeps its headers where its sources are
    assert _removed(derive_facts(COMMIT, Tree({"": ["Makefile", "src"], "src": ["packet.c"]}))) == {
        "src/packet.c": True, "src/packet.h": True}
    assert _removed(derive_facts(COMMIT, Tree(None))) == {"src/packet.c": True, "src/packet.h": True}


def test_a_source_function_an_installed_header_declares_stays_public():
    facts = [Fact(kind="symbol_removed", path="include/lib.h", symbol="lib_open", public=True),
             Fact(kind="symbol_removed", path="src/open.c", symbol="lib_open", public=True),
             Fact(kind="symbol_removed", path="src/open.c", symbol="open_helper", public=True),
             Fact(kind="symbol_modified", path="src/open.c", symbol="lib_read", public=True),
             Fact(kind="symbol_modified", path="src/internal.h", symbol="lib_state", public=True)]
    commit = Commit(sha="c", parents=["p"], message="m", author="a", committed_at=WHEN)
    out = installed_only(facts, commit, Tree({"": ["include", "src"]}))
    # a body changed in place says nothing of where its function is declared: it keeps its convention
    assert [f.public for f in out] == [True, True, False, True, False]


def test_nested_include_dirs_are_found_beside_the_changed_files():
    tree = Tree({"": ["googletest", "googlemock"], "googletest": ["include", "src"], "googletest/src": ["a.cc"]})
    commit = Commit(sha="c", parents=["p"], message="m", author="a", committed_at=WHEN)
    assert include_roots(commit, tree, ["googletest/src/a.cc"]) == ["googletest/include/"]


def test_local_git_lists_directories_at_a_revision(git_repo):
    first = git_repo.commit("init", WHEN, {"include/lib.h": "int f(void);\n", "src/lib.c": "int f(void){return 0;}\n"})
    second = git_repo.commit("more", WHEN.replace(hour=11), {"src/extra.h": "int g(void);\n"})
    source = LocalGitSource(git_repo.path)
    assert source.names_at(first, "") == ["include", "src"]
    assert source.names_at(first, "src") == ["lib.c"]
    assert source.names_at(second, "src") == ["extra.h", "lib.c"]
    assert source.names_at(second, "include/lib.h") is None  # a file, not a directory
    assert source.names_at(second, "missing") is None


@pytest.fixture
def gh():
    with FakeGitHub() as server:
        server.add_repo("o/r")
        yield server


def test_github_lists_directories_through_pygithub_and_caches_them(gh):
    first = gh.add_commit("o/r", "init", committed_at=WHEN,
                          contents={"include/lib.h": "int f(void);\n", "src/lib.c": "int f(void){return 0;}\n"},
                          files=[{"filename": "src/lib.c", "status": "added", "additions": 1}])
    source = GitHubSource("o/r", token="test-token", api_url=gh.url)
    assert source.names_at(first, "") == ["include", "src"]
    assert source.names_at(first, "src") == ["lib.c"]
    assert source.names_at(first, "include/lib.h") is None  # a file
    assert source.names_at(first, "missing") is None  # 404
    calls = gh.count("/repos/o/r/contents")
    assert source.names_at(first, "src") == ["lib.c"] and gh.count("/repos/o/r/contents") == calls


def test_a_fixture_day_keeps_the_listings_its_facts_asked_for():
    from bench.day_fixtures import load
    day = load("libssh2-2026-07-23")
    commit = next(c for c in day.commits if c.sha.startswith("0087154"))
    assert "include" in day.contents.names_at(commit.parents[0], "")
    assert _removed_any(derive_facts(commit, day.contents)) == {"src/packet.c": False, "src/packet.h": False}


def _removed_any(facts: list[Fact]) -> dict[str, bool | None]:
    return {f.path: f.public for f in facts if f.kind == "symbol_removed"}


def test_an_amalgamated_single_include_header_is_installed_too():
    facts = [Fact(kind="symbol_added", path="single_include/nlohmann/json.hpp", symbol="nlohmann::json::value",
                  public=True),
             Fact(kind="symbol_added", path="tests/thirdparty/doctest.h", symbol="doctest_main", public=True),
             Fact(kind="symbol_added", path="tools/amalgamate/helper.h", symbol="amalgamate", public=True)]
    commit = Commit(sha="c", parents=["p"], message="m", author="a", committed_at=WHEN)
    out = installed_only(facts, commit, Tree({"": ["include", "single_include", "tests", "tools"]}))
    assert [f.public for f in out] == [True, True, False]  # a test file is no API either way
