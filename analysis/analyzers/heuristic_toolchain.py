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
    "pyproject.toml": ("project.requires-python",),
    "package.json": ("engines.node",),
}
_VERSION = re.compile(r"\d+(?:\.\d+){0,2}")
_GO_LINE = re.compile(r"^([+-])go\s+(\d+\.\d+(?:\.\d+)?)\s*$")


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
    for change in files:
        if PurePosixPath(change.path).name != "go.mod":
            continue
        lines = dict(m.groups() for m in map(_GO_LINE.match, (change.patch or "").splitlines()) if m)
        if "-" in lines and "+" in lines and lines["-"] != lines["+"]:
            out.append(Minimum(change.path, "go", lines["-"], lines["+"]))
    return out
