"""Symbols from the hunks alone, when the file's full texts are not read: definition lines added or removed,
git's ``@@ ... @@ funcname`` context, and changes that touch only comments or spacing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from analysis.facts.code.block_comments import block_comment, commented_lines
from analysis.facts.code.positional import renames_only
from analysis.facts.code.rules.base import Param, Symbol
from analysis.facts.code.symbols import describe_signature
from analysis.facts.languages import FAMILY, GRAMMARS, grammar_for, is_header, is_private_module, unexported_location
from analysis.facts.patches import FilePatch, Hunk, Line
from analysis.models import Fact

_PY_PRIVATE = re.compile(r"^_(?!_.*__$)")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")


@dataclass(frozen=True)
class Definition:
    name: str
    kind: str
    params: str | None
    line: str


_RULES: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "python": [(re.compile(r"^\s*(?:async\s+)?def\s+(?P<name>\w+)\s*(?P<params>\(.*)?"), "function"),
               (re.compile(r"^\s*class\s+(?P<name>\w+)"), "class")],
    "go": [(re.compile(r"^func\s+(?:\((?P<recv>[^)]*)\)\s*)?(?P<name>\w+)\s*(?:\[[^\]]*\])?(?P<params>\(.*)?"),
            "function"),
           (re.compile(r"^type\s+(?P<name>\w+)\s+(?P<what>struct|interface)\b"), "type")],
    "rust": [(re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+\"\w+\"\s+)?"
                         r"fn\s+(?P<name>\w+)\s*(?:<[^(]*>)?(?P<params>\(.*)?"), "function"),
             (re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?P<what>struct|enum|trait|union)\s+(?P<name>\w+)"), "type")],
    "js": [(re.compile(r"^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(?P<name>\w+)\s*(?:<[^(]*>)?"
                       r"(?P<params>\(.*)?"), "function"),
           (re.compile(r"^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?"
                       r"(?P<what>class|interface|enum|type)\s+(?P<name>\w+)"), "type"),
           (re.compile(r"^\s*(?:export\s+)?(?:const|let|var)\s+(?P<name>\w+)\s*(?::[^=]+)?=\s*(?:async\s+)?"
                       r"(?:function\b|(?P<params>\([^)]*\))\s*(?::[^=]+)?=>)"), "function")],
    "java": [(re.compile(r"^\s*(?:(?:public|private|protected|static|final|abstract|sealed)\s+)*"
                         r"(?P<what>class|interface|enum|record)\s+(?P<name>\w+)"), "type"),
             (re.compile(r"^\s*(?:(?:public|private|protected|static|final|abstract|synchronized|default)\s+)+"
                         r"[\w<>\[\],.? ]+\s+(?P<name>\w+)\s*(?P<params>\(.*)"), "method")],
    "kotlin": [(re.compile(r"^\s*(?:(?:public|private|protected|internal|open|abstract|sealed|data|inner|value|"
                           r"annotation|enum|fun|expect|actual|@\w+)\s+)*(?:(?P<what>class|interface)|object)\s+(?P<name>\w+)"),
                "type"),
               (re.compile(r"^\s*(?:(?:public|private|protected|internal|open|abstract|override|final|suspend|inline|"
                           r"operator|infix|tailrec|external|expect|actual|@\w+)\s+)*fun\s+(?:<[^>]*>\s*)?"
                           r"(?:[\w.<>?]+\.)?(?P<name>\w+)\s*(?P<params>\(.*)?"), "function")],
    "c": [(re.compile(r"^(?!\s)(?!(?:if|for|while|switch|return|else|do|case)\b)[\w*&:<>,\s]*?[\s*&]"
                      r"(?P<name>[A-Za-z_][\w:~]*)\s*(?P<params>\([^;]*)$"), "function"),
          # a C++ class with its base clause (``class SnappyIOVecReader : public Source {``) or ``final``
          (re.compile(r"^\s*(?:typedef\s+)?(?P<what>struct|class|enum|union)\s+(?P<name>\w+)\s*(?:final\s*)?"
                      r"(?::\s*(?:(?:public|protected|private|virtual)\s+)*[\w:<>, ]+)?\{?\s*$"), "type")],
}
_COMMENT = {"python": ("#",), "go": ("//", "/*", "*"), "rust": ("//", "/*", "*", "#[doc", "#![doc"), "js": ("//", "/*", "*"),
            "java": ("//", "/*", "*", "@param", "@return"), "kotlin": ("//", "/*", "*", "@param", "@return"),
            "c": ("//", "/*", "*")}


def _family(path: str) -> str | None:
    grammar = grammar_for(path)
    return FAMILY[grammar] if grammar else None


#: the language family of ``path`` for ``code_part`` (None: not code the hunk readers know)
code_family = _family


#: a template placeholder right after a name (``func local_request_{{.Method.GetName}}_{{.Index}}(``, a code
#: generator's template): the name is spelled out only when the template runs, its first word is none
_PLACEHOLDER = re.compile(r"\{\{|\$\{|<%|#\{")


def definition(family: str, text: str) -> Definition | None:
    """The definition ``text`` opens in ``family``'s syntax, if it opens one."""
    for pattern, kind in _RULES[family]:
        match = pattern.match(text)
        if match and match.groupdict().get("name") and _PLACEHOLDER.match(text, match.end("name")):
            return None
        if match:
            groups = match.groupdict()
            label = groups.get("what") or kind
            if family == "go" and groups.get("recv"):
                owner = groups["recv"].split()[-1].lstrip("*").split("[")[0]
                return Definition(f"{owner}.{groups['name']}", "method", _params(groups.get("params")), text)
            return Definition(groups["name"], label, _params(groups.get("params")), text)
    return None


