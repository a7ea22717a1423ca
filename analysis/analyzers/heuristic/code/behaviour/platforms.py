"""Product code that names an operating system (or a target architecture) its removed lines did not: a platform now
supported or detected."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import changed_lines
from analysis.models import FileChange

#: operating systems as code names them: ``'SunOS'``, ``__FreeBSD__``, ``OpenBSD5_7``, ``"managarm"``
_OS = re.compile(r"(?<![A-Za-z])(linux|darwin|macos|freebsd|netbsd|openbsd|dragonfly|solaris|sunos|illumos|aix|"
                 r"haiku|hurd|cygwin|mingw|msys|win32|win64|android|wasi|emscripten|fuchsia|redox|managarm|qnx|"
                 r"vxworks|horizon|nuttx)(?![A-Za-z])", re.I)
#: a target's platform compared in code: ``target_os = "motor"``, ``target.os``, ``runtime.GOOS == "aix"``; or its
#: CPU architecture (``target_arch = "arm64ec"``, ``GOARCH``): code users on that architecture did not run before
_TARGET = re.compile(r"""\b(?:target_os|target\.os|GOOS|sys\.platform|target_arch|target\.arch|GOARCH)\b\W{0,6}"""
                     r"""["'](?P<name>[\w-]+)["']""")
#: a line that is only a comment (a C preprocessor condition and a Rust attribute, ``#[cfg(...)]``, are code)
_COMMENT = re.compile(r"^(#(?![\[!]|\s*(if|elif|ifdef|ifndef|define))|//|/\*|\*|--)")


def _platforms(lines: list[str]) -> set[str]:
    code = [ln for ln in lines if ln and not _COMMENT.match(ln)]
    found = {m.group(1).lower() for ln in code for m in _OS.finditer(ln)}
    return found | {m.group("name").lower() for ln in code for m in _TARGET.finditer(ln)}


def platforms_added(files: Iterable[FileChange]) -> list[str]:
    """The operating systems that product code's added lines name and its removed lines did not (comments aside):
    a condition widened to let another platform in ("Solaris, FreeBSD ncols compatibility", ``"managarm"`` in a
    ``matches!(target.os, ...)``, ``__DragonFly__`` beside ``__FreeBSD__``). Users on it get code that did not run
    for them before."""
    added: set[str] = set()
    for f in files:
        removed, new = changed_lines(f.patch)
        if removed:  # a condition rewritten: a new file or lines only added name what they always did
            added |= _platforms(new) - _platforms(removed)
    return sorted(added)
