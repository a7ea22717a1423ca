"""The README's examples run as written in a fresh clone of this repository (the console lines and the CLI ones)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from bot.cli import main
from tests.test_newcomer_cli import console_session

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def block_after(intro: str) -> list[str]:
    """The lines of the first fenced block after the sentence ``intro``, comments dropped."""
    start = README.index(intro)
    body = re.search(r"```[a-z]*\n(.*?)```", README[start:], re.S).group(1)
    return [line.split("  #", 1)[0].strip() for line in body.splitlines() if line.strip()]


CONSOLE_LINES = block_after("try, in a clone")
CLI_LINES = block_after("For example, in a clone of this repository:")


@pytest.fixture
def fresh_clone(tmp_path, monkeypatch) -> Path:
    """A clone of this repository (its whole history), the working directory, as a newcomer has it."""
    shallow = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"], capture_output=True,
                             text=True)
    if shallow.returncode != 0 or shallow.stdout.strip() != "false":
        pytest.skip("not a git checkout with its whole history (the examples name the day the history begins)")
    clone = tmp_path / "digestbot"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    monkeypatch.chdir(clone)
    return clone


def test_the_examples_are_found():
    assert [line.split()[1] for line in CONSOLE_LINES] == ["help", "subscribe", "now", "explain"]
    assert [shlex.split(line)[:2] for line in CLI_LINES] == [["digestbot", "report"], ["digestbot", "explain"],
                                                              ["digestbot", "preview"]]


def test_the_readme_examples_run_as_written_in_a_fresh_clone(fresh_clone, settings, capsys):
    head = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    outputs = {}
    for line in CLI_LINES:
        argv = shlex.split(line)
        status = main(argv[1:])
        out, err = capsys.readouterr()
        assert status == 0 and "error:" not in err, (line, err)
        outputs[argv[1]] = out
    assert "| Ada |" not in outputs["report"]  # sanity: the clone's own history, not a fixture
    date = next(arg for arg in shlex.split(CLI_LINES[0]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", arg))
    assert f"({date})" in outputs["report"].splitlines()[0] and "No commits on this day." not in outputs["report"]
    assert f"`{head}`" in outputs["explain"] and "变更类型" in outputs["explain"]
    assert len(json.loads(outputs["preview"])["messages"]) > 1  # a summary and at least one change

    out = console_session(settings, CONSOLE_LINES)
    assert not [line for line in out.splitlines() if line.startswith("error:")], out[-2000:]
    posted = out.split("--- message ")
    assert any(f"Daily Update Report ({date})" in part and "No commits" not in part for part in posted)
    assert any(f"**SHA**: `{head}`" in part for part in posted), out[-2000:]