def _params(text: str | None) -> str | None:
    if not text:
        return None
    depth, out = 0, []
    for char in text:
        out.append(char)
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return " ".join("".join(out).split())
    return None  # the parameter list goes on past this line: unknown


def arrow_head(text: str, i: int) -> bool:
    """``text[i]`` is the ``>`` of an arrow ``=>`` (a function type), not a closing angle bracket."""
    return text[i] == ">" and i > 0 and text[i - 1] == "="


def operator_equals(text: str, i: int) -> bool:
    """``text[i]`` is the ``=`` of ``=>``, ``==``, ``>=``, ``<=`` or ``!=``: not the ``=`` before a default value."""
    return text[i + 1:i + 2] in ("=", ">") or (i > 0 and text[i - 1] in "=<>!")


def _split_top(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` outside brackets and quotes."""
    parts, depth, quote, current = [], 0, "", []
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{<":
            depth += 1
        elif char in ")]}>" and not arrow_head(text, i):
            depth -= 1
        elif char == sep and depth == 0 and not (sep == "=" and operator_equals(text, i)):
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


#: a Rust lifetime or its bound (``'a``, ``'static``), not a char literal (``'a'``)
_LIFETIME = re.compile(r"'[A-Za-z_]\w*\b(?!')")


def parse_params(family: str, text: str | None) -> tuple[Param, ...] | None:
    """A one-line parameter list ``(a, b=1)`` as parameters: names and defaults, by the language's order."""
    if not text or not text.startswith("(") or not text.endswith(")"):
        return None
    if family == "rust":  # a lifetime (``&'a self``) is no quote: left in, it swallows the parameters after it
        text = _LIFETIME.sub("", text)
    params = []
    for part in _split_top(text[1:-1], ","):
        head, *default = _split_top(part, "=") if "=" in part else [part]
        words = _IDENT.findall(head)
        if not words:
            continue
        if family == "kotlin":  # ``val x: Int = 1``, ``vararg xs: Int``: the name is the word before the colon
            words = _IDENT.findall(head.split(":")[0])
        name = words[-1] if family in ("java", "c", "kotlin") else words[0]
        params.append(Param(name, default=default[0] if default else None))
    return tuple(params)


def public_on_line(family: str, path: str, name: str, line: str) -> bool:
    """Whether ``name``, declared on ``line`` of ``path``, is public by ``family``'s convention."""
    if unexported_location(family, path):
        return False
    if family == "python":
        return not is_private_module(path) and not any(_PY_PRIVATE.match(p) for p in name.split("."))
    if family == "go":
        return all(part[:1].isupper() for part in name.split("."))
    if family == "rust":
        return line.lstrip().startswith("pub ")  # pub(crate), pub(super), pub(in ...) stay in the crate
    if family == "js":
        return line.lstrip().startswith("export ")
    if family == "java":
        return " public " in f" {line.strip()} "
    if family == "kotlin":  # public unless it says otherwise
        return not set(line.split()) & {"private", "internal", "protected"}
    if "::" in name and name.rpartition("::")[2].startswith("_"):
        return False  # ``void Executor::_schedule(...)`` out of its class: the hunk cannot see the class's
        # ``private:``, and a member named with a leading underscore is by convention the class's own
    return is_header(path) or not line.lstrip().startswith("static ")


def _header_symbol(family: str, hunk: Hunk) -> Definition | None:
    """The definition a hunk's changes sit in: the last one opened before them in the hunk, else git's header."""
    first_change = next((i for i, line in enumerate(hunk.lines) if line.kind != " "), None)
    return None if first_change is None else _enclosing(family, hunk, first_change)


def _closes_top_level(family: str, text: str) -> bool:
    """``text`` ends whatever top-level definition was open: a brace closed in column 0 (``}``, ``};``), or in
    Python a statement, decorator or definition in column 0. Git's ``@@`` header names the definition open at the
    hunk's start, not one that ended before its changes."""
    if not text or text[0].isspace():
        return False
    if family == "python":
        return text[0].isalpha() or text[0] in "_@"
    return text[0] == "}"


#: a line in column 0 that no C struct, union or enum body holds: a macro defined, or a declaration begun (members
#: are indented; ``#if``/``#endif`` may stand in a body at column 0, ``}`` closes it and is read above, and an access
#: label such as ``public:`` is no declaration)
_C_TOP_LEVEL = re.compile(r"^(#\s*define\b|[A-Za-z_](?!\w*\s*:\s*$))")


def _enclosing(family: str, hunk: Hunk, index: int) -> Definition | None:
    for line in reversed(hunk.lines[:index]):
        found = definition(family, line.text)
        if found:
            return found
        if _closes_top_level(family, line.text):
            return None
    header = definition(family, hunk.header) if hunk.header else None
    if header is not None and family == "c" and header.kind in ("struct", "union", "enum") and any(
            _C_TOP_LEVEL.match(line.text) for line in hunk.lines[:index + 1]):
        # git names the last ``struct ssl_func {`` above the hunk, but the ``#define SSL_free ...`` lines it shows
        # (and changes) stand after that struct's end: no type of the file is changed
        return None
    return header


def enclosing_definition(path: str, hunk: Hunk, index: int) -> Definition | None:
    """The definition line ``index`` of ``hunk`` sits in: the last one opened before it in the hunk, else git's header
    (None for a language without rules)."""
    family = _family(path)
    return None if family is None else _enclosing(family, hunk, index)


def _is_comment(family: str, text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith(_COMMENT[family])


#: the quotes a trailing comment's marker may hide in (Rust's ``'`` opens lifetimes too: not a quote there)
_QUOTES = {"python": "'\"", "go": "\"`", "rust": "\"", "js": "'\"`", "java": "\"", "kotlin": "\"", "c": "'\""}


