"""The installed ``digestbot run`` on the console adapter, fed through a pipe, on a local repository."""

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

DIGESTBOT = str(Path(sys.executable).with_name("digestbot"))


def run_console(lines: list[str], data_dir: Path, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_", "DIGESTBOT_LLM"))}
    environ.update(DIGESTBOT_DATA_DIR=str(data_dir), **env)
    return subprocess.run([DIGESTBOT, "run"], input="\n".join(lines) + "\n", capture_output=True, text=True,
                          env=environ, timeout=120)


@pytest.fixture
def day_repo(git_repo):
    day = datetime(2026, 2, 14, 9, 0, tzinfo=timezone.utc)
    git_repo.commit("feat(api): add v2 endpoint", day, {"api/v2.proto": "syntax = 'proto3';\n"})
    git_repo.commit("docs: typo <!channel> @everyone `x` | y", day + timedelta(hours=1), {"README.md": "hi\n"})
    git_repo.commit("fix: next day", day + timedelta(days=1), {"b.py": "x = 1\n"})
    return git_repo


def test_console_session(day_repo, tmp_path):
    repo = str(day_repo.path)
    done = run_console(["/digest help", f"/digest subscribe {repo} at 08:30 tz UTC", "/digest list",
                        "/digest now 2026-02-14", "/digest now 2026-02-14", "/digest now 2026-02-14 force",
                        "/digest explain commit 0000", "/digest subscribe o/r at 9pm", "garbage words"],
                       tmp_path / "data")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "/digest subscribe REPO [at HH:MM]" in out
    assert f"Subscribed this channel to `{repo}` at 08:30 UTC" in out
    assert "This channel follows:" in out
    # the digest: a summary, then one thread reply per commit, highest importance first
    assert out.count("# Daily Update Report (2026-02-14)") == 2  # once, then once more with force
    assert "already posted here; add 'force'" in out
    summary_id = out.split("# Daily Update Report (2026-02-14)")[0].rsplit("--- message ", 1)[1].split(" ")[0]
    assert out.count(f"(reply in thread {summary_id})") == 2
    assert "fix: next day" not in out
    assert "error: no commit matches 0000" in out
    assert "error: bad time `9pm`" in out and "error: unknown command `garbage`" in out
    assert "Traceback" not in out + done.stderr


def test_subscriptions_survive_a_restart_and_eof_exits_cleanly(day_repo, tmp_path):
    data = tmp_path / "data"
    first = run_console([f"/digest subscribe {day_repo.path} lang zh"], data)
    assert first.returncode == 0
    second = run_console(["/digest list", "/digest now 2026-02-14"], data)
    assert second.returncode == 0
    assert f"`{day_repo.path}` at 09:00 UTC, lang zh" in second.stdout
    assert "# 每日更新报告（2026-02-14）" in second.stdout
    # untrusted text is shown as it is (a terminal pings nobody and renders no HTML), inside its line
    assert "docs: typo <!channel> @everyone" in second.stdout and "&lt;" not in second.stdout


def test_terminal_control_sequences_are_stripped(git_repo, tmp_path):
    git_repo.commit("fix: \x1b[2J\x1b]0;pwned\x07 clear screen", datetime(2026, 2, 14, 9, tzinfo=timezone.utc))
    done = run_console([f"/digest now {git_repo.path} 2026-02-14"], tmp_path / "data")
    assert "\x1b" not in done.stdout and "clear screen" in done.stdout


def test_a_terminal_shows_prose_characters_as_they_are_and_code_spans_untouched():
    from adapters.console import _clean

    text = "`x` -&gt; `y`: Vec&lt;u8&gt; &amp;&amp; `a &lt; b` in ``s`&lt;`s``"
    assert _clean(text) == "`x` -> `y`: Vec<u8> && `a &lt; b` in ``s`&lt;`s``"
