"""Leases in PostgreSQL (``digestbot.leases``, migration 006): each call is one statement on the database's clock.

Instances never compare their own clocks: expiry is ``now()`` of the server. ``take`` is one
``INSERT ... ON CONFLICT DO UPDATE ... WHERE`` (the row is locked while the condition is checked, so of
concurrent takers exactly one gets a free or expired lease); ``renew`` and ``release`` only touch a row
the caller holds.
"""

from __future__ import annotations

from psycopg_pool import ConnectionPool

from bot.store.leases import checked_ttl
from bot.store.pg_migrate import SCHEMA

_TAKE = f"""
insert into {SCHEMA}.leases as l (name, holder, expires_at, taken_at)
values (%(name)s, %(holder)s, now() + make_interval(secs => %(ttl)s), now())
on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at,
    taken_at = case when l.holder = excluded.holder then l.taken_at else excluded.taken_at end
where l.holder = excluded.holder or l.expires_at < now()
returning holder
"""
_RENEW = f"""
update {SCHEMA}.leases set expires_at = now() + make_interval(secs => %(ttl)s)
where name = %(name)s and holder = %(holder)s
returning holder
"""
_RELEASE = f"delete from {SCHEMA}.leases where name = %(name)s and holder = %(holder)s"
_HOLDER = f"select holder from {SCHEMA}.leases where name = %(name)s and expires_at >= now()"


class PgLeases:
    """``bot.store.leases.Leases`` on the PostgreSQL store's connection pool."""

    def __init__(self, pool: ConnectionPool):
        self._pool = pool

    def _one(self, query: str, **params) -> tuple | None:
        with self._pool.connection() as conn:
            return conn.execute(query, params).fetchone()

    def take(self, name: str, holder: str, ttl: float) -> bool:
        return self._one(_TAKE, name=name, holder=holder, ttl=checked_ttl(ttl)) is not None

    def renew(self, name: str, holder: str, ttl: float) -> bool:
        return self._one(_RENEW, name=name, holder=holder, ttl=checked_ttl(ttl)) is not None

    def release(self, name: str, holder: str) -> None:
        with self._pool.connection() as conn:
            conn.execute(_RELEASE, {"name": name, "holder": holder})

    def holder(self, name: str) -> str | None:
        row = self._one(_HOLDER, name=name)
        return None if row is None else row[0]
