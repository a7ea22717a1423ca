"""C and C++ enumerators whose values move in a header: inserted mid-enum (every implicit value after them shifts by
one) or given another explicit value."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.perf import HEADERS as _HEADERS  # C/C++ header suffixes, one list
from analysis.facts.patches import Line, parse_patch
from analysis.models import FileChange

#: a bare enumerator, its value implicit: ``ImGuiCol_CheckMark,  // comment``
_ENUMERATOR = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*(?P<comma>,?)\s*(//.*|/\*.*)?$")
_ENUM_OPEN = re.compile(r"\benum\b")
#: the count or bound an enum ends with (``ImGuiCol_COUNT``, ``FOO_LAST``): its value moving is what appending does
_SENTINEL = re.compile(r"(^|_)(COUNT|LAST|MAX|END|NUM|SIZE|SENTINEL)(_|$)|^NUM_|Count$", re.I)


def _in_enum(heading: str, before: list[Line]) -> bool:
    """The hunk sits in an enum: its heading names one, or a context line above opens one."""
    return bool(_ENUM_OPEN.search(heading)) or any(_ENUM_OPEN.search(line.text) for line in before)


def shifted_enumerators(files: Iterable[FileChange]) -> list[str]:
    """Enumerators a header inserts before unchanged ones of the same enum, none with an explicit value: the
    enumerators after them (not only a trailing count) take other values, so code compiled against the old header
    (a binding, a saved setting, another library) reads one as another."""
    found: list[str] = []
    for f in files:
        if not f.path.endswith(_HEADERS) or not f.patch:
            continue
        for hunk in parse_patch(f.path, f.patch).hunks:
            # an enumerator whose line comes back re-commented or re-spaced is not inserted
            kept = {m.group("name") for line in hunk.removed if (m := _ENUMERATOR.match(line.text))}
            for i, line in enumerate(hunk.lines):
                match = _ENUMERATOR.match(line.text) if line.kind == "+" else None
                if (not match or not match.group("comma") or "=" in line.text or match.group("name") in kept
                        or not _in_enum(hunk.header, hunk.lines[:i])):
                    continue
                after = [ln.text for ln in hunk.lines[i + 1:] if ln.kind == " " and ln.text.strip()]
                later = _ENUMERATOR.match(after[0]) if after else None
                if later and not _SENTINEL.search(later.group("name")):
                    found.append(match.group("name"))
    return list(dict.fromkeys(found))


#: an enumerator with its explicit value: ``ZSTD_c_targetCBlockSize=130, /* comment``
_VALUED = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<value>[^,/]+?)\s*,?\s*(//.*|/\*.*)?$")
#: an object-like macro and its expansion: ``#define ZSTD_c_targetCBlockSize ZSTD_c_experimentalParam6``
_DEFINE = re.compile(r"^\s*#\s*define\s+(?P<name>[A-Za-z_]\w*)\s+(?P<value>\S.*?)\s*$")

#: a folder of the library's own headers (``lib/common/bitstream.h``, ``include/x/internal/``): no caller compiles them
_INTERNAL_DIR = re.compile(r"(^|/)(internal|detail|details|impl|private|common)/", re.I)


def revalued_enumerators(files: Iterable[FileChange]) -> list[str]:
    """Names a header gives another value: an enumerator's explicit ``= n`` replaced, or a ``#define NAME X`` removed
    and ``NAME = n`` added to an enum (an experimental macro promoted to a stable enumerator). Code compiled against
    the old header passes the old number, which now means another thing or nothing."""
    found: list[str] = []
    for f in files:
        if not f.path.endswith(_HEADERS) or not f.patch or _INTERNAL_DIR.search(f.path):
            continue
        patch = parse_patch(f.path, f.patch)
        before: dict[str, str] = {}
        for line in (ln for hunk in patch.hunks for ln in hunk.removed):
            if match := (_DEFINE.match(line.text) or _VALUED.match(line.text)):
                before[match.group("name")] = match.group("value")
        for hunk in patch.hunks:
            for i, line in enumerate(hunk.lines):
                match = _VALUED.match(line.text) if line.kind == "+" else None
                if (match and match.group("name") in before and before[match.group("name")] != match.group("value")
                        and _in_enum(hunk.header, hunk.lines[:i])):
                    found.append(match.group("name"))
    return list(dict.fromkeys(found))
