"""A function the commit writes whose whole body calls itself with its own parameters: every call recurses until the
stack gives out (lipgloss's ``func (c Color) RGBA() (r, g, b, a uint32) { return c.RGBA() }``, meant to reach the
colour the string names). Read from the added lines of product code: the definition, its one statement, its end;
Go, Rust and Python, whose definitions a line shows whole. A call on another receiver (``c.inner.RGBA()``), with
other arguments (a step of a real recursion) or a base's (``super().f()``) is no such loop; nor is a Rust method's
``self.len()`` (a trait's method reaching the type's inherent one), so Rust is read for free functions only."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

#: a Go method or function opening its body on the line: ``func (c Color) RGBA() (r, g, b, a uint32) {``
_GO = re.compile(r"^func\s+(?:\((?P<recv>\w+)\s+\*?(?P<type>[\w.]+)(?:\[[^\]]*\])?\)\s+)?(?P<name>\w+)"
                 r"(?:\[[^\]]*\])?\s*\((?P<params>[^()]*)\)[^{}]*\{$")
#: a Rust function opening its body on the line: ``pub fn len(&self) -> usize {``
_RUST = re.compile(r"^(?:pub(?:\([^)]*\))?\s+)?(?:const\s+|async\s+|unsafe\s+)*fn\s+(?P<name>\w+)\s*(?:<[^(]*>)?"
                   r"\((?P<params>[^()]*)\)[^{}]*\{$")
#: a Python function on one line: ``def size(self):``
_PY = re.compile(r"^(?:async\s+)?def\s+(?P<name>\w+)\s*\((?P<params>[^()]*)\)\s*(?:->[^:]+)?:$")
_RECEIVERS = ("self", "&self", "&mut self", "mut self", "cls")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _names(params: str, language: str) -> list[str]:
    """The parameters' names in order, the receiver (``self``) left out."""
    names = []
    for part in (p.strip() for p in params.split(",")):
        if not part or part in _RECEIVERS or part.startswith(("self:", "self :")):
            continue
        if language == "go":
            names.append(part.split()[0].lstrip("."))
        elif language == "rust":
            names.append(part.split(":")[0].replace("mut ", "").strip())
        else:
            names.append(part.split("=")[0].split(":")[0].strip())
    return names


def _calls_itself(statement: str, name: str, receiver: str | None, params: list[str]) -> bool:
    """``statement`` is only a call of ``name`` (on ``receiver``, or bare) passing ``params`` as they came."""
    # a method's bare ``name()`` reaches a free function of that name, not itself: the receiver must be named
    callee = rf"{re.escape(receiver)}\." if receiver else ""
    match = re.fullmatch(rf"(?:return\s+)?{callee}{re.escape(name)}\((?P<args>[^()]*)\);?", statement)
    if not match:
        return False
    args = [a.strip() for a in match.group("args").split(",") if a.strip()]
    return args == params or args == [p.lstrip("*") for p in params] and not any(p.startswith("*") for p in params)


def self_calls(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """(path, symbol, the call) of each function the added lines define as a call of itself, nothing else."""
    out = []
    for f in files:
        language = "go" if f.path.endswith(".go") else "rust" if f.path.endswith(".rs") else \
            "python" if f.path.endswith(".py") else None
        if language is None or not f.patch:
            continue
        lines = f.patch.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("+") or line.startswith("+++"):
                continue
            head = line[1:].strip()
            match = (_GO if language == "go" else _RUST if language == "rust" else _PY).match(head)
            if not match:
                continue
            body = [ln for ln in lines[i + 1:i + 4] if ln[1:].strip()]
            if len(body) < 1 or not all(ln.startswith("+") for ln in body[:1]):
                continue
            statement = body[0][1:].strip()
            if language == "go":
                receiver = match.group("recv")
                symbol = f"{match.group('type').rsplit('.', 1)[-1]}.{match.group('name')}" if receiver else \
                    match.group("name")
            elif language == "rust":
                # a method's ``self.len()`` may reach the type's inherent ``len`` from a trait's (the usual way to
                # delegate), and a bare call in an ``impl`` a free function: only a free function of the file's top
                if _indent(line[1:]) or any(p.strip() in _RECEIVERS for p in match.group("params").split(",")):
                    continue
                receiver, symbol = None, match.group("name")
            else:
                first = match.group("params").split(",")[0].split(":")[0].strip()
                receiver = first if first in ("self", "cls") else None
                if receiver is None and _indent(line[1:]):
                    continue  # a bare call in a class's body reaches the module's function of that name
                symbol = match.group("name")
            if language == "python":  # the body ends where a line is indented no deeper than the ``def``
                ends = len(body) < 2 or _indent(body[1][1:]) <= _indent(line[1:])
            else:
                ends = len(body) > 1 and body[1][1:].strip() == "}"
            if ends and _calls_itself(statement, match.group("name"), receiver,
                                      _names(match.group("params"), language)):
                out.append((f.path, symbol, statement))
    return out
