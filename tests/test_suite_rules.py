"""The suite keeps its own rules (issue 14): no skip hides an import error, no assert times anything, no sleep orders events.

The finders in ``tests/suite_rules.py`` read every file under ``tests/``; each rule is also run on
a small snippet that breaks it, so a finder that stopped finding anything fails here too.
"""

from __future__ import annotations

import importlib.metadata
import re
import textwrap
import tomllib
from pathlib import Path

import pytest

from tests.suite_rules import (
    ALLOWED,
    OPTIONAL,
    absence_only_tests,
    elapsed_time_asserts,
    files_under_tests,
    hiding_skips,
    ordering_sleeps,
)

ROOT = Path(__file__).resolve().parent.parent
OURS = {"bot", "adapters", "analysis", "scheduler", "tests"}


def _normal(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def required_modules() -> set[str]:
    """Top-level modules of our packages and of every dependency pyproject requires (not the extras)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    required = {_normal(re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0]) for spec in project["dependencies"]}
    provided = importlib.metadata.packages_distributions()
    return OURS | {module for module, dists in provided.items() if any(_normal(d) in required for d in dists)}


def findings(finder, code: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "test_snippet.py"
    path.write_text(textwrap.dedent(code))
    return [what for _, what in finder([path])]


@pytest.mark.parametrize("finder", [hiding_skips, elapsed_time_asserts, ordering_sleeps, absence_only_tests],
                         ids=lambda f: f.__name__)
def test_no_file_under_tests_breaks_a_rule(finder):
    found = list(finder(files_under_tests()))
    assert found == [], "\n".join(f"{where}: {what}" for where, what in found)


def test_only_optional_modules_may_be_skipped_when_missing():
    assert required_modules() >= {"discord", "github", "slack_bolt", "litellm", "tinydb", "apscheduler", "psycopg"}
    assert not OPTIONAL.keys() & required_modules()
    assert all(reason.strip() for reason in OPTIONAL.values()) and all(reason.strip() for reason in ALLOWED.values())


def test_every_allowed_line_is_still_there():
    """An allow-list entry whose line went away is removed, not kept as a blank cheque."""
    lines = {(p.name, line.strip()) for p in files_under_tests() for line in p.read_text().splitlines()}
    assert [entry for entry in ALLOWED if entry not in lines] == []


def test_the_skip_finder_finds_hiding_skips(tmp_path):
    found = findings(hiding_skips, """
        import pytest
        discord = pytest.importorskip("discord")
        core = pytest.importorskip("bot.core")
        browser = pytest.importorskip("playwright.sync_api")  # optional: allowed
        try:
            import psycopg
        except ImportError:
            psycopg = None
        try:
            from tinydb import TinyDB
        except (ValueError, ModuleNotFoundError):
            TinyDB = None
        try:
            import json
        except ValueError:  # not an import guard
            json = None
    """, tmp_path)
    assert found == ["importorskip('discord'): import it plainly", "importorskip('bot.core'): import it plainly",
                     "import psycopg guarded by except ImportError", "import tinydb guarded by except ImportError"]


def test_the_elapsed_time_finder_finds_timing_asserts_and_spares_hang_guards(tmp_path):
    found = findings(elapsed_time_asserts, """
        import asyncio
        import time
        from time import perf_counter

        def test_timed():
            start = time.monotonic()
            work()
            elapsed = time.monotonic() - start
            assert elapsed < 1.0
            began = perf_counter()
            assert perf_counter() - began <= 2
            assert time.time() - start < 3 and True

        async def test_loop_timed():
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            await work()
            assert round(loop.time() - t0) == 0

        def test_recorded_instants(fake, started, finished):
            assert fake.request_times[1] - fake.request_times[0] >= 1.0
            assert finished - started < 2
            assert datetime(2026, 1, 2) - datetime(2026, 1, 1) == timedelta(days=1)  # dates, not timing
            assert fake.timeout - 1 == 29

        def test_hang_guard_is_fine():
            deadline = time.monotonic() + 60
            while not done():
                assert time.monotonic() < deadline, "hang"
            stale = int(time.time()) - 600
            status = post(timestamp=stale)  # a clock value passed on: what comes back is not a clock reading
            assert status == 401
    """, tmp_path)
    assert [what.split(": ", 1)[1] for what in found] == [
        "assert elapsed < 1.0", "assert perf_counter() - began <= 2", "assert time.time() - start < 3 and True",
        "assert round(loop.time() - t0) == 0", "assert fake.request_times[1] - fake.request_times[0] >= 1.0",
        "assert finished - started < 2"]


def test_the_sleep_finder_finds_sleeps_that_order_events(tmp_path):
    found = findings(ordering_sleeps, """
        import asyncio
        import time

        async def test_race():
            task = asyncio.create_task(first())
            await asyncio.sleep(0.2)  # "first has surely started by now"
            await second()
            if True:
                time.sleep(delay)
            await asyncio.sleep(0)  # a yield, not a wait

        def test_polling_is_fine():
            while not done():
                time.sleep(0.05)
    """, tmp_path)
    assert [what.split(": ", 1)[1] for what in found] == [
        'await asyncio.sleep(0.2)  # "first has surely started by now"', "time.sleep(delay)"]


def test_the_absence_finder_finds_tests_that_pass_on_nothing(tmp_path):
    found = findings(absence_only_tests, """
        def test_inert(html):
            assert "<img" not in html and not any("evil" in h for h in html)
            assert not html.count("javascript:")

        def test_inert_and_present(html):
            assert "<img" not in html
            assert "<h3" in html

        def test_refused():
            with pytest.raises(ValueError):
                parse("x")
            assert "x" not in seen

        def helper_only(html):
            assert "x" not in html
    """, tmp_path)
    assert found == ["test_inert only checks what is absent"]
