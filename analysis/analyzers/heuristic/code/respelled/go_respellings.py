"""Go lines spelt anew with the same meaning: a deprecated ``io/ioutil`` call written as its ``io``/``os`` twin,
``interface{}`` written ``any``, ``len(s) == 0`` written ``s == ""``, a counting loop written as a range over an int
and a ``WaitGroup``'s ``Add``/``go``/``Done`` written as its ``Go`` method (the ``modernize`` analyzer's rewrites), the
imports adjusted to match; or Go files renamed in place, their package the same."""

from __future__ import annotations

import re
from collections import Counter

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.analyzers.heuristic.code.respelled.locals_renamed import renamed_alike

#: ``io/ioutil``'s functions that Go 1.16 made plain wrappers of these (``ReadDir`` is left out: it returns another type)
_IOUTIL = {"ReadAll": "io.ReadAll", "ReadFile": "os.ReadFile", "WriteFile": "os.WriteFile",
           "TempFile": "os.CreateTemp", "TempDir": "os.MkdirTemp", "NopCloser": "io.NopCloser", "Discard": "io.Discard"}
_IOUTIL_CALL = re.compile(r"\bioutil\.(" + "|".join(_IOUTIL) + r")\b")
_EMPTY_INTERFACE = re.compile(r"\binterface\s*\{\s*\}")
#: an import line, alone or in an ``import (...)`` block: ``"io/ioutil"``, ``import "os"``, ``foo "example.com/x"``
_IMPORT = re.compile(r'^(?:import\s+)?(?:[\w.]+\s+)?"[^"\s]+"$')
#: a length tested against zero: ``len(flag.Name) == 0``, ``len(s) > 0`` (Go compiles ``s == ""`` for a string only,
#: so an added line comparing the same operand with ``""`` proves it one)
_LEN_ZERO = re.compile(r"\blen\(([\w.]+)\)\s*(==|!=|>)\s*0\b")
_EMPTY_TEST = {"==": '== ""', "!=": '!= ""', ">": '!= ""'}
#: a counting loop from zero (a typed zero, ``int64(0)``, counts in the bound's type): ``for i := 0; i < n; i++ {``,
#: which Go 1.22 writes ``for i := range n {``; up to ``len(s)``, the slice's indexes: ``for i := range s {``
_COUNTING_LOOP = re.compile(r"^for (\w+) := (?:\w+\()?0\)?; \1 < (?:len\(([\w.]+)\)|([^;{}()]+?)); \1\+\+ \{$")
#: a range loop's single variable (``for i := range n``): the modernizer drops it when the body never reads it
_RANGE_VARIABLE = re.compile(r"^for \w+ := range ")
#: a ``WaitGroup`` counted up for one goroutine (``wg.Add(1)``), the goroutine it starts, its ``Done`` and close
_WG_ADD = re.compile(r"^([\w.]+)\.Add\(1\)$")
_GO_FUNC = "go func() {"
_GO_FUNC_END = "}()"
#: a local declared: ``x := new(bytes.Buffer)``, ``var x bytes.Buffer``
_LOCAL = re.compile(r"^(?:var\s+(\w+)\b|(\w+)\s*:=)")


def _one_way(line: str) -> str:
    line = _IOUTIL_CALL.sub(lambda m: _IOUTIL[m.group(1)], line)
    line = _LEN_ZERO.sub(lambda m: f"{m.group(1)} {_EMPTY_TEST[m.group(2)]}", line)
    line = _COUNTING_LOOP.sub(lambda m: f"for {m.group(1)} := range {m.group(2) or m.group(3)} {{", line)
    return _EMPTY_INTERFACE.sub("any", line)


def _range_loop(line: str) -> str:
    """A range loop with its one variable dropped: ``for i := range n {`` and ``for range n {`` alike."""
    return _RANGE_VARIABLE.sub("for range ", line)


def _waitgroup_go(lines: list[str]) -> list[str]:
    """Removed lines with each ``wg.Add(1)``, ``go func() {``, its ``defer wg.Done()`` (or a last ``wg.Done()``) and
    closing ``}()`` read as ``wg.Go(func() {`` ... ``})``: Go 1.25's ``WaitGroup.Go`` adds, runs the function in a
    goroutine and calls ``Done`` when it returns, the lines it replaces."""
    out: list[str] = []
    open_groups: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        following = [ln for ln in lines[i + 1:i + 4] if ln]
        if (m := _WG_ADD.match(line)) and following[:1] == [_GO_FUNC]:
            group = m.group(1)
            out.append(f"{group}.Go(func() {{")
            open_groups.append(group)
            i = lines.index(_GO_FUNC, i + 1) + 1
            rest = [j for j in range(i, len(lines)) if lines[j]]
            if rest and lines[rest[0]] == f"defer {group}.Done()":
                i = rest[0] + 1
            continue
        if open_groups and line == f"{open_groups[-1]}.Done()" and [ln for ln in lines[i + 1:] if ln][:1] == [
                _GO_FUNC_END]:
            i += 1  # ``wg.Done()`` as the goroutine's last statement: ``Go`` calls it on return
            continue
        if open_groups and line == _GO_FUNC_END:
            open_groups.pop()
            out.append("})")
        else:
            out.append(line)
        i += 1
    return out


def _locals(lines: list[str]) -> set[str]:
    """The names these lines declare."""
    return {name for line in lines if (m := _LOCAL.match(line.strip())) for name in m.groups() if name}


def go_respelled_only(patch: str | None, path: str) -> bool:
    """A Go file whose changed lines, import lines aside, come back the same once ``ioutil.ReadAll`` is read as
    ``io.ReadAll`` (and its kin), ``interface{}`` as ``any``, ``for i := 0; i < n; i++`` as ``for i := range n``
    (its variable dropped when unread) and ``wg.Add(1); go func() { defer wg.Done() ... }()`` as ``wg.Go(func() {
    ... })``, and some such line changed: the same calls and iterations, spelt as current Go spells them."""
    if not path.endswith(".go"):
        return False
    removed, added = changed_lines(patch)
    respelled = [_one_way(line) for line in _waitgroup_go(removed) if line and not _IMPORT.match(line)]
    removed = [line for line in removed if line and not _IMPORT.match(line)]
    added = [line for line in added if line and not _IMPORT.match(line)]
    # some removed line must read otherwise once respelt: the same lines put back in another order (two nested
    # loops swapped, so another element is found first) are a reorder, which changes what the code does
    if not removed or respelled == removed:
        return False
    ranged = [_range_loop(line) for line in respelled]
    return (Counter(respelled) == Counter(added) or Counter(ranged) == Counter(map(_range_loop, added))
            or renamed_alike(respelled, added, _locals))


def go_files_renamed_only(files) -> bool:
    """Every file is a Go source renamed inside its own directory with no line changed (``union_cow.go`` ->
    ``copyOnWriteFs.go``): a Go package is its directory, so importers and the compiled package are the same."""
    files = list(files)
    return bool(files) and all(
        f.status == "renamed" and f.path.endswith(".go") and f.previous_path and not f.changes
        and f.previous_path.rpartition("/")[0] == f.path.rpartition("/")[0] for f in files)
