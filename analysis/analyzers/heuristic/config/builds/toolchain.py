"""The oldest toolchain a project builds with: Rust's ``rust-version``, ``requires-python`` (setuptools'
``python_requires``), ``engines.node``, go.mod's ``go`` line, a pom's Java level, an IntelliJ plugin's
``since-build``, CMake's ``cmake_minimum_required``; raising it drops users of older compilers, interpreters, JVMs,
IDEs and build tools."""

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
#: a Maven property that sets the Java level the classes are compiled for (``<java.version>1.8</java.version>``,
#: ``<maven.compiler.release>``): a JVM older than it cannot load the library's classes
_JAVA_LEVEL = re.compile(r"^([+-])\s*<(?P<key>java\.version|maven\.compiler\.(?:source|target|release))>"
                         r"\s*(?P<level>\d+(?:\.\d+)?)\s*</(?P=key)>\s*$")
#: a TOML manifest's minimum line in a hunk, when the facts could not read the file whole
_TOML_MINIMUM = {"cargo.toml": ("rust-version", "package.rust-version"),
                 "pyproject.toml": ("requires-python", "project.requires-python")}
#: setuptools' own minimum, in a ``setup.py`` call (``python_requires='~=3.9',``) or a ``setup.cfg``
#: (``python_requires = >=3.8``): the packaging metadata pip reads before it installs a release
_SETUP_MINIMUM = re.compile(r"""^([+-])\s*python_requires\s*=\s*["']?([^"',#]+?)["']?\s*,?\s*(#.*)?$""")
_SETUP_FILES = ("setup.py", "setup.cfg")


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
        """The interpreter or runtime the package runs on (Python, Node, the JVM), not the compiler that builds it:
        users on the older runtime cannot install or load the release at all, where a compiler is a build tool
        upgraded in place."""
        return not self.key.endswith("rust-version") and self.key not in ("go", CMAKE_KEY)


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
        if name == "pom.xml":
            out += _java_levels(change)
            continue
        if name == "plugin.xml":
            out += _ide_builds(change)
            continue
        if name == "cmakelists.txt" or name.endswith(".cmake"):
            out += _cmake_floors(change)
            continue
        if name == "go.mod":
            lines = dict(m.groups() for m in map(_GO_LINE.match, (change.patch or "").splitlines()) if m)
        elif name in _SETUP_FILES:
            lines = dict(m.groups()[:2] for m in map(_SETUP_MINIMUM.match, (change.patch or "").splitlines()) if m)
        elif name in _TOML_MINIMUM and change.path not in seen:
            line = re.compile(rf"^([+-])\s*{re.escape(_TOML_MINIMUM[name][0])}\s*=\s*[\"']([^\"']+)[\"']\s*$")
            lines = dict(m.groups() for m in map(line.match, (change.patch or "").splitlines()) if m)
        else:
            continue
        if "-" in lines and "+" in lines and _parts(lines["-"]) != _parts(lines["+"]):
            key = {"go.mod": "go", **dict.fromkeys(_SETUP_FILES, "python_requires")}.get(name) or _TOML_MINIMUM[name][1]
            out.append(Minimum(change.path, key, lines["-"], lines["+"]))
    return out


def _java_levels(change: FileChange) -> list[Minimum]:
    """The Java level a ``pom.xml``'s properties move (one per property, from its removed and added lines)."""
    sides: dict[str, dict[str, str]] = {}
    for line in (change.patch or "").splitlines():
        if m := _JAVA_LEVEL.match(line):
            sides.setdefault(m.group("key"), {})[m.group(1)] = m.group("level")
    return [Minimum(change.path, "java", lines["-"], lines["+"]) for lines in sides.values()
            if "-" in lines and "+" in lines and _parts(lines["-"]) != _parts(lines["+"])][:1]


