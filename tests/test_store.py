"""The TinyDB store: values survive a restart, big tables are sharded, corrupt files are never replaced."""

import json
import threading

import pytest

from bot.store import StoreCorrupt, TinyStore


def test_values_survive_a_restart_and_big_tables_are_sharded(tmp_path):
    store = TinyStore(tmp_path)
    store.put("subscriptions", "a", {"repo": "o/r"})
    store.put_many("analyses", [(f"sha{i}|en|m", {"n": i}) for i in range(300)])
    store.put("analyses", "sha7|en|m", {"n": "updated"})
    store.delete("subscriptions", "missing")
    again = TinyStore(tmp_path)
    assert again.get("subscriptions", "a") == {"repo": "o/r"}
    assert again.get("analyses", "sha7|en|m") == {"n": "updated"}
    assert len(list(again.items("analyses"))) == 300
    shard_files = list((tmp_path / "analyses").glob("*.json"))
    assert 100 < len(shard_files) <= 256  # 300 keys spread over many small files
    assert not list(tmp_path.rglob("*.tmp"))  # atomic writes leave no temporary files
    again.delete("subscriptions", "a")
    assert TinyStore(tmp_path).get("subscriptions", "a") is None


def test_corrupt_file_is_reported_and_kept(tmp_path):
    (tmp_path / "ledger.json").write_text('{"rows": {"1": {"k": "x", "v"')
    with pytest.raises(StoreCorrupt, match="ledger.json is corrupt"):
        TinyStore(tmp_path).get("ledger", "x")
    assert (tmp_path / "ledger.json").read_text() == '{"rows": {"1": {"k": "x", "v"'


def test_empty_file_is_an_empty_table(tmp_path):
    (tmp_path / "subscriptions.json").write_text("")
    store = TinyStore(tmp_path)
    assert store.get("subscriptions", "x") is None
    store.put("subscriptions", "x", 1)
    assert json.loads((tmp_path / "subscriptions.json").read_text())


def test_concurrent_writers_lose_nothing(tmp_path):
    store = TinyStore(tmp_path)

    def write(worker: int):
        for i in range(50):
            store.put("ledger", f"{worker}-{i}", i)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(list(TinyStore(tmp_path).items("ledger"))) == 200


def test_bad_table_name_is_refused(tmp_path):
    with pytest.raises(ValueError):
        TinyStore(tmp_path).put("../etc", "k", 1)


def test_an_unsharded_table_file_is_migrated_into_shards(tmp_path):
    old = TinyStore(tmp_path, shards={})  # the older layout: one file for the whole table
    old.put_many("ledger", [(f"k{i}", {"done": True, "n": i}) for i in range(50)])
    assert (tmp_path / "ledger.json").exists()
    new = TinyStore(tmp_path)
    assert new.get("ledger", "k7") == {"done": True, "n": 7}
    assert len(list(TinyStore(tmp_path).items("ledger"))) == 50
    assert not (tmp_path / "ledger.json").exists() and (tmp_path / "ledger.json.migrated").exists()


def test_a_corrupt_unsharded_file_is_reported_not_migrated(tmp_path):
    (tmp_path / "ledger.json").write_text("[1, 2]")
    with pytest.raises(StoreCorrupt):
        list(TinyStore(tmp_path).items("ledger"))
    assert (tmp_path / "ledger.json").read_text() == "[1, 2]"


def test_only_a_bounded_number_of_files_stays_in_memory(tmp_path, monkeypatch):
    import bot.store.tinydb_store

    monkeypatch.setattr(bot.store.tinydb_store, "MAX_OPEN_FILES", 8)
    store = TinyStore(tmp_path)
    store.put_many("analyses", [(f"sha{i}", {"n": i}) for i in range(400)])
    assert len(store._tables) <= 8  # noqa: SLF001 - the point of the test
    # evicted files are read again: nothing is lost
    assert all(store.get("analyses", f"sha{i}") == {"n": i} for i in range(400))
    assert len(list(store.items("analyses"))) == 400
