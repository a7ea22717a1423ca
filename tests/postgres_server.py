"""A real PostgreSQL server for the tests: Debian's ``initdb`` and ``pg_ctl`` in a temporary directory.

``postgres_server`` (session) starts one server on a free 127.0.0.1 port, as the ``postgres`` user
when the tests run as root (initdb refuses root), and stops it at the end; ``pg_url`` (per test)
is a fresh, empty database on it. No server can start: the tests skip, except in CI (CI=true),
where that is a failure (``.ci/run`` installs Debian's ``postgresql`` package).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg  # a required dependency: its import error fails the suite
import pytest


class NoPostgres(Exception):
    """No PostgreSQL server could be started here (the message says why)."""


def _binaries() -> Path:
    on_path = shutil.which("pg_ctl")
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    found = candidates[-1] if candidates else on_path
    if not found:
        raise NoPostgres("no pg_ctl under /usr/lib/postgresql/*/bin or on PATH: install Debian's postgresql package")
    return Path(os.path.realpath(found)).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One throwaway cluster: ``start``, ``url(dbname)``, ``stop``."""

    def __init__(self):
        self.bin = _binaries()
        self.root = Path(tempfile.mkdtemp(prefix="digestbot-pg-"))
        self.user = None
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                raise NoPostgres("running as root and there is no 'postgres' user to run the server as") from None
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self.data, self.log = self.root / "data", self.root / "server.log"
        self.port = 0

    def _run(self, *args: str) -> None:
        kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []} if self.user else {}
        done = subprocess.run([str(self.bin / args[0]), *args[1:]], capture_output=True, text=True, timeout=120,
                              cwd=self.root, **kwargs)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-1500:] if self.log.exists() else ""
            raise NoPostgres(f"{args[0]} failed ({done.returncode}): {(done.stderr or done.stdout)[-1500:]}\n{log}")

    def start(self) -> "PostgresServer":
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale",
                  "--no-sync")
        for attempt in range(3):  # the free port may be taken between the check and the start
            self.port = free_port()
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60",
                          "start")
                return self
            except NoPostgres:
                if attempt == 2:
                    raise
        return self

    def restart(self) -> None:
        """Stop (fast: connections are cut) and start again on the same port."""
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w", "-t", "60", "restart")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def stop(self) -> None:
        try:
            if self.port:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    try:
        server = PostgresServer().start()
    except NoPostgres as problem:
        message = f"no PostgreSQL server for the tests: {problem}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres_server):
    """A fresh empty database on the test server, dropped after the test (its connections too)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    yield postgres_server.url(name)
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')
