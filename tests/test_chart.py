"""The 14-day chart: the series (recorded, estimated from a real git repository, missing), the PNG, lazy matplotlib."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from analysis.analyzers.heuristic import HeuristicAnalyzer
from analysis.errors import RemoteFailure
from analysis.models import Analysis, Commit, CommitReport, Digest
from analysis.renderers.chart import caption, render_chart, size_px
from analysis.sources.local_git import LocalGitSource
from bot.core.digests import history
from bot.store import TinyStore

END = date(2026, 2, 14)
ROOT = Path(__file__).resolve().parents[1]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def digest_of(day: date, importances: list[str], repo: str = "o/r") -> Digest:
    reports = []
    for n, level in enumerate(importances):
        commit = Commit(sha=f"{n:040x}", author="a", message=f"change {n}",
                        committed_at=datetime.combine(day, datetime.min.time(), timezone.utc))
        reports.append(CommitReport(commit=commit, analysis=Analysis(change_type="fix", importance=level)))
    return Digest(repo=repo, date=day.isoformat(), timezone="UTC", commits=reports)


def message_importance(message: str) -> str:
    """What the heuristic says from a message alone (the estimate's rule), computed independently of history."""
    commit = Commit(sha="0" * 40, author="a", message=message, committed_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
    return HeuristicAnalyzer().analyze_sync(commit, "en").importance


def test_series_uses_records_and_marks_unknown_days_missing():
    store = TinyStore.in_memory()
    history.record(store, digest_of(END, ["high", "low", "low"]))
    history.record(store, digest_of(END - timedelta(days=13), ["medium"]))
    history.record(store, digest_of(END - timedelta(days=20), ["high"]))  # outside the 14 days
    history.record(store, digest_of(END, ["high"], repo="other/repo"))
    days = history.series(store, "O/R", END)
    assert [d.day for d in days] == [END - timedelta(days=13 - i) for i in range(14)]
    assert (days[-1].high, days[-1].medium, days[-1].low, days[-1].origin) == (1, 0, 2, "recorded")
    assert (days[0].medium, days[0].total, days[0].origin) == (1, 1, "recorded")
    assert all(d.origin == "missing" and d.total == 0 for d in days[1:-1])
    assert caption(days) == "n/a: 12 days without data"


def test_missing_days_are_estimated_from_the_messages_in_one_listing(git_repo, tmp_path):
    zone = timezone(timedelta(hours=8))  # Asia/Shanghai has no DST: a fixed offset is the same days
    messages = {
        END - timedelta(days=1): ["feat!: drop the v1 API", "docs: fix a typo", "security: escape user input"],
        END - timedelta(days=4): ["chore: bump version"],
        END - timedelta(days=13): ["fix: crash on empty config", "test: cover the parser"],
        END - timedelta(days=14): ["feat: outside the series"],
    }
    for day, texts in sorted(messages.items()):  # history in order, as a real repository has it
        for n, text in enumerate(texts):
            # 23:30 local is 15:30 UTC: counted on the local day, not the UTC one
            git_repo.commit(text, datetime.combine(day, datetime.min.time(), zone) + timedelta(hours=23, minutes=n))
    store = TinyStore(tmp_path / "data")
    history.record(store, digest_of(END, ["low"]))
    source = LocalGitSource(git_repo.path)
    calls = []

    def listing(window, branch=None):
        calls.append((window.start, window.end))
        return LocalGitSource.list_commits(source, window, branch)

    source.list_commits = listing
    days = history.series(store, "o/r", END, estimate=history.source_estimator(source, "Asia/Shanghai"))
    assert len(calls) == 1  # one listing for every missing day
    by_day = {d.day: d for d in days}
    for day, texts in messages.items():
        if day not in by_day:
            continue
        expected = {level: sum(1 for t in texts if message_importance(t) == level) for level in ("high", "medium", "low")}
        got = by_day[day]
        assert (got.high, got.medium, got.low, got.origin) == (expected["high"], expected["medium"], expected["low"],
                                                               "estimated"), day
    assert by_day[END].origin == "recorded" and by_day[END].total == 1
    quiet = [d for d in days if d.day not in messages and d.day != END]
    assert quiet and all(d.origin == "estimated" and d.total == 0 for d in quiet)
    assert "estimated from commit messages" in caption(days)

    # estimates are kept: the next chart lists nothing, and a real digest replaces an estimate
    history.record(store, digest_of(END - timedelta(days=1), ["medium"]))

    def refuse(days):
        raise AssertionError("listed again")

    again = history.series(TinyStore(tmp_path / "data"), "o/r", END, estimate=refuse)
    assert [(d.total, d.origin) for d in again] == [(d.total, d.origin) for d in days[:-2]] + [(1, "recorded")] * 2


def test_a_source_that_fails_leaves_days_missing_without_raising():
    def failing(days):
        raise RemoteFailure("GitHub could not be reached")

    days = history.series(TinyStore.in_memory(), "o/r", END, estimate=failing)
    assert all(d.origin == "missing" for d in days)


def test_png_is_valid_and_of_the_expected_size():
    store = TinyStore.in_memory()
    for back, levels in ((0, ["high", "medium", "low", "low"]), (2, ["low"] * 9), (5, ["high"] * 3)):
        history.record(store, digest_of(END - timedelta(days=back), levels))
    days = history.series(store, "o/r", END)
    png = render_chart(days, "o/r $x$ \\ ")
    assert png_size(png) == size_px() == (800, 360)
    from PIL import Image  # pillow comes with matplotlib

    with Image.open(io.BytesIO(png)) as image:
        image.verify()
    with Image.open(io.BytesIO(png)) as image:
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0xE7, 0x4C, 0x3C) in colours and (0x2E, 0xCC, 0x71) in colours  # high and low bars are drawn
    assert render_chart(history.series(TinyStore.in_memory(), "o/r", END), "o/r") != png


def _run(code: str, tmp_path, stdin: str = "") -> str:
    env = {**os.environ, "DIGESTBOT_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_matplotlib_is_not_loaded_by_the_core_nor_by_run(tmp_path):
    out = _run("import sys, bot.core.service, bot.web.reports, bot.core.digests.history, adapters.console; "
               "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'markdown_it')))",
               tmp_path)
    assert out.strip() == "[]"
    out = _run("import sys\nfrom bot.cli import main\nstatus = main(['run', '--adapter', 'console'])\n"
               "print('loaded' if 'matplotlib' in sys.modules else 'lazy', status)", tmp_path, stdin="/digest help\n")
    assert out.strip().splitlines()[-1] == "lazy 0"


def test_report_writes_the_chart_too(git_repo, tmp_path, monkeypatch, capsys):
    from bot.cli import main

    for day, text in ((END - timedelta(days=2), "fix: bug"), (END, "feat: new parser"), (END, "docs: readme")):
        git_repo.commit(text, datetime.combine(day, datetime.min.time(), timezone.utc) + timedelta(hours=10))
    target = tmp_path / "out" / "chart.png"
    target.parent.mkdir()
    assert main(["report", str(git_repo.path), "--date", END.isoformat(), "--analyzer", "heuristic",
                 "--chart", str(target)]) == 0
    assert capsys.readouterr().out.startswith("# Daily Update Report (2026-02-14)")
    assert png_size(target.read_bytes()) == (800, 360)
    store = TinyStore(tmp_path / "data")
    days = history.series(store, git_repo.path.name, END)
    assert (days[-1].total, days[-1].origin) == (2, "recorded") and (days[-3].total, days[-3].origin) == (1, "estimated")
    assert main(["report", str(git_repo.path), "--date", END.isoformat(), "--analyzer", "heuristic",
                 "--chart", str(tmp_path / "missing-dir" / "c.png")]) == 2
    assert "cannot write the chart" in capsys.readouterr().err
