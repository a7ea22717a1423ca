"""Storage: the key-value interface (``base``) and its backends (``tinydb_store``, the embedded default).

The names most code needs are re-exported here: ``Store``, ``StoreCorrupt``, ``TinyStore``.
"""

from bot.store.base import CACHE_TABLES, Store, StoreCorrupt
from bot.store.tinydb_store import MAX_OPEN_FILES, SHARDED_TABLES, AtomicJSONStorage, TinyStore

__all__ = ["CACHE_TABLES", "MAX_OPEN_FILES", "SHARDED_TABLES", "AtomicJSONStorage", "Store", "StoreCorrupt",
           "TinyStore"]
