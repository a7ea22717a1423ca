"""Facts through the digest service: in the JSON report of a local repository (the installed CLI), the same
on a re-run from the store's cache; on GitHub a re-run reads no file and no commit again."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.day import DayWindow
from analysis.sources.github import GitHubSource
from bot.core.digests.service import DigestService
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub

DIGESTBOT = Path(sys.executable).with_name("digestbot")
DAY = "2026-02-14"
WHEN = datetime(2026, 2, 14, 9, tzinfo=timezone.utc)
BEFORE = {"app/core.py": "def run(a):\n    return a\n", "values.yaml": "replicas: 1\n",
          "requirements.txt": "requests==2.31.0\n"}
AFTER = {"app/core.py": "def run(a, retries=3):\n    return a\n", "values.yaml": "replicas: 2\n",
         "requirements.txt": "requests==2.32.0\n", "CHANGES.md": "- Retries in `run`.\n"}
EXPECTED = [
    {"kind": "changelog_entry", "path": "CHANGES.md", "text": "Retries in `run`."},
    {"kind": "signature_changed", "path": "app/core.py", "symbol": "run", "public": True, "before": "(a)",
     "after": "(a, retries=3)", "text": "adds retries"},
    {"kind": "dependency_changed", "path": "requirements.txt", "symbol": "requests", "before": "2.31.0",
     "after": "2.32.0"},
    {"kind": "config_value_changed", "path": "values.yaml", "symbol": "replicas", "before": "1", "after": "2"},
]


def _report(repo: Path, data_dir: Path) -> dict:
    env = {**os.environ, "DIGESTBOT_DATA_DIR": str(data_dir), "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    done = subprocess.run([str(DIGESTBOT), "report", str(repo), "--date", DAY, "--format", "json",
                           "--analyzer", "heuristic"], env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_json_report_of_a_local_repository_carries_the_facts_and_a_rerun_gives_the_same(git_repo, tmp_path):
    git_repo.commit("init", WHEN.replace(day=13), dict(BEFORE))
    sha = git_repo.commit("feat: retries", WHEN, dict(AFTER))
    first = _report(git_repo.path, tmp_path / "data")
    [entry] = first["commits"]
    assert entry["sha"] == sha
    assert entry["analysis"]["facts"] == EXPECTED
    assert list((tmp_path / "data").glob("facts/*.json"))  # stored
    again = _report(git_repo.path, tmp_path / "data")
    assert again["commits"][0]["analysis"]["facts"] == EXPECTED


def _github_day(gh: FakeGitHub) -> None:
    gh.add_repo("o/r")
    gh.add_commit("o/r", "init", committed_at=WHEN.replace(day=13), contents=BEFORE)
    files = []
    for path, text in sorted(AFTER.items()):  # GitHub lists files by path
        old = BEFORE.get(path)
        body = "".join(f"-{line}\n" for line in (old or "").splitlines())
        body += "".join(f"+{line}\n" for line in text.splitlines())
        header = f"@@ -{'1,1' if old else '0,0'} +1,1 @@\n"
        files.append({"filename": path, "status": "modified" if old else "added", "additions": 1,
                      "deletions": 1 if old else 0, "patch": header + body})
    gh.add_commit("o/r", "feat: retries", committed_at=WHEN, contents=AFTER, files=files)


def _facts_of_day(gh: FakeGitHub, store: TinyStore) -> list[dict]:
    service = DigestService(store, HeuristicAnalyzer())
    source = GitHubSource("o/r", token="test-token", api_url=gh.url, max_rate_wait=0)
    digest = asyncio.run(service.build(source, DayWindow.of(DAY, "UTC")))
    return [f.model_dump(exclude_none=True) for f in digest.commits[0].analysis.facts]


def test_github_rerun_reads_no_file_and_no_commit_and_gives_the_same_facts(tmp_path):
    with FakeGitHub() as gh:
        _github_day(gh)
        store = TinyStore(tmp_path / "data")

        def build():
            return _facts_of_day(gh, store)

        assert build() == EXPECTED
        assert gh.count("/repos/o/r/contents/") == 6  # three modified files, both sides; CHANGES.md is not code
        gh.reset_counts()
        assert build() == EXPECTED
        assert gh.count("/repos/o/r/contents/") == 0
        assert gh.count("/repos/o/r/commits/") == 0  # the cached commit keeps no patches; the facts are cached


def test_facts_missing_a_file_that_failed_to_read_are_not_cached(tmp_path):
    with FakeGitHub() as gh:
        _github_day(gh)
        store = TinyStore(tmp_path / "data")
        gh.rate_limit(times=1, reset_in=3600, after=3)  # list, repository, commit; then one file read fails
        _facts_of_day(gh, store)  # that file falls back to its hunks (which of them depends on thread timing)
        assert "/contents/" in gh.requests[3][1]
        gh.reset_counts()
        assert _facts_of_day(gh, store) == EXPECTED  # derived again, with every file
        assert gh.count("/repos/o/r/contents/") > 0
