"""review52: the unreachable-throw, supported-floor and copyright-restamp rules read no failure's own message, no
call's arguments and no ``(c)`` of code as what they look for."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.behaviour.unreachable_throws import unreachable_throws_only
from analysis.analyzers.heuristic.config.builds.supported_floor import supported_floors_raised
from analysis.analyzers.heuristic.release import _COPYRIGHT
from analysis.models import FileChange
from tests.facts_support import analysed, patch_of

_JAVA = """class Pool {
    Connection take() {
        return queue.poll();
    }
}
"""


def _thrown(message: str) -> str:
    return _JAVA.replace("        return queue.poll();\n",
                         "        Connection c = queue.poll();\n        if (c == null) {\n"
                         f'            throw new IllegalStateException("{message}");\n        }}\n        return c;\n')


def test_a_throw_whose_message_says_it_cannot_get_something_is_a_new_failure() -> None:
    assert not unreachable_throws_only(patch_of(_JAVA, _thrown("Cannot get a connection")))
    assert not unreachable_throws_only(patch_of(_JAVA, _thrown("cannot reach host")))
    assert not unreachable_throws_only(patch_of(_JAVA, _thrown("Impossible to find the configuration")))
    assert unreachable_throws_only(patch_of(_JAVA, _thrown("should never happen")))
    assert unreachable_throws_only(patch_of(_JAVA, _thrown("impossible: the queue is never empty here")))


_GRADLE = """test {
    maxParallelForks = Math.max(1, 4)
}
"""


def test_a_call_in_a_gradle_script_is_no_version_range() -> None:
    raised = _GRADLE.replace("(1, 4)", "(2, 4)")
    assert supported_floors_raised([_file("build.gradle", _GRADLE, raised)]) == []
    ranged = _GRADLE.replace("maxParallelForks = Math.max(1, 4)", 'strictly("[4.0,6.0)")')
    assert supported_floors_raised([_file("build.gradle", ranged, ranged.replace("[4.0", "[5.0"))]) == [
        ('strictly("#")', "[4.0,6.0)", "[5.0,6.0)")]


def _file(path: str, before: str, after: str) -> FileChange:
    patch = patch_of(before, after)
    return FileChange(path=path, status="modified", patch=patch, additions=patch.count("\n+"),
                      deletions=patch.count("\n-"))


_HEADER = """/* Copyright (c) 2013-2017 the Lib developers */
#define LIB_VERSION "1.11"
static int width(int c) { return f(c) * 4; }
"""
_NOTES = "Release Notes v1.11\n===\n\n- Fix the parser\n"
_NOTES_112 = "Release Notes v1.12\n===\n\n- Update version number\n\n" + _NOTES


def test_a_bare_c_in_code_is_no_copyright_notice() -> None:
    assert _COPYRIGHT.search(" * (C) 2013-2018 the Lib developers")
    assert not _COPYRIGHT.search("static int width(int c) { return f(c) * 4; }")
    # the release restamps its version and years, and the same commit moves a number in code: a setting, medium
    restamped = _HEADER.replace("2013-2017", "2013-2018").replace('"1.11"', '"1.12"')
    assert analysed({"include/lib.h": (_HEADER, restamped), "RELEASE_NOTES.md": (_NOTES, _NOTES_112)},
                    "Update version number to V1.12").importance == "low"
    moved = restamped.replace("f(c) * 4", "f(c) * 8")
    assert analysed({"include/lib.h": (_HEADER, moved), "RELEASE_NOTES.md": (_NOTES, _NOTES_112)},
                    "Update version number to V1.12").importance == "medium"
