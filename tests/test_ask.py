"""`ask` end to end: the grammar, the FTS5 index (filled by digests, rebuilt from the store), heuristic and LLM answers."""

from __future__ import annotations

import asyncio
import io
import json
import re
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from adapters.console import ConsoleAdapter
from analysis.errors import BadInput
from bot.core.commands import parse_command
from bot.core.search import sqlite as search_module
from bot.core.search.sqlite import SearchIndex, SearchUnavailable, fts_query
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.openai_server import valid_answer
from tests.test_weekly import llm  # noqa: F401 - the fake OpenAI server fixture

DAY = datetime(2026, 2, 10, 9, tzinfo=timezone.utc)
NOW = datetime(2026, 2, 16, 12, tzinfo=timezone.utc)
HOSTILE = "fix: token leak <!channel> @everyone *bold* [click](http://evil.example)"


@pytest.fixture
def repo(git_repo):
    git_repo.commit("feat: old cache layer", DAY - timedelta(days=30), {"cache/layer.py": "def get():\n    return 1\n"})
    git_repo.commit("feat(scheduler): add a retry queue", DAY,
                    {"scheduler/queue.py": "def retry_queue(jobs):\n    return jobs\n"})
    git_repo.commit(HOSTILE, DAY + timedelta(hours=1), {"auth/token.py": "def mask(token):\n    return '***'\n"})
    git_repo.commit("docs: explain the install", DAY + timedelta(days=1), {"docs/install.md": "# Install\n"})
    return git_repo


def console(settings):
    core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: NOW)
    out = io.StringIO()
    return core, ConsoleAdapter(settings, core, stdin=io.StringIO(""), stdout=out), out


def run(adapter, *lines):
    async def scenario():
        for line in lines:
            await adapter.handle_line(line)
    asyncio.run(scenario())


def test_ask_grammar():
    command = parse_command("ask what changed in the scheduler? o/r since 2026-02-01")
    assert (command.options["question"], command.repo, command.date) == \
        ("what changed in the scheduler?", "o/r", "2026-02-01")
    assert parse_command('ask "why retries"').options["question"] == "why retries"
    for text, problem in [("ask", "write a question"), ("ask since", "'since' needs a date"),
                          ("ask retries since 2026-13-01", "bad date"), ("ask " + "x " * 300, "longer than")]:
        with pytest.raises(BadInput) as raised:
            parse_command(text)
        message = str(raised.value)
        assert problem in message and message.endswith("Usage: /digest ask QUESTION [REPO] [since YYYY-MM-DD]")
        assert "\n" not in message


def test_fts_queries_are_quoted_words_and_cjk_pairs():
    assert fts_query('scheduler" OR x) NEAR(') == '"scheduler"* OR "near"*'
    assert fts_query("调度器") == '"调 度" OR "度 器"'
    assert fts_query("the of a") is None


def test_heuristic_answers_with_the_best_matching_commits(repo, settings):
    core, adapter, out = console(settings)
    run(adapter, "/digest ask what about the retry queue",  # follows nothing yet
        f"/digest subscribe {repo.path}",
        *[f"/digest now {(DAY + timedelta(days=n)).date()}" for n in (-30, 0, 1)],
        "/digest ask what happened to the retry queue?",
        "/digest ask kubernetes operator",
        "/digest ask token leak",
        "/digest ask cache layer",  # 30 days old: before the default 14 days
        "/digest ask cache layer since 2026-01-01")
    answers = out.getvalue().split("--- message ")
    text = out.getvalue()
    assert "error: this channel follows no repository" in text
    retry = next(a for a in answers if "Question: what happened to the retry queue?" in a)
    assert "no model is configured" in retry and "feat(scheduler): add a retry queue" in retry
    assert "docs: explain the install" not in retry
    assert f"Nothing stored answers this: no analysis of {repo.path} since 2026-02-02 matches " \
           "`kubernetes operator`." in text
    token = next(a for a in answers if "Question: token leak" in a)
    # a terminal shows the text as typed (it pings nobody, renders no HTML); links stay dead Markdown
    assert "<!channel>" in token and "&lt;" not in token
    assert "\\[click\\](http" in token and "[click](" not in token
    old = [a for a in answers if "matches `cache layer`" in a or "Question: cache layer" in a]
    assert "Nothing stored answers this" in old[0] and "feat: old cache layer" in old[1]


