"""Values a change edits in place inside code: a line that differs from the one it replaces in one literal only,
set to a key, field, argument or constant (``"spec_version": "2.4"`` -> ``"2.3"``, ``timeout=5`` -> ``timeout=10``,
``referrerPolicy: false`` -> ``'strict-origin-when-cross-origin'``); not a function's own local variable."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import _LOGGING, _NUMBER, _STRING, _pairs, block_commented
from analysis.facts.code.block_comments import without_block_comments
from analysis.models import FileChange

#: what a literal is set to, right before it: ``key:``, ``"key":``, ``name =``, ``arg=``
_KEYED = re.compile(r"""(?P<key>[A-Za-z_$][\w.$]*|"[\w.$-]{1,40}"|'[\w.$-]{1,40}')\s*(?::(?!=)|(?<![=!<>:])=)\s*$""")
#: a function's own variable declared (``let n = 4``, ``var n = 4``, ``n := 4``): how it works inside, not a value
#: callers or operators see
_LOCAL = re.compile(r"^\s*(?:let(?:\s+mut)?|var)\s+[A-Za-z_$][\w$]*\s*(?::[^=]+)?=|^\s*[A-Za-z_]\w*(?:\s*,\s*\w+)*\s*:=")
#: a boolean or null word: an option's default set to ``false`` is as much a value as ``0`` or ``""``
_WORD = r"(?<![\w.$])(?:true|false|True|False|null|None|nil|undefined)(?![\w$])"
_LITERAL = re.compile(f"{_STRING.pattern}|{_NUMBER.pattern}|{_WORD}")
_COMMENT = ("#", "//", "/*", "*", "--")
_MAX_VALUE = 40


def _literals(line: str) -> list[re.Match[str]]:
    return list(_LITERAL.finditer(line))


def _shape(line: str) -> str:
    """The line with every literal (string, number, boolean, null) masked alike: two lines of one shape differ in
    values only, whatever kind of value replaced another (``false`` -> ``'strict-origin'``)."""
    return _LITERAL.sub("0", line)


def keyed_values(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """(key, old, new) for each in-place edit of one literal set to a key, in order, without repeats."""
    found: list[tuple[str, str, str]] = []
    for f in files:
        # a doc comment's example (``PartialDeep<T, {allowUndefined: false}>`` in a JSDoc block) sets nothing
        for old, new in _pairs(without_block_comments(f.patch) if block_commented(f.path) else f.patch):
            if old == new or _shape(old) != _shape(new) or old.startswith(_COMMENT) or _LOGGING.search(old) \
                    or _LOCAL.match(new):
                continue
            olds, news = _literals(old), _literals(new)
            changed = [(a, b) for a, b in zip(olds, news) if a.group(0) != b.group(0)]
            if len(olds) != len(news) or len(changed) != 1:
                continue
            before, after = changed[0]
            keyed = _KEYED.search(new[: after.start()])
            if keyed is None or max(len(before.group(0)), len(after.group(0))) > _MAX_VALUE \
                    or new[: keyed.start()].endswith(":"):  # a reStructuredText role in prose: :class:`~enum.Enum`
                continue
            value = (keyed.group("key").strip("\"'"), before.group(0), after.group(0))
            if value not in found:
                found.append(value)
    return found
