"""Weekly roll-ups end to end: the grammar, the console (zh, en), the LLM's one request, the weekly job's one post."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime, timedelta, timezone

import pytest

from adapters.console import ConsoleAdapter
from analysis.errors import BadInput
from analysis.week import last_full_week, parse_week, week_days
from bot.core.commands import parse_command
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from scheduler.jobs import DigestScheduler
from scheduler.weekly_jobs import weekly_job_id
from tests.fakes.openai_server import FakeOpenAI

MONDAY = datetime(2026, 2, 9, 9, tzinfo=timezone.utc)  # ISO week 2026-W07
AFTER = datetime(2026, 2, 18, 12, tzinfo=timezone.utc)  # a Wednesday of the week after
HOSTILE = "fix: crash <!channel> @everyone *bold* `x` | y"


@pytest.fixture
def week_repo(git_repo):
    git_repo.commit("feat(api): add the v2 endpoint", MONDAY,
                    {"api/v2.py": "def serve(a):\n    return a\n", "config.yaml": "port: 80\n"})
    git_repo.commit(HOSTILE, MONDAY + timedelta(days=1), {"api/v2.py": "def serve(a, b):\n    return a\n"},
                    author="Bob Builder")
    git_repo.commit("chore: bump the port", MONDAY + timedelta(days=2), {"config.yaml": "port: 8080\n"})
    git_repo.commit("docs: explain the endpoint", MONDAY + timedelta(days=4), {"docs/api.md": "# API\n"})
    git_repo.commit("fix: next week", MONDAY + timedelta(days=7), {"late.py": "x = 1\n"})
    return git_repo


def console(settings, clock=AFTER):
    core = BotCore(settings, TinyStore(settings.data_dir), clock=lambda: clock)
    out = io.StringIO()
    return core, ConsoleAdapter(settings, core, stdin=io.StringIO(""), stdout=out), out


# -- grammar and weeks ----------------------------------------------------------------------------

def test_week_grammar_and_iso_weeks():
    assert parse_command("week").date is None
    assert (parse_command("week o/r 2026-w7").repo, parse_command("week o/r 2026-w7").date) == ("o/r", "2026-W07")
    for text, problem in [("week 2026-W60", "bad week"), ("week o/r p/q", "unexpected word"),
                          ("week o/r 2026-02-14", "unexpected word")]:
        with pytest.raises(BadInput) as raised:
            parse_command(text)
        message = str(raised.value)
        assert problem in message and message.endswith("Usage: /digest week [REPO] [YYYY-Www]")
        assert message.count("Usage:") == 1 and "\n" not in message  # one sentence, then the usage
    assert parse_command("subscribe o/r weekly").options == {"weekly": "mon"}
    assert parse_command("subscribe o/r weekly FRI at 10:00").options == {"weekly": "fri", "at": "10:00"}
    assert parse_command("subscribe o/r weekly off").options == {"weekly": None}
    assert parse_command("subscribe o/r alert high weekly sun quiet").options == \
        {"alert": "high", "weekly": "sun", "quiet": True}
    assert [d.isoformat() for d in week_days("2026-W07")][::6] == ["2026-02-09", "2026-02-15"]
    assert parse_week("2020-W53") == "2020-W53"
    with pytest.raises(BadInput):
        parse_week("2021-W53")  # 2021 has 52 ISO weeks
    monday_early = datetime(2026, 2, 16, 1, tzinfo=timezone.utc)
    assert last_full_week(monday_early, "UTC") == "2026-W07"
    assert last_full_week(monday_early, "America/Los_Angeles") == "2026-W06"  # still Sunday there


# -- the console, heuristic, en and zh ------------------------------------------------------------

def test_console_week_in_english_and_chinese_with_the_heuristic(week_repo, settings):
    core, adapter, out = console(settings)

    async def scenario():
        await adapter.handle_line(f"/digest week {week_repo.path} 2026-W07")
        await adapter.handle_line(f"/digest subscribe {week_repo.path} lang zh")
        await adapter.handle_line("/digest week")
        await adapter.handle_line("/digest week 2026-W08")  # the current week: not over

    asyncio.run(scenario())
    text = out.getvalue()
    english, chinese = text.split("# Weekly Roll-up (2026-W07, 2026-02-09 to 2026-02-15)")[1].split("每周汇总")
    assert "4 changes (4 commits) that week" in english
    assert "### The week's highlights" not in english and "**The week's highlights**" in english
    assert "analyses are heuristic" in english  # the heuristic says it is one
    for heading in ("High-importance changes by day", "By area and theme", "Public API changes",
                    "Configuration changes", "Contributors"):
        assert f"### {heading}" in english
    assert "`serve` changes its signature: `(a)` -> `(a, b)`" in english
    assert "`port`: `80` -> `8080`" in english
    assert "Bob Builder: 1 commits" in english and "fix: next week" not in english
    # a terminal shows untrusted text as typed, inside its line (no ping, no HTML there)
    assert "fix: crash <!channel> @everyone" in text and "&lt;" not in text
    assert "（2026-W07，2026-02-09 至 2026-02-15）" in chinese and "公开 API 变化" in chinese
    assert "本周共 4 个变更（4 个提交）" in chinese
    assert "error: the week 2026-W08 is not over yet in UTC" in text
    attached = [line for line in text.splitlines() if line.startswith("attached: ")]
    assert any("week-" in line and ".md" in line for line in attached)
    assert any("chart-" in line and ".png" in line for line in attached)
    png = next((settings.data_dir / "attachments").glob("chart-*-2026-W07.png")).read_bytes()
    assert png.startswith(b"\x89PNG")


# -- the LLM: one request for a week of cached days -----------------------------------------------

@pytest.fixture
def llm(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    with FakeOpenAI() as server:
        yield server


def test_a_week_of_cached_days_costs_one_llm_request(week_repo, tmp_path, llm):
    settings = Settings(data_dir=tmp_path / "data", llm_model="openai/fake-model", llm_api_base=llm.url)
    core, adapter, out = console(settings)

    async def scenario():
        await adapter.handle_line(f"/digest subscribe {week_repo.path}")
        for day in week_days("2026-W07"):  # the daily digests of the week, as the bot posted them
            await adapter.handle_line(f"/digest now {day.isoformat()}")
        before = llm.calls
        await adapter.handle_line("/digest week 2026-W07")
        first = llm.calls - before
        await adapter.handle_line("/digest week 2026-W07")  # again: the highlights are cached too
        second = llm.calls - first - before
        await adapter.handle_line(f"/digest subscribe {week_repo.path} lang zh")
        before_zh = llm.calls
        for day in week_days("2026-W07"):
            await adapter.handle_line(f"/digest now {day.isoformat()} force")
        before_week = llm.calls
        await adapter.handle_line("/digest week 2026-W07")
        return first, second, before_zh, llm.calls - before_week

    first, second, _, chinese = asyncio.run(scenario())
    assert (first, second, chinese) == (1, 0, 1)
    text = out.getvalue()
    week_en = text.split("# Weekly Roll-up")[1]
    assert week_en.count("theme:") == 4  # the model's bullets (one per change it was shown)
    assert "主题" in text.split("每周汇总")[1]


# -- the weekly job ---------------------------------------------------------------------------------

def test_the_weekly_job_posts_once_and_not_again_after_a_restart(week_repo, settings):
    monday_morning = datetime(2026, 2, 16, 9, 30, tzinfo=timezone.utc)

    async def run_once() -> tuple[str, str, object]:
        core, adapter, out = console(settings, clock=monday_morning)
        scheduler = DigestScheduler(core, {"console": adapter})
        scheduler.start()
        try:
            await adapter.handle_line(f"/digest subscribe {week_repo.path} at 09:00 weekly mon")
            key = core.subscriptions.all()[0].key
            job = scheduler.scheduler.get_job(weekly_job_id(key))
            outcome = await scheduler.run_weekly_job(key)  # what the cron job runs when it fires
        finally:
            scheduler.shutdown()
        return outcome, out.getvalue(), job

    outcome, text, job = asyncio.run(run_once())
    assert job is not None and str(job.trigger.fields[4]) == "mon"  # day_of_week
    assert str(job.trigger.fields[5]) == "9" and str(job.trigger.fields[6]) == "0"
    assert outcome == "posted" and text.count("# Weekly Roll-up (2026-W07") == 1
    again, text, _ = asyncio.run(run_once())  # a restart on the same data directory
    assert again == "already-posted" and "# Weekly Roll-up" not in text


def test_a_weekly_roll_up_missed_while_down_is_caught_up_once(week_repo, settings):
    async def start_at(now: datetime, *lines: str) -> tuple[list, str]:
        core, adapter, out = console(settings, clock=now)
        scheduler = DigestScheduler(core, {"console": adapter})
        scheduler.start()
        try:
            for line in lines:
                await adapter.handle_line(line)
            caught = await scheduler.weekly_catchup_task
            await scheduler.catchup_task
        finally:
            scheduler.shutdown()
        return caught, out.getvalue()

    subscribed = datetime(2026, 2, 10, 12, tzinfo=timezone.utc)
    asyncio.run(start_at(subscribed, f"/digest subscribe {week_repo.path} at 09:00 weekly mon"))
    late = datetime(2026, 2, 16, 10, 30, tzinfo=timezone.utc)  # down at Monday 09:00; back 1.5 hours later
    caught, text = asyncio.run(start_at(late))
    assert [(week, outcome) for _, week, outcome in caught] == [("2026-W07", "posted")]
    assert text.count("# Weekly Roll-up (2026-W07") == 1
    again, text = asyncio.run(start_at(late + timedelta(minutes=5)))
    assert again == [] and "# Weekly Roll-up" not in text


def test_a_quiet_subscription_posts_no_roll_up_of_a_week_without_commits(week_repo, settings):
    from bot.core.digests.weekly import post_due_week
    from bot.core.subscriptions import Subscription

    empty_week_later = datetime(2026, 3, 4, 12, tzinfo=timezone.utc)  # last full week: 2026-W09, no commits
    core, adapter, out = console(settings, clock=empty_week_later)
    quiet = Subscription(platform="console", workspace="local", channel="console", repo=str(week_repo.path),
                         weekly="mon", quiet=True)
    assert asyncio.run(post_due_week(core, adapter, quiet)) == "quiet" and out.getvalue() == ""
    loud = quiet.model_copy(update={"quiet": False})
    assert asyncio.run(post_due_week(core, adapter, loud)) == "posted"
    assert "No commits that week." in out.getvalue()
