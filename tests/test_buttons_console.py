"""The digest buttons typed on the console (``/digest press KIND SHA [REPO]``), through the installed ``digestbot run``."""

from __future__ import annotations

from tests.test_console import day_repo, run_console  # noqa: F401 - day_repo is a fixture


def test_console_presses_the_buttons(day_repo, tmp_path):  # noqa: F811 - the fixture
    repo = str(day_repo.path)
    sha = day_repo.git("log", "--format=%H", "--grep", "v2 endpoint")
    done = run_console([f"/digest subscribe {repo}", "/digest now 2026-02-14", f"/digest press explain {sha}",
                        f"/digest press less {sha[:10]}", f"/digest press mute {sha}",
                        f"/digest press mute_confirm {sha} {repo}", "/digest list", "/digest press frobnicate x"],
                       tmp_path / "data")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"Facts from the diff of `{sha[:7]}`" in out and "api/v2.proto" in out
    assert "Noted:" in out and "matters less in this channel" in out
    assert "Mute `api/`" in out and f"/digest press mute_confirm {sha} {repo}" in out
    assert "Muted `api/`" in out and "`!api/`" in out  # confirmed, and listed
    assert "usage: /digest press explain|less|more|mute|mute_confirm|mute_cancel SHA [REPO]" in out
    assert "Traceback" not in out + done.stderr