def code_part(family: str, text: str) -> str:
    """``text`` less a trailing comment (``x = 1  # note`` -> ``x = 1``), a marker inside quotes kept; a comment
    line is empty."""
    if _is_comment(family, text):
        return ""
    marker, quote, i = "#" if family == "python" else "//", "", 0
    while i < len(text):
        char = text[i]
        if quote:
            i += 2 if char == "\\" else 1
            quote = "" if char == quote else quote
            continue
        if char in _QUOTES[family]:
            quote = char
        elif text.startswith(marker, i):
            return text[:i].rstrip()
        i += 1
    return text


def _side_code(family: str, lines: list[Line], kind: str) -> list[str]:
    """The code parts of the ``kind`` lines, read with the context lines of that side: a line inside a ``/* .. */``
    block the hunk shows opening (a licence header's ``Copyright 2019 ...``) is comment, not code."""
    parts, inside = [], False
    for line in (ln for ln in lines if ln.kind in (" ", kind)):
        text = line.text
        if family != "python":
            inside, text = block_comment(text, inside)
        if line.kind == kind:
            parts.append(code_part(family, text))
    return parts


def _code_changed(family: str, lines: list[Line]) -> bool:
    """Some changed line of ``lines`` changes code, not only a comment (one on its own line or after code)."""
    def squeezed(kind: str) -> list[str]:  # spacing dropped; Python keeps its indentation, which is meaning there
        parts = _side_code(family, lines, kind)
        return [(part[: len(part) - len(part.lstrip())].replace("\t", "    ") if family == "python" else "")
                + "".join(part.split()) for part in parts if part.strip()]

    return squeezed("+") != squeezed("-")


