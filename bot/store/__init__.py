"""Storage: the key-value interface (``base``), its backends, and ``open_store``, the one way to open the configured one.

The names most code needs are re-exported here: ``Store``, ``StoreCorrupt``, ``TinyStore``, ``open_store``.
TinyDB files (``tinydb_store``) are the embedded default for one instance; ``DIGESTBOT_DATABASE_URL``
selects PostgreSQL (``postgres_store``, imported only then) for several instances on one database.
"""

from bot.store.base import CACHE_TABLES, Store, StoreCorrupt, StoreUnavailable
from bot.store.tinydb_store import MAX_OPEN_FILES, SHARDED_TABLES, AtomicJSONStorage, TinyStore

__all__ = ["CACHE_TABLES", "MAX_OPEN_FILES", "SHARDED_TABLES", "AtomicJSONStorage", "Store", "StoreCorrupt",
           "StoreUnavailable", "TinyStore", "open_store", "shares_database"]


def shares_database(settings) -> bool:
    """True when the store is a database several instances share (so no data-directory lock is taken)."""
    return bool(settings.database_url)


def open_store(settings) -> Store:
    """The store ``settings`` configure: PostgreSQL at ``database_url`` if set, else TinyDB under ``data_dir``."""
    if shares_database(settings):
        from bot.store.postgres_store import PostgresStore

        return PostgresStore(settings.database_url)
    return TinyStore(settings.data_dir)
