"""Scheduling with a controllable clock: cron in several zones, DST, catch-up, quiet days, shared analyses."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from adapters.console import ConsoleRenderer
from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.day import DayWindow
from analysis.errors import RemoteFailure
from bot.core.chat import ChannelRef, CommandContext
from bot.core.digests.service import DigestService
from bot.core.ledger import ledger_key
from bot.core.service import BotCore
from bot.core.subscriptions import Subscription
from bot.settings import Settings
from scheduler.due import last_slot, late_note, plan_catchup, slot_on
from scheduler.jobs import DigestScheduler, trigger_for

UTC = timezone.utc
LONG_AGO = datetime(2025, 1, 1, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class CountingAnalyzer:
    """The heuristic, cached like an LLM and slow like one; counts calls per commit."""

    name = "counting"
    cache_key = "counting-v1"

    def __init__(self, delay: float = 0.02):
        self.inner = HeuristicAnalyzer()
        self.delay = delay
        self.calls: dict[str, int] = {}

    async def analyze(self, commit, lang, context=None):
        self.calls[commit.sha] = self.calls.get(commit.sha, 0) + 1
        await asyncio.sleep(self.delay)
        return await self.inner.analyze(commit, lang, context)


class ProcessDied(BaseException):
    """The process dying between two posts: no ``except Exception`` stops it. Not KeyboardInterrupt, which asyncio
    re-raises while it cancels the run's other tasks, so that the test's outcome would depend on what ran before."""


class RecordingAdapter:
    """A chat adapter that records every post; optionally held back, failing or crashing per channel.

    Posts to a ``held`` channel wait until ``release_when(posts)`` holds after some post (30 s at most:
    a hang guard; the post then fails).
    """

    platform = "console"
    supports_threads = True

    def __init__(self, *, held: set[str] = frozenset(), release_when=None, failing: set[str] = frozenset(),
                 crash_after: int | None = None):
        self.renderer = ConsoleRenderer()
        self.posts: list[dict] = []
        self.held, self.release_when = set(held), release_when
        self._released = asyncio.Event()
        self.failing = set(failing)
        self.crash_after = crash_after

    async def start(self):
        pass

    async def stop(self):
        pass

    async def send(self, channel, message, thread_id=None):
        if channel.channel in self.failing:
            raise RemoteFailure(f"channel {channel.channel} is unreachable")
        if self.crash_after is not None and len(self.posts) >= self.crash_after:
            raise ProcessDied  # like the process dying between two posts
        if channel.channel in self.held:
            try:
                await asyncio.wait_for(self._released.wait(), 30)
            except TimeoutError:
                raise RemoteFailure(f"channel {channel.channel} was never released") from None
        message_id = f"m{len(self.posts) + 1}"
        self.posts.append({"channel": channel.channel, "id": message_id, "thread": thread_id,
                           "text": message.body["text"]})
        if self.release_when is not None and self.release_when(self.posts):
            self._released.set()
        return message_id

    def in_channel(self, name: str) -> list[dict]:
        return [p for p in self.posts if p["channel"] == name]


def make_core(tmp_path, clock, *, analyzer=None, catchup_hours=12.0, store=None):
    from bot.store import TinyStore

    settings = Settings(data_dir=tmp_path / "data", catchup_hours=catchup_hours)
    store = store or TinyStore(settings.data_dir)
    digests = DigestService(store, analyzer or HeuristicAnalyzer())
    return BotCore(settings, store, clock=clock, digests=digests)


def subscribe(core, repo, channel="general", **options) -> Subscription:
    sub = Subscription(platform="console", workspace="local", channel=channel, repo=str(repo),
                       created_at=options.pop("created_at", LONG_AGO), **options)
    core.subscriptions.save(sub)
    return sub


def run(coro):
    return asyncio.run(coro)


# -- cron times ------------------------------------------------------------------------------

@pytest.mark.parametrize("zone, now_utc, fires_utc, day", [
    ("Asia/Shanghai", datetime(2026, 2, 15, 0, 59, tzinfo=UTC), datetime(2026, 2, 15, 1, 0, tzinfo=UTC), "2026-02-13"),
    ("America/New_York", datetime(2026, 2, 15, 13, 0, tzinfo=UTC), datetime(2026, 2, 15, 14, 0, tzinfo=UTC),
     "2026-02-13"),
    ("Europe/Berlin", datetime(2026, 7, 15, 6, 30, tzinfo=UTC), datetime(2026, 7, 15, 7, 0, tzinfo=UTC), "2026-07-13"),
])
def test_cron_fires_at_local_time_in_each_zone(zone, now_utc, fires_utc, day):
    sub = Subscription(platform="console", workspace="local", channel="c", repo="o/r", at="09:00", tz=zone)
    fire = trigger_for(sub).get_next_fire_time(None, now_utc)
    assert fire.astimezone(UTC) == fires_utc
    assert (fire.astimezone(ZoneInfo(zone)).hour, fire.astimezone(ZoneInfo(zone)).minute) == (9, 0)
    # just before the run, the latest slot is yesterday's (covering the day before); just after, today's
    assert last_slot(sub, now_utc).day == day
    after = last_slot(sub, fires_utc + timedelta(seconds=1))
    assert after.run_at == fires_utc
    assert after.day == (date.fromisoformat(day) + timedelta(days=1)).isoformat()


@pytest.mark.parametrize("start, days, offsets_h", [
    (datetime(2026, 3, 6, 12, tzinfo=UTC), ["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"], [14, 14, 13, 13]),
    (datetime(2026, 10, 30, 12, tzinfo=UTC), ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"], [13, 13, 14, 14]),
])
def test_new_york_0900_stays_0900_across_dst(start, days, offsets_h):
    sub = Subscription(platform="console", workspace="local", channel="c", repo="o/r", at="09:00",
                       tz="America/New_York")
    trigger = trigger_for(sub)
    fires, previous, now = [], None, start
    for _ in range(4):
        previous = trigger.get_next_fire_time(previous, now)
        fires.append(previous.astimezone(UTC))
        now = previous.astimezone(UTC) + timedelta(seconds=1)
    assert [f.date().isoformat() for f in fires] == days
    assert [f.hour for f in fires] == offsets_h  # 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z
    for fire, day in zip(fires, days):
        slot = slot_on(sub, date.fromisoformat(day))
        assert slot.run_at == fire  # our catch-up arithmetic agrees with APScheduler
        assert slot.day == (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def test_a_wall_time_inside_the_spring_gap_runs_where_apscheduler_runs_it():
    sub = Subscription(platform="console", workspace="local", channel="c", repo="o/r", at="02:30",
                       tz="America/New_York")
    fire = trigger_for(sub).get_next_fire_time(None, datetime(2026, 3, 8, 5, tzinfo=UTC))
    assert slot_on(sub, date(2026, 3, 8)).run_at == fire.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_dst_day_job_posts_the_previous_local_day(git_repo, tmp_path):
    ny = ZoneInfo("America/New_York")
    inside = git_repo.commit("feat: late on the 7th", datetime(2026, 3, 7, 23, 30, tzinfo=ny))
    git_repo.commit("fix: early on the 8th", datetime(2026, 3, 8, 0, 30, tzinfo=ny))
    clock = Clock(datetime(2026, 3, 8, 13, 0, 2, tzinfo=UTC))  # 09:00:02 EDT, the first morning of DST
    core = make_core(tmp_path, clock)
    sub = subscribe(core, git_repo.path, tz="America/New_York")
    adapter = RecordingAdapter()

    async def scenario():
        scheduler = DigestScheduler(core, {"console": adapter})
        scheduler._schedule(sub)
        return await scheduler.run_job(sub.key)

    assert run(scenario()) == "posted"
    summary = adapter.posts[0]["text"]
    assert "(2026-03-07)" in summary and inside[:7] in summary and "early on the 8th" not in summary
    assert "This digest is" not in summary  # on time: no late note
    assert core.ledger.is_done(ledger_key(sub.channel_ref, sub.repo, "2026-03-07"))
    assert DayWindow.of("2026-03-08", "America/New_York").end_utc - DayWindow.of(
        "2026-03-08", "America/New_York").start_utc == timedelta(hours=23)


# -- catch-up --------------------------------------------------------------------------------

@pytest.fixture
def day_repo(git_repo):
    base = datetime(2026, 2, 14, 10, tzinfo=UTC)
    git_repo.shas = [git_repo.commit(f"feat: change {i}", base + timedelta(minutes=i), {f"src/m{i}.py": f"x = {i}\n"})
                     for i in range(3)]
    git_repo.commit("docs: readme", base + timedelta(hours=1), {"docs/README.md": "hi\n"})
    return git_repo


def test_missed_run_inside_the_window_is_posted_once_with_a_late_note(day_repo, tmp_path):
    clock = Clock(datetime(2026, 2, 15, 12, 0, tzinfo=UTC))  # the 09:00 UTC run was missed by 3 hours
    core = make_core(tmp_path, clock)
    sub = subscribe(core, day_repo.path)
    adapter = RecordingAdapter()

    async def start_once():
        scheduler = DigestScheduler(core, {"console": adapter})
        scheduler.start()
        try:
            return await scheduler.catchup_task
        finally:
            scheduler.shutdown()

    assert run(start_once()) == [(sub.key, "2026-02-14", "posted")]
    summary = adapter.posts[0]
    assert "This digest is 3 hours late" in summary["text"] and "(2026-02-14)" in summary["text"]
    replies = adapter.posts[1:]
    assert len(replies) == 4 and all(r["thread"] == summary["id"] for r in replies)
    # a second start finds the ledger done: nothing more
    assert run(start_once()) == []
    assert len(adapter.posts) == 5


def test_missed_run_outside_the_window_is_skipped_and_logged(day_repo, tmp_path, caplog):
    clock = Clock(datetime(2026, 2, 15, 22, 0, tzinfo=UTC))  # 13 hours late
    core = make_core(tmp_path, clock)
    sub = subscribe(core, day_repo.path)
    adapter = RecordingAdapter()
    scheduler = DigestScheduler(core, {"console": adapter})
    scheduler._subs[sub.key] = sub
    with caplog.at_level(logging.WARNING, logger="scheduler.jobs"):
        assert run(scheduler.catch_up()) == [(sub.key, "2026-02-14", "skipped")]
    assert adapter.posts == []
    assert "13.0 hours late" in caplog.text and "DIGESTBOT_CATCHUP_HOURS=12" in caplog.text
    # a wider window (DIGESTBOT_CATCHUP_HOURS=24) posts it
    wide = DigestScheduler(make_core(tmp_path, clock, catchup_hours=24, store=core.store), {"console": adapter})
    wide._subs[sub.key] = sub
    assert run(wide.catch_up()) == [(sub.key, "2026-02-14", "posted")]
    assert "13 hours late" in adapter.posts[0]["text"]


def test_no_catch_up_for_a_slot_before_the_subscription_was_made(day_repo, tmp_path):
    clock = Clock(datetime(2026, 2, 15, 10, 0, tzinfo=UTC))
    core = make_core(tmp_path, clock)
    adapter = RecordingAdapter()
    ctx = CommandContext(channel=ChannelRef("console", "local", "general"), user="u")

    async def scenario():
        scheduler = DigestScheduler(core, {"console": adapter})
        scheduler.start()
        try:
            await scheduler.catchup_task
            await core.handle_command(ctx, f"subscribe {day_repo.path} at 09:00")
            sub = core.subscriptions.get(ctx.channel, str(day_repo.path))
            assert sub.created_at == clock.now  # stamped from the core's clock
            assert scheduler.job(sub.key) is not None
            return sub
        finally:
            scheduler.shutdown()

    sub = run(scenario())
    later = DigestScheduler(core, {"console": adapter})
    later._subs[sub.key] = sub
    assert run(later.catch_up()) == []  # 09:00 was before the subscription: the first digest is tomorrow's
    assert adapter.posts == []


def test_catch_up_plan_covers_every_missed_day_in_a_wide_window():
    sub = Subscription(platform="console", workspace="local", channel="c", repo="o/r", at="09:00", tz="UTC",
                       created_at=LONG_AGO)
    now = datetime(2026, 2, 15, 12, tzinfo=UTC)
    plans = plan_catchup(sub, now, catchup_hours=52, is_done=lambda day: day == "2026-02-13")
    assert [(p.action, p.slot.day) for p in plans] == [("post", "2026-02-12"), ("post", "2026-02-14")]
    plans = plan_catchup(sub, now, catchup_hours=2, is_done=lambda day: False)
    assert [(p.action, p.slot.day, p.late_by) for p in plans] == [("skip", "2026-02-14", timedelta(hours=3))]


def test_late_note_wording():
    assert late_note(timedelta(hours=3, minutes=5)) == (
        "This digest is 3 hours late (the bot was not running at the scheduled time).")
    assert late_note(timedelta(minutes=1)).startswith("This digest is 1 minute late")
    assert late_note(timedelta(minutes=42), "zh").startswith("本摘要晚了 42 分钟")


# -- empty days, sharing, isolation ----------------------------------------------------------

def test_empty_day_posts_a_short_note_or_nothing_when_quiet(git_repo, tmp_path):
    git_repo.commit("feat: other day", datetime(2026, 2, 10, 10, tzinfo=UTC))
    clock = Clock(datetime(2026, 2, 15, 9, 30, tzinfo=UTC))
    core = make_core(tmp_path, clock)
    loud = subscribe(core, git_repo.path, channel="loud")
    quiet = subscribe(core, git_repo.path, channel="hush", quiet=True)
    adapter = RecordingAdapter()
    scheduler = DigestScheduler(core, {"console": adapter})
    scheduler._subs.update({loud.key: loud, quiet.key: quiet})
    outcomes = sorted(run(scheduler.catch_up()))
    assert outcomes == sorted([(loud.key, "2026-02-14", "posted"), (quiet.key, "2026-02-14", "quiet")])
    assert adapter.in_channel("hush") == []
    [note] = adapter.in_channel("loud")
    assert "No commits" in note["text"] or "no commits" in note["text"]
    assert core.ledger.is_done(ledger_key(quiet.channel_ref, quiet.repo, "2026-02-14"))
    assert run(scheduler.catch_up()) == []  # both days are done


def test_two_channels_on_one_repo_share_one_analysis_per_commit(day_repo, tmp_path):
    clock = Clock(datetime(2026, 2, 15, 9, 5, tzinfo=UTC))
    analyzer = CountingAnalyzer()
    core = make_core(tmp_path, clock, analyzer=analyzer)
    subs = [subscribe(core, day_repo.path, channel=name) for name in ("a", "b")]
    subs.append(subscribe(core, day_repo.path, channel="src-only", paths=["src/**"]))
    adapter = RecordingAdapter()
    scheduler = DigestScheduler(core, {"console": adapter})

    async def fire_all():
        for sub in subs:
            scheduler._schedule(sub)
        return await asyncio.gather(*(scheduler.run_job(sub.key) for sub in subs))

    assert run(fire_all()) == ["posted"] * 3
    assert len(analyzer.calls) == 4 and set(analyzer.calls.values()) == {1}
    assert scheduler.builds.started == 2  # a and b shared one build; the filtered one built from the cache
    assert len(adapter.in_channel("a")) == len(adapter.in_channel("b")) == 5
    assert len(adapter.in_channel("src-only")) == 4


def test_a_failing_channel_does_not_stop_the_others_and_is_retried_at_next_start(day_repo, tmp_path, caplog):
    clock = Clock(datetime(2026, 2, 15, 9, 5, tzinfo=UTC))
    core = make_core(tmp_path, clock)
    subs = {name: subscribe(core, day_repo.path, channel=name) for name in ("ok", "broken")}
    adapter = RecordingAdapter(failing={"broken"})
    scheduler = DigestScheduler(core, {"console": adapter})
    scheduler._subs.update({s.key: s for s in subs.values()})
    with caplog.at_level(logging.ERROR, logger="scheduler.jobs"):
        outcomes = dict((key, outcome) for key, _, outcome in run(scheduler.catch_up()))
    assert outcomes == {subs["ok"].key: "posted", subs["broken"].key: "failed"}
    assert "retried at the next start" in caplog.text
    assert len(adapter.in_channel("ok")) == 5
    adapter.failing.clear()
    assert run(scheduler.catch_up()) == [(subs["broken"].key, "2026-02-14", "posted")]
    assert len(adapter.in_channel("broken")) == 5 and len(adapter.in_channel("ok")) == 5


def test_a_slow_channel_does_not_delay_the_others(day_repo, tmp_path):
    clock = Clock(datetime(2026, 2, 15, 9, 5, tzinfo=UTC))
    core = make_core(tmp_path, clock)
    subs = [subscribe(core, day_repo.path, channel=name) for name in ("slow", "fast1", "fast2")]
    # the slow channel cannot post until both others have posted their whole digest: if it held them up,
    # nothing would move (and its digest would fail after the hang guard)
    adapter = RecordingAdapter(held={"slow"}, release_when=lambda posts: all(
        sum(1 for p in posts if p["channel"] == name) == 5 for name in ("fast1", "fast2")))
    scheduler = DigestScheduler(core, {"console": adapter}, concurrency=2)
    scheduler._subs.update({s.key: s for s in subs})
    outcomes = {key: outcome for key, _, outcome in run(scheduler.catch_up())}
    assert set(outcomes.values()) == {"posted"}
    order = [p["channel"] for p in adapter.posts]
    assert order[-5:] == ["slow"] * 5 and len(order) == 15  # the fast channels first, whole


def test_crash_mid_post_resumes_the_thread_with_only_the_missing_replies(day_repo, tmp_path):
    clock = Clock(datetime(2026, 2, 15, 9, 5, tzinfo=UTC))
    core = make_core(tmp_path, clock)
    sub = subscribe(core, day_repo.path)
    crashing = RecordingAdapter(crash_after=3)
    scheduler = DigestScheduler(core, {"console": crashing})
    scheduler._subs[sub.key] = sub
    with pytest.raises(ProcessDied):
        run(scheduler.catch_up())
    summary_id = crashing.posts[0]["id"]
    posted_before = [p["text"] for p in crashing.posts]
    # a new process: a new core on the same files, a fresh adapter
    core2 = make_core(tmp_path, clock)
    fresh = RecordingAdapter()
    scheduler2 = DigestScheduler(core2, {"console": fresh})
    scheduler2._subs[sub.key] = sub
    assert run(scheduler2.catch_up()) == [(sub.key, "2026-02-14", "posted")]
    assert all(p["thread"] == summary_id for p in fresh.posts) and len(fresh.posts) == 2
    everything = posted_before + [p["text"] for p in fresh.posts]
    assert len(everything) == len(set(everything)) == 5
    assert run(scheduler2.catch_up()) == []


def test_jobs_follow_subscribe_update_and_unsubscribe_and_fire(day_repo, tmp_path):
    clock = Clock(datetime(2026, 2, 15, 9, 0, 1, tzinfo=UTC))
    core = make_core(tmp_path, clock)
    existing = subscribe(core, day_repo.path, channel="old", at="07:15", tz="Asia/Shanghai")
    adapter = RecordingAdapter()
    ctx = CommandContext(channel=ChannelRef("console", "local", "new"), user="u")

    async def scenario():
        scheduler = DigestScheduler(core, {"console": adapter})
        scheduler.start()
        try:
            await scheduler.catchup_task
            job = scheduler.job(existing.key)
            local = job.next_run_time.astimezone(ZoneInfo("Asia/Shanghai"))
            assert (local.hour, local.minute) == (7, 15) and str(job.trigger.timezone) == "Asia/Shanghai"
            await core.handle_command(ctx, f"subscribe {day_repo.path} at 09:00 tz Europe/Berlin")
            key = f"{ctx.channel.key}|{day_repo.path}"
            assert str(scheduler.job(key).trigger.timezone) == "Europe/Berlin"
            await core.handle_command(ctx, f"subscribe {day_repo.path} at 18:45 tz Europe/Berlin")
            local = scheduler.job(key).next_run_time.astimezone(ZoneInfo("Europe/Berlin"))
            assert (local.hour, local.minute) == (18, 45)
            # let APScheduler fire the job now (the clock says 09:00:01 UTC = 10:00:01 Berlin)
            core.subscriptions.save(core.subscriptions.get(ctx.channel, str(day_repo.path)).model_copy(
                update={"at": "10:00"}))
            scheduler._subs[key] = core.subscriptions.get(ctx.channel, str(day_repo.path))
            scheduler.job(key).modify(next_run_time=datetime.now(UTC) + timedelta(milliseconds=50))
            for _ in range(600):  # until the job has posted; 30 s only guard against a hang
                if len(adapter.in_channel("new")) == 5:
                    break
                await asyncio.sleep(0.05)
            await core.handle_command(ctx, f"unsubscribe {day_repo.path}")
            assert scheduler.job(key) is None and scheduler.job(existing.key) is not None
        finally:
            scheduler.shutdown()

    run(scenario())
    posts = adapter.in_channel("new")
    assert len(posts) == 5 and "(2026-02-14)" in posts[0]["text"]
    assert "This digest is" not in posts[0]["text"]


def test_a_failed_digest_is_told_to_the_channel_once_and_retried_while_running(day_repo, tmp_path):
    clock = Clock(datetime(2026, 2, 15, 9, 5, tzinfo=UTC))
    core = make_core(tmp_path, clock)
    sub = subscribe(core, day_repo.path, channel="x", branch="gone")  # the branch was deleted since
    adapter = RecordingAdapter()
    scheduler = DigestScheduler(core, {"console": adapter})
    scheduler._subs[sub.key] = sub
    assert run(scheduler.catch_up()) == [(sub.key, "2026-02-14", "failed")]
    assert run(scheduler.catch_up()) == [(sub.key, "2026-02-14", "failed")]
    [notice] = adapter.in_channel("x")  # told once, not at every retry
    assert "could not be posted: branch 'gone' does not exist" in notice["text"]
    assert "tries again every 30 minutes" in notice["text"]
    fixed = sub.model_copy(update={"branch": None})
    core.subscriptions.save(fixed)
    scheduler._subs[sub.key] = fixed
    assert run(scheduler.catch_up()) == [(sub.key, "2026-02-14", "posted")]

    async def started_jobs():
        scheduler.start()
        try:
            return {job.id for job in scheduler.scheduler.get_jobs()}
        finally:
            scheduler.shutdown()

    assert "digestbot:retry-failed" in run(started_jobs())
