"""Labelled days of real repositories as small offline fixtures: build them from a clone, load them back.

A fixture (``tests/data/heuristic_days/<repo>-<date>.json.xz``) holds one day's changes as the digest
lists them (a merge with the commits it brings in is one change, analysed over its first-parent diff;
back-merges of the main branch into a feature branch are left out), each with message, parents, files
and patches, plus the before/after text of the touched code and configuration files so that
``file_at`` can be answered offline. ``labels.tsv`` next to them holds the hand-made labels.

Build one:  ``python bench/day_fixtures.py CLONE YYYY-MM-DD NAME-YYYY-MM-DD`` (UTC day; the last argument names the file).
Add the directory listings to a fixture built before they were kept: ``python bench/day_fixtures.py --listings CLONE NAME``.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.changes import fold  # noqa: E402
from analysis.day import DayWindow  # noqa: E402
from analysis.facts import derive_facts  # noqa: E402
from analysis.models import Commit  # noqa: E402
from analysis.sources.local_git import LocalGitSource  # noqa: E402

DATA = ROOT / "tests" / "data" / "heuristic_days"
LABELS = DATA / "labels.tsv"
#: files whose full text is kept: code and configuration, not docs or data
_TEXT_EXTS = (".py", ".pyi", ".go", ".rs", ".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".jsx", ".java",
              ".kt", ".kts", ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".yaml", ".yml", ".toml", ".json", ".cfg")
_MAX_BLOB = 400_000


@dataclass
class FixtureContents:
    """Answers ``file_at(sha, path)`` from the fixture's stored texts."""

    texts: dict[str, str] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)  # "sha:path" -> text key
    dirs: dict[str, list[str]] = field(default_factory=dict)  # "sha:path" -> entries (fixtures built since the 36th set)

    def file_at(self, sha: str, path: str) -> str | None:
        key = self.index.get(f"{sha}:{path}")
        return self.texts.get(key) if key else None

    def names_at(self, sha: str, path: str) -> list[str] | None:
        return self.dirs.get(f"{sha}:{path}")


class _ListingRecorder:
    """A local clone's ``file_at`` and ``names_at``, keeping every directory listing and file text the facts asked
    for (the fixture stores them: ``analysis.facts.code.installed_headers`` reads where a project keeps its headers,
    ``analysis.facts.code.rust_modules`` the module files that declare a changed file's module)."""

    def __init__(self, source: LocalGitSource):
        self.source, self.dirs, self.files = source, {}, {}

    def file_at(self, sha: str, path: str) -> str | None:
        text = self.source.file_at(sha, path)
        if text is not None:
            self.files[(sha, path)] = text
        return text

    def names_at(self, sha: str, path: str) -> list[str] | None:
        names = self.source.names_at(sha, path)
        if names is not None:
            self.dirs[f"{sha}:{path}"] = names
        return names


@dataclass
class Day:
    """One labelled day: its changes (newest first), their file texts and the labels by full SHA."""

    name: str
    commits: list[Commit]
    contents: FixtureContents
    labels: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # sha -> (importance, type, reason)


def _git(repo: Path, *args: str) -> str | None:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def day_changes(source: LocalGitSource, day: str) -> list[Commit]:
    """The day's changes as the digest counts them (``analysis.changes.fold``): merges stand for the commits they
    bring in, back-merges of the main branch and same-day backports are no changes of their own."""
    return [change.commit for change in fold(source.list_commits(DayWindow.of(day, "UTC")))]


def build(clone: Path, day: str) -> dict:
    """The fixture of one UTC day of a local clone, as plain JSON data."""
    source = LocalGitSource(clone)
    commits, texts, index, recorder = [], {}, {}, _ListingRecorder(source)
    for listed in day_changes(source, day):
        commit = source.commit_details(listed.sha)
        derive_facts(commit, recorder)  # only for the directory listings it asks for
        parent = commit.parents[0] if commit.parents else None
        for change in commit.files:
            if not change.path.lower().endswith(_TEXT_EXTS):
                continue
            sides = [(commit.sha, change.path, change.status != "removed")]
            if parent:
                sides.append((parent, change.previous_path or change.path, change.status != "added"))
            for sha, path, present in sides:
                text = _git(clone, "show", f"{sha}:{path}") if present else None
                if text is None or len(text) > _MAX_BLOB:
                    continue
                key = hashlib.sha1(text.encode()).hexdigest()[:16]
                texts[key] = text
                index[f"{sha}:{path}"] = key
        commits.append(commit.model_dump(mode="json"))
    for (sha, path), text in recorder.files.items():  # files the facts read beside the changed ones
        if f"{sha}:{path}" not in index and len(text) <= _MAX_BLOB:
            key = hashlib.sha1(text.encode()).hexdigest()[:16]
            texts[key] = text
            index[f"{sha}:{path}"] = key
    return {"day": day, "commits": commits, "texts": texts, "index": index, "dirs": recorder.dirs}


def read_labels(path: Path = LABELS) -> dict[str, dict[str, tuple[str, str, str]]]:
    """Labels by day name, then by SHA prefix: (importance, change type, reason)."""
    out: dict[str, dict[str, tuple[str, str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        day, sha, importance, change_type, reason = line.split("\t", 4)
        out.setdefault(day, {})[sha] = (importance, change_type, reason)
    return out


def load(name: str, data: Path = DATA) -> Day:
    """One fixture day with its labels (matched by SHA prefix)."""
    raw = json.loads(lzma.decompress((data / f"{name}.json.xz").read_bytes()))
    commits = [Commit.model_validate(c) for c in raw["commits"]]
    labels = read_labels(data / "labels.tsv").get(name, {}) if (data / "labels.tsv").exists() else {}
    by_sha = {}
    for commit in commits:
        match = [v for k, v in labels.items() if commit.sha.startswith(k)]
        if match:
            by_sha[commit.sha] = match[0]
    return Day(name=name, commits=commits, contents=FixtureContents(raw["texts"], raw["index"], raw.get("dirs", {})), labels=by_sha)


def day_names(data: Path = DATA) -> list[str]:
    return sorted(p.name.removesuffix(".json.xz") for p in data.glob("*.json.xz"))


def add_listings(clone: Path, name: str, data: Path = DATA) -> dict:
    """A fixture built before directory listings were kept, with the listings its changes' facts ask for (read
    from a clone of the same repository; the stored commits and texts stay as they are)."""
    raw = json.loads(lzma.decompress((data / f"{name}.json.xz").read_bytes()))
    recorder = _ListingRecorder(LocalGitSource(clone))
    for stored in raw["commits"]:
        derive_facts(Commit.model_validate(stored), recorder)
    return raw | {"dirs": recorder.dirs}


def _write(name: str, data: dict) -> Path:
    DATA.mkdir(parents=True, exist_ok=True)
    out = DATA / f"{name}.json.xz"
    out.write_bytes(lzma.compress(json.dumps(data, ensure_ascii=False).encode(), preset=9 | lzma.PRESET_EXTREME))
    return out


def main(argv: list[str]) -> int:
    if argv[0] == "--listings":  # python bench/day_fixtures.py --listings CLONE NAME-YYYY-MM-DD
        data = add_listings(Path(argv[1]), argv[2])
        print(f"{_write(argv[2], data).name}: {len(data['dirs'])} directory listings")
        return 0
    clone, day, name = Path(argv[0]), argv[1], argv[2]
    data = build(clone, day)
    out = _write(name, data)
    print(f"{out.name}: {len(data['commits'])} changes, {len(data['texts'])} texts, {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
