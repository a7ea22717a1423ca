"""Limits on what chat members can make the bot build, and dates out of range (issue 10, items 6 and 12).

Item 6: 20 parallel ``now`` from one member posted 28 digests, and slow GitHub calls filled the thread
pool that store writes and /healthz's probe wait on (503). Now builds are limited per user and per
channel, remote calls have their own pool, and a repository the channel does not follow needs
``force`` (or an admin, when admins are configured).
Item 12: ``now ... 9999-12-31`` was an unexpected failure and ``0001-01-01`` went to GitHub unpadded.
"""

from __future__ import annotations

import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone

import pytest

from analysis.day import DayWindow, parse_date
from analysis.errors import BadInput
from bot.core.limits.builds import CHANNEL_IN_FLIGHT, USER_IN_FLIGHT, BuildLimits, LimitReached
from tests.bot_process import DIGESTBOT, SlackBot, bot_environment
from tests.fakes.github_server import FakeGitHub
from tests.fakes.slack_server import FakeSlack

DAY = datetime(2026, 2, 14, tzinfo=timezone.utc)
PER_USER = 6
LIMITED = ("digests being built", "digests in the last")


def _text(answer: str) -> str:
    return answer.removeprefix("⚠️ ")  # how the Slack renderer marks an error


def _summaries(slack: FakeSlack) -> list[dict]:
    return [p for p in list(slack.posts) if not p.get("thread_ts")]


def _answer_or_digest(bot: SlackBot, slack: FakeSlack, key: str, before: int) -> None:
    """Wait until the command ``key`` was answered or a digest summary beyond ``before`` was posted."""
    deadline = time.monotonic() + 60
    while len(_summaries(slack)) == before and not bot.answers(key):
        assert time.monotonic() < deadline, "neither an answer nor a digest"
        time.sleep(0.05)


@pytest.fixture
def github():
    with FakeGitHub() as gh:
        gh.add_repo("o/r")
        for hour in (3, 5):
            gh.add_commit("o/r", message=f"feat: change at {hour}", committed_at=DAY.replace(hour=hour),
                          files=[{"filename": f"src/{hour}.py", "status": "modified", "additions": 3,
                                  "deletions": 1, "patch": "@@ -1 +1 @@\n-a\n+b"}])
        yield gh


def test_twenty_parallel_now_from_one_member(github, tmp_path):
    with FakeSlack(token="xoxb-hardening") as slack, \
            SlackBot(slack, tmp_path / "data", tmp_path, github.url, DIGESTBOT_SLACK_ADMINS="UADMIN",
                     DIGESTBOT_BUILDS_PER_USER=str(PER_USER)) as bot:
        key = bot.post_command("now o/r 2026-02-14")  # a member, a repository the channel does not follow
        _answer_or_digest(bot, slack, key, before=0)
        assert _summaries(slack) == [] and github.count("/repos/o/r") == 0
        refused = _text(bot.answers(key)[0])
        assert refused.startswith("this channel does not follow o/r; add 'force'"), refused

        github.latency = 0.5  # a slow GitHub: each build holds its remote calls for a while
        keys: list[str] = []
        sending = [threading.Thread(target=lambda: keys.append(bot.post_command("now o/r 2026-02-14 force")))
                   for _ in range(20)]
        for thread in sending:
            thread.start()
        health: list[int] = []
        deadline = time.monotonic() + 120
        while True:  # /healthz polled all along the flood
            health.append(bot.get("/healthz")[0])
            answered = [key for key in keys if bot.answers(key)]
            if len(keys) == 20 and len(answered) + len(_summaries(slack)) >= 20:
                break
            assert time.monotonic() < deadline, "the commands were not all answered"
            time.sleep(0.05)
        for thread in sending:
            thread.join()
        answers = [_text(bot.answers(key)[0]) for key in keys if bot.answers(key)]
        digests = len(_summaries(slack))
        assert 1 <= digests <= PER_USER, digests
        assert len(answers) == 20 - digests
        assert all(any(phrase in a for phrase in LIMITED) and a.count(". ") == 0 for a in answers), answers
        assert set(health) == {200}, health  # the store probe never waited behind GitHub calls

        # an admin needs no 'force' for a repository the channel does not follow
        github.latency = 0.0
        before = len(_summaries(slack))
        key = bot.post_command("now o/r 2026-02-13", user="UADMIN")
        _answer_or_digest(bot, slack, key, before)
        assert bot.answers(key) == [] and len(_summaries(slack)) == before + 1


