"""The shared store: one PostgreSQL table per store table (key, jsonb value), behind ``bot.store.base.Store``.

Selected by ``DIGESTBOT_DATABASE_URL``: several bot instances share one database. Opening the store
applies the schema migrations (``pg_migrate``, under an advisory lock), then serves every call from
a psycopg connection pool in autocommit mode: each call is one statement (``put_many``: one
transaction), so a write is visible to every instance as soon as the call returns. Each connection is
checked as it leaves the pool, so a database restart costs a reconnect, not a failed call. ``add`` changes
numbers inside the database (``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``), never read-then-write.
``leases`` (``pg_leases``) are held in their own table, on the database's clock.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from bot.store.base import StoreUnavailable, checked_amounts
from bot.store.pg_leases import PgLeases
from bot.store.pg_migrate import SCHEMA, migrate

log = logging.getLogger(__name__)

#: seconds to wait for the database when opening the store
CONNECT_TIMEOUT = 10
#: jsonb cannot hold the character U+0000: a value with one is kept as its JSON text under this one key
_JSON_TEXT = "$digestbot_json_text"

# the key is adapted as text and the amounts as jsonb; "{table}" is filled in with a quoted identifier
_ADD = """
insert into {table} as t (key, value, updated_at) values (%(key)s, %(amounts)s, now())
on conflict (key) do update set
    value = t.value || (select jsonb_object_agg(a.key, coalesce((t.value ->> a.key)::numeric, 0) + a.value::numeric)
                        from jsonb_each_text(excluded.value) as a),
    updated_at = now()
where jsonb_typeof(t.value) = 'object'
returning value
"""


def describe(url: str) -> str:
    """``host:port/dbname`` of a database URL, for messages: never the user's password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(an unreadable DIGESTBOT_DATABASE_URL)"
    host = parts.get("host") or "localhost"
    return f"{host}:{parts.get('port') or 5432}/{parts.get('dbname') or parts.get('user') or ''}"


def _reason(error: psycopg.Error) -> str:
    """The server's or libpq's own words, without the connection details around them."""
    primary = getattr(getattr(error, "diag", None), "message_primary", None)
    if primary:
        return primary
    first = next((line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__)
    return first.rsplit(": ", 1)[-1].strip()


def _encode(value: Any) -> Jsonb:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if "\\u0000" in text:
        return Jsonb({_JSON_TEXT: text})
    return Jsonb(value, dumps=lambda _: text)


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get(_JSON_TEXT), str):
        return json.loads(value[_JSON_TEXT])
    return value


class PostgresStore:
    """The store on a PostgreSQL database; ``close`` (or the end of the process) releases its connections."""

    def __init__(self, url: str, *, max_connections: int = 10):
        self.where = describe(url)
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT) as conn:
                migrate(conn)
                # the key-value tables (the leases, the search index and the migrations' own table are not)
                rows = conn.execute("select table_name from information_schema.columns where table_schema = %s "
                                    "and column_name = 'value' and data_type = 'jsonb'", (SCHEMA,)).fetchall()
        except psycopg.OperationalError as error:
            raise StoreUnavailable(f"cannot open the PostgreSQL database at {self.where} ({_reason(error)}); "
                                   "check DIGESTBOT_DATABASE_URL and that the server is up") from None
        except psycopg.Error as error:  # the schema: no right to create it, or a migration that fails
            raise StoreUnavailable(f"cannot set up digestbot's schema in the PostgreSQL database at {self.where} "
                                   f"({_reason(error)})") from None
        self.tables = frozenset(row[0] for row in rows)  # the key-value tables (not the search index's)
        self._pool = ConnectionPool(url, min_size=1, max_size=max_connections, open=False,
                                    kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
                                    check=ConnectionPool.check_connection, name="digestbot-store")
        self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        self.leases = PgLeases(self._pool)
        log.info("store: PostgreSQL at %s (%d tables)", self.where, len(self.tables))

    def _table(self, table: str) -> sql.Composed:
        if table not in self.tables:
            raise ValueError(f"unknown table {table!r}: the PostgreSQL store has {', '.join(sorted(self.tables))} "
                             "(a new table needs a migration in bot/store/migrations)")
        return sql.Identifier(SCHEMA, table)

    def connection(self):
        """A pooled connection (autocommit) as a context manager: for what is not a key-value table (the search index)."""
        return self._pool.connection()

    def get(self, table: str, key: str) -> Any | None:
        query = sql.SQL("select value from {} where key = %s").format(self._table(table))
        with self._pool.connection() as conn:
            row = conn.execute(query, (key,)).fetchone()
        return None if row is None else _decode(row[0])

    def get_many(self, table: str, keys: list[str]) -> dict[str, Any]:
        if not keys:
            return {}
        query = sql.SQL("select key, value from {} where key = any(%s)").format(self._table(table))
        with self._pool.connection() as conn:
            rows = conn.execute(query, (list(keys),)).fetchall()
        decoded = {key: _decode(value) for key, value in rows}
        return {key: value for key, value in decoded.items() if value is not None}  # as ``get``: null is absent

    def put(self, table: str, key: str, value: Any) -> None:
        self.put_many(table, [(key, value)])

    def put_many(self, table: str, items: list[tuple[str, Any]]) -> None:
        """All ``items`` in one transaction (a key given twice: the last value wins)."""
        if not items:
            return
        query = sql.SQL("insert into {} (key, value, updated_at) values (%s, %s, now()) on conflict (key) "
                        "do update set value = excluded.value, updated_at = excluded.updated_at"
                        ).format(self._table(table))
        params = [(key, _encode(value)) for key, value in items]
        with self._pool.connection() as conn:
            if len(params) == 1:
                conn.execute(query, params[0])
                return
            with conn.transaction(), conn.cursor() as cursor:
                cursor.executemany(query, params)

    def delete(self, table: str, key: str) -> None:
        query = sql.SQL("delete from {} where key = %s").format(self._table(table))
        with self._pool.connection() as conn:
            conn.execute(query, (key,))

    def items(self, table: str) -> Iterator[tuple[str, Any]]:
        query = sql.SQL("select key, value from {}").format(self._table(table))
        with self._pool.connection() as conn:
            rows = conn.execute(query).fetchall()
        return iter([(key, _decode(value)) for key, value in rows])

    def add(self, table: str, key: str, amounts: dict[str, float]) -> dict[str, Any]:
        """Add ``amounts`` in one statement: concurrent adds from any instance queue on the row, none is lost."""
        query = sql.SQL(_ADD).format(table=self._table(table))
        with self._pool.connection() as conn:
            try:
                row = conn.execute(query, {"key": key, "amounts": Jsonb(checked_amounts(amounts))}).fetchone()
            except psycopg.DataError as error:  # a field that is not a number (SQLSTATE class 22)
                raise ValueError(f"add needs numbers at {sorted(amounts)} in {table}/{key}: "
                                 f"{error.diag.message_primary}") from None
        if row is None:
            raise ValueError(f"add needs a JSON object in {table}/{key}")
        return row[0]

    def close(self) -> None:
        self._pool.close()
