"""The replay of every labelled day (tests/test_heuristic_days.py), started in a process of its own as soon as
the suite is collected, so that it runs on the second core while the other tests run on the first.

It is a plain child process (``python -c``), not a fork: a fork copies the suite's server threads and their locks.
It writes ``bench.heuristic_agreement.day_summaries`` as a pickle; the day tests wait for it, and a session that
ends first (``-x``, an interrupt) kills it.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SCRIPT = ("import pickle, sys; from bench.heuristic_agreement import day_summaries; from bench.day_fixtures import "
           "day_names; pickle.dump(day_summaries(day_names(), workers=int(sys.argv[2])), open(sys.argv[1], 'wb'))")

_running: tuple[subprocess.Popen, Path] | None = None  # the child, and where it writes


def start(workers: int = 1) -> None:
    """Begin the replay in the background (once per session)."""
    global _running
    if _running is None:
        out = Path(tempfile.mkdtemp(prefix="day-replays-")) / "summaries.pickle"
        with open(out.with_suffix(".log"), "wb") as log:  # a file, not a pipe: a full pipe would stall the child
            child = subprocess.Popen([sys.executable, "-c", _SCRIPT, str(out), str(workers)], cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=log)
        _running = (child, out)


def results() -> dict[str, dict]:
    """Every day's summary: the background replay's, or one made now (on every core) when none was started."""
    if _running is None:
        from bench.day_fixtures import day_names
        from bench.heuristic_agreement import day_summaries
        return day_summaries(day_names())
    child, out = _running
    if child.wait() != 0:
        err = out.with_suffix(".log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"the day replay failed ({child.returncode}): {err}")
    return pickle.loads(out.read_bytes())


def stop() -> None:
    """Kill a replay still running when the session ends."""
    if _running is not None and _running[0].poll() is None:
        _running[0].kill()
        _running[0].wait()
