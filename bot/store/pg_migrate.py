"""The PostgreSQL schema: numbered SQL files applied once, in order, under an advisory lock.

``migrations/NNN_name.sql`` (shipped as package data) are applied at start by every instance;
the first to take ``pg_advisory_xact_lock`` applies what is missing and records each file in
``digestbot.schema_migrations``, in the same transaction (the job queue's schema too:
``queue_schema``); the others wait on the lock, then find nothing left to do. A file that fails
rolls the whole transaction back: the schema is never half migrated. Applied files are never edited: a change is a new file.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from importlib import resources

from bot.store.queue_schema import apply_queue_schema

log = logging.getLogger(__name__)

SCHEMA = "digestbot"
#: the advisory lock key (a signed 64-bit number) every instance takes to migrate
MIGRATION_LOCK = int.from_bytes(hashlib.sha256(b"digestbot.schema_migrations").digest()[:8], "big", signed=True)
_FILE_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    """The SQL files shipped in ``bot/store/migrations``, by version; ValueError on a bad or repeated number."""
    found: dict[int, Migration] = {}
    for entry in resources.files("bot.store").joinpath("migrations").iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _FILE_NAME.match(entry.name)
        if not match:
            raise ValueError(f"the migration file {entry.name} is not named NNN_name.sql")
        version = int(match.group(1))
        if version in found:
            raise ValueError(f"two migration files have the number {version:03d}")
        found[version] = Migration(version, match.group(2), entry.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def migrate(conn, migrations: list[Migration] | None = None) -> list[int]:
    """Apply the missing ``migrations`` (default: the bundled ones) on ``conn``; the versions applied now.

    ``conn`` is a psycopg connection in autocommit mode; everything happens in one transaction, the
    job queue's schema too (``queue_schema``).
    """
    migrations = bundled_migrations() if migrations is None else migrations
    applied_now = []
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(f"create schema if not exists {SCHEMA}")
        conn.execute(f"create table if not exists {SCHEMA}.schema_migrations (version integer primary key, "
                     "name text not null, applied_at timestamptz not null default now())")
        done = {row[0] for row in conn.execute(f"select version from {SCHEMA}.schema_migrations")}
        for migration in migrations:
            if migration.version in done:
                continue
            conn.execute(migration.sql)  # no parameters: psycopg sends several statements in one go
            conn.execute(f"insert into {SCHEMA}.schema_migrations (version, name) values (%s, %s)",
                         (migration.version, migration.name))
            applied_now.append(migration.version)
        newer = sorted(done - {m.version for m in migrations})
        apply_queue_schema(conn)
    if applied_now:
        log.info("database schema migrated: applied %s", ", ".join(f"{v:03d}" for v in applied_now))
    if newer:
        log.warning("the database has schema migration(s) %s that this digestbot does not know: "
                    "a newer version ran on it", ", ".join(f"{v:03d}" for v in newer))
    return applied_now
