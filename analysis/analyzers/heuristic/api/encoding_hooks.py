"""Go's encoding hooks added to an existing type: the method an encoder or a database driver calls on its own."""

from __future__ import annotations

import re

from analysis.models import Fact

#: methods the standard library's encoders and ``database/sql`` look up on a value (``json.Marshaler``,
#: ``encoding.TextMarshaler``, ``driver.Valuer``, ``sql.Scanner``, ``gob.GobEncoder``...) and, without them, fall
#: back to reflection or fail
_HOOKS = re.compile(r"^(Marshal|Unmarshal)(JSON|Text|Binary|YAML|XML)$|^Gob(Encode|Decode)$|^Value$|^Scan$")
#: the forms of the database hooks, whose names other methods share (a flag's ``Value() string``)
_FORMS = {"Value": re.compile(r"\bdriver\.Value\b"), "Scan": re.compile(r"^\(\w*:?\s*(interface\{\}|any)\)")}


def encoding_hooks_added(facts: list[Fact]) -> list[str]:
    """Public Go methods added whose name and form are an encoding hook (``func (u UUID) Value() (driver.Value,
    error)``), on a type that existed before the commit: every value the program already encodes, stores or
    decodes through that library now takes the method's path (a UUID stored as its text, not as 16 bytes), with
    no change to the callers' code."""
    added_types = {f.symbol for f in facts if f.kind == "symbol_added" and f.symbol and "." not in f.symbol}
    out = []
    for f in facts:
        if f.kind != "symbol_added" or not f.path.endswith(".go") or f.public is False or not f.symbol:
            continue
        owner, _, method = f.symbol.rpartition(".")
        form = _FORMS.get(method)
        if (owner and owner not in added_types and _HOOKS.match(method) and f.text == "method"
                and (form is None or form.search(f.after or ""))):
            out.append(f.symbol)
    return out
