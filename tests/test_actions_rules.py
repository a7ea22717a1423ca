"""Pure rules behind the buttons: what a button value carries and accepts, the directories Mute names, ``!`` paths."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from analysis.errors import BadInput
from analysis.models import Commit, FileChange
from bot.core.actions import (
    DISCORD_VALUE_LIMIT,
    ButtonAction,
    commit_buttons,
    encode_action,
    parse_action,
    top_directories,
)
from bot.core.chat import ChannelRef, CommandContext
from bot.core.filters import CommitFilter
from bot.core.service import BotCore
from bot.core.subscriptions import Subscription
from bot.settings import Settings
from bot.store import TinyStore

SHA = "0123456789abcdef0123456789abcdef01234567"
LONGEST = "a" * 39 + "/" + "b" * 100  # the longest name GitHub allows


@pytest.mark.parametrize("kind", ["explain", "less", "more", "mute", "mute_confirm", "mute_cancel"])
@pytest.mark.parametrize("repo", ["o/r", "Acme-Org/widget.js", LONGEST])
def test_a_value_round_trips_within_each_platform_limit(kind, repo):
    slack = encode_action(ButtonAction(kind, repo, SHA))
    assert parse_action(slack) == ButtonAction(kind, repo, SHA)
    discord = encode_action(ButtonAction(kind, repo, SHA), DISCORD_VALUE_LIMIT)
    assert len(discord) <= DISCORD_VALUE_LIMIT
    parsed = parse_action(discord)
    assert parsed.kind == kind and parsed.sha == SHA
    assert parsed.repo == repo or (repo == LONGEST and parsed.repo.startswith("~"))


@pytest.mark.parametrize("value", [
    None, 42, "", "explain", f"db1:e:{SHA}", f"db1:z:{SHA}:o/r", f"db2:e:{SHA}:o/r", f"db1:e:{SHA[:12]}:o/r",
    f"db1:e:{SHA.upper()}:o/r", f"db1:e:{SHA}:../../etc/passwd", f"db1:e:{SHA}:/home/x", f"db1:e:{SHA}:o/r x",
    f"db1:e:{SHA}:~xyz", f"db1:e:{SHA}:o/r\n", f"db1:e:{SHA}:-o/r",
])
def test_values_we_did_not_write_are_refused_in_a_sentence(value):
    with pytest.raises(BadInput) as info:
        parse_action(value)
    assert str(info.value).endswith(("/digest help", "use owner/name"))


def test_labels_follow_the_language():
    assert [b.label for b in commit_buttons("o/r", SHA, "zh")] == ["深入解释", "此处不重要", "此处更重要", "屏蔽这些路径"]
    assert [b.style for b in commit_buttons("o/r", SHA, "en")] == ["primary", "default", "default", "default"]


def test_a_hashed_repository_is_found_among_the_channel_subscriptions(tmp_path):
    core = BotCore(Settings(data_dir=tmp_path, llm_model=None), TinyStore(tmp_path))
    channel = ChannelRef("discord", "G1", "C1")
    core.subscriptions.save(Subscription(platform="discord", workspace="G1", channel="C1", repo=LONGEST))
    action = parse_action(encode_action(ButtonAction("mute_cancel", LONGEST, SHA), DISCORD_VALUE_LIMIT))
    [answer] = asyncio.run(core.act(CommandContext(channel=channel, user="U1"), action))
    assert answer.text == "Nothing was muted."
    [elsewhere] = asyncio.run(core.act(CommandContext(channel=ChannelRef("discord", "G1", "C2"), user="U1"), action))
    assert elsewhere.error and "does not follow that repository" in elsewhere.text


def test_top_directories_name_areas_most_files_first():
    paths = ["src/auth/a.py", "src/auth/b.py", "docs/x.md", "README.md", "pkg/api/v1/t.go", "web/ui/a.ts"]
    assert top_directories(paths) == ["src/auth", "docs", "pkg/api", "web"]
    assert top_directories(["src/main.py", "src/auth/a.py"]) == ["src"]  # src/ covers src/auth/
    assert top_directories(["README.md", "LICENSE"]) == []


def _commit(*paths: str) -> Commit:
    return Commit(sha=SHA, author="a", committed_at=datetime(2026, 2, 14, tzinfo=timezone.utc), message="m",
                  files=[FileChange(path=p, status="modified") for p in paths], details_loaded=True)


@pytest.mark.parametrize(("paths", "files", "kept"), [
    (["!docs/"], ["docs/a.md"], False),
    (["!docs/"], ["docs/a.md", "src/x.py"], True),  # it also touches a path not muted
    (["!docs/", "!src/auth/"], ["docs/a.md", "src/auth/t.py"], False),
    (["src/**", "!src/auth/"], ["src/auth/t.py"], False),
    (["src/**", "!src/auth/"], ["src/db/t.py"], True),
    (["src/**", "!src/auth/"], ["docs/a.md"], False),  # not wanted in the first place
    (["!docs/"], [], True),  # no files: nothing to ignore
    (["src/"], [], False),
])
def test_ignore_patterns_drop_commits_touching_only_muted_paths(paths, files, kept):
    assert CommitFilter(tuple(paths)).keeps_files(_commit(*files)) is kept
