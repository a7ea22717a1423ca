"""The installed ``digestbot`` console script as a user runs it: report, explain, exit statuses and error lines.

Each test starts several CLI processes at once (a start costs about half a second) against FakeGitHub and
FakeOpenAI on 127.0.0.1, and checks the contract's JSON shape, the sample's Markdown headings, and that
every error is one ``error:`` line on stderr with exit status 2 (bad input) or 1 (remote failure).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.fakes.github_server import FakeGitHub
from tests.fakes.openai_server import FakeOpenAI

DIGESTBOT = Path(sys.executable).with_name("digestbot")
REPO = "o/r"
DAY = "2026-02-14"
SHANGHAI = ZoneInfo("Asia/Shanghai")
MODEL = "openai/fake-model"
AMBIENT_VARS = ("GITHUB_TOKEN", "DIGESTBOT_LOG_LEVEL", "DIGESTBOT_LOG_FORMAT", "DIGESTBOT_LLM_MODEL",
                "DIGESTBOT_LLM_API_BASE", "OPENAI_API_KEY", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET",
                "SLACK_APP_TOKEN", "DISCORD_TOKEN")
COMMIT_KEYS = {"sha", "short_sha", "author", "committed_at", "title", "includes", "pr", "analysis"}
ANALYSIS_KEYS = {"change_type", "importance", "summary", "impact", "insights", "risks", "recommendations",
                 "facts", "analyzer"}
OPTIONAL_ANALYSIS_KEYS = {"fallback", "coverage", "change_type_detail"}
AMBIGUOUS = "abcd"


def shanghai(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 2, day, hour, minute, second, tzinfo=SHANGHAI)


# (title, committer date) of the commits on the default branch, oldest first
HISTORY = [
    ("chore: the day before", shanghai(13, 23, 59, 59)),  # one second before the Shanghai day
    ("feat(api)!: drop the v1 endpoints", shanghai(14, 0, 0, 0)),  # its first second
    ("fix(operator): keep CRD defaults", shanghai(14, 9, 30)),
    ("docs: explain the router", shanghai(14, 21, 15, 5)),
    ("ci: the next day", shanghai(15, 0, 0, 0)),  # the next midnight belongs to the next day
]
IN_DAY = HISTORY[1:4]


@pytest.fixture(scope="module")
def gh():
    with FakeGitHub() as server:
        server.add_repo(REPO)
        for n, (title, when) in enumerate(HISTORY):
            server.add_commit(REPO, message=f"{title}\n\nBody of commit {n}.", author_name=f"Dev {n}",
                              author_login=f"dev{n}", committed_at=when.astimezone(timezone.utc),
                              files=[{"filename": f"src/part_{n}.py", "additions": 4, "deletions": 1,
                                      "patch": f"@@ -1 +1,4 @@\n-a{n}\n+b{n}\n+c{n}\n+d{n}"}])
        for digit in "01":  # two commits sharing the prefix "abcd", far from the day
            server.add_commit(REPO, message=f"chore: twin {digit}", sha=AMBIGUOUS + digit * 36,
                              committed_at=datetime(2025, 1, 1, tzinfo=timezone.utc))
        yield server


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cli:
    """Runs ``digestbot`` in a clean environment, each run with its own data directory, several at once."""

    def __init__(self, tmp_path: Path, api_url: str):
        self.tmp_path = tmp_path
        self.api_url = api_url
        self.runs = 0

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in AMBIENT_VARS and not k.startswith("PYTEST")}
        self.runs += 1
        env.update(GITHUB_API_URL=self.api_url, DIGESTBOT_DATA_DIR=str(self.tmp_path / f"data{self.runs}"),
                   LITELLM_LOCAL_MODEL_COST_MAP="True")
        env.update(extra)
        return env

    def run(self, args: list[str], **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(DIGESTBOT), *args], env=self.env(**extra), cwd=self.tmp_path,
                              capture_output=True, text=True, timeout=90)

    def run_all(self, jobs: dict[str, tuple[list[str], dict[str, str]]]) -> dict[str, subprocess.CompletedProcess]:
        with ThreadPoolExecutor(max_workers=4) as pool:
            futures = {name: pool.submit(self.run, args, **extra) for name, (args, extra) in jobs.items()}
            return {name: future.result() for name, future in futures.items()}


@pytest.fixture
def cli(tmp_path, gh) -> Cli:
    assert DIGESTBOT.exists(), f"the console script is not installed next to {sys.executable}"
    return Cli(tmp_path, gh.url)


def report_args(*more: str, date: str = DAY) -> list[str]:
    return ["report", REPO, "--date", date, "--tz", "Asia/Shanghai", *more]


def assert_commit_object(obj: dict) -> None:
    assert set(obj) == COMMIT_KEYS
    assert re.fullmatch(r"[0-9a-f]{40}", obj["sha"]) and obj["short_sha"] == obj["sha"][:7]
    analysis = obj["analysis"]
    assert ANALYSIS_KEYS <= set(analysis) <= ANALYSIS_KEYS | OPTIONAL_ANALYSIS_KEYS
    assert set(analysis["insights"]) <= {"architecture", "performance", "security", "maintainability", "compatibility"}
    assert all(isinstance(text, str) and text for text in analysis["insights"].values())  # empty ones left out
    assert all({"kind", "path"} <= set(fact) for fact in analysis["facts"])
    assert analysis["importance"] in ("high", "medium", "low")
    assert all(set(risk) == {"risk", "impact", "mitigation"} for risk in analysis["risks"])
    assert analysis["summary"] and all(isinstance(s, str) for s in analysis["summary"])


def assert_one_error_line(result: subprocess.CompletedProcess, status: int, *needles: str) -> None:
    lines = result.stderr.splitlines()
    assert result.returncode == status, (result.returncode, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    for needle in needles:
        assert needle.lower() in lines[0].lower(), (needle, lines[0])


def test_report_json_markdown_explain_and_an_empty_day(cli, gh):
    in_day = [c for c in gh.data.repo(REPO).commits.values() if c.message.split("\n")[0] in dict(IN_DAY)]
    newest_first = sorted(in_day, key=lambda c: c.committed_at, reverse=True)
    prefix = newest_first[1].sha[:6]
    runs = cli.run_all({
        "json": (report_args("--format", "json"), {}),
        "zh": (report_args("--lang", "zh"), {}),
        "explain": (["explain", REPO, prefix, "--format", "json"], {}),
        "empty_json": (report_args("--format", "json", date="2026-02-20"), {}),
        "empty_md": (report_args(date="2026-02-20"), {}),
    })
    for name, result in runs.items():
        assert result.returncode == 0, (name, result.stderr)
        assert result.stderr == "", (name, result.stderr)  # no log noise either

    report = json.loads(runs["json"].stdout)  # stdout is the JSON document and nothing else
    assert list(report) == ["repo", "date", "timezone", "stats", "highlights", "commits"]
    assert (report["repo"], report["date"], report["timezone"]) == (REPO, DAY, "Asia/Shanghai")
    assert [c["sha"] for c in report["commits"]] == [c.sha for c in newest_first]
    assert [c["committed_at"] for c in report["commits"]] == [
        c.committed_at.astimezone(SHANGHAI).isoformat() for c in newest_first]
    assert report["commits"][-1]["committed_at"] == "2026-02-14T00:00:00+08:00"
    assert [c["title"] for c in report["commits"]] == [t for t, _ in reversed(IN_DAY)]
    assert [c["author"] for c in report["commits"]] == ["Dev 3", "Dev 2", "Dev 1"]
    for obj in report["commits"]:
        assert_commit_object(obj)
        assert obj["analysis"]["analyzer"] == "heuristic" and "fallback" not in obj["analysis"]
    levels = [c["analysis"]["importance"] for c in report["commits"]]
    assert list(report["stats"]) == ["total", "high", "medium", "low", "commits"]
    assert report["stats"] == {"total": 3, "commits": 3,
                               **{level: levels.count(level) for level in ("high", "medium", "low")}}
    assert report["commits"][-1]["analysis"]["importance"] == "high"  # "!:" breaking change
    assert report["commits"][0]["analysis"]["change_type"] == "docs"

    markdown = runs["zh"].stdout
    lines = markdown.splitlines()
    assert lines[0] == f"# 每日更新报告（{DAY}）"
    stats = report["stats"]
    for heading in (f"## {REPO}", "| SHA | 提交时间 | 作者 | 提交信息 |", "### 📊 统计摘要",
                    f"> 本日共 3 个提交 | 🔴高 {stats['high']} | 🟡中 {stats['medium']} | 🟢低 {stats['low']}",
                    "## 📋 目录"):
        assert heading in lines, heading
    for level, label in (("high", "🔴 高重要度变更"), ("medium", "🟡 中重要度变更"), ("low", "🟢 低重要度变更")):
        if stats[level]:
            assert f"#### {label} ({stats[level]})" in lines
    rows = [line for line in lines if line.startswith("| [`")]
    assert rows == [f"| [`{c.sha[:7]}`](https://github.com/{REPO}/commit/{c.sha}) | "
                    f"{c.committed_at.astimezone(SHANGHAI):%Y-%m-%d %H:%M:%S} | {c.author_name} | "
                    f"{c.message.splitlines()[0]} |" for c in newest_first]
    for c in newest_first:
        assert f"### {c.message.splitlines()[0]}" in lines
        assert f"**SHA**: `{c.sha[:7]}` | 🔗 [查看提交](https://github.com/{REPO}/commit/{c.sha})" in lines
    assert lines.index("## 📋 目录") < lines.index(f"### {IN_DAY[0][0]}")

    explained = json.loads(runs["explain"].stdout)
    assert_commit_object(explained)
    same = report["commits"][1]
    assert explained["sha"] == same["sha"] and explained["title"] == same["title"]
    assert explained["analysis"] == same["analysis"]
    assert datetime.fromisoformat(explained["committed_at"]) == datetime.fromisoformat(same["committed_at"])

    empty = json.loads(runs["empty_json"].stdout)
    assert empty == {"repo": REPO, "date": "2026-02-20", "timezone": "Asia/Shanghai",
                     "stats": {"total": 0, "high": 0, "medium": 0, "low": 0, "commits": 0},
                     "highlights": [], "commits": []}
    short = runs["empty_md"].stdout
    assert short.startswith("# Daily Update Report (2026-02-20)") and f"## {REPO}" in short
    assert len(short.splitlines()) < 25 and "> 0 commits that day | 🔴 High 0 | 🟡 Medium 0 | 🟢 Low 0" in short
    assert [line for line in short.splitlines() if line.startswith("### ")] == ["### 📊 Summary"]
    assert not re.search(r"^\| 2026-", short, re.MULTILINE)


def test_errors_are_one_line_with_the_contract_exit_status(cli, tmp_path):
    closed = f"http://127.0.0.1:{closed_port()}"
    llm_env = {"DIGESTBOT_LLM_MODEL": MODEL, "DIGESTBOT_LLM_API_BASE": f"{closed}/v1",
               "OPENAI_API_KEY": "sk-test-not-a-real-key"}
    with FakeGitHub() as limited:
        limited.add_repo(REPO)
        limited.rate_limit(times=20, reset_in=3600)
        runs = cli.run_all({
            "llm_unreachable": (report_args("--analyzer", "llm"), llm_env),  # the slowest (retries): first
            "unknown_repo": (["report", "o/missing", "--date", DAY], {}),
            "bad_repo_name": (["report", "not/a/repo", "--date", DAY], {}),
            "bad_date": (["report", REPO, "--date", "2026-02-30"], {}),
            "bad_zone": (["report", REPO, "--date", DAY, "--tz", "Mars/Olympus"], {}),
            "unknown_sha": (["explain", REPO, "0123abc"], {}),
            "ambiguous": (["explain", REPO, AMBIGUOUS], {}),
            "malformed_sha": (["explain", REPO, "xyz!"], {}),
            "llm_without_model": (report_args("--analyzer", "llm"), {}),
            "network": (report_args(), {"GITHUB_API_URL": closed}),
            "rate_limit": (report_args(), {"GITHUB_API_URL": limited.url}),
        })
        reset = datetime.now(timezone.utc) + timedelta(seconds=3600)

    assert_one_error_line(runs["unknown_repo"], 2, "o/missing", "not found")
    assert_one_error_line(runs["bad_repo_name"], 2, "not/a/repo")
    assert_one_error_line(runs["bad_date"], 2, "2026-02-30")
    assert_one_error_line(runs["bad_zone"], 2, "Mars/Olympus")
    assert_one_error_line(runs["unknown_sha"], 2, "0123abc")
    assert_one_error_line(runs["ambiguous"], 2, AMBIGUOUS, "ambiguous")
    assert_one_error_line(runs["malformed_sha"], 2, "xyz!")
    assert_one_error_line(runs["llm_without_model"], 2, "DIGESTBOT_LLM_MODEL")
    assert_one_error_line(runs["network"], 1, "GitHub")
    assert_one_error_line(runs["llm_unreachable"], 1, MODEL)
    assert "sk-test" not in runs["llm_unreachable"].stderr
    assert_one_error_line(runs["rate_limit"], 1, "rate limit")
    said = runs["rate_limit"].stderr
    assert any(f"{moment:%H:%M}" in said for moment in (reset - timedelta(minutes=1), reset,
                                                         reset + timedelta(minutes=1))), said


def test_llm_analyzer_through_fake_openai(cli):
    with FakeOpenAI() as llm:
        llm.latency = 0.05
        env = {"DIGESTBOT_LLM_MODEL": MODEL, "DIGESTBOT_LLM_API_BASE": llm.url,
               "OPENAI_API_KEY": "sk-test-not-a-real-key"}
        result = cli.run(report_args("--format", "json"), **env)
        calls = llm.calls

    assert result.returncode == 0 and result.stderr == "", result.stderr
    report = json.loads(result.stdout)
    assert calls == len(IN_DAY) + 1 == len(report["commits"]) + 1  # one request per commit, one for the highlights
    for obj, (title, _) in zip(report["commits"], reversed(IN_DAY)):
        assert_commit_object(obj)
        assert obj["analysis"]["analyzer"] == f"llm:{MODEL}" and "fallback" not in obj["analysis"]
        assert obj["analysis"]["summary"] == [f"Change: {title}"]  # what the fake model answered
    assert report["stats"]["high"] == 1
