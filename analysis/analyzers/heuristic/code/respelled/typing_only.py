"""Python edits the author says are for the type checker: annotations added, aliases marked ``TypeAlias``,
overloads copied in from typeshed, attributes declared so mypy or pyright stop flagging them. Python drops
annotations when it runs, so such a change reaches nobody's running program; the author who says the change is
also a runtime one ("Runtime changes for typeshed parameter annotations") is believed too, and so is a declared
return type replaced by another (``-> TypeGuard[X]`` as ``-> bool``): what users' own type checkers infer from
each call changes. The same holds for a JavaScript codebase the author says is being migrated to TypeScript ("Migrate
to TS (pass 4, rules)"): each pass writes the same program for the type checker, which the emitted JavaScript does
not carry."""

from __future__ import annotations

import re

from analysis.analyzers.signatures import compare
from analysis.models import Fact, FileChange

#: the message names a type checker or the typing it feeds (not "typing" alone: "``bdist_wheel`` typing
#: improvement" mended what a user set)
TYPING_TITLE = re.compile(r"\b(mypy|pyright|pytype|typeshed|TypeAlias|type[- ]hints?|type annotations?)\b", re.I)
#: the message says the code moves to TypeScript ("Migrate to TS", "convert parser to TypeScript", "TS migration")
TS_MIGRATION_TITLE = re.compile(
    r"\b(?i:migrat\w*|convert\w*|port(ed|ing)?|mov\w*)\b.*\b(TS|TypeScript)\b|\b(TS|TypeScript) (?i:migration|conversion)\b")
#: TypeScript sources
_TS = (".ts", ".tsx", ".mts", ".cts")
#: ... unless it says the program's run changes too
_RUNTIME = re.compile(r"\bruntime\b", re.I)


#: a return annotation absent on one side
_NONE = "—"


def returns_retyped(facts: list[Fact]) -> bool:
    """A signature whose declared return type is replaced by another (one only added or dropped is not)."""
    for fact in facts:
        if fact.kind == "signature_changed":
            returns = compare(fact.before, fact.after, fact.path).returns
            if returns and _NONE not in returns:
                return True
    return False


def typing_titled(title: str, behaviour: list[FileChange], facts: list[Fact]) -> bool:
    """The title names a type checker or type annotations (and not the runtime), every product file the change
    touches is Python source or a stub, and no declared return type is replaced; or the title says the code is
    migrated to TypeScript and every product file is a TypeScript source edited in place (not one renamed from
    JavaScript or added: what the package builds from stays where it was)."""
    if _RUNTIME.search(title) or not behaviour or returns_retyped(facts):
        return False
    if TS_MIGRATION_TITLE.search(title):
        return all(f.path.endswith(_TS) and f.status == "modified" for f in behaviour)
    return bool(TYPING_TITLE.search(title)) and all(f.path.endswith((".py", ".pyi")) for f in behaviour)
