"""Public functions made asynchronous: the same name and parameters, now ``async``.

A caller of ``function cli(opts)`` that became ``async function cli(opts)`` (or Python's ``def`` become
``async def``, Rust's ``fn`` become ``async fn``) gets a promise, a coroutine or a future where it got the result:
code that used the value, or counted on the work being done when the call returned, breaks, though no parameter
moved. A private helper made async is the module's own business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import _pairs
from analysis.models import Fact, FileChange

#: ``async`` written before a function's definition (``async function``, ``= async function``, ``async def``,
#: ``pub async fn``); the removed line is the same text without it
_ASYNC = re.compile(r"\basync\s+(?=(?:function|def|fn)\b)")
#: the name a definition line defines: ``function name(``, ``def name(``, ``fn name(``, ``exports.name =``
_NAMED = re.compile(r"\b(?:function\s*\*?|def|fn)\s+(?P<a>\w+)|(?P<b>\w+)\s*[:=]\s*async\b")


def made_async(files: Iterable[FileChange], public: Iterable[Fact]) -> list[tuple[str, str]]:
    """(path, name) of each function whose definition line comes back the same with ``async`` added, named by a
    public fact of the same file (``public``: the facts the caller counts as public API)."""
    names = {(f.path, (f.symbol or "").split(".")[-1]) for f in public}
    out = []
    for f in files:
        for old, new in _pairs(f.patch):
            if "async" in old or not _ASYNC.search(new) or _ASYNC.sub("", new).strip() != old.strip():
                continue
            m = _NAMED.search(new)
            name = m and (m.group("a") or m.group("b"))
            if name and (f.path, name) in names:
                out.append((f.path, name))
    return out