def test_the_index_is_rebuilt_from_the_store(tmp_path):
    from bot.core.subscriptions import Subscription
    from tests.fakes.github_server import FakeGitHub

    with FakeGitHub() as gh:
        gh.add_repo("o/r")
        for n, title in enumerate(["feat(scheduler): add a retry queue", "docs: explain the install"]):
            gh.add_commit("o/r", message=title, author_name="Ann", committed_at=DAY + timedelta(hours=n),
                          files=[{"filename": f"src/f{n}.py", "status": "added", "additions": 3, "deletions": 0,
                                  "patch": f"@@ -0,0 +1 @@\n+def f{n}(): pass"}])
        settings = Settings(data_dir=tmp_path / "data", github_api_url=gh.url)
        core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: NOW)
        sub = Subscription(platform="slack", workspace="T", channel="C", repo="o/r")
        asyncio.run(core.digest_for(sub, DAY.date().isoformat()))
    before = core.search.search("retry queue", ["o/r"], "2026-01-01", "en")
    core.search.close()
    for leftover in settings.data_dir.glob("search.sqlite3*"):
        leftover.unlink()
    rebuilt = SearchIndex.beside(core.store, settings.data_dir)  # a new file: built from the store at once
    after = rebuilt.search("retry queue", ["O/R"], "2026-01-01", "en")
    assert [h.sha for h in before] == [h.sha for h in after] != []
    assert after[0].title == "feat(scheduler): add a retry queue"
    assert after[0].url.endswith(f"/o/r/commit/{after[0].sha}")
    assert rebuilt.rebuild(core.store) == 2


def test_without_fts5_ask_says_so_in_one_sentence(tmp_path, monkeypatch):
    real = sqlite3.connect

    class NoFts5:
        def __init__(self, *args, **kwargs):
            self._conn = real(*args, **kwargs)

        def execute(self, sql, *args):
            if "fts5" in sql.lower():
                raise sqlite3.OperationalError("no such module: fts5")
            return self._conn.execute(sql, *args)

        def close(self):
            self._conn.close()

    monkeypatch.setattr(search_module.sqlite3, "connect", NoFts5)
    with pytest.raises(SearchUnavailable, match="FTS5.*ask is unavailable"):
        SearchIndex(tmp_path / "search.sqlite3").search("retry", ["o/r"], "2026-01-01", "en")


def test_the_llm_answers_from_the_retrieved_analyses_with_links(repo, tmp_path, llm):  # noqa: F811
    seen: list[str] = []

    def answer(request: dict) -> str:
        text = "\n".join(str(m.get("content")) for m in request["messages"])
        if "<untrusted_analyses>" not in text:
            return json.dumps(valid_answer(request))
        seen.append(text)
        if "kubernetes" in text:
            return json.dumps({"answer": [], "commits": []})
        sha = re.search(r"^- ([0-9a-f]{7}) .*retry queue", text, re.MULTILINE).group(1)
        return json.dumps({"answer": [f"A retry queue was added to the scheduler ({sha}). @everyone"],
                           "commits": [sha]})

    llm.answer_for = answer
    settings = Settings(data_dir=tmp_path / "data", llm_model="openai/fake-model", llm_api_base=llm.url)
    core, adapter, out = console(settings)
    run(adapter, f"/digest subscribe {repo.path} lang zh", f"/digest now {DAY.date()}")
    before = llm.calls
    run(adapter, "/digest ask 调度器的重试队列 retry queue", "/digest ask kubernetes operator retry")
    assert llm.calls - before == 2  # one request per question
    text = out.getvalue()
    reply = text.split("问题：调度器的重试队列 retry queue")[1].split("--- message")[0]
    assert "A retry queue was added to the scheduler" in reply and "依据的提交" in reply
    assert "feat(scheduler): add a retry queue" in reply.split("依据的提交")[1]
    assert "<untrusted_question>\n调度器的重试队列 retry queue\n</untrusted_question>" in seen[0]
    assert "已存储的分析无法回答这个问题" in text.split("kubernetes operator retry")[1]