#: an IntelliJ plugin descriptor's oldest IDE build (``<idea-version since-build="231.9392.1"/>``): the IDE is the
#: runtime a plugin loads in, and an older one refuses to install it
_SINCE_BUILD = re.compile(r"""^([+-])\s*<idea-version\b[^>]*\bsince-build\s*=\s*["']([^"']+)["']""")


def _ide_builds(change: FileChange) -> list[Minimum]:
    """The oldest IDE build a ``plugin.xml`` accepts, moved (from its removed and added ``idea-version`` lines)."""
    lines = dict(m.groups() for m in map(_SINCE_BUILD.match, (change.patch or "").splitlines()) if m)
    if "-" in lines and "+" in lines and _parts(lines["-"]) != _parts(lines["+"]):
        return [Minimum(change.path, "since-build", lines["-"], lines["+"])]
    return []


#: a Cargo manifest's ``rust-version`` or ``edition`` line in a hunk (``edition`` 2021 needs Rust 1.56)
_CARGO_FLOOR = re.compile(r"^(?P<sign>[+-])\s*(?P<key>rust-version|edition)\s*=\s*[\"'](?P<value>[^\"']+)[\"']\s*$")


def rust_floors_set(files: list[FileChange]) -> list[str]:
    """A product Cargo manifest that declares a ``rust-version`` where it had none (cargo now refuses older
    compilers, which built it before), or raises its ``edition`` (2018 -> 2021: every compiler older than the
    edition's first release stops building it): older compilers left behind, as a raised ``rust-version`` does."""
    out = []
    for change in files:
        if PurePosixPath(change.path).name.lower() != "cargo.toml":
            continue
        lines: dict[tuple[str, str], str] = {}
        for m in map(_CARGO_FLOOR.match, (change.patch or "").splitlines()):
            if m:
                lines[(m.group("key"), m.group("sign"))] = m.group("value")
        if ("rust-version", "+") in lines and ("rust-version", "-") not in lines:
            out.append(f"rust-version {lines[('rust-version', '+')]}")
        old, new = lines.get(("edition", "-")), lines.get(("edition", "+"))
        if old and new and _parts(new) > _parts(old):
            out.append(f"edition {new}")
    return out


#: the key a CMake floor is reported under: the command that states it
CMAKE_KEY = "cmake_minimum_required"
#: ``cmake_minimum_required(VERSION 3.10)``, ``(VERSION 3.5...3.28)``, or its version held in a variable
#: (``VERSION ${PROJECT_OLDEST_POLICIES_VERSION}``)
_CMAKE_FLOOR = re.compile(r"^([+ -])\s*cmake_minimum_required\s*\(\s*VERSION\s+\"?(?:\$\{(?P<var>\w+)\}|"
                          r"(?P<version>\d+(?:\.\d+)*))", re.I)


def _cmake_floors(change: FileChange) -> list[Minimum]:
    """The oldest CMake a build file accepts, moved to another release series (3.8 -> 3.10): from its removed and
    added ``cmake_minimum_required`` lines, or from the ``set(...)`` of the variable that command reads (the hunk's
    context shows the command). Only the range's lower end counts (``3.5...3.28`` widens the policies, not the
    floor), and a patch release inside one series (2.8 -> 2.8.12) leaves no one's CMake behind."""
    patch = (change.patch or "").splitlines()
    lines: dict[str, str] = {}
    variables = set()
    for m in map(_CMAKE_FLOOR.match, patch):
        if m and m.group("var"):
            variables.add(m.group("var"))
        elif m and m.group(1) in "+-":
            lines[m.group(1)] = m.group("version")
    for name in variables:
        setter = re.compile(rf"^([+-])\s*set\s*\(\s*{re.escape(name)}\s+\"?(\d+(?:\.\d+)*)", re.I)
        lines.update(m.groups() for m in map(setter.match, patch) if m)
    if "-" in lines and "+" in lines and _parts(lines["-"])[:2] != _parts(lines["+"])[:2]:
        return [Minimum(change.path, CMAKE_KEY, lines["-"], lines["+"])]
    return []
