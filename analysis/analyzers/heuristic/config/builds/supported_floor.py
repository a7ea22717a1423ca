"""The oldest version of a package its users bring themselves, raised: users on the older one are cut off.

A ``peerDependencies`` entry of a ``package.json`` (``"typescript": "^5.4.0 || ^6.0.0"`` -> ``"^5.6.0 || ^6.0.0 ||
^7.0.0"``) names the versions of a package the user installs beside this one (not the project's own package a
release of the same commit sets: ``"pinia": ">=2.0.13"`` beside ``packages/pinia``'s ``"version": "2.0.13"``, both
published together); a version range written as Maven and
OSGi write it (``<groovy.range>[4.0,6.0)</groovy.range>`` -> ``[5.0,6.0)``, an ``Import-Package`` range) the versions
the published artifact accepts at run time. Its lowest bound raised, users on the versions below must upgrade that
package to take this release, as with the oldest Python or Node raised. A bound widened upward (``|| ^7.0.0`` added,
``6.0)`` -> ``7.0)``) cuts no one off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: a ``package.json`` entry on its line: ``"typescript": "^5.4.0 || ^6.0.0",``
_ENTRY = re.compile(r'^\s*"(?P<name>[^"]+)"\s*:\s*"(?P<range>[^"]*)"\s*,?\s*$')
_PEERS = re.compile(r'^\s*"peerDependencies"\s*:\s*\{')
#: a manifest's own version set: ``+  "version": "2.0.13",``
_OWN_VERSION = re.compile(r'^\+\s*"version"\s*:\s*"v?(?P<version>\d+(?:\.\d+)*)')
#: a Maven/OSGi version range: ``[4.0,6.0)``, ``[1.2, 2)``; not a call's arguments (``Math.max(1, 4)`` in a Gradle
#: script: a name before the bracket)
_RANGE = re.compile(r"(?<![\w.)\]])[\[(]\s*(?P<low>\d+(?:\.\d+)*)\s*,\s*(?P<high>\d+(?:\.\d+)*)?\s*[\])]")
_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _floor(spec: str) -> tuple[int, ...] | None:
    """The lowest version an npm range accepts: the least first version of its ``||`` alternatives."""
    floors = [_version(m.group(0)) for alt in spec.split("||") if (m := _NUMBER.search(alt))]
    return min(floors) if floors else None


def _raised(old: tuple[int, ...] | None, new: tuple[int, ...] | None) -> bool:
    if old is None or new is None:
        return False
    width = max(len(old), len(new))
    return new + (0,) * (width - len(new)) > old + (0,) * (width - len(old))


def _peer_floors(patch: str, released: set[tuple[int, ...]]) -> list[tuple[str, str, str]]:
    """(name, old, new) of ``peerDependencies`` entries whose lowest accepted version rises, not to a version the
    commit's manifests set (``released``)."""
    removed: dict[str, str] = {}
    added: dict[str, str] = {}
    inside = False
    for line in patch.splitlines():
        if line.startswith("@@"):
            inside = False
            continue
        text = line[1:]
        if _PEERS.match(text):
            inside = True
            continue
        if text.strip().startswith("}"):
            inside = False
            continue
        if inside and line[:1] in "+-" and (m := _ENTRY.match(text)):
            (removed if line[:1] == "-" else added)[m.group("name")] = m.group("range")
    return [(name, removed[name], added[name]) for name in removed.keys() & added.keys()
            if _raised(_floor(removed[name]), _floor(added[name])) and _floor(added[name]) not in released]


def _range_floors(patch: str) -> list[tuple[str, str, str]]:
    """(line, old, new) of version ranges rewritten in place whose lower bound rises, the line otherwise the same."""
    removed = [ln[1:].strip() for ln in patch.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    added = [ln[1:].strip() for ln in patch.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    out = []
    for old in removed:
        if not (m := _RANGE.search(old)):
            continue
        for new in added:
            n = _RANGE.search(new)
            if n and _RANGE.sub("#", new) == _RANGE.sub("#", old) and _raised(_version(m.group("low")),
                                                                              _version(n.group("low"))):
                out.append((_RANGE.sub("#", new), m.group(0), n.group(0)))
                break
    return out


def supported_floors_raised(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """(what, old, new) of every peer dependency or version range whose lowest accepted version rises."""
    files = list(files)
    released = {_version(m.group("version")) for f in files if f.path.rsplit("/", 1)[-1] == "package.json"
                for m in map(_OWN_VERSION.match, (f.patch or "").splitlines()) if m}
    out = []
    for f in files:
        name = f.path.rsplit("/", 1)[-1]
        if name == "package.json":
            out += _peer_floors(f.patch or "", released)
        elif name == "pom.xml" or name.endswith((".bnd", ".MF", ".gradle", ".kts", ".properties")):
            out += _range_floors(f.patch or "")
    return out
