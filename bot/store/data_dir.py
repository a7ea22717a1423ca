"""The data directory at start: one bot per directory (an exclusive lock), writable, no leftover temporary files.

Two bots on one directory would both post every scheduled digest and overwrite each other's
tables; ``claim_data_dir`` takes an exclusive ``flock`` that the kernel releases when the process
ends, however it ends (a stale lock file is harmless: it is the lock, not the file, that counts).
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import tempfile
from pathlib import Path

from analysis.errors import DigestError

log = logging.getLogger(__name__)

LOCK_NAME = "digestbot.lock"
#: what AtomicJSONStorage's temporary files look like: "<table>.json.<random>.tmp"
TEMP_PATTERN = "*.json.*.tmp"


class DataDirUnusable(DigestError):
    """The data directory is in use by another bot, or cannot be written."""


class DataDirLock:
    """The held lock; ``release`` (or the end of the process) frees the directory."""

    def __init__(self, path: Path, fd: int):
        self.path, self._fd = path, fd

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = -1


def _unwritable(data_dir: Path, error: OSError) -> DataDirUnusable:
    reason = os.strerror(error.errno) if error.errno else type(error).__name__
    return DataDirUnusable(f"the data directory {data_dir} is not writable ({reason}); give the bot write access "
                           "to it or point DIGESTBOT_DATA_DIR elsewhere")


def claim_data_dir(data_dir: Path) -> DataDirLock:
    """Create ``data_dir`` if needed, check it takes a write, lock it, remove temporary files left by a kill.

    Raises DataDirUnusable (one sentence naming the directory) when another bot holds it or it is read-only.
    """
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise _unwritable(data_dir, error) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        if error.errno in (errno.EWOULDBLOCK, errno.EACCES):
            raise DataDirUnusable(f"another digestbot is already running on the data directory {data_dir}; "
                                  "stop it first or give this one its own DIGESTBOT_DATA_DIR") from None
        raise _unwritable(data_dir, error) from None
    lock = DataDirLock(data_dir, fd)
    try:
        _check_writable(data_dir)
    except DataDirUnusable:
        lock.release()
        raise
    remove_leftover_temp_files(data_dir)
    return lock


def _check_writable(data_dir: Path) -> None:
    """A real write (a lock file may already exist on a directory turned read-only)."""
    try:
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".write-check.", delete=True) as probe:
            probe.write(b"ok")
            probe.flush()
    except OSError as error:
        raise _unwritable(data_dir, error) from None


def remove_leftover_temp_files(data_dir: Path) -> int:
    """Delete the temporary files of writes that a kill interrupted (only safe while holding the lock)."""
    removed = size = 0
    for folder in [data_dir, *(p for p in data_dir.iterdir() if p.is_dir())]:
        for leftover in folder.glob(TEMP_PATTERN):
            try:
                size += leftover.stat().st_size
                leftover.unlink()
                removed += 1
            except OSError as error:
                log.warning("could not remove the leftover temporary file %s: %s", leftover, error)
    if removed:
        log.warning("removed %d temporary file(s) (%.1f MB) left by an interrupted write in %s",
                    removed, size / 1e6, data_dir)
    return removed
