"""Manual pages are documentation: a release that bumps the version in them is still a release."""

from __future__ import annotations

from analysis.analyzers.heuristic.paths import classify_path
from analysis.models import Fact
from tests.test_heuristic_facts import analyse


def test_manual_pages_under_a_man_directory_are_documentation():
    for path in ("man/man1/fzf.1", "man/fzf-tmux.1", "doc/man3/Foo.3pm", "man/tool.1.ronn", "man/tool.1.scd"):
        assert "doc" in classify_path(path), path
    for path in ("lib/libfoo.so.1", "src/man/handler.go", "manual/page.1x/parse.c"):
        assert "doc" not in classify_path(path), path


def _bump(path: str, old: str, new: str) -> tuple[str, int, int, str]:
    return (path, 1, 1, f"@@ -1 +1 @@\n-{old}\n+{new}")


def test_a_release_that_also_bumps_its_man_pages_is_a_low_chore():
    files = [_bump("main.go", 'var version = "0.72"', 'var version = "0.73"'),
             _bump("install", "version=0.72.0", "version=0.73.0"),
             _bump("man/man1/fzf.1", '.TH fzf 1 "May 2026" "fzf 0.72.0" "fzf - a command-line fuzzy finder"',
                   '.TH fzf 1 "May 2026" "fzf 0.73.0" "fzf - a command-line fuzzy finder"'),
             ("CHANGELOG.md", 3, 0)]
    # the release's notes quote a crash fix made in its own commit: no crash fix here
    notes = [Fact(kind="changelog_entry", path="CHANGELOG.md", text=text)
             for text in ("- Fixed integer-overflow panic in the matcher on 32-bit builds",
                          "- New `--preview-window=next` position beside the input")]
    analysis = analyse("0.73.0", files, notes)
    assert analysis.importance == "low" and analysis.change_type == "chore"
