"""The build run from a source checkout moved to another directory: ``cpp/Makefile.am`` is now ``Makefile.am``.

Autotools, CMake, Meson and plain Makefiles are run by hand in the folder that holds them: whoever builds the project
from source (a packager, a user of a C library) runs ``./bootstrap && ./configure`` or ``cmake`` somewhere else now.
A package published to a registry (a ``Cargo.toml``, a ``package.json`` moved into a workspace folder) reaches its
users through the registry and is left out, as are the build files of tests and examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: the files a from-source build starts from, in the folder that holds them
_ENTRY = re.compile(r"^(makefile(\.am|\.in)?|gnumakefile|cmakelists\.txt|configure(\.ac|\.in)?|meson\.build|"
                    r"build\.ninja|sconstruct)$", re.IGNORECASE)


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def build_entries_moved(files: Iterable[FileChange], classes: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(old, new) paths of the from-source build's entry files renamed into another folder, the same file name,
    none of them a test's or an example's."""
    out = []
    for f in files:
        old = f.previous_path
        if f.status != "renamed" or not old or _folder(old) == _folder(f.path):
            continue
        name = f.path.rsplit("/", 1)[-1]
        if (_ENTRY.match(name) and name == old.rsplit("/", 1)[-1]
                and not classes.get(f.path, set()) & {"test", "example", "doc", "ci", "tooling"}):
            out.append((old, f.path))
    return out


#: the file an IDE project builds, by name: Visual Studio's ``<TargetName>``, Xcode's ``PRODUCT_NAME = ...;``
_TARGET_NAME = re.compile(r"^\s*(?:<TargetName>(?P<vs>[^<]+)</TargetName>|PRODUCT_NAME = (?P<xcode>[^;]+);)\s*$")


def targets_renamed(files: Iterable[FileChange], classes: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(old, new) names of the libraries or programs an IDE's build project writes (``<TargetName>lz4_x86`` now
    ``liblz4``), none of them a test's or an example's: whoever links to the built file or ships it finds another
    name."""
    out: list[tuple[str, str]] = []
    for f in files:
        if "build" not in classes.get(f.path, set()) or classes[f.path] & {"test", "example"}:
            continue
        sides: dict[str, list[str]] = {"-": [], "+": []}
        for line in (f.patch or "").splitlines():
            if line[:1] in sides and not line.startswith(("---", "+++")):
                found = _TARGET_NAME.match(line[1:])
                if found:
                    sides[line[:1]].append((found.group("vs") or found.group("xcode")).strip())
        out += [(old, new) for old, new in zip(sides["-"], sides["+"]) if old != new]
    return list(dict.fromkeys(out))
