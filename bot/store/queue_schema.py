"""The job queue's tables: procrastinate's own schema SQL, applied once into schema ``digestbot_queue``.

``pg_migrate.migrate`` calls ``apply_queue_schema`` inside its transaction, under the same advisory
lock, so instances starting together apply it once. procrastinate's ``apply_schema`` is not
idempotent (plain ``CREATE``), so whether it is there is read from ``applied``, a table of ours in
that schema: the first start runs ``schema.sql`` and records every migration file it already
contains; a later procrastinate release's new migration files are applied in name order (their
version order) and recorded. Every procrastinate connection sets ``search_path`` to the schema
(``QUEUE_SEARCH_PATH``), so its unqualified names find these tables and nothing lands in ``public``.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

QUEUE_SCHEMA = "digestbot_queue"
#: the libpq ``options`` every procrastinate connection is opened with
QUEUE_SEARCH_PATH = f"-c search_path={QUEUE_SCHEMA}"


def _procrastinate_sql() -> tuple[str, list[Path]]:
    """procrastinate's full schema and its migration files, in version order."""
    from procrastinate.schema import SchemaManager

    folder = Path(SchemaManager.get_migrations_path())
    return SchemaManager.get_schema(), sorted(folder.glob("*.sql"))


def apply_queue_schema(conn) -> list[str]:
    """Create or update the queue's schema on ``conn`` (inside the caller's transaction); what was applied."""
    schema_sql, migrations = _procrastinate_sql()
    conn.execute(f"create schema if not exists {QUEUE_SCHEMA}")
    conn.execute(f"create table if not exists {QUEUE_SCHEMA}.applied (name text primary key, "
                 "applied_at timestamptz not null default now())")
    conn.execute(f"set local search_path to {QUEUE_SCHEMA}")
    present = conn.execute("select to_regclass('procrastinate_jobs')").fetchone()[0] is not None
    done = {row[0] for row in conn.execute("select name from applied")}
    if not present:
        conn.execute(schema_sql)  # no parameters: sent as is, several statements in one go
        applied = ["schema.sql"]
        to_record = [path.name for path in migrations]  # the full schema already holds every one of them
    else:
        applied = []
        to_record = []
        for path in migrations:
            if path.name not in done:
                conn.execute(path.read_text(encoding="utf-8"))
                applied.append(path.name)
                to_record.append(path.name)
    for name in to_record:
        conn.execute("insert into applied (name) values (%s) on conflict do nothing", (name,))
    conn.execute("set local search_path to default")
    if applied:
        log.info("job queue schema %s: applied %s", QUEUE_SCHEMA, ", ".join(applied))
    return applied
