"""What only the PostgreSQL store does: migrations under an advisory lock, one budget across instances, its tables."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import psycopg
import pytest

from bot.core.limits import budget
from bot.core.limits.budget import LLMBudget
from bot.settings import Settings
from bot.store import StoreUnavailable, open_store
from bot.store.pg_migrate import SCHEMA, Migration, bundled_migrations, migrate
from bot.store.postgres_store import PostgresStore
from tests.postgres_server import PostgresServer, free_port
from tests.threads import run_together

ROOT = Path(__file__).resolve().parent.parent
TABLE_CONSTANT = re.compile(r'^[A-Z_]*TABLE\s*=\s*"([a-z_0-9]+)"', re.M)
TABLE_LITERAL = re.compile(r'store\.(?:get|put|put_many|delete|items|add)\(\s*"([a-z_0-9]+)"')


def test_instances_migrating_together_apply_each_file_once(pg_url):
    def migrate_once(_):
        with psycopg.connect(pg_url, autocommit=True) as conn:
            return migrate(conn)

    applied = run_together(6, migrate_once)
    versions = [m.version for m in bundled_migrations()]
    assert sorted(v for done in applied for v in done) == versions  # each file applied by exactly one
    with psycopg.connect(pg_url, autocommit=True) as conn:
        rows = conn.execute(f"select version from {SCHEMA}.schema_migrations order by version").fetchall()
        assert [r[0] for r in rows] == versions
        assert migrate(conn) == []  # and nothing is left to do on the next start


def test_a_database_of_an_older_version_gets_only_the_newer_files(pg_url):
    first, *later = bundled_migrations()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert migrate(conn, [first]) == [first.version]
        assert migrate(conn) == [m.version for m in later]


def test_a_failing_migration_leaves_nothing_behind(pg_url):
    broken = Migration(999, "broken", f"create table {SCHEMA}.half (key text); select 1/0;")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.DivisionByZero):
            migrate(conn, [*bundled_migrations(), broken])
        assert conn.execute("select to_regclass(%s)", (f"{SCHEMA}.ledger",)).fetchone()[0] is None
        assert conn.execute("select to_regclass(%s)", (f"{SCHEMA}.half",)).fetchone()[0] is None
        assert migrate(conn) == [m.version for m in bundled_migrations()]


def tables_in_the_code() -> dict[str, str]:
    """Every store table the code names (a ``*TABLE = "..."`` constant, or a literal in a store call): name -> where."""
    found = {}
    for folder in ("bot", "scheduler", "adapters"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.parent.name == "store":
                continue
            for pattern in (TABLE_CONSTANT, TABLE_LITERAL):
                for name in pattern.findall(path.read_text(encoding="utf-8")):
                    found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def test_every_table_the_code_uses_has_a_table(pg_url):
    used = tables_in_the_code()
    assert {"subscriptions", "ledger", "analyses", "llm_spend", "health"} <= set(used)  # the scan finds them
    store = PostgresStore(pg_url)
    try:
        missing = {name: where for name, where in used.items() if name not in store.tables}
        assert missing == {}, "tables with no migration in bot/store/migrations: " + repr(missing)
        with pytest.raises(ValueError, match="unknown table 'leger'.*needs a migration"):
            store.put("leger", "k", 1)
    finally:
        store.close()


def test_the_daily_budget_holds_across_instances(pg_url):
    stores = [PostgresStore(pg_url, max_connections=4) for _ in range(2)]
    clock = lambda: datetime(2026, 2, 14, 12, tzinfo=timezone.utc)  # noqa: E731
    budgets = [LLMBudget(store, 5.0, clock=clock) for store in stores]
    try:
        def spend(i: int) -> None:
            for _ in range(100):
                budgets[i % 2].record(0.025)

        run_together(4, spend)  # two threads on each instance, 400 answers of $0.025
        for each in budgets:
            assert each.spent() == pytest.approx(10.0)
            assert each.exhausted()
        assert stores[0].get(budget.SPEND_TABLE, "2026-02-14")["calls"] == 400
    finally:
        for store in stores:
            store.close()


def test_the_store_survives_a_database_restart():
    server = PostgresServer().start()  # its own server: the session's is shared with the other tests
    store = None
    try:
        store = PostgresStore(server.url(), max_connections=2)
        store.put("ledger", "k", {"done": False})
        server.restart()  # every pooled connection is now dead
        assert store.get("ledger", "k") == {"done": False}
        store.put("ledger", "k", {"done": True})
        assert store.add("llm_spend", "d", {"calls": 1}) == {"calls": 1}
    finally:
        if store is not None:
            store.close()
        server.stop()


def test_open_store_follows_the_settings(pg_url, tmp_path):
    pg = open_store(Settings(database_url=pg_url, data_dir=tmp_path / "data"))
    try:
        assert isinstance(pg, PostgresStore)
        pg.put("ledger", "k", {"done": True})
    finally:
        pg.close()
    assert not (tmp_path / "data").exists()  # nothing written under the data directory
    tiny = open_store(Settings(data_dir=tmp_path / "data"))
    assert tiny.get("ledger", "k") is None


def test_an_unreachable_database_is_one_sentence_without_the_password():
    url = f"postgresql://bot:s3cret@127.0.0.1:{free_port()}/nowhere"  # nothing listens there
    with pytest.raises(StoreUnavailable, match=r"cannot open the PostgreSQL database at 127\.0\.0\.1:\d+/nowhere") \
            as error:
        PostgresStore(url)
    assert "s3cret" not in str(error.value)
    assert str(error.value).count("(") == 1 and "refused" in str(error.value)


def test_a_role_that_cannot_create_the_schema_gets_one_sentence(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("drop role if exists limited; create role limited login password 'pw-limited'")
    limited = pg_url.replace("postgresql://postgres@", "postgresql://limited:pw-limited@")
    try:
        with pytest.raises(StoreUnavailable, match="cannot set up digestbot's schema .*permission denied") as error:
            PostgresStore(limited)
        assert "pw-limited" not in str(error.value)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("drop role limited")


def test_the_database_url_must_be_postgresql():
    with pytest.raises(ValueError, match="postgresql:// URL"):
        Settings(database_url="mysql://x/y")
    assert Settings(database_url="  ").database_url is None
    assert Settings(database_url=" postgres://h/db\n").database_url == "postgres://h/db"
