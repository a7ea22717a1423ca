"""The search index contract, run on both backends: SQLite FTS5 beside TinyDB and PostgreSQL full-text search.

The same documents and questions go through ``open_search`` for a TinyStore and for a PostgresStore
(a real server, ``tests/postgres_server.py``): English and Chinese questions, the repository and
``since`` filters, one hit per commit in the asked language, re-indexing, a rebuild from the store, and
an empty answer when nothing matches.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from analysis.models import Analysis, Commit, CommitReport, Digest, Fact
from bot.core.digests.service import ANALYSES_TABLE, COMMITS_TABLE
from bot.core.search.index import open_search
from bot.settings import Settings
from bot.store import TinyStore

DAY = datetime(2026, 2, 10, 9, tzinfo=timezone.utc)
SINCE = "2026-02-01"
BACKENDS = {"fts5": "SearchIndex", "postgresql": "PostgresSearch"}


@pytest.fixture(params=sorted(BACKENDS))
def backend(request, tmp_path):
    """(store, index) of one backend, the index chosen by ``open_search`` for that store."""
    settings = Settings(data_dir=tmp_path / "data")
    if request.param == "postgresql":
        from bot.store.postgres_store import PostgresStore

        store = PostgresStore(request.getfixturevalue("pg_url"), max_connections=4)
    else:
        store = TinyStore(settings.data_dir)
    index = open_search(store, settings)
    assert type(index).__name__ == BACKENDS[request.param]
    yield store, index
    index.close()
    store.close()


def report(n: int, title: str, summary: str, *, when=DAY, repo="o/r", facts=(), body="", lang_marker="",
           importance="medium") -> CommitReport:
    sha = f"{n:040x}"
    commit = Commit(sha=sha, author="Ann", committed_at=when, message=f"{title}\n\n{body}".strip(),
                    url=f"https://github.com/{repo}/commit/{sha}")
    analysis = Analysis(change_type="feature", importance=importance, summary=[summary + lang_marker],
                        facts=list(facts), analyzer="heuristic")
    return CommitReport(commit=commit, analysis=analysis)


def digest(*reports: CommitReport, repo="o/r") -> Digest:
    return Digest(repo=repo, date=DAY.date().isoformat(), timezone="UTC", commits=list(reports))


def shas(hits) -> list[str]:
    return [h.sha for h in hits]


def test_english_words_find_their_commit_title_first(backend):
    _, index = backend
    in_title = report(1, "feat(scheduler): add a retry queue", "Jobs that fail are tried again later.")
    in_body = report(2, "chore: tidy", "The retry queue module got comments.", body="Mentions the retry queue once.")
    other = report(3, "docs: explain the install", "Install steps for Debian.")
    index.add_digest(digest(in_title, in_body, other), "en")
    hits = index.search("what happened to the retry queue?", ["o/r"], SINCE, "en")
    assert shas(hits) == [in_title.commit.sha, in_body.commit.sha]  # the title weighs most; docs not matched
    first = hits[0]
    assert (first.repo, first.day, first.title, first.importance, first.change_type, first.lang) == \
        ("o/r", "2026-02-10", "feat(scheduler): add a retry queue", "medium", "feature", "en")
    assert first.summary == "Jobs that fail are tried again later." and first.url.endswith(first.sha)
    assert shas(index.search("schedul", ["o/r"], SINCE, "en")) == [in_title.commit.sha]  # 4+ letters: a prefix
    assert index.search("que", ["o/r"], SINCE, "en") == []  # under 4 letters: whole words only


def test_chinese_questions_match_character_pairs(backend):
    _, index = backend
    zh = report(1, "feat: 调度器增加重试队列", "为调度器增加了重试队列，失败的任务稍后重试。")
    near = report(2, "fix: 队列修复", "修复了队列的内存泄漏。")
    index.add_digest(digest(zh, near), "zh")
    assert shas(index.search("重试", ["o/r"], SINCE, "zh")) == [zh.commit.sha]
    assert set(shas(index.search("重试队列", ["o/r"], SINCE, "zh"))) == {zh.commit.sha, near.commit.sha}  # 重试|试队|队列
    # a whole sentence: its character pairs OR'ed; the commit matching most of them first
    assert shas(index.search("调度器的重试队列是怎么工作的？", ["o/r"], SINCE, "zh")) == [zh.commit.sha, near.commit.sha]
    assert index.search("列队", ["o/r"], SINCE, "zh") == []  # the characters, but not next to each other
    assert shas(index.search("内存 leak", ["o/r"], SINCE, "zh")) == [near.commit.sha]  # mixed scripts


def test_identifiers_and_facts_are_found(backend):
    _, index = backend
    fact = Fact(kind="symbol_added", path="scheduler/queue.py", symbol="retry_queue", after="def retry_queue(jobs)")
    with_fact = report(1, "feat: jobs", "Adds a function.", facts=[fact])
    index.add_digest(digest(with_fact, report(2, "fix: typo", "A typo.")), "en")
    for question in ("retry_queue", "queue.py", "scheduler/queue.py", "symbol added"):
        assert shas(index.search(question, ["o/r"], SINCE, "en")) == [with_fact.commit.sha], question


def test_repository_and_since_filters(backend):
    _, index = backend
    here = report(1, "feat: token refresh", "Refreshes tokens.")
    old = report(2, "feat: token refresh v1", "Refreshes tokens, first try.", when=DAY - timedelta(days=20))
    elsewhere = report(3, "feat: token refresh", "Refreshes tokens.", repo="o/other")
    index.add_digest(digest(here, old), "en", "O/R")  # indexed under the repository as followed
    index.add_digest(digest(elsewhere, repo="o/other"), "en")
    assert shas(index.search("token refresh", ["o/r"], SINCE, "en")) == [here.commit.sha]  # any case
    assert set(shas(index.search("token refresh", ["o/r"], "2026-01-01", "en"))) == {here.commit.sha, old.commit.sha}
    assert shas(index.search("token refresh", ["o/other"], SINCE, "en")) == [elsewhere.commit.sha]
    assert len(index.search("token refresh", ["o/r", "o/other"], "2026-01-01", "en")) == 3
    assert index.search("token refresh", ["o/r"], "2026-02-11", "en") == []  # since is inclusive of its day only
    assert index.search("token refresh", [], SINCE, "en") == []
    assert index.search("token refresh", ["o/r"], SINCE, "en")[0].repo == "O/R"


def test_nothing_matching_is_an_empty_answer_and_syntax_is_inert(backend):
    _, index = backend
    index.add_digest(digest(report(1, "feat(api): add v2 endpoint", "A new endpoint.")), "en")
    assert index.search("kubernetes operator", ["o/r"], SINCE, "en") == []
    assert index.search("the of a what", ["o/r"], SINCE, "en") == []  # only common words: no query at all
    for hostile in ('endpoint" OR x) NEAR(', "endpoint' | !x & (y:* <-> z", "endpoint\\ ' ''", "endpoint:*A"):
        assert len(index.search(hostile, ["o/r"], SINCE, "en")) == 1, hostile


def test_one_hit_per_commit_in_the_asked_language_and_reindexing_replaces(backend):
    _, index = backend
    en = report(1, "feat: retry queue", "Adds a retry queue.")
    zh = report(1, "feat: retry queue", "增加重试队列。")
    index.add_digest(digest(en), "en")
    index.add_digest(digest(zh), "zh")
    [hit] = index.search("retry queue", ["o/r"], SINCE, "zh")
    assert hit.lang == "zh" and hit.summary == "增加重试队列。"
    [hit] = index.search("retry queue", ["o/r"], SINCE, "en")
    assert hit.lang == "en"
    index.add_digest(digest(report(1, "feat: retry queue", "Adds a retry queue with backoff.", importance="high")),
                     "en")
    [hit] = index.search("backoff", ["o/r"], SINCE, "en")
    assert (hit.summary, hit.importance) == ("Adds a retry queue with backoff.", "high")
    assert len(index.search("retry queue", ["o/r"], SINCE, "en")) == 1


def test_a_new_index_is_built_from_the_store(backend, tmp_path):
    store, _ = backend
    stored = report(7, "feat(cache): add an eviction policy", "Least recently used entries leave first.")
    raw = stored.commit.model_dump(mode="json")
    store.put(COMMITS_TABLE, stored.commit.sha, {**raw, "repo": "o/r"})
    store.put(ANALYSES_TABLE, f"{stored.commit.sha}|en|heuristic|facts-v1", stored.analysis.model_dump(mode="json"))
    fresh = open_search(store, Settings(data_dir=tmp_path / "other-data"))  # a new FTS5 file / the shared tables
    fresh.rebuild(store)
    hits = fresh.search("eviction policy", ["o/r"], SINCE, "en")
    assert shas(hits) == [stored.commit.sha] and hits[0].summary == "Least recently used entries leave first."
    assert fresh.rebuild(store) == 1
    fresh.close()
