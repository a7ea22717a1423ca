"""The oldest toolchain a project builds with: Rust's ``rust-version``, ``requires-python``, ``engines.node``, go.mod's
``go`` line; raising it drops users of older compilers and interpreters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from analysis.models import Fact, FileChange

#: manifest keys that state the oldest toolchain supported, by manifest name
MINIMUM_KEYS = {
    "cargo.toml": ("package.rust-version", "workspace.package.rust-version"),
    "pyproject.toml": ("project.requires-python", "tool.poetry.dependencies.python"),
    "package.json": ("engines.node",),
}
_VERSION = re.compile(r"\d+(?:\.\d+){0,2}")
_GO_LINE = re.compile(r"^([+-])go\s+(\d+\.\d+(?:\.\d+)?)\s*$")
#: a TOML manifest's minimum line in a hunk, when the facts could not read the file whole
_TOML_MINIMUM = {"cargo.toml": ("rust-version", "package.rust-version"),
                 "pyproject.toml": ("requires-python", "project.requires-python")}


@dataclass(frozen=True)
class Minimum:
    """The oldest supported toolchain moved in one manifest."""

    path: str
    key: str
    before: str
    after: str

    @property
    def raised(self) -> bool:
        return _parts(self.after) > _parts(self.before)

    @property
    def runtime(self) -> bool:
        """The interpreter or runtime the package runs on (Python, Node), not the compiler that builds it: users
        on the older runtime cannot install the release at all, where a compiler is a build tool upgraded in place."""
        return not self.key.endswith("rust-version") and self.key != "go"


def _parts(spec: str) -> tuple[int, ...]:
    """The lowest version a requirement admits (``>=3.8,<4`` -> (3, 8); ``1.68.0`` -> (1, 68, 0))."""
    match = _VERSION.search(spec)
    return tuple(int(n) for n in match.group(0).split(".")) if match else ()


def toolchain_minimums(facts: list[Fact], files: list[FileChange]) -> list[Minimum]:
    """Every oldest-toolchain requirement the commit moves: manifest keys from the facts, go.mod's ``go`` line from
    its hunks."""
    out = []
    for fact in facts:
        keys = MINIMUM_KEYS.get(PurePosixPath(fact.path).name.lower(), ())
        if fact.kind == "config_value_changed" and fact.symbol in keys and fact.before and fact.after:
            if _parts(fact.before) and _parts(fact.after) and _parts(fact.before) != _parts(fact.after):
                out.append(Minimum(fact.path, fact.symbol or "", fact.before, fact.after))
    seen = {m.path for m in out}
    for change in files:
        name = PurePosixPath(change.path).name.lower()
        if name == "go.mod":
            lines = dict(m.groups() for m in map(_GO_LINE.match, (change.patch or "").splitlines()) if m)
        elif name in _TOML_MINIMUM and change.path not in seen:
            line = re.compile(rf"^([+-])\s*{re.escape(_TOML_MINIMUM[name][0])}\s*=\s*[\"']([^\"']+)[\"']\s*$")
            lines = dict(m.groups() for m in map(line.match, (change.patch or "").splitlines()) if m)
        else:
            continue
        if "-" in lines and "+" in lines and _parts(lines["-"]) != _parts(lines["+"]):
            key = "go" if name == "go.mod" else _TOML_MINIMUM[name][1]
            out.append(Minimum(change.path, key, lines["-"], lines["+"]))
    return out
