"""Rules of the tune35 round (issue 8, the thirty-fifth set), each on a small snippet: a private field renamed is no
contract change; Python edited for its type checker is low; a title on input that holds whitespace is no cosmetic
fix; a CMake option or cache variable added, or a version script's exported symbols scoped, is medium; an
``#include`` put under ``#ifdef HAVE_CONFIG_H`` is low; a docs change of mostly comments over private code is low;
a public class made abstract is high."""

from __future__ import annotations

import pytest

from analysis.analyzers.heuristic import rules as R
from tests.facts_support import analysed, facts_of

_RUST = """pub struct Iter<T> {
    pub(crate) it: T,
    pub progress: u64,
    pub(crate) dejitter: u64,
}

impl<T> Iter<T> {
    pub fn read(&mut self) -> u64 {
        self.dejitter + self.progress
    }

    pub fn seek(&mut self) -> u64 {
        self.dejitter
    }
}
"""


def _renames(files) -> list[str]:
    return [f["text"] for f in facts_of(files) if "fields renamed" in f.get("text", "")]


def test_a_crate_private_field_renamed_is_no_contract_change_a_public_one_is():
    private = _RUST.replace("dejitter", "seek_max")
    assert _renames({"src/iter.rs": (_RUST, private)}) == []
    public = _RUST.replace("pub progress", "pub position").replace("self.progress", "self.position")
    assert _renames({"src/iter.rs": (_RUST, public)}) == ["struct, fields renamed progress -> position"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_crate_private_field_renamed_reads_low(lang):
    result = analysed({"src/iter.rs": (_RUST, _RUST.replace("dejitter", "seek_max"))},
                      "iter: rename dejitter to seek_max", lang)
    assert result.importance == "low"


_PY = '''"""Distributions."""


class Distribution:
    def __init__(self, attrs=None):
        self.attrs = attrs or {}
        self.packages = []

    def get_name(self):
        return self.attrs.get("name", "UNKNOWN")

    def has_packages(self):
        return bool(self.packages)


def fetch(dist, name):
    return dist.attrs.get(name)
'''
_TYPED = _PY.replace("    def __init__(self, attrs=None):", "    include_package_data: bool | None\n"
                     "    exclude_package_data: dict[str, list[str]] | None\n\n"
                     "    def __init__(self, attrs: dict[str, object] | None = None) -> None:").replace(
    "    def get_name(self):", "    def get_name(self) -> str:").replace(
    "def fetch(dist, name):", "def fetch(dist: Distribution, name: str) -> object:")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_python_edited_for_its_type_checker_reads_low(lang):
    title = "Fix most mypy `attr-defined` errors by explicitly defining attributes"
    assert analysed({"pkg/dist.py": (_PY, _TYPED)}, title, lang).importance == "low"
    runtime = "Runtime changes for the mypy attribute definitions"
    assert analysed({"pkg/dist.py": (_PY, _TYPED)}, runtime, lang).importance == "medium"
    retyped = _TYPED.replace("def get_name(self) -> str:", "def get_name(self) -> bytes:")
    old = _PY.replace("def get_name(self):", "def get_name(self) -> str:")
    assert analysed({"pkg/dist.py": (old, retyped)}, title, lang).importance == "medium"


def test_input_with_whitespace_accepted_is_no_cosmetic_title():
    assert R.cosmetic("Fix mapDecoder.DecodeStream() to accept empty objects containing whitespace") is None
    assert R.cosmetic("Remove trailing whitespace") is not None


_CMAKE = """cmake_minimum_required(VERSION 3.10)
project(lib C)

set(LIB_INSTALL_CMAKE_DIR ${DEF_INSTALL_CMAKE_DIR} CACHE PATH "Installation directory for CMake files")

if (LIB_INSTALL)
  install(FILES
          ${CMAKE_CURRENT_BINARY_DIR}/lib.pc
          DESTINATION lib/pkgconfig)
endif()
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_cmake_cache_variable_added_reads_medium(lang):
    after = _CMAKE.replace('files")\n', 'files")\n\nset(LIB_INSTALL_PKGCONF_DIR lib/pkgconfig CACHE PATH '
                           '"Installation directory for pkg-config files")\n').replace(
        "DESTINATION lib/pkgconfig)", "DESTINATION ${LIB_INSTALL_PKGCONF_DIR})")
    assert analysed({"CMakeLists.txt": (_CMAKE, after)}, "Merge pull request #721 from someone/pkg-config",
                    lang).importance == "medium"
    moved = _CMAKE.replace("DESTINATION lib/pkgconfig)", "DESTINATION lib/pkgconfig/)")
    assert analysed({"CMakeLists.txt": (_CMAKE, moved)}, "Merge pull request #721 from someone/pkg-config",
                    lang).importance == "low"


_SCRIPT = """if(LIB_BUILD_SHARED_LIBS)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/lib.sym" "LIB_${LIB_SOVERSION} {
    global:
          *;
};
")
endif()
"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_exported_symbols_scoped_by_a_version_script_read_medium(lang):
    after = _SCRIPT.replace("    global:\n", "    global:\n          lib_*;\n    local:\n")
    assert analysed({"CMakeLists.txt": (_SCRIPT, after)}, "Merge pull request #704 from someone/master",
                    lang).importance == "medium"


_H = """#ifndef LIB_PRIVATE_H
#define LIB_PRIVATE_H

#include "hashtable.h"
#include "lib.h"
#include "lib_private_config.h"
#include "strbuffer.h"
#include <stddef.h>

int lib_private(int x);

#endif
"""


_GUARD_MESSAGE = ("Merge pull request #705 from someone/master\n\n"
                  "include lib_private_config.h only if HAVE_CONFIG_H is enabled")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_include_put_under_ifdef_reads_low(lang):
    after = _H.replace('#include "lib_private_config.h"\n',
                       '#ifdef HAVE_CONFIG_H\n#include "lib_private_config.h"\n#endif\n')
    assert analysed({"src/lib_private.h": (_H, after)}, _GUARD_MESSAGE,
                    lang).importance == "low"
    code = after.replace('#include "lib_private_config.h"\n#endif\n',
                         '#include "lib_private_config.h"\nint lib_configured(void);\n#endif\n')
    assert analysed({"src/lib_private.h": (_H, code)}, _GUARD_MESSAGE,
                    lang).importance != "low"


_RS_DOC = """/// Ring buffer that remembers the maximum contained value.
///
/// can be used to quickly calculate the maximum value of a history of data points.
struct MaxRingBuf {
    history: [u64; 10],
    // invariant: always a valid index into history
    head: u8,
    // invariant: always a valid index into history
    max_pos: u8,
}

impl MaxRingBuf {
    /// Adds a value to the history.
    /// Updates internal bookkeeping to remember the maximum value.
    ///
    /// # Performance:
    /// amortized O(1):
    /// each regular update is O(1).
    /// This only happens on average each 1/HISTORY and has a cost of HISTORY,
    /// therefore amortizing to O(1).
    /// Worst case would be linearly decreasing values, which is still O(1).
    /// Only updates that overwrite the position the maximum was stored in with a smaller number do a seek,
    /// searching for the new maximum.
    fn update(&mut self, new: u64) {
        // exploit the invariant to eliminate bounds checks
        let head = usize::from(self.head) % self.history.len();
        // save max now in case it gets overwritten
        self.history[head] = new;
        self.head = (self.head + 1) % 10;
        self.max_pos = head.try_into().expect("history.len() <= u8::MAX");
    }
}
"""


_RS_DOC_AFTER = _RS_DOC.replace(
    "///\n/// can be used to quickly calculate the maximum value of a history of data points.\n", "").replace(
    "    // invariant: always a valid index into history\n    head: u8,\n", "    head: u8, // must be < 10\n").replace(
    "    // invariant: always a valid index into history\n    max_pos: u8,\n", "    max_pos: u8, // must be < 10\n").replace(
    'head.try_into().expect("history.len() <= u8::MAX")', "head as u8").replace(
    "    /// Adds a value to the history.\n", "").replace(
    "    ///\n    /// # Performance:\n    /// amortized O(1):\n    /// each regular update is O(1).\n"
    "    /// This only happens on average each 1/HISTORY and has a cost of HISTORY,\n"
    "    /// therefore amortizing to O(1).\n", "    ///\n").replace(
    "        // exploit the invariant to eliminate bounds checks\n", "").replace(
    "        // save max now in case it gets overwritten\n", "")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_docs_change_of_mostly_comments_over_private_code_reads_low(lang):
    assert analysed({"src/iter.rs": (_RS_DOC, _RS_DOC_AFTER)}, "iter: streamline MaxRingBuf documentation",
                    lang).importance == "low"


_BASE = '''"""Commands."""


class Command(_Command):
    """Base of every command: subclasses implement initialize_options, finalize_options and run."""

    def initialize_options(self):
        raise NotImplementedError

    def finalize_options(self):
        raise NotImplementedError

    def run(self):
        raise NotImplementedError
'''


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_public_class_made_abstract_reads_high(lang):
    after = ('"""Commands."""\n\nfrom abc import ABC, abstractmethod\n' + _BASE.split('"""Commands."""\n', 1)[1]
             .replace("class Command(_Command):", "class Command(_Command, ABC):")
             .replace("    def ", "    @abstractmethod\n    def "))
    result = analysed({"lib/command.py": (_BASE, after)}, "Mark abstract base classes and methods (#4503)", lang)
    assert result.importance == "high"
    plain = after.replace("    @abstractmethod\n", "")
    assert analysed({"lib/command.py": (_BASE, plain)}, "Mark abstract base classes and methods (#4503)",
                    lang).importance != "high"
