"""The command line and the console bot as a newcomer meets them: version, usage, revisions, paths, dates, typos."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
from datetime import datetime, timedelta, timezone

import pytest

from adapters.console import GREETING, ConsoleAdapter
from bot.cli import main
from bot.core.commands import parse_command
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from tests.fakes.github_server import FakeGitHub

DAY = datetime(2026, 2, 14, 9, 0, tzinfo=timezone.utc)
LONG_NAME = "a" * 300


def cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


@pytest.fixture
def repo(git_repo):
    git_repo.commit("feat: first", DAY, {"a.py": "x = 1\n"})
    git_repo.commit("fix: second", DAY + timedelta(hours=1), {"a.py": "x = 2\n"})
    return git_repo


# --- version and usage -----------------------------------------------------------------------------

def test_version(capsys):
    status, out, err = cli(capsys, "--version")
    assert status == 0 and out.startswith("digestbot ") and len(out.split()) == 2 and err == ""


def test_no_arguments_prints_the_usage_not_an_error_line(capsys):
    status, out, err = cli(capsys)
    assert status == 2  # click's convention for a group called without a command
    assert "Usage: digestbot" in out + err and "report" in out + err
    assert "error:" not in out + err


# --- explain: any revision ------------------------------------------------------------------------

def test_explain_accepts_head_a_branch_and_a_tag_on_a_local_repository(repo, capsys):
    head = repo.git("rev-parse", "HEAD")
    first = repo.git("rev-parse", "HEAD~1")
    repo.git("branch", "older", first)
    repo.git("tag", "v1.0", first)
    for revision, sha in (("HEAD", head), ("older", first), ("v1.0", first), ("HEAD~1", first), (head[:8], head)):
        status, out, err = cli(capsys, "explain", str(repo.path), revision, "--format", "json")
        assert status == 0, err
        assert json.loads(out)["sha"] == sha, revision
    status, _, err = cli(capsys, "explain", str(repo.path), "no-such-branch")
    assert status == 2 and "no commit matches no-such-branch" in one_error_line(err)
    status, _, err = cli(capsys, "explain", str(repo.path), "--", "--output=/tmp/x")
    assert status == 2 and "bad commit SHA or name" in one_error_line(err)


def test_explain_accepts_any_ref_github_resolves(capsys, monkeypatch):
    with FakeGitHub() as gh:
        gh.add_repo("o/r")
        first = gh.add_commit("o/r", message="feat: first", committed_at=DAY)
        head = gh.add_commit("o/r", message="fix: second", committed_at=DAY + timedelta(hours=1))
        gh.add_commit("o/r", message="feat: on a branch", committed_at=DAY, branch="release/1.x")
        gh.add_tag("o/r", "v1.0", first)
        monkeypatch.setenv("GITHUB_API_URL", gh.url)
        for ref, expected in (("HEAD", head), ("main", head), ("v1.0", first), (first[:7], first)):
            status, out, err = cli(capsys, "explain", "o/r", ref, "--format", "json", "--analyzer", "heuristic")
            assert status == 0, err
            assert json.loads(out)["sha"] == expected, ref
        status, out, err = cli(capsys, "explain", "o/r", "release/1.x", "--format", "json", "--analyzer", "heuristic")
        assert status == 0 and json.loads(out)["title"] == "feat: on a branch", err
        status, _, err = cli(capsys, "explain", "o/r", "nope", "--analyzer", "heuristic")
        assert status == 2 and "no commit matches nope in o/r" in one_error_line(err)


# --- branches, paths, names ------------------------------------------------------------------------

def test_a_branch_only_on_the_remote_is_read_from_origin_in_a_fresh_clone(repo, tmp_path, capsys):
    repo.git("checkout", "-q", "-b", "stable")
    repo.git("commit", "-q", "--allow-empty", "-m", "fix: on stable", date=DAY + timedelta(hours=2))
    repo.git("checkout", "-q", "main")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo.path), str(clone)], check=True)
    status, out, err = cli(capsys, "report", str(clone), "--date", "2026-02-14", "--branch", "stable",
                           "--format", "json")
    assert status == 0, err
    assert [c["title"] for c in json.loads(out)["commits"]][0] == "fix: on stable"
    status, out, err = cli(capsys, "explain", str(clone), "stable", "--format", "json")
    assert status == 0 and json.loads(out)["title"] == "fix: on stable", err
    status, _, err = cli(capsys, "report", str(clone), "--date", "2026-02-14", "--branch", "nope")
    assert status == 2 and "branch 'nope' does not exist" in one_error_line(err)


@pytest.mark.parametrize("path", ["./no-such-dir", "/no/such/dir", "~/no-such-dir-here", "a/b/c"])
def test_a_missing_local_path_says_the_directory_does_not_exist(path, capsys):
    status, _, err = cli(capsys, "report", path, "--date", "2026-02-14")
    line = one_error_line(err)
    assert status == 2 and "does not exist" in line and "owner/name" in line and "bad repository name" not in line


def test_a_300_character_repository_name_is_bad_input(capsys, settings):
    status, _, err = cli(capsys, "report", LONG_NAME, "--date", "2026-02-14")
    line = one_error_line(err)
    assert status == 2 and "bad repository name" in line and len(line) < 200

    out = console_session(settings, [f"/digest now {LONG_NAME} 2026-02-14", f"/digest subscribe {LONG_NAME}"])
    assert out.count("error: bad repository name") == 2 and "Something went wrong" not in out


# --- dates ------------------------------------------------------------------------------------------

def test_the_cli_refuses_a_day_not_begun_and_warns_about_a_day_not_over(repo, capsys):
    status, out, err = cli(capsys, "report", str(repo.path), "--date", "2030-01-01")
    assert status == 2 and "2030-01-01 has not begun yet in UTC" in one_error_line(err) and out == ""
    today = datetime.now(timezone.utc).date().isoformat()
    status, out, err = cli(capsys, "report", str(repo.path), "--date", today, "--tz", "UTC")
    assert status == 0 and f"warning: {today} is not over yet in UTC" in err and out.startswith("# ")
    status, _, err = cli(capsys, "report", str(repo.path), "--date", "2026-02-14")
    assert status == 0 and err == ""


def test_now_refuses_a_day_years_ahead_instead_of_promising_its_digest(repo, settings):
    out = console_session(settings, [f"/digest now {repo.path} 2030-01-01"])
    assert "error: 2030-01-01 has not begun yet" in out and "full one still comes" not in out


# --- the console bot --------------------------------------------------------------------------------

class TerminalInput(io.StringIO):
    def isatty(self) -> bool:
        return True


def console_session(settings: Settings, lines: list[str], stdin: io.StringIO | None = None) -> str:
    core = BotCore(settings, TinyStore(settings.data_dir))
    out = io.StringIO()
    adapter = ConsoleAdapter(settings, core, stdin=stdin or io.StringIO(""), stdout=out)

    async def scenario():
        await adapter.start()
        for line in lines:
            await adapter.handle_line(line)
        await adapter.stop()

    asyncio.run(scenario())
    return out.getvalue()


def test_the_console_greets_a_terminal_and_not_a_pipe(settings):
    assert console_session(settings, [], stdin=TerminalInput("")).splitlines()[0] == GREETING
    assert GREETING not in console_session(settings, ["/digest help"])


def test_console_attachments_are_written_under_the_data_directory(repo, settings):
    out = console_session(settings, [f"/digest now {repo.path} 2026-02-14"])
    saved = [line.rsplit("saved as ", 1)[1] for line in out.splitlines() if line.startswith("attached: ")]
    assert len(saved) == 2  # the full report and the chart
    root = (settings.data_dir / "attachments").resolve()
    for path in saved:
        file = root / path.rsplit("/", 1)[1]
        assert path == str(file) and file.stat().st_size > 0
    report = next(root.glob("digest-*.md")).read_text(encoding="utf-8")
    assert "# Daily Update Report (2026-02-14)" in report and "fix: second" in report


@pytest.mark.parametrize("typed, meant", [("hlep", "help"), ("subscirbe o/r", "subscribe"), ("lsit", "list"),
                                         ("nwo", "now")])
def test_a_mistyped_command_gets_a_suggestion(typed, meant):
    with pytest.raises(Exception, match=f"unknown command .*; did you mean {meant}\\?"):
        parse_command(typed)


def test_time_zones_are_accepted_in_any_case(repo, settings, capsys):
    status, out, err = cli(capsys, "report", str(repo.path), "--date", "2026-02-14", "--tz", "europe/berlin",
                           "--format", "json")
    assert status == 0 and json.loads(out)["timezone"] == "Europe/Berlin", err
    assert parse_command("subscribe o/r tz asia/SHANGHAI").options["tz"] == "Asia/Shanghai"
    status, out, err = cli(capsys, "explain", str(repo.path), "HEAD", "--tz", "asia/shanghai", "--format", "json")
    assert status == 0 and json.loads(out)["committed_at"].endswith("+08:00"), err
    out = console_session(settings, [f"/digest subscribe {repo.path} tz europe/berlin", "/digest list"])
    assert "Europe/Berlin" in out and "europe/berlin" not in out
