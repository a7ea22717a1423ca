"""A public member's documented default rewritten beside the code that sets it: the doc comment's "default" sentence
on an exported field or option now names another value (``// Default value is [] but "Origin" is always appended``
-> ``// Default value is [].``) and a literal of product code changes in the same file. Users who never set the
option get another behaviour: a changed default, whatever the title calls it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.hunks import hunk_blocks, is_comment_line
from analysis.facts.code.hunk_symbols import code_family, definition, public_on_line
from analysis.models import FileChange

#: a sentence stating a default value: "Default value is", "Defaults to", "default: 30", "(default 10)",
#: "@default" ("on by default" names no value; "the default value to call" is prose, ``default=True`` code quoted)
_DEFAULT_SENTENCE = re.compile(r"\bdefault(\s+value)?\s+(is|are)\b|\bdefaults?\s+to\b|\bdefaults?:|\(default\b"
                               r"|@default\b", re.I)
#: where the default's sentence ends: a full stop or semicolon before a space
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
#: the values a default sentence names: a quoted or backticked text, a number (its unit dropped), a keyword value,
#: an empty list or map
_VALUE = re.compile(r""""[^"]*"|'[^']*'|``[^`]*``|`[^`]*`|(?<![\w.])\d+(?:\.\d+)?"""
                    r"""|\b(?:true|false|nil|null|none|zero|empty|enabled|disabled|on|off)\b|\[\]|\{\}""", re.I)
#: a literal in a line of code: a string, a number, a keyword value, an empty list
_LITERAL = re.compile(r""""[^"]*"|'[^']*'|(?<![\w.])\d+(?![\w.])|\b(?:true|false|True|False|nil|null|None)\b"""
                      r"""|\[\]|\{\}""")
_PY = (".py", ".pyi")
#: a Python docstring's line stating a default (``Defaults to ``None``.``): prose, no assignment or call
_PY_DOC = re.compile(r"^[^=]*$")
#: a TypeScript interface member (``readonly allowed?: string[]``): reachable wherever the interface is
_TS_MEMBER = re.compile(r"^(readonly\s+)?[A-Za-z$][\w$]*\??\s*:")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_MODIFIERS = {"pub", "public", "export", "open", "readonly", "static", "final", "const", "var", "val", "let", "func",
              "fn", "def", "async", "class", "type", "struct", "interface", "override", "abstract"}
#: the function or class a hunk's header names: ``@@ -1,4 +1,4 @@ def connect(``
_HEADER_DEF = re.compile(r"@@[^@]*@@\s*(?:async\s+)?(?:def|class)\s+(?P<name>\w+)")


def _doc_text(line: str, path: str) -> str | None:
    """``line``'s prose when it is documentation: a comment in the file's language, or a Python docstring's line."""
    text = line.strip()
    if is_comment_line(text, path):
        return text.lstrip("/#*! ").strip()
    if path.lower().endswith(_PY) and _PY_DOC.match(text) and _DEFAULT_SENTENCE.search(text):
        return text  # a docstring's line: the rules cannot tell it from code but by its words and no ``=``
    return None


def _public(declaration: str, path: str) -> bool:
    """The declaration after a doc comment reaches users, by its language's convention (the hunk reader's
    ``public_on_line``); a TypeScript interface member counts as its interface's."""
    family = code_family(path)
    if family == "js" and _TS_MEMBER.match(declaration):
        return True
    if family is None:
        return False
    found = definition(family, declaration)
    # a field or option line (Go's ``AllowedHeaders []string``) opens no definition: its first own word names it
    name = found.name if found else next((w for w in _IDENT.findall(declaration) if w not in _MODIFIERS), "")
    return bool(name) and public_on_line(family, path, name, declaration)


def _values(text: str) -> list[str]:
    """The values every default sentence of ``text`` names, quotes dropped, in order."""
    found = []
    for match in _DEFAULT_SENTENCE.finditer(text):
        sentence = _SENTENCE_END.split(text[match.start():], maxsplit=1)[0]
        found += [v.strip("\"'`").lower() for v in _VALUE.findall(sentence)]
    return sorted(found)


def _code_literals(lines: Iterable[str], path: str) -> set[str]:
    return {ln for ln in lines if ln and _LITERAL.search(ln) and _doc_text(ln, path) is None}


def _side(lines: list[str], dropped: str, path: str) -> str:
    """One side's documentation in the hunk as one text (context and that side's lines): a re-flowed paragraph
    reads the same on both sides."""
    return " ".join(t for ln in lines if ln[:1] in (" ", "+", "-") and ln[:1] != dropped
                    and (t := _doc_text(ln[1:], path)) is not None)


def _rewritten_in(hunk: str, path: str) -> bool:
    """The hunk rewrites a default sentence so that it names other values, on a public member: the declaration after
    the comment (or, for a docstring, the function or class the hunk's header names)."""
    lines = hunk.split("\n")
    changed = [i for i, ln in enumerate(lines) if ln[:1] in ("+", "-") and (t := _doc_text(ln[1:], path))
               and _DEFAULT_SENTENCE.search(t)]
    if not any(lines[i][0] == "-" for i in changed) or not any(lines[i][0] == "+" for i in changed):
        return False
    if _values(_side(lines, "+", path)) == _values(_side(lines, "-", path)):
        return False  # the same values reworded or re-flowed: "Default value is 10" -> "Defaults to 10"
    for ln in lines[changed[-1] + 1:]:
        if ln[:1] not in (" ", "+") or not ln[1:].strip() or _doc_text(ln[1:], path) is not None:
            continue
        return _public(ln[1:].strip(), path)
    header = _HEADER_DEF.match(lines[0])
    return bool(header) and not header["name"].startswith("_")


def documented_defaults_rewritten(files: Iterable[FileChange]) -> list[str]:
    """Paths of product files whose public member's documented default now names other values and whose code
    changes a literal beside it (a line with a string, number or keyword value removed, not merely moved)."""
    out = []
    for f in files:
        if not f.patch or "/internal/" in f"/{f.path}":
            continue
        removed = [ln[1:].strip() for ln in f.patch.splitlines() if ln[:1] == "-" and not ln.startswith("---")]
        added = [ln[1:].strip() for ln in f.patch.splitlines() if ln[:1] == "+" and not ln.startswith("+++")]
        if not _code_literals(removed, f.path) - set(added):
            continue
        if any(_rewritten_in(hunk, f.path) for hunk in hunk_blocks(f.patch) if hunk.startswith("@@")):
            out.append(f.path)
    return out