def comments_only_from_hunks(path: str, patch: FilePatch) -> bool:
    """Every changed line is a comment or blank, or the change only moves spacing around (generated code too: a
    generator's licence header edited)."""
    grammar = GRAMMARS.get(PurePosixPath(path).suffix.lower())
    family = FAMILY[grammar] if grammar else None
    if family is None or not patch.hunks:
        return False
    if not any(_code_changed(family, hunk.lines) for hunk in patch.hunks):
        return True  # comment lines, or a comment after code (``type T struct { //nolint:x``), edited
    def squeeze(lines: list[Line]) -> list[str]:
        """Lines without spacing; Python keeps its indentation, which carries meaning there."""
        out = []
        for line in lines:
            if line.text.strip():
                indent = line.text[: len(line.text) - len(line.text.lstrip())] if family == "python" else ""
                out.append(indent.replace("\t", "    ") + "".join(line.text.split()))
        return sorted(out)

    return squeeze(patch.added) == squeeze(patch.removed)


def _reflowed(family: str, hunk: Hunk) -> bool:
    """The hunk only moves spacing and line breaks (a formatter's rewrap); Python's indentation is meaning."""
    if family == "python":
        return False

    def squeezed(lines: list[Line]) -> str:
        # a rewrapped comment moves its "//"; a string split in two adds '" "' (adjacent literals join)
        text = "".join("".join(line.text.split()) for line in lines)
        return text.replace("//", "").replace('""', "")

    return squeezed(hunk.removed) == squeezed(hunk.added)


#: a definition line that overrides its base's or interface's member: Kotlin's ``override fun``, C++'s ``) override``
_OVERRIDES = {"kotlin": re.compile(r"^\s*(?:[\w@]+\s+)*override\s+(?:[\w@]+\s+)*fun\b"),
              "c": re.compile(r"\)\s*(?:const\s*)?(?:noexcept\s*)?(?:final\s*)?override\b")}


def _kind(family: str, found: Definition) -> str:
    """The fact's kind text, "function, overrides" for a definition that overrides (as a full read says): callers
    reach it through the base or interface, which keeps the member whether this one comes or goes (okhttp's ``object
    Gzip : DecompressionAlgorithm`` moved to a file of its own, its ``override fun decompress`` removed here)."""
    pattern = _OVERRIDES.get(family)
    return f"{found.kind}, overrides" if pattern is not None and pattern.search(found.line) else found.kind


def hunk_symbol_facts(path: str, patch: FilePatch) -> list[Fact]:
    """symbol_added/removed/signature_changed from definition lines; symbol_modified from the hunk context."""
    family = _family(path)
    if family is None:
        return []
    patch = FilePatch(patch.path, [h for h in patch.hunks if not _reflowed(family, h)])
    added = _definitions(family, patch.added)
    removed = _definitions(family, patch.removed)
    facts: list[Fact] = []
    named: set[str] = set()
    for name, found in added.items():
        public = public_on_line(family, path, name, found.line)
        old = removed.get(name)
        if old is None:
            facts.append(Fact(kind="symbol_added", path=path, symbol=name, public=public, after=found.params,
                              text=_kind(family, found)))
        elif old.params and found.params and old.params != found.params:
            text = _describe(family, name, old.params, found.params)
            if family in ("java", "kotlin") and _unannotated(old.params) == _unannotated(found.params):
                # the lists differ in their parameters' annotations only (``@Nullable Object obj`` ->
                # ``@NullableDecl Object obj``): the same call for callers; the definition line changed, not the
                # signature, as a full read of both sides says
                facts.append(Fact(kind="symbol_modified", path=path, symbol=name, public=public, text=found.kind))
            elif (family == "c" and text and all(part.startswith("renames ") for part in text.split("; "))) or (
                    renames_only(family, parse_params(family, old.params), parse_params(family, found.params), text)):
                # callers pass by position (C/C++, Go, Rust, Java, TS/JS): a parameter renamed is the body's change,
                # not the signature's
                facts.append(Fact(kind="symbol_modified", path=path, symbol=name, public=public, text=found.kind))
            else:
                facts.append(Fact(kind="signature_changed", path=path, symbol=name, public=public, before=old.params,
                                  after=found.params, text=text))
        named.add(name)
    for name, found in removed.items():
        if name not in added:
            facts.append(Fact(kind="symbol_removed", path=path, symbol=name,
                              public=public_on_line(family, path, name, found.line), before=found.params,
                              text=_kind(family, found)))
            named.add(name)
    for hunk in patch.hunks:
        # a hunk that only edits comments changes no code of the definition around it
        context = _header_symbol(family, hunk) if _code_changed(family, hunk.lines) else None
        if context is not None and context.name not in named:
            named.add(context.name)
            facts.append(Fact(kind="symbol_modified", path=path, symbol=context.name,
                              public=public_on_line(family, path, context.name, context.line), text=context.kind))
    return facts


