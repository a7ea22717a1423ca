"""PostgreSQL full-text search for ``ask``: one index shared by every instance, rebuilt once, and ``ask`` end to end.

A real server (``tests/postgres_server.py``). The contract both backends keep is in
``tests/test_search_contract.py``; this file holds what only the shared database does.
"""

from __future__ import annotations

import asyncio
import io
import subprocess
from datetime import datetime, timedelta, timezone

import psycopg
import pytest

from adapters.console import ConsoleAdapter
from analysis.models import Analysis, Commit, CommitReport, Digest
from bot.core.digests.service import ANALYSES_TABLE, COMMITS_TABLE
from bot.core.search.postgres import INDEX_VERSION, PostgresSearch, tsquery
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store.postgres_store import PostgresStore
from tests.test_postgres_e2e import DIGESTBOT, _env
from tests.threads import run_together

DAY = datetime(2026, 2, 10, 9, tzinfo=timezone.utc)
NOW = datetime(2026, 2, 16, 12, tzinfo=timezone.utc)


def _stored(store: PostgresStore, count: int) -> None:
    """``count`` commits with analyses in the store, as digests leave them (no index rows)."""
    for n in range(count):
        sha = f"{n:040x}"
        commit = Commit(sha=sha, author="Ann", committed_at=DAY, message=f"feat: widget number{n}",
                        url=f"https://github.com/o/r/commit/{sha}")
        store.put(COMMITS_TABLE, sha, {**commit.model_dump(mode="json"), "repo": "o/r"})
        analysis = Analysis(change_type="feature", importance="low", summary=[f"Adds widget number{n}."])
        store.put(ANALYSES_TABLE, f"{sha}|en|heuristic|facts-v1", analysis.model_dump(mode="json"))


def _count(url: str, sql: str):
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchone()[0]


def test_the_tsquery_is_built_from_quoted_tokens():
    assert tsquery("retry_queue 重试队列 the v2") == \
        "('retry' <-> 'queue':*) | ('重' <-> '试') | ('试' <-> '队') | ('队' <-> '列') | 'v2'"
    assert tsquery("x') | !(y") is None  # nothing of the question is tsquery syntax; 'x' and 'y' are too short
    assert tsquery("the of") is None


def test_instances_share_one_index(pg_url):
    first, second = PostgresStore(pg_url, max_connections=2), PostgresStore(pg_url, max_connections=2)
    try:
        sha = "a" * 40
        report = CommitReport(commit=Commit(sha=sha, author="Ann", committed_at=DAY, message="feat: shard leases"),
                              analysis=Analysis(change_type="feature", importance="high", summary=["Leases."]))
        PostgresSearch(first).add_digest(Digest(repo="o/r", date="2026-02-10", timezone="UTC", commits=[report]), "en")
        hits = PostgresSearch(second).search("shard leases", ["o/r"], "2026-02-01", "en")
        assert [h.sha for h in hits] == [sha]
        assert {"search_docs", "search_state"}.isdisjoint(first.tables)  # not key-value tables of the store
    finally:
        first.close()
        second.close()


def test_instances_starting_together_build_the_index_once(pg_url):
    stores = [PostgresStore(pg_url, max_connections=2) for _ in range(4)]
    try:
        _stored(stores[0], 30)
        built = run_together(4, lambda i: PostgresSearch(stores[i]).ensure_built())
        assert sorted(built, key=lambda c: c is None) == [30, None, None, None]  # one built it, three found it built
        assert _count(pg_url, "select count(*) from digestbot.search_docs") == 30
        assert PostgresSearch(stores[1]).search("number17", ["o/r"], "2026-02-01", "en")[0].sha == f"{17:040x}"
        with psycopg.connect(pg_url, autocommit=True) as conn:  # as a newer digestbot would find it
            conn.execute("update digestbot.search_state set version = 'old'")
        assert PostgresSearch(stores[2]).ensure_built() == 30
        assert _count(pg_url, "select version from digestbot.search_state") == INDEX_VERSION
    finally:
        for store in stores:
            store.close()


