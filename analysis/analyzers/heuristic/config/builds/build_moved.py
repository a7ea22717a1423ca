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