#: a Java/Kotlin annotation in a parameter list: ``@Nullable``, ``@javax.annotation.Nullable``, ``@Size(max = 3)``
_PARAM_ANNOTATION = re.compile(r"@[\w.]+(?:\s*\([^()]*\))?\s*")


def _unannotated(params: str) -> str:
    return " ".join(_PARAM_ANNOTATION.sub("", params).split())


def _describe(family: str, name: str, before: str, after: str) -> str | None:
    old, new = parse_params(family, before), parse_params(family, after)
    if old is None or new is None:
        return None
    return describe_signature(Symbol(name, "function", True, None, params=old),
                              Symbol(name, "function", True, None, params=new)) or None


def _definitions(family: str, lines: list[Line]) -> dict[str, Definition]:
    found: dict[str, Definition] = {}
    for line in lines:
        match = definition(family, line.text)
        if match is not None:
            found.setdefault(match.name, match)
    return found


def documented_names(path: str, patch: FilePatch, limit: int = 3) -> list[str]:
    """What a comments-only change documents, read from git's context: the definition right below each hunk's
    changed lines (a doc comment precedes its item), or right above them in Python (a docstring follows its def)."""
    family = _family(path)
    if family is None:
        return []
    names: list[str] = []
    for hunk in patch.hunks:
        changed = [i for i, line in enumerate(hunk.lines) if line.kind != " "]
        if not changed:
            continue
        nearby = reversed(hunk.lines[: changed[0]]) if family == "python" else hunk.lines[changed[-1] + 1:]
        # a line inside a ``/* .. */`` block is prose, whatever it looks like ("this software and associated
        # documentation files (the "Software"), to deal in" of a licence read as a function ``files``)
        prose = {id(hunk.lines[i]) for i in commented_lines([(x.kind, x.text) for x in hunk.lines])} \
            if family != "python" else set()
        # a comment after a definition's own opening line (``type T struct { //nolint:x``) is on that definition
        found = next((d for i in changed if id(hunk.lines[i]) not in prose
                      and (d := definition(family, hunk.lines[i].text))), None)
        found = found or next((d for line in _until_changed(nearby) if id(line) not in prose
                               and (d := definition(family, line.text))), None)
        found = found or _header_symbol(family, hunk)  # out of the context's reach: the enclosing type or function
        if found is not None:
            names.append(found.name)
    return list(dict.fromkeys(names))[:limit]


def _until_changed(lines) -> list[Line]:
    out = []
    for line in lines:
        if line.kind != " ":
            break
        out.append(line)
    return out


def definitions_mentioning(path: str, patch: FilePatch, word: str, besides: frozenset[str] = frozenset()
                           ) -> list[Definition]:
    """The definitions enclosing the hunks whose added lines (other than ``besides``) use ``word`` (a whole
    identifier), per git's context."""
    family = _family(path)
    if family is None:
        return []
    used = re.compile(rf"(?<![\w$]){re.escape(word)}(?![\w$])")
    found = [_header_symbol(family, hunk) for hunk in patch.hunks
             if any(used.search(line.text) and not _is_comment(family, line.text) and line.text not in besides
                    for line in hunk.added)]
    return list({d.name: d for d in found if d is not None}.values())

