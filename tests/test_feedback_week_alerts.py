"""What a channel taught also decides its alerts and its weekly roll-up; another channel on the same repository is unchanged.

Real core, store, heuristic, console adapter and git polling (as ``tests/test_alerts.py`` polls a local
repository). Channel A votes "more" on three bug fixes in ``src/`` (medium to the heuristic); B does not.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest

from bot.core.alerts import AlertService
from bot.core.feedback.rule import LESSON_COMMITS
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from scheduler.polling import poll_heads
from tests.test_feedback_chat import Channel

NOW = datetime(2026, 11, 30, 15, tzinfo=timezone.utc)
FIX_DAYS = ("2026-11-24", "2026-11-25", "2026-11-26")


@pytest.fixture
def repo(git_repo):
    git_repo.commit("feat: the app", datetime(2026, 11, 23, 9, tzinfo=timezone.utc), {"src/app.py": "def run():\n    return 0\n"})
    for n, day in enumerate(FIX_DAYS, 1):
        git_repo.commit(f"fix: run returns {n}", datetime.fromisoformat(f"{day}T10:00:00+00:00"),
                        {"src/app.py": f"def run():\n    return {n}\n"})
    return git_repo


async def taught(core: BotCore, a: Channel, repo) -> list[str]:
    """A's votes: "more" on each bug fix, with what its buttons carry."""
    shas = repo.git("log", "--format=%H", "--grep=^fix:").split()
    assert len(shas) == LESSON_COMMITS
    return [core.feedback.record(a.ctx.channel.key, str(repo.path), sha, "more", user="member", importance="medium",
                                 change_type="fix", paths=["src/app.py"]) for sha in shas]


async def two_channels(tmp_path, repo, options: str = "") -> tuple[BotCore, Channel, Channel]:
    """Channels A and B following ``repo``; A taught that bug fixes in ``src/`` matter more."""
    settings = Settings(data_dir=tmp_path / "data")
    core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: NOW)
    a, b = Channel(core, settings, "A"), Channel(core, settings, "B")
    for channel in (a, b):
        await channel.say(f"subscribe {repo.path} {options}")
    await taught(core, a, repo)
    return core, a, b


def test_the_weekly_roll_up_shows_the_channels_levels(tmp_path, repo):
    async def scenario():
        core, a, b = await two_channels(tmp_path, repo)
        return await a.say(f"week {repo.path} 2026-W48"), await b.say(f"week {repo.path} 2026-W48")

    mine, theirs = asyncio.run(scenario())
    assert "fix: run returns 2" in high_section(mine) and "fix: run returns 2" not in high_section(theirs)


def high_section(posted: str) -> str:
    """The roll-up's "High-importance changes by day" section ('' without one)."""
    _, found, rest = posted.partition("### High-importance changes by day")
    return rest.split("\n### ")[0] if found else ""


def test_an_alert_follows_the_channels_levels(tmp_path, repo):
    async def scenario():
        core, a, _ = await two_channels(tmp_path, repo, "alert high")
        alerts = AlertService(core, {"console": a.console}, clock=NOW.timestamp)
        await poll_heads(alerts)  # learns the head
        repo.commit("fix: run returns 4", NOW.replace(hour=10), {"src/app.py": "def run():\n    return 4\n"})
        posted = await poll_heads(alerts)
        return posted, alerts.posted, a.out.getvalue()

    posted, where, out = asyncio.run(scenario())
    assert posted == 1 and [channel for channel, _ in where] == ["console:local:A"]
    assert "fix: run returns 4" in out and "adjusted by this channel's feedback" in out
