"""Thread pools by kind of blocking work: remote calls (GitHub, git, charts) apart from store reads and writes.

asyncio.to_thread shares one default pool (min(32, cpus + 4) threads: 6 on 2 cores). Slow GitHub
calls from a burst of commands used to fill it, and the ledger saves, cache writes and /healthz's
store probe queued behind them. Remote work now has its own bounded pool, store I/O another, and
the default pool is left to everything else.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

#: blocking remote calls in flight at once (beyond this they queue; nothing else waits behind them)
REMOTE_WORKERS = 16
#: store I/O threads: the store serialises writes anyway, so a few keep reads from queueing behind a write
STORE_WORKERS = 4

_pools: dict[str, ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()


def _pool(kind: str, workers: int) -> ThreadPoolExecutor:
    with _pools_lock:
        pool = _pools.get(kind)
        if pool is None:
            pool = _pools[kind] = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"pool-{kind}")
        return pool


async def remote(func: Callable[..., T], /, *args, **kwargs) -> T:
    """``func(*args, **kwargs)`` in the remote-call pool (GitHub, git, anything that may hang on a network)."""
    return await asyncio.get_running_loop().run_in_executor(
        _pool("remote", REMOTE_WORKERS), functools.partial(func, *args, **kwargs))


async def store_io(func: Callable[..., T], /, *args, **kwargs) -> T:
    """``func(*args, **kwargs)`` in the store pool: never queued behind a remote call."""
    return await asyncio.get_running_loop().run_in_executor(
        _pool("store", STORE_WORKERS), functools.partial(func, *args, **kwargs))
