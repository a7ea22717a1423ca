"""Wider context for source hunks: the enclosing function from tree-sitter, bought only with budget left over."""

from __future__ import annotations

from analysis.analyzers.base import AnalysisContext
from analysis.analyzers.llm.context import fit_diff
from analysis.analyzers.llm.wider_context import widen_patch
from analysis.models import Commit, FileChange

AFTER = "\n".join([
    "import os",
    "",
    "",
    "def load(path):",
    "    if not path:",
    "        raise ValueError('empty path')",
    "    base = os.path.dirname(path)",
    "    name = os.path.basename(path)",
    "    full = os.path.join(base, name)",
    "    return open(full).read()",
    "",
    "",
    "def other():",
    "    return 2",
])
# the hunk git shows: 3 lines of context around line 9, blind to the guard at line 5
PATCH = ("@@ -6,5 +6,5 @@ def load(path):\n     raise ValueError('empty path')\n     base = os.path.dirname(path)\n"
         "     name = os.path.basename(path)\n-    full = base + name\n+    full = os.path.join(base, name)\n"
         "     return open(full).read()")


def count(text: str) -> int:
    return max(1, len(text) // 4)


def test_a_hunk_grows_to_its_enclosing_function():
    wider = widen_patch("pkg/io.py", PATCH, AFTER)
    assert wider is not None
    lines = wider.splitlines()
    assert lines[0] == "@@ -4,7 +4,7 @@ def load(path):"
    assert lines[1:3] == [" def load(path):", "     if not path:"]
    assert "def other" not in wider and "import os" not in wider


def test_unknown_languages_are_left_as_they_are():
    assert widen_patch("notes.txt", PATCH, AFTER) is None


def commit_of(*files: FileChange) -> Commit:
    from datetime import datetime, timezone

    return Commit(sha="a" * 40, author="Ada", message="fix: join paths", files=list(files), details_loaded=True,
                  committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc))


def test_leftover_budget_buys_wider_context_but_never_for_lock_files():
    lock_patch = "@@ -1,2 +1,2 @@\n-a==1\n+a==2\n b==1"
    commit = commit_of(FileChange(path="pkg/io.py", additions=1, deletions=1, patch=PATCH),
                       FileChange(path="poetry.lock", additions=1, deletions=1, patch=lock_patch))
    read = []

    def file_text(path: str) -> str:
        read.append(path)
        return AFTER

    fitted = fit_diff(commit, 2000, count, AnalysisContext(file_text=file_text))
    assert "\n def load(path):" in fitted.patches and read == ["pkg/io.py"]
    assert "a==2" not in fitted.patches  # lock files are never shown, let alone widened


def test_no_budget_left_means_no_wider_context():
    commit = commit_of(FileChange(path="pkg/io.py", additions=1, deletions=1, patch=PATCH))
    narrow = fit_diff(commit, 2000, count, AnalysisContext())
    tight = fit_diff(commit, narrow.tokens + 10, count, AnalysisContext(file_text=lambda path: AFTER))
    assert "\n def load(path):" not in tight.patches and tight.patches == narrow.patches


def test_the_enclosing_function_reaches_the_prompt_from_a_local_repository(tmp_path, monkeypatch, store):
    """Local git source (file_at) -> digest service -> LLM analyzer -> what the fake OpenAI server received."""
    import asyncio
    import os
    import subprocess

    from analysis.analyzers.heuristic import HeuristicAnalyzer
    from analysis.analyzers.llm import LLMAnalyzer
    from analysis.day import DayWindow
    from analysis.sources.local_git import LocalGitSource
    from bot.core.digests.service import DigestService
    from tests.fakes.openai_server import FakeOpenAI

    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True)
    (repo / "README.md").write_text("# io\n\nSmall helpers for reading files.\n")
    before = AFTER.replace("os.path.join(base, name)", "base + name")
    (repo / "pkg" / "io.py").write_text(before + "\n")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.org",
           "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.org"}

    def git(*args, when="2026-02-13T10:00:00+00:00"):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                       env={**env, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})

    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "feat: read files")
    (repo / "pkg" / "io.py").write_text(AFTER + "\n")
    git("commit", "-q", "-am", "fix: join paths portably", when="2026-02-14T10:00:00+00:00")

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    with FakeOpenAI() as llm:
        service = DigestService(store, LLMAnalyzer("openai/fake-model", api_base=llm.url, retry_wait=0.01),
                                fallback=HeuristicAnalyzer())
        digest = asyncio.run(service.build(LocalGitSource(repo), DayWindow.of("2026-02-14", "UTC")))
    assert len(digest.commits) == 1 and llm.calls == 1
    user = next(m["content"] for m in llm.requests[0]["messages"] if m["role"] == "user")
    assert "\n def load(path):\n     if not path:" in user  # the guard above git's 3 lines of context
    assert "Description: Small helpers for reading files." in user
