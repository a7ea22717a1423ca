"""Copying a store's tables into another: how a TinyDB data directory moves into PostgreSQL.

Rows are upserted (a key already in the target takes the source's value; other target rows stay),
in batches, table by table; the caller makes sure nothing writes to the source meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from bot.store.base import Store

log = logging.getLogger(__name__)

BATCH = 500


def copy_tables(source: Store, target: Store, tables: Iterable[str]) -> dict[str, int]:
    """Every row of ``tables`` from ``source`` into ``target``; rows copied per table (tables without rows left out)."""
    copied = {}
    for table in sorted(tables):
        rows = list(source.items(table))
        for start in range(0, len(rows), BATCH):
            target.put_many(table, rows[start:start + BATCH])
        if rows:
            copied[table] = len(rows)
            log.info("copied %d row(s) of %s", len(rows), table)
    return copied
