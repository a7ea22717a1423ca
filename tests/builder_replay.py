"""The Dockerfile builder's COPY/RUN steps replayed without Docker (tests/test_deploy.py), started in the background
as soon as the suite is collected: the steps are pip installs (about a minute and a half of a second core), so the
other tests run meanwhile, as the labelled days' replay does (tests/day_replays.py).

A folder stands for /src and a temporary venv for /opt/venv. ``--no-cache-dir`` is dropped so pip may reuse its
cache (the image build keeps no cache). The steps run in a thread that only waits on their subprocesses; a session
that ends first kills the step running and removes the folder (the venv is about 0.5 GB).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from tests.dockerfile_reader import Stage, parse_dockerfile

ROOT = Path(__file__).resolve().parent.parent
_STEP_TIMEOUT = 540  # seconds for one RUN step


@dataclass
class Replay:
    """Where the builder's steps ran, and the first step that failed (None when all passed)."""

    src: Path
    venv: Path
    failure: str | None


_lock = threading.Lock()
_thread: threading.Thread | None = None
_folder: Path | None = None
_step: subprocess.Popen | None = None  # the RUN step running now
_stopped = False
_result: Replay | None = None


def builder_stage() -> Stage:
    """The Dockerfile's first stage: the builder."""
    return parse_dockerfile((ROOT / "Dockerfile").read_text())[1][0]


def _run_steps(builder: Stage, src: Path, venv: Path) -> str | None:
    global _step
    env = {**os.environ, **builder.env()}
    for keyword, args in builder.instructions:
        if keyword == "COPY":
            *sources, _dest = args.split()
            for source in sources:
                target = src / Path(source).name
                if (ROOT / source).is_dir():
                    shutil.copytree(ROOT / source, target, ignore=shutil.ignore_patterns("__pycache__"))
                else:
                    shutil.copy2(ROOT / source, target)
        elif keyword == "RUN":
            script = re.sub(r"(?<![\w/.-])python(?=\s)", shlex.quote(sys.executable), args)
            script = script.replace("/opt/venv", shlex.quote(str(venv))).replace(" --no-cache-dir", "")
            with _lock:
                if _stopped:
                    return "the session ended before the builder's steps did"
                _step = subprocess.Popen(["sh", "-c", script], cwd=src, env=env, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True)
            try:
                out, err = _step.communicate(timeout=_STEP_TIMEOUT)
            except subprocess.TimeoutExpired:
                _step.kill()
                out, err = _step.communicate()
            if _step.returncode != 0:
                return f"RUN {args}\n{out[-3000:]}\n{err[-3000:]}"
    return None


def _replay(folder: Path) -> None:
    global _result
    src, venv = folder / "src", folder / "venv"
    src.mkdir()
    try:
        failure = _run_steps(builder_stage(), src, venv)
    except Exception as error:  # noqa: BLE001 - reported by the test that reads the result
        failure = f"{type(error).__name__}: {error}"
    _result = Replay(src, venv, failure)


def start() -> None:
    """Begin the replay in the background (once per session)."""
    global _thread, _folder
    if _thread is None:
        _folder = Path(tempfile.mkdtemp(prefix="builder-replay-"))
        _thread = threading.Thread(target=_replay, args=(_folder,), name="builder-replay", daemon=True)
        _thread.start()


def result() -> Replay:
    """The replay's outcome: the background one's, or one made now when none was started."""
    start()
    _thread.join()
    return _result


def stop() -> None:
    """Kill a step still running and remove the folder, when the session ends."""
    global _stopped
    if _thread is None:
        return
    with _lock:
        _stopped = True
        if _step is not None and _step.poll() is None:
            _step.kill()
    _thread.join(timeout=30)
    shutil.rmtree(_folder, ignore_errors=True)
