"""The PostgreSQL test fixture on a machine without PostgreSQL: a skip with the reason locally, a failure in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NO_SERVER = '''
import tests.postgres_server as server
from tests.postgres_server import postgres_server  # noqa: F401


def no_binaries():
    raise server.NoPostgres("no pg_ctl here (simulated)")


server._binaries = no_binaries


def test_needs_a_server(postgres_server):
    pass
'''


@pytest.mark.parametrize("ci", ["true", ""])
def test_a_missing_server_fails_in_ci_and_skips_elsewhere(tmp_path, ci):
    (tmp_path / "test_no_server.py").write_text(NO_SERVER)
    env = {**os.environ, "CI": ci, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           str(tmp_path / "test_no_server.py")], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert "no PostgreSQL server for the tests: no pg_ctl here (simulated)" in done.stdout
    if ci:
        assert done.returncode == 1 and "1 error" in done.stdout, done.stdout
    else:
        assert done.returncode == 0 and "1 skipped" in done.stdout, done.stdout