def test_a_rebuild_holds_no_connection_while_it_reads_the_store(pg_url):
    store = PostgresStore(pg_url, max_connections=1)  # reading the store inside the rebuild would wait forever
    try:
        _stored(store, 3)
        assert PostgresSearch(store).ensure_built() == 3
        assert PostgresSearch(store).ensure_built() is None  # a second instance finds it built
    finally:
        store.close()


def test_ask_through_the_console_on_postgres(git_repo, pg_url, tmp_path):
    git_repo.commit("feat(scheduler): add a retry queue", DAY, {"scheduler/queue.py": "def retry_queue(j):\n    return j\n"})
    git_repo.commit("docs: explain the install", DAY + timedelta(hours=1), {"docs/install.md": "# Install\n"})
    settings = Settings(data_dir=tmp_path / "data", database_url=pg_url)
    cores = [BotCore(settings, PostgresStore(pg_url, max_connections=2), clock=lambda: NOW) for _ in range(2)]
    outs = [io.StringIO(), io.StringIO()]
    adapters = [ConsoleAdapter(settings, core, stdin=io.StringIO(""), stdout=out) for core, out in zip(cores, outs)]

    async def scenario():
        await adapters[0].handle_line(f"/digest subscribe {git_repo.path}")
        await adapters[0].handle_line(f"/digest now {DAY.date()}")
        await adapters[1].handle_line("/digest ask what happened to the retry queue?")  # the other instance
        await adapters[1].handle_line("/digest ask kubernetes operator")

    try:
        asyncio.run(scenario())
    finally:
        for core in cores:
            core.store.close()
    assert all(isinstance(core.search, PostgresSearch) for core in cores)
    answer = outs[1].getvalue()
    retry = answer.split("Question: what happened to the retry queue?")[1].split("--- message")[0]
    assert "feat(scheduler): add a retry queue" in retry and "docs: explain the install" not in retry
    assert f"Nothing stored answers this: no analysis of {git_repo.path} since 2026-02-02 matches " \
           "`kubernetes operator`." in answer
    assert not list(tmp_path.rglob("search.sqlite3*"))  # no FTS5 file: the index is in the database


def test_copy_store_indexes_the_copied_analyses(git_repo, pg_url, tmp_path):
    """A TinyDB bot moved with copy-store: the installed ``digestbot run`` on PostgreSQL answers from its digests."""
    git_repo.commit("feat(cache): add an eviction policy", DAY, {"cache/evict.py": "def evict():\n    pass\n"})
    tiny_env = {k: v for k, v in _env(tmp_path / "tiny", pg_url).items() if k != "DIGESTBOT_DATABASE_URL"}
    before = subprocess.run([DIGESTBOT, "run"], input=f"/digest subscribe {git_repo.path}\n/digest now {DAY.date()}\n",
                            capture_output=True, text=True, env=tiny_env, timeout=120)
    assert before.returncode == 0, before.stderr
    copied = subprocess.run([DIGESTBOT, "copy-store"], capture_output=True, text=True, timeout=120,
                            env=_env(tmp_path / "tiny", pg_url))
    assert copied.returncode == 0, copied.stderr
    assert "search index: 1 analyses" in copied.stdout
    after = subprocess.run([DIGESTBOT, "run"], input=f"/digest ask eviction policy since {DAY.date()}\n",
                           capture_output=True, text=True, env=_env(tmp_path / "fresh", pg_url), timeout=120)
    assert after.returncode == 0, after.stderr
    assert "Question: eviction policy" in after.stdout and "feat(cache): add an eviction policy" in after.stdout
    assert not (tmp_path / "fresh").exists()


def test_a_database_failure_is_one_sentence(pg_url):
    from bot.core.search.text import SearchUnavailable

    store = PostgresStore(pg_url, max_connections=1)
    index = PostgresSearch(store)
    store.close()  # every connection gone, as when the server is unreachable
    with pytest.raises(SearchUnavailable, match=r"^the search index could not be read in the PostgreSQL database "
                                                r"at 127\.0\.0\.1:\d+/t_\w+ \(.+\)$") as error:
        index.search("retry queue", ["o/r"], "2026-02-01", "en")
    assert "\n" not in str(error.value)