def test_dates_out_of_range_are_one_sentence_and_never_reach_github(github, tmp_path):
    with FakeSlack(token="xoxb-hardening") as slack, SlackBot(slack, tmp_path / "data", tmp_path, github.url) as bot:
        for day in ("9999-12-31", "0001-01-01"):
            answer = _text(bot.command(f"now o/r {day} force"))
            assert answer.startswith(f"the date {day} is out of range; give a day between 1970-01-01 and "), answer
            assert "went wrong" not in answer
        assert github.count("/repos/o/r/commits") == 0 and _summaries(slack) == []
    done = subprocess.run([DIGESTBOT, "report", "o/r", "--date", "9999-12-31"], capture_output=True, text=True,
                          env=bot_environment(tmp_path / "data", GITHUB_API_URL=github.url), timeout=60)
    assert done.returncode == 2 and done.stderr.startswith("error: the date 9999-12-31 is out of range")
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_first_and_last_days_still_make_windows():
    for text in ("1970-01-01", "9998-12-31"):
        for zone in ("Pacific/Kiritimati", "Etc/GMT+12", "UTC"):
            window = DayWindow.of(text, zone)
            assert window.start_utc < window.end_utc
    with pytest.raises(BadInput, match="out of range"):
        parse_date("1969-12-31")
    with pytest.raises(BadInput, match="out of range"):
        DayWindow.of(date(10000 - 1, 12, 31))


# -- the limiter itself, with a clock we move ------------------------------------------------------------

class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_builds_in_flight_are_bounded_per_user_and_per_channel():
    limits = BuildLimits(per_user=100, per_channel=100, clock=Clock())
    held = [limits.build("u1", "c1") for _ in range(USER_IN_FLIGHT)]
    for slot in held:
        slot.__enter__()
    with pytest.raises(LimitReached, match=f"you already have {USER_IN_FLIGHT} digests being built"):
        limits.build("u1", "c1").__enter__()
    others = [limits.build(f"u{n}", "c1") for n in range(2, 2 + CHANNEL_IN_FLIGHT - USER_IN_FLIGHT)]
    for slot in others:
        slot.__enter__()
    with pytest.raises(LimitReached, match=f"this channel already has {CHANNEL_IN_FLIGHT} digests"):
        limits.build("u9", "c1").__enter__()
    with limits.build("u9", "c2"):  # another channel is not held up
        pass
    held[0].__exit__(None, None, None)
    with limits.build("u1", "c1"):  # a slot freed
        pass


def test_builds_per_window_and_when_to_try_again():
    clock = Clock()
    limits = BuildLimits(per_user=3, per_channel=5, window=600, clock=clock)
    for _ in range(3):
        with limits.build("u1", "c1"):
            clock.now += 60
    with pytest.raises(LimitReached, match=r"you asked for 3 digests in the last 10 minutes, the most allowed; "
                                           r"try again in 7 minutes"):
        limits.build("u1", "c1").__enter__()
    for user in ("u2", "u3"):
        with limits.build(user, "c1"):
            pass
    with pytest.raises(LimitReached, match="this channel asked for 5 digests"):
        limits.build("u4", "c1").__enter__()
    clock.now += 600  # the window has moved on: all forgotten
    with limits.build("u1", "c1"):
        pass
    assert len(limits._started) == 2 and not limits._in_flight


# -- remote calls have their own pool: store writes and the health probe never wait behind them ------------

class HangingSource:
    """A source whose listing blocks until released, as a GitHub that stopped answering."""

    repo_name, repo_url, cache_details = "o/hang", None, True

    def __init__(self):
        self.release, self.entered = threading.Event(), threading.Semaphore(0)

    def list_commits(self, window, branch=None):
        self.entered.release()
        self.release.wait(30)
        return []


def test_hanging_remote_calls_leave_store_writes_and_the_default_pool_free(tmp_path):
    import asyncio

    from analysis.analyzers.heuristic import HeuristicAnalyzer
    from bot.core.digests.service import DigestService
    from bot.core.ledger import Ledger, LedgerEntry
    from bot.core.limits import pools
    from bot.store import TinyStore

    store = TinyStore(tmp_path / "data")
    service, source = DigestService(store, HeuristicAnalyzer()), HangingSource()
    hanging = 40  # more than the default pool's threads (min(32, cpus + 4)) and than the remote pool's

    async def scenario():
        builds = [asyncio.create_task(service.build(source, DayWindow.of("2026-02-14"))) for _ in range(hanging)]
        waiter = ThreadPoolExecutor(1)  # waits here, in no pool under test
        try:
            for _ in range(4):  # listings are stuck (the rest queue behind them)
                entered = asyncio.get_running_loop().run_in_executor(waiter, source.entered.acquire, True, 10)
                assert await entered
            await asyncio.wait_for(pools.store_io(Ledger(store).save, "k", LedgerEntry(done=True)), 10)
            await asyncio.wait_for(asyncio.to_thread(store.put, "health", "probe", {"ok": True}), 10)
            assert Ledger(store).is_done("k")
        finally:
            source.release.set()
            await asyncio.gather(*builds)
            waiter.shutdown()

    asyncio.run(scenario())
