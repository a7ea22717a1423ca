"""Stricter validation: a public function's guard now rejects inputs it accepted (a new rejecting condition)."""

from __future__ import annotations

import re

from analysis.facts.code.hunk_symbols import enclosing_definition
from analysis.facts.patches import parse_patch

#: a title that says inputs are now turned away ("Deny leap second if ...", "Reject empty names", "Validate port")
VALIDATION_TITLE = re.compile(r"^\W*(deny|denies|reject|rejects|disallow|disallows|forbid|forbids|prohibit|"
                              r"refuse|refuses|validate|validates)\b", re.I)
#: a condition: an ``if``/``elif``/``unless`` line, or a continued one (``|| (nano >= 1e9 && sec != 59)``)
_CONDITION = re.compile(r"^\s*(?:\}?\s*(?:else\s+)?if\b|elif\b|unless\b|\|\||&&|or\b|and\b|\()")
#: what a guard does with an input it turns away
#: (a new error made here: ``Errorf``, ``errors.New``, ``Err(...)``; not an ``err`` handed on from a call)
#: (a C++ parser's ``return addError("...", token)``: the error recorded, the parse answered as failed)
_REJECTS = re.compile(r"\breturn\s+(?:None|false)\b|\breturn\s+(?:[^;\n]*,\s*)?(?:fmt\.Errorf|errors\.New|Err)\b|"
                      r"\breturn\s+(?:add|set|report|make|raise|push|record)_?[Ee]rr(?:or)?\s*\(|"
                      r"\bErr\(|\bthrow\b|\braise\b|\bbail!")
#: a rejecting condition in a hunk that names no enclosing function (a patch without git's function context)
UNPLACED = "<unplaced>"
#: how many lines after a changed condition its rejecting statement may stand
_REACH = 5


def rejecting_definitions(path: str, patch: str | None) -> set[str]:
    """The definitions (last name part: ``from_hms_nano_opt``, ``Parse``) in which a condition line is added whose
    branch (within a few lines after it, added or unchanged) rejects the input: returns None / a new error, throws
    or raises. Each condition counts for the function around it only; one whose function neither the hunk nor git's
    header names is ``UNPLACED`` (the caller may give it to a file's only changed function)."""
    names = set()
    for hunk in parse_patch(path, patch).hunks:
        lines = hunk.lines
        for i, line in enumerate(lines):
            if line.kind != "+" or not _CONDITION.match(line.text):
                continue
            after = [ln for ln in lines[i:i + _REACH + 1] if ln.kind != "-"]
            if any(_REJECTS.search(ln.text) for ln in after):
                found = enclosing_definition(path, hunk, i)
                names.add(last_part(found.name) if found else UNPLACED)
    return names


def last_part(name: str) -> str:
    """``NaiveTime::from_hms_nano_opt`` -> ``from_hms_nano_opt``; ``Table.String`` -> ``String``."""
    return re.split(r"::|\.", name)[-1]
