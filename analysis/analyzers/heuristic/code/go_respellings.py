"""Go lines spelt anew with the same meaning: a deprecated ``io/ioutil`` call written as its ``io``/``os`` twin,
``interface{}`` written ``any``, the imports adjusted to match."""

from __future__ import annotations

import re
from collections import Counter

from analysis.analyzers.heuristic.code.hunks import changed_lines

#: ``io/ioutil``'s functions that Go 1.16 made plain wrappers of these (``ReadDir`` is left out: it returns another type)
_IOUTIL = {"ReadAll": "io.ReadAll", "ReadFile": "os.ReadFile", "WriteFile": "os.WriteFile",
           "TempFile": "os.CreateTemp", "TempDir": "os.MkdirTemp", "NopCloser": "io.NopCloser", "Discard": "io.Discard"}
_IOUTIL_CALL = re.compile(r"\bioutil\.(" + "|".join(_IOUTIL) + r")\b")
_EMPTY_INTERFACE = re.compile(r"\binterface\s*\{\s*\}")
#: an import line, alone or in an ``import (...)`` block: ``"io/ioutil"``, ``import "os"``, ``foo "example.com/x"``
_IMPORT = re.compile(r'^(?:import\s+)?(?:[\w.]+\s+)?"[^"\s]+"$')


def _one_way(line: str) -> str:
    line = _IOUTIL_CALL.sub(lambda m: _IOUTIL[m.group(1)], line)
    return _EMPTY_INTERFACE.sub("any", line)


def go_respelled_only(patch: str | None, path: str) -> bool:
    """A Go file whose changed lines, import lines aside, come back the same once ``ioutil.ReadAll`` is read as
    ``io.ReadAll`` (and its kin) and ``interface{}`` as ``any``, and some such line changed: the same calls, spelt
    as current Go spells them."""
    if not path.endswith(".go"):
        return False
    removed, added = changed_lines(patch)
    removed = [line for line in removed if line and not _IMPORT.match(line)]
    added = [line for line in added if line and not _IMPORT.match(line)]
    return bool(removed) and removed != added and Counter(map(_one_way, removed)) == Counter(added)
