"""What the digest service gives the LLM prompt: the README's description read once per repository across digests,
and the diff analyzer's facts as verified facts (local git -> DigestService -> litellm -> FakeOpenAI)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.analyzers.llm import LLMAnalyzer
from analysis.day import DayWindow
from analysis.sources.local_git import LocalGitSource
from bot.core.digests.service import DigestService
from tests.conftest import GitRepo
from tests.test_llm_depth import MODEL, llm  # noqa: F401 - llm is the fake server fixture

pytestmark = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")

UTC = timezone.utc


class CountingSource(LocalGitSource):
    """The real local source, noting each time it reads the description (a fresh one per digest, as jobs make)."""

    reads: list[str] = []

    def description(self) -> str | None:
        CountingSource.reads.append(self.repo_name)
        return super().description()


def user_prompts(server) -> list[str]:
    return ["\n".join(m["content"] for m in r["messages"] if m["role"] == "user") for r in server.requests
            if "<untrusted_changes>" not in str(r["messages"])]  # not the day's highlights


def make_repo(repo: GitRepo, about: str) -> None:
    repo.commit("docs: start", datetime(2026, 2, 13, 9, tzinfo=UTC),
                {"README.md": f"# Tool\n\n[![ci](https://x/badge.svg)](https://x)\n\n{about}\n\nMore text.\n",
                 "pkg/io.py": "def load(path):\n    return open(path).read()\n"})
    repo.commit("feat: load in a mode", datetime(2026, 2, 14, 9, tzinfo=UTC),
                {"pkg/io.py": "def load(path, mode='r'):\n    return open(path, mode).read()\n"})
    repo.commit("fix: close the file", datetime(2026, 2, 15, 9, tzinfo=UTC),
                {"pkg/io.py": "def load(path, mode='r'):\n    with open(path, mode) as f:\n        return f.read()\n"})


def test_the_description_is_read_once_per_repository_and_the_facts_reach_the_prompt(llm, store, tmp_path):
    first, second = GitRepo(tmp_path / "first"), GitRepo(tmp_path / "second")
    make_repo(first, "Reads files for people in a hurry.")
    make_repo(second, "Another project entirely.")
    CountingSource.reads = []
    service = DigestService(store, LLMAnalyzer(MODEL, api_base=llm.url, retry_wait=0.01), fallback=HeuristicAnalyzer())
    for day in ("2026-02-14", "2026-02-15"):
        for repo in (first, second):
            digest = asyncio.run(service.build(CountingSource(repo.path), DayWindow.of(day, "UTC")))
            assert len(digest.commits) == 1 and digest.commits[0].analysis.fallback is None
    assert sorted(CountingSource.reads) == sorted({CountingSource(first.path).repo_name,
                                                   CountingSource(second.path).repo_name})  # once each
    prompts = user_prompts(llm)
    assert len(prompts) == 4
    assert sum("Description: Reads files for people in a hurry." in p for p in prompts) == 2
    assert sum("of the repository first." in p and "Repository: first" in p for p in prompts) == 2
    assert not any("(unknown)" in p for p in prompts)  # the digest's repository reaches every prompt
    assert sum("Description: Another project entirely." in p for p in prompts) == 2
    added = next(p for p in prompts if "Title: feat: load in a mode" in p)
    facts = added.split("Verified facts")[1].split("Files changed")[0]
    assert "pkg/io.py: load (public)" in facts and "mode" in facts  # the signature change, derived by the parser
