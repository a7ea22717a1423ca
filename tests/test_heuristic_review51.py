"""Three patterns a review of the stop found misfiring, each with the words it must and must not match."""

from analysis.analyzers.heuristic.code.behaviour.guards import _ERROR_VALUE
from analysis.analyzers.heuristic.rules import LOCK_NAMES
from analysis.analyzers.heuristic.text.findings import _NOT_FASTER


def test_a_latency_a_measurement_counts_is_no_speed_claim_but_a_lowered_one_is():
    assert _NOT_FASTER.search("Fix response-time token to not include response latency")
    assert _NOT_FASTER.search("measure request latency")
    assert not _NOT_FASTER.search("Measurably lower latency for cached reads")
    assert not _NOT_FASTER.search("Record lower latency percentiles")


def test_an_error_returned_is_an_error_and_a_flag_saying_none_is_not():
    for value in ("ValueError", "ErrClosed", "-EINVAL", "MOSQ_ERR_INVAL", "parseError"):
        assert _ERROR_VALUE.search(value), value
    for value in ("NoError", "hasError", "isError", "EOF", "MOSQ_ERR_SUCCESS"):
        assert not _ERROR_VALUE.search(value), value


def test_a_lock_file_for_another_toolchain_is_a_lock_file_and_a_source_named_after_locking_is_not():
    for name in ("Cargo.lock", "Cargo.lock.msrv", "go.sum", "package-lock.json"):
        assert LOCK_NAMES.search(name), name
    for name in ("mutex.lock.scala", "file.lock.ts", "spin.lock.swift", "db.lock.php"):
        assert not LOCK_NAMES.search(name), name
