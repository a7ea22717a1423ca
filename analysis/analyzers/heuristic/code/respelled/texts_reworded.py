"""Product files whose changed lines only reword the prose of string literals: a message says it anew, the code
around it is the same."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import _STRING, _masked, _pairs, _prose, changed_lines
from analysis.models import FileChange

#: a template's expression inside a string (``"{{ .Chart.Name }}"``): a value rendered into a manifest, not prose
_TEMPLATE = "{{"
#: a value a message shows: ``{self.url}``, ``{}``, ``%s``, ``${name}``, Swift's ``\(kind)``
_PLACEHOLDER = re.compile(r"\$?\{[^{}]*\}|%[-#0 +]*\d*(?:\.\d+)?[sdifrxXoeEgGcqvTp]|\\\([^)]*\)")


def _shown(texts: list[str]) -> list[str]:
    return sorted(p for t in texts for p in _PLACEHOLDER.findall(t))


def _reworded(patch: str | None) -> bool:
    removed = [ln for ln in changed_lines(patch)[0] if ln]
    added = [ln for ln in changed_lines(patch)[1] if ln]
    pairs = [(old, new) for old, new in _pairs(patch) if old or new]
    if not removed or len(removed) != len(added) or len(pairs) != len(removed):
        return False
    for old, new in pairs:
        if old == new:
            continue
        texts = set(_STRING.findall(old)) ^ set(_STRING.findall(new))
        if _masked(old) != _masked(new) or not _prose(texts) or any(_TEMPLATE in t for t in texts):
            return False
        if _shown(_STRING.findall(old)) != _shown(_STRING.findall(new)):
            return False  # the message shows another value (``f"{self.method} request to {self.url}"``)
    return True


def texts_reworded_only(files: Iterable[FileChange]) -> bool:
    """Every file's removed lines are replaced one for one by lines that differ only in a string literal a person
    reads (words with spaces: an error message, a help text), nothing added or removed besides: "Clarify error
    message", "Fix grammar in error messages". What the code does and when it speaks are the same; only its words
    move (a template's rendered value, ``"{{ .Chart.Name }}"``, is no prose; a value the message now shows or no
    longer shows, ``{self.method}``, ``%s``, is more than words)."""
    files = list(files)
    return bool(files) and all(_reworded(f.patch) for f in files)
