"""Rules of the eighteenth tuning round (issue 8, tune17a), each on a small snippet: a missing ``#include`` added, a
C++ trailing return type written before the name, Go's deprecated ``ioutil`` calls written as their ``io``/``os``
twins: the same code, low; a real change next to them keeps its weight."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.respelled.c_respellings import c_respelled_only
from analysis.analyzers.heuristic.code.respelled.go_respellings import go_respelled_only
from analysis.analyzers.heuristic.code.respelled.includes_added import includes_added_only
from analysis.models import FileChange
from tests.facts_support import analysed

_CPP = """// SPDX-License-Identifier: MIT

#include "contrib/dragonbox.h"

#include <array>

namespace fmt {
std::string Format(double v, int precision) {
  std::array<char, 32> buffer{};
  if (precision <= 0) {
    precision = 6;
  }
  return std::string(buffer.data(), Convert(buffer.data(), v, precision));
}
}  // namespace fmt
"""

_HEADER = """#pragma once
#include <string>

namespace fmt {
inline auto Digits(char* begin, char* end, size_t value, int width=1) -> int {
  return Fill(begin, end, value, width);
}

template <typename T>
auto ToString(T v, int precision = 0) -> std::string {
  return Format(static_cast<double>(v), precision);
}
}  // namespace fmt
"""

_GO = """package prometheus

import (
\t"errors"
\t"fmt"
\t"io/ioutil"
\t"os"
\t"strconv"
\t"strings"
)

// NewPidFileFn returns a function that retrieves a pid from the specified file.
func NewPidFileFn(pidFilePath string) func() (int, error) {
\treturn func() (int, error) {
\t\tcontent, err := ioutil.ReadFile(pidFilePath)
\t\tif err != nil {
\t\t\treturn 0, fmt.Errorf("can't read pid file %q: %+v", pidFilePath, err)
\t\t}
\t\tpid, err := strconv.Atoi(strings.TrimSpace(string(content)))
\t\tif err != nil {
\t\t\treturn 0, errors.New("bad pid")
\t\t}
\t\treturn pid, nil
\t}
}
"""


def _patch(old: str, new: str) -> str:
    from tests.facts_support import commit_of
    commit, _ = commit_of({"src/x.cpp": (old, new)}, "x")
    return commit.files[0].patch


def test_a_missing_include_added_is_low():
    fixed = _CPP.replace('#include "contrib/dragonbox.h"', '#include "fmt/format.h"\n#include "contrib/dragonbox.h"')
    change = FileChange(path="src/format.cpp", status="modified", additions=1, deletions=0,
                        patch=_patch(_CPP, fixed))
    assert includes_added_only([change])
    assert analysed({"src/format.cpp": (_CPP, fixed)}, "fix: add missing include").importance == "low"
    # an include that comes with a statement changed is a code change, as before
    changed = fixed.replace("precision = 6;", "precision = 17;")
    assert not includes_added_only([FileChange(path="src/format.cpp", status="modified", additions=2, deletions=1,
                                               patch=_patch(_CPP, changed))])
    assert analysed({"src/format.cpp": (_CPP, changed)}, "fix: add missing include").importance == "medium"


def test_a_trailing_return_type_written_first_is_the_same_declaration():
    leading = (_HEADER.replace("inline auto Digits(char* begin, char* end, size_t value, int width=1) -> int {",
                               "inline int Digits(char* begin, char* end, size_t value, int width=1) {")
               .replace("auto ToString(T v, int precision = 0) -> std::string {",
                        "std::string ToString(T v, int precision = 0) {"))
    assert c_respelled_only(_patch(_HEADER, leading), "include/fmt/format.h", False)
    analysis = analysed({"include/fmt/format.h": (_HEADER, leading)}, "fix: remove trailing return types")
    assert analysis.importance == "low"
    # another return type is another declaration
    retyped = leading.replace("inline int Digits", "inline long Digits")
    assert not c_respelled_only(_patch(_HEADER, retyped), "include/fmt/format.h", False)


def test_gos_ioutil_calls_written_as_their_io_and_os_twins_are_low():
    current = _GO.replace('\t"io/ioutil"\n', "").replace("ioutil.ReadFile", "os.ReadFile")
    assert go_respelled_only(_patch(_GO, current), "prometheus/process_collector.go")
    assert analysed({"prometheus/process_collector.go": (_GO, current)}, "Remove ioutil (#1096)").importance == "low"
    # a call swapped for one of other behaviour is not a respelling
    other = current.replace("os.ReadFile(pidFilePath)", "os.ReadFile(pidFilePath + \".pid\")")
    assert not go_respelled_only(_patch(_GO, other), "prometheus/process_collector.go")
    assert analysed({"prometheus/process_collector.go": (_GO, other)}, "Remove ioutil").importance == "medium"
