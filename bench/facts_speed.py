"""Benchmark of the diff analyzer: derive_facts + the heuristic analysis of a 5,000-file commit and of a
50-commit day read from a local git repository.

Run ``.venv/bin/python bench/facts_speed.py`` from the repository root. Prints the median of 3 runs of each
case and exits 1 when a target is missed: the 5,000-file commit under 5 s, the 50-commit day under 10 s.
"""

from __future__ import annotations

import difflib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.analyzers.base import AnalysisContext  # noqa: E402
from analysis.analyzers.heuristic import HeuristicAnalyzer  # noqa: E402
from analysis.day import DayWindow  # noqa: E402
from analysis.facts import derive_facts  # noqa: E402
from analysis.models import Commit, FileChange  # noqa: E402
from analysis.sources.local_git import LocalGitSource  # noqa: E402

BIG_FILES = 5000
DAY_COMMITS = 50
TARGETS = {"5,000-file commit": 5.0, "50-commit day (local git)": 10.0}
PARENT, SHA = "1" * 40, "2" * 40


def _python(n: int, version: int) -> str:
    funcs = "".join(f"def handler_{n}_{k}(request, retries={version if k == 0 else 1}):\n"
                    f"    # step {k}\n    return request.get({k})\n\n\n" for k in range(6))
    return f'"""Module {n}."""\n\n\nclass Service{n}:\n    def start(self, port={8000 + version}):\n' \
           f"        return port\n\n\n{funcs}"


def _text(n: int, version: int) -> tuple[str, str]:
    """(path, text) of synthetic file ``n`` in one of several languages."""
    kind = n % 6
    if kind == 0:
        return f"src/pkg{n % 50}/mod_{n}.py", _python(n, version)
    if kind == 1:
        return f"pkg/m{n % 40}/file_{n}.go", (f"package m\n\ntype Server{n} struct {{\n\tPort int\n}}\n\n"
                                                f"func (s *Server{n}) Start(port int) error {{\n\treturn nil // v{version}\n}}\n")
    if kind == 2:
        return f"web/src/c{n}.ts", (f"export function render{n}(node: Node, depth = {version}): string {{\n"
                                    f"  return '';\n}}\n")
    if kind == 3:
        return f"deploy/values_{n}.yaml", f"replicas: {version}\nimage:\n  tag: v{version}\n"
    if kind == 4:
        return f"docs/page_{n}.md", f"# Page {n}\n\nRevision {version}.\n"
    return f"src/lib_{n}.rs", f"pub fn compute_{n}(a: u32) -> u32 {{\n    a + {version}\n}}\n"


class _Texts:
    def __init__(self, texts: dict[tuple[str, str], str]):
        self.texts = texts

    def file_at(self, sha: str, path: str) -> str | None:
        return self.texts.get((sha, path))


def big_commit() -> tuple[Commit, _Texts]:
    files, texts = [], {}
    for n in range(BIG_FILES):
        path, before = _text(n, 1)
        _, after = _text(n, 2)
        lines = list(difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=3))[2:]
        patch = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        files.append(FileChange(path=path, patch=patch, additions=patch.count("\n+"), deletions=patch.count("\n-")))
        texts[(PARENT, path)], texts[(SHA, path)] = before, after
    commit = Commit(sha=SHA, author="Bench", committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc),
                    message="refactor: touch everything", parents=[PARENT], files=files, details_loaded=True)
    return commit, _Texts(texts)


def run_big(commit: Commit, contents: _Texts) -> tuple[float, int]:
    start = time.perf_counter()
    facts = derive_facts(commit, contents)
    HeuristicAnalyzer().analyze_sync(commit, "en", AnalysisContext(repo="bench", facts=facts))
    return time.perf_counter() - start, len(facts)


def make_day_repo(path: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, when: datetime | None = None) -> None:
        extra = {"GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()} if when else {}
        subprocess.run(["git", "-C", str(path), *args], env={**env, **extra}, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    start = datetime(2026, 2, 14, 0, 30, tzinfo=timezone.utc)
    changes = path / "CHANGES.md"
    for c in range(DAY_COMMITS + 1):  # the first commit lands the day before
        for k in range(8):  # each commit rewrites 8 of 60 files
            name, text = _text((c * 8 + k) % 60, c + 1)
            file = path / name
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text)
        changes.write_text(f"- Change {c}.\n" + (changes.read_text() if changes.exists() else ""))
        git("add", "-A")
        git("commit", "-q", "-m", f"feat: change {c}",
            when=start - timedelta(hours=2) if c == 0 else start + timedelta(minutes=20 * c))


def run_day(path: Path) -> tuple[float, int]:
    """A fresh source (as a new CLI run): list, details, facts and the heuristic for every commit of the day."""
    begin = time.perf_counter()
    source = LocalGitSource(path)
    analyzer = HeuristicAnalyzer()
    count = 0
    for listed in source.list_commits(DayWindow.of("2026-02-14", "UTC")):
        commit = source.commit_details(listed.sha)
        facts = derive_facts(commit, source)
        analyzer.analyze_sync(commit, "en", AnalysisContext(repo=source.repo_name, facts=facts))
        count += len(facts)
    return time.perf_counter() - begin, count


def main() -> int:
    figures: dict[str, float] = {}
    commit, contents = big_commit()
    runs = [run_big(commit, contents) for _ in range(3)]
    figures["5,000-file commit"] = statistics.median(t for t, _ in runs)
    print(f"5,000-file commit: median {figures['5,000-file commit']:.2f} s of 3 "
          f"({', '.join(f'{t:.2f}' for t, _ in runs)}), {runs[0][1]} facts (capped per kind)")
    with tempfile.TemporaryDirectory() as tmp:
        make_day_repo(Path(tmp))
        runs = [run_day(Path(tmp)) for _ in range(3)]
    figures["50-commit day (local git)"] = statistics.median(t for t, _ in runs)
    print(f"50-commit day (local git): median {figures['50-commit day (local git)']:.2f} s of 3 "
          f"({', '.join(f'{t:.2f}' for t, _ in runs)}), {runs[0][1]} facts")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    missed = [name for name, target in TARGETS.items() if figures[name] >= target]
    for name in missed:
        print(f"MISSED: {name} took {figures[name]:.2f} s (target < {TARGETS[name]:.0f} s)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
