"""The embedded default store: TinyDB files under the data directory, behind ``bot.store.base.Store``.

Each table lives in its own TinyDB file under the data directory, so a write rewrites only
that table; the big caches (analyses, commit details) are further split into shards by key
hash, so a write rewrites about 1/256 of them. Writes are atomic (temporary file, flush,
fsync, rename) and serialised by a lock. A corrupt file of a cache (rebuilt from GitHub and the
analyzer) is set aside with a suffix and started afresh, with a warning; a corrupt file of any other
table is reported, never silently replaced.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage, Storage

from bot.store.base import CACHE_TABLES, StoreCorrupt, added, checked_amounts
from bot.store.leases import MemoryLeases

log = logging.getLogger(__name__)

class AtomicJSONStorage(Storage):
    """A TinyDB storage that keeps the data in memory and replaces its file atomically on write."""

    def __init__(self, path: str | Path):
        self._path = Path(path)
        self._data: dict | None = None

    def read(self) -> dict | None:
        if self._data is None:
            self._data = self._load()
        return self._data

    def _load(self) -> dict | None:
        if not self._path.exists():
            return None
        text = self._path.read_text(encoding="utf-8")
        if not text.strip():
            return None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StoreCorrupt(
                f"the database file {self._path} is corrupt ({exc.msg} at line {exc.lineno}); "
                "it was left as it is: restore it from a backup or move it away"
            ) from None
        if not isinstance(data, dict):
            raise StoreCorrupt(f"the database file {self._path} does not hold a JSON object; it was left as it is")
        return data

    def write(self, data: dict) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self._path.name + ".", suffix=".tmp", dir=self._path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                # json.dumps, not json.dump: dump streams through the pure-Python encoder (~5x slower)
                handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            self._data = None  # reload what is really on disk next time
            raise
        self._data = data


_TABLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: tables that grow with every commit ever seen, and how many files each is split into
#: files kept in memory at once; the caches' shards beyond this are read again when needed
MAX_OPEN_FILES = 96
SHARDED_TABLES = {"analyses": 256, "commits": 256, "facts": 256, "reports": 16, "ledger": 64, "feedback": 16}


class TinyStore:
    """The embedded default store: one TinyDB file per table, or all in memory for tests."""

    def __init__(self, data_dir: str | Path | None, shards: dict[str, int] | None = None):
        self._dir = Path(data_dir) if data_dir is not None else None
        self._lock = threading.RLock()
        # open files, least recently used first; a file's rows stay in memory while it is open
        self._tables: OrderedDict[str, tuple[Any, dict[str, int]]] = OrderedDict()
        self._shards = SHARDED_TABLES if shards is None else shards
        self._migrated: set[str] = set()
        #: corrupt files of tables that are not caches, found since start: file name -> the sentence
        self.corrupt: dict[str, str] = {}
        #: one process per data directory: the leases need not outlive it
        self.leases = MemoryLeases()

    @classmethod
    def in_memory(cls) -> "TinyStore":
        return cls(None)

    def _file_name(self, table: str, key: str) -> str:
        """``table`` or, for a sharded table, ``table/xx`` with xx from the key's hash."""
        if not _TABLE_NAME.match(table):
            raise ValueError(f"bad table name {table!r}")
        count = self._shards.get(table)
        if not count:
            return table
        if table not in self._migrated:
            self._migrate_to_shards(table)
        shard = int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big") % count
        return f"{table}/{shard:03d}"

    def _migrate_to_shards(self, table: str) -> None:
        """Move the rows of an unsharded ``table.json`` (an older layout) into the table's shards."""
        self._migrated.add(table)
        legacy = None if self._dir is None else self._dir / f"{table}.json"
        if legacy is None or not legacy.exists():
            return
        try:
            rows = (AtomicJSONStorage(legacy).read() or {}).get("rows", {})
        except StoreCorrupt:
            if table not in CACHE_TABLES:
                self._migrated.discard(table)  # corrupt: reported now and again next time, file kept
                raise
            self._set_aside(legacy)
            return
        except BaseException:
            self._migrated.discard(table)
            raise
        self.put_many(table, [(row["k"], row["v"]) for row in rows.values() if _is_row(row)])
        legacy.rename(legacy.with_name(legacy.name + ".migrated"))

    def _files_of(self, table: str) -> list[str]:
        first = self._file_name(table, "")  # validates the name (and migrates an older layout)
        if not self._shards.get(table):
            return [first]
        return [f"{table}/{n:03d}" for n in range(self._shards[table])]

    def _table(self, name: str, key: str = ""):
        return self._open(self._file_name(name, key))

    def _open(self, file_name: str):
        entry = self._tables.get(file_name)
        if entry is not None:
            self._tables.move_to_end(file_name)
        else:
            if self._dir is None:
                table = TinyDB(storage=MemoryStorage).table("rows")
            else:
                table = self._read_file(file_name)
            index = {doc["k"]: doc.doc_id for doc in table.all() if _is_row(doc)}
            entry = self._tables[file_name] = (table, index)
            if self._dir is not None and len(self._tables) > MAX_OPEN_FILES:
                self._tables.popitem(last=False)  # on disk already: dropping it only frees memory
        return entry

    def _read_file(self, file_name: str):
        """The rows of one file; a corrupt cache file is set aside and replaced by an empty one."""
        path = self._dir / f"{file_name}.json"
        try:
            table = TinyDB(path, storage=AtomicJSONStorage).table("rows")
            table.all()  # read now: a damaged file fails here, not in the middle of some later call
            return table
        except StoreCorrupt as error:
            problem = str(error)
        except (AttributeError, TypeError, ValueError, KeyError):  # JSON, but not TinyDB's {"rows": {...}}
            problem = f"the database file {path} does not hold digestbot's rows; it was left as it is"
        if file_name.split("/")[0] not in CACHE_TABLES:
            self.corrupt[file_name] = problem
            raise StoreCorrupt(problem)
        self._set_aside(path)
        return TinyDB(path, storage=AtomicJSONStorage).table("rows")

    @staticmethod
    def _set_aside(path: Path) -> None:
        """Rename a corrupt cache file out of the way (kept for a look); the cache is rebuilt as needed."""
        aside = path.with_name(f"{path.name}.corrupt-{datetime.now(timezone.utc):%Y%m%dT%H%M%S%f}")
        os.replace(path, aside)
        log.warning("the cache file %s was corrupt; set aside as %s and rebuilt as needed", path, aside.name)

    def get(self, table: str, key: str) -> Any | None:
        with self._lock:
            rows, index = self._table(table, key)
            doc_id = index.get(key)
            if doc_id is None:
                return None
            doc = rows.get(doc_id=doc_id)
            return None if doc is None else doc.get("v")

    def get_many(self, table: str, keys: list[str]) -> dict[str, Any]:
        with self._lock:
            found = {key: self.get(table, key) for key in keys}
        return {key: value for key, value in found.items() if value is not None}

    def put(self, table: str, key: str, value: Any) -> None:
        with self._lock:
            rows, index = self._table(table, key)
            doc_id = index.get(key)
            if doc_id is None:
                index[key] = rows.insert({"k": key, "v": value})
            else:
                rows.update({"v": value}, doc_ids=[doc_id])

    def put_many(self, table: str, items: list[tuple[str, Any]]) -> None:
        """Several puts with one file write per touched file for all new keys."""
        by_file: dict[str, dict[str, Any]] = {}
        for key, value in items:
            by_file.setdefault(self._file_name(table, key), {})[key] = value
        with self._lock:
            for file_name, values in by_file.items():
                rows, index = self._open(file_name)
                fresh = {}
                for key, value in values.items():
                    if key in index:
                        rows.update({"v": value}, doc_ids=[index[key]])
                    else:
                        fresh[key] = value
                if fresh:
                    ids = rows.insert_multiple({"k": key, "v": value} for key, value in fresh.items())
                    index.update(zip(fresh, ids))

    def delete(self, table: str, key: str) -> None:
        with self._lock:
            rows, index = self._table(table, key)
            doc_id = index.pop(key, None)
            if doc_id is not None:
                rows.remove(doc_ids=[doc_id])

    def add(self, table: str, key: str, amounts: dict[str, float]) -> dict[str, Any]:
        """Add ``amounts`` to the numbers at ``key`` under the store's lock (one process: see ``data_dir``)."""
        checked_amounts(amounts)
        with self._lock:
            value = added(self.get(table, key), amounts)
            self.put(table, key, value)
            return dict(value)

    def close(self) -> None:
        """Nothing to release: every write is already on disk."""

    def items(self, table: str) -> Iterator[tuple[str, Any]]:
        with self._lock:
            pairs = []
            for file_name in self._files_of(table):
                if self._dir is not None and file_name not in self._tables \
                        and not (self._dir / f"{file_name}.json").exists():
                    continue
                rows, _ = self._open(file_name)
                pairs += [(doc["k"], doc["v"]) for doc in rows.all() if _is_row(doc)]
        return iter(pairs)


def _is_row(doc: Any) -> bool:
    """A row as the store writes it, {"k": key, "v": value}; anything else is skipped, not a KeyError."""
    return isinstance(doc, dict) and isinstance(doc.get("k"), str) and "v" in doc
