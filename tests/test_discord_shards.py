"""Discord shards across instances: discord.py's sharded clients against the fake gateway, leases on PostgreSQL.

Two instances (adapter + shard keeper each, their own PostgresStore on one database), a bot of 2 shards:
each shard is identified once; when the instance running them stalls past the leases' ttl the other one
takes them over, and the stalled one, coming back, finds them lost and disconnects them.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from adapters.discord.bot import DiscordAdapter
from bot.core.coordination.shards import ShardKeeper
from bot.core.service import BotCore
from bot.settings import Settings
from bot.store import TinyStore
from bot.store.postgres_store import PostgresStore
from tests.fakes.discord_server import TOKEN, FakeDiscord
from tests.test_discord_adapter import _restore_discord_globals  # noqa: F401 - an autouse fixture

SHARDS = 2
TTL = 2.0  # seconds: short, so a takeover happens within the test's bounded wait
IDENTIFY_EVERY = 0.2  # seconds between two IDENTIFYs of the cluster (Discord: 5)


def instance(name: str, fake: FakeDiscord, pg_url: str, tmp_path):
    settings = Settings(data_dir=tmp_path / name, discord_token=TOKEN, discord_api_url=fake.api_url,
                        database_url=pg_url, discord_shards=SHARDS)
    store = PostgresStore(pg_url, max_connections=2)
    adapter = DiscordAdapter(settings, BotCore(settings, TinyStore(tmp_path / name)), leased_shards=True)
    keeper = ShardKeeper(store.leases, name, SHARDS, adapter.run_shard, adapter.stop_shard, ttl=TTL,
                         identify_every=IDENTIFY_EVERY)
    return store, adapter, keeper


@contextlib.asynccontextmanager
async def two_instances(fake: FakeDiscord, pg_url: str, tmp_path):
    """Instances "a" and "b", their adapters logged in (no shard yet): yields ((adapter, keeper), (adapter, keeper))."""
    made = [instance(name, fake, pg_url, tmp_path) for name in ("a", "b")]
    try:
        for _, adapter, _ in made:
            await adapter.start()
        yield [(adapter, keeper) for _, adapter, keeper in made]
    finally:
        for store, adapter, keeper in made:
            await keeper.stop()
            await adapter.stop()
            store.close()


def identified_shards(fake: FakeDiscord) -> list[list[int]]:
    return sorted(payload["shard"] for payload in fake.identified)


def test_each_shard_runs_in_one_instance_and_is_taken_over_when_its_holder_stalls(pg_url, tmp_path):
    with FakeDiscord() as fake:
        async def scenario():
            async with two_instances(fake, pg_url, tmp_path) as ((a, keeper_a), (b, keeper_b)):
                await keeper_a.round()  # A's rounds are run by hand: between them, A is stalled
                await keeper_b.start()  # B keeps renewing and looking for free shards in the background
                assert a.shards == [0, 1] and b.shards == [] and a.connected and b.connected
                assert identified_shards(fake) == [[0, SHARDS], [1, SHARDS]]  # each shard identified once
                assert fake.open_shards() == [0, 1]

                answered = fake.invoke("digest", "help")  # the guild's shard answers its interactions
                await fake.wait_until(lambda: answered.followups)

                # A stops renewing: once its leases expire, B takes both shards over
                await fake.wait_until(lambda: b.shards == [0, 1], timeout=15)
                assert identified_shards(fake) == [[0, SHARDS], [0, SHARDS], [1, SHARDS], [1, SHARDS]]

                await keeper_a.round()  # A comes back: its leases are B's now, so it disconnects its shards
                assert a.shards == [] and keeper_a.held == set()
                assert fake.open_shards() == [0, 1]  # one connection per shard again
                await fake.wait_until(lambda: b.connected)

        asyncio.run(scenario())
        assert fake.open_shards() == []


def test_a_stopped_instance_releases_its_shards_for_the_next_round_of_another(pg_url, tmp_path):
    with FakeDiscord() as fake:
        async def scenario():
            async with two_instances(fake, pg_url, tmp_path) as ((a, keeper_a), (b, keeper_b)):
                await keeper_a.round()
                await keeper_b.round()
                assert (a.shards, b.shards) == ([0, 1], [])
                await keeper_a.stop()  # a clean shutdown frees the leases at once, no ttl to wait out
                await keeper_b.round()
                assert b.shards == [0, 1] and fake.open_shards() == [0, 1]

        asyncio.run(scenario())


def test_two_bots_run_by_the_runtime_share_the_shards_and_release_them_when_stopped(pg_url, tmp_path):
    """``run_bot`` wires the keeper: two instances on one database, 2 shards, one connection each; freed at stop."""
    from bot.core.coordination.shards import lease_name
    from bot.runtime import run_bot

    with FakeDiscord() as fake:
        async def scenario():
            stop = asyncio.Event()
            bots = [asyncio.create_task(run_bot(
                Settings(data_dir=tmp_path / name, discord_token=TOKEN, discord_api_url=fake.api_url,
                         database_url=pg_url, discord_shards=SHARDS), adapters=["discord"], stop=stop))
                for name in ("a", "b")]
            try:
                await fake.wait_until(lambda: fake.syncs >= 2 and fake.open_shards() == [0, 1], timeout=30)
                assert identified_shards(fake) == [[0, SHARDS], [1, SHARDS]]
            finally:
                stop.set()
                await asyncio.gather(*bots)

        asyncio.run(scenario())
        assert fake.open_shards() == []
    store = PostgresStore(pg_url, max_connections=1)
    try:
        assert [store.leases.holder(lease_name(shard, SHARDS)) for shard in range(SHARDS)] == [None, None]
    finally:
        store.close()


def test_shard_starts_of_every_instance_are_paced_one_identify_slot_apart(tmp_path):
    """Discord takes one IDENTIFY per 5 s per bot: two instances starting six shards between them start one
    at a time, each at least a slot after the previous one (a lower bound: load only widens the gaps)."""
    from bot.store.leases import MemoryLeases

    leases = MemoryLeases()
    starts: list[float] = []

    async def run(shard: int) -> None:
        starts.append(time.monotonic())

    async def drop(shard: int) -> None:
        return None

    async def scenario():
        keepers = [ShardKeeper(leases, f"instance-{i}", 6, run, drop, ttl=30, identify_every=0.3) for i in range(2)]
        await asyncio.gather(*(keeper.round() for keeper in keepers))
        return keepers

    keepers = asyncio.run(scenario())
    assert sorted(keepers[0].held | keepers[1].held) == list(range(6)) and not keepers[0].held & keepers[1].held
    gaps = [b - a for a, b in zip(sorted(starts), sorted(starts)[1:])]
    assert len(starts) == 6 and min(gaps) >= 0.3 * 0.95, gaps
