"""Required members a public Rust trait that existed gains: ``const KIND: VTabKind;``, ``type Output;`` or ``fn
delete(&mut self) -> Result<()>;`` written into a ``pub trait`` with no default value or body.

Every type users wrote that implements the trait no longer compiles until it gains the member: the change breaks
implementors, not callers, so no removed symbol or changed signature says so (cargo-semver-checks' ``trait_method_
added``). A member added with a default (a ``fn`` with a body, ``const X: T = ..``) asks nothing of them; nor does a
sealed trait (``: private::Sealed``), or a member the crate keeps to itself (``#[doc(hidden)]``, a ``__name``): that
is how a trait is sealed against implementors outside the crate. Rust only: its traits are what users implement
(``Serialize``, a virtual table); a Java or Kotlin interface gaining an abstract method is as often the library's
own facade over its implementation (jOOQ's DSL steps, jedis' command interfaces), implemented in the same commit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import Line, parse_patch
from analysis.models import FileChange

#: a public trait's opening line (``pub trait CreateVTab<'vtab>: VTab<'vtab> {``), not ``pub(crate)``
_HEADER = re.compile(r"^\s*pub\s+(?:unsafe\s+)?trait\s+(?P<name>\w+)")
#: a trait closed to implementors outside its crate
_SEALED = re.compile(r"\bSealed\b")
#: a member declared with nothing to run and no value: the implementor supplies it
_REQUIRED = re.compile(
    r"^\s*(?:(?:unsafe|async|const|extern\s+\"\w+\")\s+)*fn\s+(?P<fn>\w+)[^{]*;$"
    r"|^\s*const\s+(?P<const>\w+)\s*:[^=]*;$"
    r"|^\s*type\s+(?P<type>\w+)(?:\s*:[^=]*)?;$")
#: a name a removed line declares (the member was there before: re-spelled, moved, its default dropped)
_DECLARED = re.compile(r"\b(?:fn|const|type)\s+(?P<name>\w+)")
_HIDDEN = re.compile(r"^\s*#\[doc\s*\(\s*hidden\s*\)\]")
_COMMENT = re.compile(r"^\s*(?://|/\*|\*|#\[)")
#: lines a member's declaration may span (its parameters one a line)
_SPAN = 8


def _declaration(lines: list[Line], start: int) -> str:
    """The added declaration opening at ``start``, joined with its added continuation lines up to the line that ends
    it (``;``, a body's ``{``), comments cut."""
    parts: list[str] = []
    for line in lines[start:start + _SPAN]:
        if line.kind != "+":
            break
        parts.append(line.text.split("//")[0].strip())
        if parts[-1].endswith((";", "{", "}")):
            break
    return " ".join(parts)


def _hidden(lines: list[Line], index: int) -> bool:
    """The attributes right above the member (added with it) hide it from the documentation."""
    for line in reversed(lines[:index]):
        if line.kind != "+" or not line.text.strip().startswith(("#[", "///", "//")):
            return False
        if _HIDDEN.match(line.text):
            return True
    return False


def required_members_added(files: Iterable[FileChange]) -> list[str]:
    """``Trait.member`` for each required member an existing public, unsealed Rust trait gains."""
    out: list[str] = []
    for f in files:
        if not f.path.endswith(".rs") or not f.patch:
            continue
        patch = parse_patch(f.path, f.patch)
        removed = {m.group("name") for line in patch.removed if (m := _DECLARED.search(line.text))}
        for hunk in patch.hunks:
            owner: str | None = None
            depth, opening = 0, False
            context = _HEADER.search(hunk.header or "")
            if context and not _SEALED.search(hunk.header):
                owner, depth = context.group("name"), 1  # the hunk starts inside the trait git names
            for i, line in enumerate(hunk.lines):
                if line.kind == "-":
                    continue
                text = line.text.split("//")[0]
                opened = _HEADER.match(line.text)
                if opened:
                    # the trait must have existed: its header a context line, not one this change adds
                    owner = opened.group("name") if line.kind == " " and not _SEALED.search(line.text) else None
                    depth = text.count("{") - text.count("}")
                    opening = depth <= 0  # ``pub trait T<A>`` / ``where ..`` / ``{``: the body opens below
                    continue
                if owner is None:
                    continue
                if line.kind == "+" and depth == 1 and not _COMMENT.match(line.text):
                    m = _REQUIRED.match(_declaration(hunk.lines, i))
                    name = m and (m.group("fn") or m.group("const") or m.group("type"))
                    if name and name not in removed and not name.startswith("_") and not _hidden(hunk.lines, i):
                        out.append(f"{owner}.{name}")
                depth += text.count("{") - text.count("}")
                opening = opening and depth <= 0
                if depth <= 0 and not opening:
                    owner = None
    return list(dict.fromkeys(out))
