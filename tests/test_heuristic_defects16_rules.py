"""The summary reads a message and a change as a reviewer would: a bare rule line (``---------`` a squash merge puts
before its trailers) is no paragraph, and a long constant changed at its end shows where the values differ."""

from __future__ import annotations

from analysis.analyzers.heuristic.message import message_points
from tests.facts_support import analysed

SQUASHED = ("refs https://github.com/example/tool/issues/6621\n\n---------\n\n"
            "Signed-off-by: Ann <ann@example.com>")


def test_a_rule_line_is_no_point_of_the_message():
    assert message_points(SQUASHED) == []
    assert message_points("---------\n\nParse the FROM line of the Dockerfile.") == ["Parse the FROM line of the Dockerfile."]


def test_the_summary_says_what_changed_instead_of_the_rule():
    before = "def build(image):\n    return image\n"
    after = "def build(image, base=None):\n    return base or image\n"
    analysis = analysed({"tool/build.py": (before, after)},
                        "feat: base image template variables (#6625)\n\n" + SQUASHED)
    assert not any(s.strip("-") == "" for s in analysis.summary)
    assert any("build" in s for s in analysis.summary)


def test_a_long_constant_changed_at_its_end_shows_where_the_values_differ():
    head = 'PATTERN_DEFAULT = re.compile(r"^((?P<impl>cpython|pypy)-)?(?P<version>[2-9]\\.[0-9]+)'
    before = "import re\n\n" + head + '$")\n\n\ndef run():\n    return PATTERN_DEFAULT\n'
    after = "import re\n\n" + head + '(?P<threaded>t?)$")\n\n\ndef run():\n    return PATTERN_DEFAULT\n'
    analysis = analysed({"tool/factors.py": (before, after)}, "feat: free-threaded factors")
    line = next(s for s in analysis.summary if "PATTERN_DEFAULT" in s)
    old, new = line.split(" → ")
    assert old != new.rstrip()
    assert "(?P<threaded>t?)" in new and "(?P<threaded>t?)" not in old


def test_a_towncrier_section_heading_is_no_changelog_entry():
    changelog = ("Release History\n===============\n\n.. towncrier release notes start\n\n"
                 "Bugfixes - 4.26.0\n-----------------\n- Fix a crash when the config file is empty.\n")
    added = changelog.replace(".. towncrier release notes start\n\n",
                              ".. towncrier release notes start\n\nFeatures - 4.27.0\n-----------------\n"
                              "- Add a ``free_threaded`` flag to the result json.\n\n")
    analysis = analysed({"docs/changelog.rst": (changelog, added)}, "release 4.27.0")
    entries = [s for s in analysis.summary if s.startswith("Changelog:")]
    assert entries == ["Changelog: Add a `free_threaded` flag to the result json."]


def _crate(name: str, version: str) -> str:
    return f'[package]\nname = "{name}"\nversion = "{version}"\nedition = "2021"\n'


def test_the_same_version_bump_in_several_manifests_is_one_summary_line():
    files = {f"{name}/Cargo.toml": (_crate(name, "0.41.2"), _crate(name, "0.42.0"))
             for name in ("client", "server", "tile")}
    files["utils/Cargo.toml"] = (_crate("utils", "0.41.2"), _crate("utils", "0.41.3"))
    analysis = analysed(files, "chore(repo): bump development version")
    lines = [s for s in analysis.summary if "package.version" in s]
    assert lines == ["`package.version` `0.41.2` → `0.42.0` in `client/Cargo.toml`, `server/Cargo.toml`, "
                     "`tile/Cargo.toml`",
                     "`package.version` `0.41.2` → `0.41.3` in `utils/Cargo.toml`"]
