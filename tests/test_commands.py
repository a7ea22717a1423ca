"""The /digest command grammar: what parses, and the one-sentence errors with usage for what does not."""

import pytest

from analysis.errors import BadInput
from bot.core.commands import parse_command


def test_subscribe_with_every_option():
    cmd = parse_command("subscribe o/r at 7:05 tz Asia/Shanghai branch dev lang zh paths src/**,docs/ "
                        "ignore-authors alice,bob ignore-bots quiet")
    assert cmd.verb == "subscribe" and cmd.repo == "o/r"
    assert cmd.options == {"at": "07:05", "tz": "Asia/Shanghai", "branch": "dev", "lang": "zh",
                           "paths": ["src/**", "docs/"], "ignore_authors": ["alice", "bob"],
                           "ignore_bots": True, "quiet": True}


@pytest.mark.parametrize("text, problem", [
    ("subscribe", "name the repository"),
    ("subscribe o/r at 25:00", "bad time `25:00`"),
    ("subscribe o/r at 9am", "bad time `9am`"),
    ("subscribe o/r tz Mars/Base", "unknown time zone 'Mars/Base'"),
    ("subscribe o/r lang fr", "unknown language `fr`"),
    ("subscribe o/r at", "'at' needs a value"),
    ("subscribe o/r every day", "unexpected word `every`"),
    ("unsubscribe", "name exactly one repository"),
    ("now o/r 2026-02-30", "bad date '2026-02-30'"),
    ("now o/r p/q", "unexpected word `p/q`"),
    ("explain", "give one commit SHA"),
    ("explain commit -xyz", "bad commit SHA or name '-xyz'"),
    ("frobnicate", "unknown command `frobnicate`"),
    ('subscribe "o/r', "unbalanced quotes"),
])
def test_errors_name_the_problem(text, problem):
    with pytest.raises(BadInput) as caught:
        parse_command(text)
    message = str(caught.value)
    assert problem in message
    assert "\n" not in message
    if not text.startswith(("frobnicate", "subscribe \"")):
        assert "Usage: /digest " + text.split()[0] in message


def test_now_and_explain_forms():
    assert parse_command("now").repo is None
    cmd = parse_command("now 2026-02-14 force o/r")
    assert (cmd.repo, cmd.date, cmd.force) == ("o/r", "2026-02-14", True)
    assert parse_command("explain commit 815B129").sha == "815b129"
    cmd = parse_command("explain 815b129 o/r")
    assert (cmd.sha, cmd.repo) == ("815b129", "o/r")
    assert parse_command("").verb == "help" and parse_command("HELP").verb == "help"
