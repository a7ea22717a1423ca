"""Values a dispatch stops recognising: ``case "hcl", "tfvars":`` arms deleted from a ``switch`` or ``match``.

A ``switch`` on a string (a file format, a command name, a scheme) lists the inputs the code accepts. Deleting the
arms of some of them, with no arm or table entry naming them added anywhere in the commit, means those inputs now
fall to the default branch: a configuration in that format, a command by that name, is refused or ignored (viper
2024-06-24 ``6e630e5`` dropped ``"hcl"``, ``"ini"`` and ``"properties"`` from its codec lookup).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.facts.patches import parse_patch
from analysis.models import FileChange

#: an arm matching string literals: ``case "a", "b":`` (Go, C-family, JS/TS, Java, Python's ``match``), Rust's
#: ``"a" | "b" =>``
_CASE = re.compile(r"""^\s*(?:case\s+(?P<c>(?:"[^"\n]*"|'[^'\n]*')(?:\s*[,|]\s*(?:"[^"\n]*"|'[^'\n]*'))*)\s*:"""
                   r"""|(?P<r>(?:"[^"\n]*")(?:\s*\|\s*"[^"\n]*")*)\s*=>)""")
_LITERAL = re.compile(r""""([^"\n]*)"|'([^'\n]*)'""")
#: source files whose arms dispatch (documentation and data files hold the same literals without dispatching on them)
_CODE_FILE = re.compile(r"\.(go|c|cc|cpp|h|hpp|java|kt|js|mjs|cjs|ts|mts|tsx|jsx|rs|py|swift|cs|php)$")


def _case_literals(line: str) -> list[str]:
    match = _CASE.match(line)
    if not match:
        return []
    return [a or b for a, b in _LITERAL.findall(match.group("c") or match.group("r"))]


def literal_cases_dropped(product: Iterable[FileChange], every: Iterable[FileChange] = ()) -> dict[str, list[str]]:
    """{path: literals} of ``product`` code files whose deleted ``case`` arms match string literals that no line the
    commit adds names (in any file of ``every``, the whole commit, tests and tables included); escapes (``'\\n'``)
    and blanks are left out."""
    product = list(product)  # read twice: for the lines added, then for the arms dropped
    added, dropped = [], {}
    for f in {id(f): f for f in (*product, *every)}.values():
        for hunk in parse_patch(f.path, f.patch).hunks if f.patch else ():
            added += [line.text for line in hunk.lines if line.kind == "+"]
    for f in product:
        if not f.patch or not _CODE_FILE.search(f.path):
            continue
        for hunk in parse_patch(f.path, f.patch).hunks:
            dropped.setdefault(f.path, []).extend(lit for line in hunk.lines if line.kind == "-"
                                                  for lit in _case_literals(line.text))
    text = "\n".join(added)
    out = {}
    for path, literals in dropped.items():
        gone = [lit for lit in dict.fromkeys(literals)
                if lit.strip() and "\\" not in lit and not re.search(rf"""["'`]{re.escape(lit)}["'`]""", text)]
        if gone:
            out[path] = gone
    return out


#: a title that says the change takes something away: "drop HCL, Java properties and INI", "Remove DDS decoder"
_DROP_TITLE = re.compile(r"^(?:\w+(?:\([^)]*\))?!?:\s*)?(?:drop|drops|dropped|remove|removes|removed|delete|deletes|"
                         r"deleted|stop supporting|no longer support)\b", re.I)


def named_cases_dropped(title: str, product: Iterable[FileChange], every: Iterable[FileChange] = ()) -> list[str]:
    """The dropped ``case`` literals the title names as what it takes away ("drop HCL ..." and ``case "hcl":``
    gone): inputs users passed that the code no longer recognises, said so by the project itself."""
    if not _DROP_TITLE.search(title):
        return []
    words = set(re.findall(r"[a-z0-9]+", title.lower()))
    return [lit for literals in literal_cases_dropped(product, every).values() for lit in literals
            if lit.lower() in words]
