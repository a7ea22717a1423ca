"""Private definitions only added, nothing that was there changed: groundwork no existing code calls yet.

A commit that adds private functions or methods (a reference count and its ``Pin``/``Unpin`` on an internal type,
an accessor on a crate-private enum) to files that were there, removing no line and editing no existing body, runs
no new code: what existed cannot name what did not, and the new definitions are out of users' reach. Only the
definitions a runtime calls by name without a caller in the source are left out (Go's ``init``, ``String``,
``Error``; Python's dunders; the JVM's serialization hooks and reflection, hence JVM sources altogether), and a
method that implements a trait's or base's (the facts say "overrides"): those run at once.
"""

from __future__ import annotations

import re

from analysis.facts.code.hunk_symbols import code_family, code_part, definition, enclosing_definition
from analysis.facts.patches import parse_patch

#: methods a runtime calls by their name alone: Go's package ``init`` and ``fmt``/``errors`` interfaces, Rust's
#: ``Drop``/``Default``, Python's dunders, C's and Go's ``main``
_HOOKS = re.compile(r"^(__\w+__|init|main|String|GoString|Error|Format|Unwrap|Is|As|drop|default|fmt)$")
#: JVM sources: private members are called by reflection and serialization by their name (``readObjectNoData``)
_JVM = (".java", ".kt", ".kts", ".scala", ".groovy")
#: the kinds of definition that declare a type: one gaining a field stores more, no code runs otherwise
_TYPE_KINDS = ("struct", "class", "type", "enum", "interface")
#: an import or a module's declaration line (``"sync/atomic"`` in Go's import block, ``use a::b;``, ``mod x;``)
_IMPORT = re.compile(r'^\s*(import\b|from\s+\S+\s+import\b|use\s|mod\s+\w+\s*;|#\s*include\b|"[\w./-]+"\s*$|\)\s*$)')


#: lines that open or close no code of their own: a closing bracket, Rust's inherent ``impl Type {`` (a trait's
#: ``impl Trait for Type`` makes its methods overrides, which the facts say)
_FRAME = re.compile(r"^\s*([})\]];?\s*|impl\b(?!.*\bfor\b).*\{\s*)$")


def _name(symbol: str | None) -> str:
    return re.split(r"\.|::", symbol or "")[-1]


def unreached_additions(e) -> bool:
    """Every product fact is a private definition added (none overriding, none a runtime's hook) or a private type
    whose declaration changed (a field added); every product file was there before and loses no line; and every
    added code line sits inside one of those definitions or is an import: nothing that existed calls the new
    code, nothing users reach changed. Not a fix (a fix says something ran wrongly), no setting, dependency or
    security signal."""
    product = [f for f in e.facts if e.in_product(f) and f.kind != "changelog_entry"]
    added = [f for f in product if f.kind == "symbol_added"]
    if not added or not e.behaviour:
        return False
    if any(f.status != "modified" or f.deletions or not f.patch or f.path.lower().endswith(_JVM)
           for f in e.behaviour):
        return False
    for f in product:
        if e.is_public(f):
            return False
        text = (f.text or "").split(", ")
        if f.kind == "symbol_added":
            if "overrides" in text[1:] or _HOOKS.match(_name(f.symbol)):
                return False
        elif not (f.kind == "symbol_modified" and text[0] in _TYPE_KINDS):
            return False
    owners = {_name(f.symbol) for f in product}
    for f in e.behaviour:
        family = code_family(f.path)
        if family is None:
            return False
        for hunk in parse_patch(f.path, f.patch).hunks:
            for i, line in enumerate(hunk.lines):
                if line.kind != "+" or not code_part(family, line.text).strip() or _IMPORT.match(line.text) \
                        or _FRAME.match(line.text):
                    continue
                found = definition(family, line.text) or enclosing_definition(f.path, hunk, i)
                if found is None or _name(found.name) not in owners:
                    return False
    return True
