"""Early exits a change adds to code: an ``if`` whose whole block is new and ends the call (``return``, ``throw``,
``raise``), as a reviewer names a guard first ("past the end of the input it now returns null")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.analyzers.heuristic.code.named.inline_tests import in_test_module
from analysis.facts.patches import Hunk, Line, parse_patch
from analysis.models import FileChange

#: ``if (cond) {`` (C, Java, JS, C#), ``if cond {`` (Go, Rust), ``if cond:`` (Python), the block opened on the line
_IF_BRACE = re.compile(r"^\s*if\s*(?P<cond>.+?)\s*\{\s*$")
_IF_COLON = re.compile(r"^\s*if\s+(?P<cond>.+?)\s*:\s*$")
#: ``if cond: return x`` / ``if (cond) return x;`` on one line
_IF_INLINE = re.compile(r"^\s*if\s*(?P<cond>\(.+\)|\s.+?:)\s*(?P<exit>(?:return|throw|raise)\b.*?);?\s*$")
#: the statement that ends the call: its keyword and what it returns or throws
_EXIT = re.compile(r"^\s*(?P<kind>return|throw|raise)\b\s*(?P<value>.*?);?\s*$")
#: a thrown or raised exception's type: ``new IllegalArgumentException(...)``, ``ValueError(...)``
_EXCEPTION = re.compile(r"^(?:new\s+)?(?P<type>[A-Za-z_][\w.:]*)\s*[({]?")
#: an error handed up as it came (Go's ``if err != nil { return err }``): plumbing, not a guard a reader needs named
_ERROR_CHECK = re.compile(r"^\w*err\w*\s*!=\s*nil$", re.IGNORECASE)
#: a statement that branches or loops: an exit after it is that branch's, not the guard's
_CONTROL = re.compile(r"^\s*(?:if|else|for|while|switch|case|elif|match)\b")
#: statements a guard block may hold before its exit (a log line, an error index set): bounded
_MAX_BODY = 4


def added_guards(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """``(condition, exit kind, value)`` for each ``if`` whose lines are all added and whose block ends in
    ``return``/``throw``/``raise`` (value: what is returned, or the exception's type; "" for a bare ``return``)."""
    out: list[tuple[str, str, str]] = []
    for f in files:
        hunks = parse_patch(f.path, f.patch).hunks
        # an ``if`` whose line the patch also removes was moved (into a new function, say), not added
        removed = {line.text.strip() for hunk in hunks for line in hunk.lines if line.kind == "-"}
        # a guard the file loses with the same exit, its condition respelled (``num_nodes == 0`` -> ``first ==
        # last``, both a bare ``return``, the code between rewritten): the early exit was there before, not new
        exits = {guard[1:] for hunk in hunks for guard, _ in _guards_in(_inverted(hunk))}
        for hunk in hunks:
            if f.path.endswith(".rs"):  # a guard in a ``#[cfg(test)] mod tests`` (``if cfg!(miri) { return; }``)
                inside = in_test_module(hunk.header, hunk.lines)  # skips a test, not a call of the product
                hunk = Hunk(hunk.header, [line for line, test in zip(hunk.lines, inside) if not test])
            out += [guard for guard, opened in _guards_in(hunk) if opened not in removed and guard[1:] not in exits]
    return [g for g in dict.fromkeys(out) if not _ERROR_CHECK.match(g[0])]


#: a returned value that is an error: Rust's ``Err(..)``, Go's ``fmt.Errorf``/``errors.New``/``ErrX``, a C error
#: constant (``-EINVAL``, ``MOSQ_ERR_INVAL``; not a ``..._SUCCESS``/``..._OK`` one, nor ``EOF``); a flag that says
#: there is none (``NoError``, ``hasError``) is no error
_ERROR_VALUE = re.compile(r"^Err\(|\bErrorf?\(|\berrors\.New\(|(?:^|,\s*)Err[A-Z]\w*$"
                          r"|\b(?!(?:No|no|Is|is|Has|has)Error\b)\w+Error\b|^-?E(?!OF$)[A-Z]{2,}$"
                          r"|^[A-Z][A-Z0-9_]*_ERR(?:OR)?_(?!SUCCESS$|OK$|NONE$)[A-Z0-9_]+$")
#: a number in code (not part of a name or a dotted version)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
#: an ``if`` line (``} else if``, ``elif``)
_IF_LINE = re.compile(r"^\s*(?:\}\s*else\s+)?(?:if|elif)\b")


def _refusing(kind: str, value: str) -> bool:
    return kind in ("throw", "raise") or (kind == "return" and bool(_ERROR_VALUE.search(value.strip())))


def refusals_added(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """The added guards that end the call with an error: a ``throw``/``raise``, or a ``return`` of an error value
    (``return Err(Error::ModuleError(..))`` when the SQLite library is too old, ``return fmt.Errorf("array body
    truncated")`` past the input's end). Existing code now turns away what it went on with: callers meet a new
    failure, where a bare ``return`` or a default value only skips work."""
    return [g for g in added_guards(files) if _refusing(g[1], g[2])]


def refusal_bounds_moved(files: Iterable[FileChange]) -> list[tuple[str, str]]:
    """``(old, new)`` condition lines of existing guards that refuse (their kept block returns an error or throws)
    rewritten with only a number changed: ``if(keepalive < 5 ...) return MOSQ_ERR_INVAL;`` -> ``keepalive < 2``.
    What a call accepts moves: values refused before now pass, or the other way round."""
    out: list[tuple[str, str]] = []
    for f in files:
        for hunk in parse_patch(f.path, f.patch).hunks:
            lines = hunk.lines
            for i in range(len(lines) - 2):
                old, new = lines[i], lines[i + 1]
                if not (old.kind == "-" and new.kind == "+" and _IF_LINE.match(old.text) and old.text != new.text
                        and _NUMBER.sub("#", old.text) == _NUMBER.sub("#", new.text)):
                    continue
                kept = next((ln for ln in lines[i + 2:i + 2 + _MAX_BODY] if ln.kind == " " and ln.text.strip()), None)
                exit_ = _EXIT.match(kept.text) if kept else None
                if exit_ and _refusing(exit_.group("kind"), exit_.group("value")):
                    out.append((old.text.strip(), new.text.strip()))
    return out


def _inverted(hunk: Hunk) -> Hunk:
    """The hunk read backwards: its removed lines as added, so ``_guards_in`` finds the guards it drops."""
    flip = {"+": "-", "-": "+"}
    return Hunk(hunk.header, [Line(flip.get(line.kind, line.kind), line.text, line.number) for line in hunk.lines])


def _guards_in(hunk: Hunk) -> list[tuple[tuple[str, str, str], str]]:
    """Each guard the hunk adds, with its ``if`` line's text."""
    lines = hunk.lines
    out = []
    for i, line in enumerate(lines):
        if line.kind != "+":
            continue
        if _in_new_definition(lines[:i], line.text):
            continue  # a function the commit adds: its checks are part of what it is, not an exit existing code gains
        inline = _IF_INLINE.match(line.text)
        if inline:
            exit_ = _EXIT.match(inline.group("exit"))
            if exit_:
                out.append((_guard(inline.group("cond"), exit_), line.text.strip()))
            continue
        opened = _IF_BRACE.match(line.text) or _IF_COLON.match(line.text)
        if not opened or _IF_INLINE.match(line.text):
            continue
        body = _block(lines[i + 1:], brace=bool(_IF_BRACE.match(line.text)),
                      indent=len(line.text) - len(line.text.lstrip()))
        if body and not any(_CONTROL.match(statement) for statement in body):  # the exit is the block's own
            exit_ = _EXIT.match(_last_statement(body))
            if exit_:
                out.append((_guard(opened.group("cond"), exit_), line.text.strip()))
    return out


#: a line that opens a block but not a definition: an ``if`` inside a new loop of an old function is still new there
_BLOCK_OPENER = re.compile(r"^\s*(?:\}\s*)?(?:if|else|elif|for|foreach|while|do|switch|case|default|try|catch|except|"
                           r"finally|with|match|when|loop|select|unless|async\s+with|async\s+for)\b")
#: a comment or decorator line: not the block the ``if`` sits in
_ASIDE_LINE = re.compile(r"^\s*(?:#|//|/\*|\*|@)")


def _in_new_definition(before: list, text: str) -> bool:
    """The ``if`` sits in a definition (function, method, class) whose opening line the hunk adds: the nearest line
    above it, less indented and not itself a branch or loop, is an added one."""
    indent = len(text) - len(text.lstrip())
    for line in reversed(before):
        if not line.text.strip() or _ASIDE_LINE.match(line.text):
            continue
        own = len(line.text) - len(line.text.lstrip())
        if own >= indent:
            continue
        if _BLOCK_OPENER.match(line.text):
            indent = own
            continue
        return line.kind == "+"
    return False


def _block(following: list, brace: bool, indent: int) -> list[str]:
    """The statements of the block the ``if`` opens, when every line of it is added and it ends within
    ``_MAX_BODY`` statements (a ``}`` or, in Python, a line back at the ``if``'s indent); none otherwise."""
    body: list[str] = []
    for line in following:
        text = line.text
        if not text.strip():
            continue
        closes = text.strip() == "}" if brace else len(text) - len(text.lstrip()) <= indent
        if closes and (brace or line.kind != "-"):
            return body if (line.kind == "+" or not brace) else []
        if line.kind != "+" or len(body) == _MAX_BODY:
            return []
        body.append(text)
    return []


def _last_statement(body: list[str]) -> str:
    """The block's last statement, its continuation lines joined: ``return Err(format!(`` / ``"..", v`` / ``));``
    is one ``return``."""
    start = len(body) - 1
    while start > 0 and not body[start - 1].rstrip().endswith((";", "{", "}")) and not _EXIT.match(body[start]):
        start -= 1
    return " ".join(line.strip() for line in body[start:])


def _guard(cond: str, exit_: re.Match) -> tuple[str, str, str]:
    cond = cond.strip().rstrip(":").strip()
    if cond.startswith("(") and cond.endswith(")"):
        cond = cond[1:-1].strip()
    kind, value = exit_.group("kind"), exit_.group("value").strip()
    if kind in ("throw", "raise"):
        match = _EXCEPTION.match(value)
        value = match.group("type") if match else value
    return cond, "throw" if kind == "raise" else kind, value
