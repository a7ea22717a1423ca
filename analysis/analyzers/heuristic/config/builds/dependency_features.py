"""Features of a dependency switched on in a package's Cargo manifest: the package compiles in code it did not.

``minijinja-contrib = { ..., features = ["pycompat", "html_entities", "wordwrap"] }`` in the Python bindings'
manifest ships the contrib crate's ``wordwrap`` filter to every user of the bindings: a capability added with no
line of the package's own code. Only the sections a build of the package reads count (``[dependencies]``,
``[target.'cfg(...)'.dependencies]``): a ``[dev-dependencies]`` or ``[build-dependencies]`` feature serves the
project's tests and build scripts. A hunk that shows no section header says nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import FileChange

#: a TOML table header: ``[dependencies]``, ``[target.'cfg(unix)'.dependencies]``, ``[dev-dependencies]``
_TABLE = re.compile(r"^\s*\[(?P<name>[^\[\]]+)\]\s*(#.*)?$")
#: a dependency line with an inline table naming its features
_DEPENDENCY = re.compile(r'^\s*(?P<name>[A-Za-z0-9_-]+)\s*=\s*\{.*\bfeatures\s*=\s*\[(?P<features>[^\]]*)\]')
_QUOTED = re.compile(r'"([^"]+)"|\'([^\']+)\'')


def _normal_dependencies(table: str) -> bool:
    """The table lists dependencies the package itself is built with (not its tests' or its build script's)."""
    last = table.strip().rsplit(".", 1)[-1]
    return last == "dependencies"


def _features(text: str) -> set[str]:
    return {a or b for a, b in _QUOTED.findall(text)}


def dependency_features_enabled(files: Iterable[FileChange]) -> list[tuple[str, str, list[str]]]:
    """(manifest, dependency, features) for each dependency of a ``Cargo.toml`` whose ``features`` list gains
    entries, in a table of the package's own dependencies that the hunk shows."""
    out: list[tuple[str, str, list[str]]] = []
    for f in files:
        if f.path.rsplit("/", 1)[-1] != "Cargo.toml" or not f.patch:
            continue
        for hunk in parse_patch(f.path, f.patch).hunks:
            table: str | None = None
            removed: dict[str, set[str]] = {}
            added: dict[str, tuple[str | None, set[str]]] = {}
            for line in hunk.lines:
                if (m := _TABLE.match(line.text)) and line.kind in (" ", "+"):
                    table = m.group("name")
                    continue
                dep = _DEPENDENCY.match(line.text)
                if not dep:
                    continue
                if line.kind == "-":
                    removed[dep.group("name")] = _features(dep.group("features"))
                elif line.kind == "+":
                    added[dep.group("name")] = (table, _features(dep.group("features")))
            for name, (where, features) in added.items():
                gained = features - removed.get(name, features)
                if gained and where is not None and _normal_dependencies(where):
                    out.append((f.path, name, sorted(gained)))
    return out
