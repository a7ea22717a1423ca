"""Locks a change brings into code: a mutex, lock or semaphore its added lines create or take that its removed lines
did not, as a reviewer of a thread-safety fix names first ("route building now runs under a `threading.Lock`")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: a lock primitive made or taken, by language: Python's threading/asyncio/multiprocessing, Go's sync, Rust's
#: std/parking_lot/tokio, Java's java.util.concurrent and ``synchronized``, C++'s std, C's pthreads
_PRIMITIVE = re.compile(
    r"\b(?:threading|asyncio|multiprocessing)\.(?:R?Lock|(?:Bounded)?Semaphore|Condition)\b"
    r"|\bsync\.(?:RW)?Mutex\b"
    r"|\b(?:Mutex|RwLock)::new\b"
    r"|\bnew\s+(?:Reentrant(?:ReadWrite)?Lock|StampedLock|Semaphore)\b"
    r"|\bsynchronized\b"
    r"|\bstd::(?:recursive_|shared_|timed_)?mutex\b"
    r"|\bpthread_mutex_(?:init|lock)\b")


def locks_added(files: Iterable[FileChange]) -> list[str]:
    """The lock primitives the added lines of ``files`` name that their removed lines do not (``threading.Lock``,
    ``sync.Mutex``, ``synchronized``), in the order they first appear; code moved with its lock names none."""
    out: list[str] = []
    for f in files:
        removed, added = changed_lines(f.patch)
        before = {_said(m) for line in removed for m in _PRIMITIVE.findall(line)}
        out += [_said(m) for line in added if not line.startswith(("#", "//", "*", "/*"))
                for m in _PRIMITIVE.findall(line) if _said(m) not in before]
    return list(dict.fromkeys(out))


def _said(match: str) -> str:
    """A primitive as a reader knows it: ``Mutex::new`` is ``Mutex``, ``new ReentrantLock`` is ``ReentrantLock``."""
    return re.sub(r"^new\s+|::new$", "", match)
