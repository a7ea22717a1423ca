"""Go lines spelt anew with the same meaning: a deprecated ``io/ioutil`` call written as its ``io``/``os`` twin,
``interface{}`` written ``any``, ``len(s) == 0`` written ``s == ""``, the imports adjusted to match; or Go files
renamed in place, their package the same."""

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
#: a local declared: ``x := new(bytes.Buffer)``, ``var x bytes.Buffer``
_LOCAL = re.compile(r"^(?:var\s+(\w+)\b|(\w+)\s*:=)")


def _one_way(line: str) -> str:
    line = _IOUTIL_CALL.sub(lambda m: _IOUTIL[m.group(1)], line)
    line = _LEN_ZERO.sub(lambda m: f"{m.group(1)} {_EMPTY_TEST[m.group(2)]}", line)
    return _EMPTY_INTERFACE.sub("any", line)


def _locals(lines: list[str]) -> set[str]:
    """The names these lines declare."""
    return {name for line in lines if (m := _LOCAL.match(line.strip())) for name in m.groups() if name}


def go_respelled_only(patch: str | None, path: str) -> bool:
    """A Go file whose changed lines, import lines aside, come back the same once ``ioutil.ReadAll`` is read as
    ``io.ReadAll`` (and its kin) and ``interface{}`` as ``any``, and some such line changed: the same calls, spelt
    as current Go spells them."""
    if not path.endswith(".go"):
        return False
    removed, added = changed_lines(patch)
    removed = [line for line in removed if line and not _IMPORT.match(line)]
    added = [line for line in added if line and not _IMPORT.match(line)]
    respelled = [_one_way(line) for line in removed]
    # some removed line must read otherwise once respelt: the same lines put back in another order (two nested
    # loops swapped, so another element is found first) are a reorder, which changes what the code does
    if not removed or respelled == removed:
        return False
    return Counter(respelled) == Counter(added) or renamed_alike(respelled, added, _locals)


def go_files_renamed_only(files) -> bool:
    """Every file is a Go source renamed inside its own directory with no line changed (``union_cow.go`` ->
    ``copyOnWriteFs.go``): a Go package is its directory, so importers and the compiled package are the same."""
    files = list(files)
    return bool(files) and all(
        f.status == "renamed" and f.path.endswith(".go") and f.previous_path and not f.changes
        and f.previous_path.rpartition("/")[0] == f.path.rpartition("/")[0] for f in files)
