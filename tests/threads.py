"""Run a job in several threads released at once by a barrier (the way concurrency is ordered in the tests)."""

from __future__ import annotations

import threading


def run_together(count: int, job) -> list:
    """``job(i)`` for i in range(count), each in its own thread, all released at once; the results in order.

    The first exception a job raised is raised again here, after every thread has ended.
    """
    start, results, errors = threading.Barrier(count), [None] * count, []

    def run(i: int) -> None:
        try:
            start.wait(10)
            results[i] = job(i)
        except Exception as error:  # noqa: BLE001 - raised again below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    if errors:
        raise errors[0]
    return results
