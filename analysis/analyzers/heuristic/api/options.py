"""Options a commit adds for users to set: a settings struct's field, a command-line flag; their defaults and readers.

Read from the added lines of product code: a public field added to a Go or Rust settings struct (``Config``,
``*Options``; its default from the ``name: value,`` line the same file adds, a ``Default`` impl or a default
literal), a command-line flag (clap's ``#[arg(long)]`` field, argparse's ``add_argument("--x")``, click's
``@click.option("--x")``, cobra/pflag's ``Flags().BoolVar(&v, "x", false, ..)``, Go's ``flag.Int("x", 3, ..)``,
commander's ``.option("--x")``), with the default the line itself gives. The functions that read an option are the
definitions around the hunks that use its name elsewhere (git's context).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.analyzers.heuristic.api.struct_fields import SETTINGS_STRUCT, public_fields_added
from analysis.analyzers.heuristic.code.hunks import hunk_blocks
from analysis.facts.code.hunk_symbols import definitions_mentioning
from analysis.facts.patches import parse_patch
from analysis.models import FileChange


@dataclass(frozen=True)
class NewOption:
    """One setting users gain: its name as they write it, the default the diff shows (or None), where it is
    defined, and the identifier the code reads it by."""

    name: str
    default: str | None
    path: str
    word: str
    line: str = ""  # the added line that defines it (not a use)


#: a default short and plain enough to quote: a literal, a constant, an enum variant (not a call with arguments)
_PLAIN_VALUE = re.compile(r"""^(?:"[^"]{0,30}"|'[^']{0,30}'|[-+]?[\w.:]{1,40}(?:\(\))?)$""")
_CLAP_OPEN = re.compile(r"^\s*#\[(?:arg|clap|structopt)\((?P<args>.*)$")
_CLAP_CLOSE = re.compile(r"\)\]\s*$")
_CLAP_LONG = re.compile(r"(?<![\w-])long(?![\w-])\s*(?:=\s*\"(?P<name>[\w-]+)\")?")
_CLAP_DEFAULT = re.compile(r"\bdefault_value(?:_t)?\s*=\s*(?P<value>\"[^\"]*\"|[^,)\s]+)")
_RUST_FIELD = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?P<name>\w+)\s*:")
_PY_FLAG = re.compile(r"""(?:\badd_argument|@click\.option|\.option)\(\s*(?:["']-\w["']\s*,\s*)?["'](?:-\w,\s*)?"""
                      r"""(?P<flag>--[\w-]+)""")
#: a flag-defining call left open at the end of its line: its arguments follow, one per line
_PY_CALL_OPEN = re.compile(r"(?:\badd_argument|@click\.option|\.option)\(\s*$")
_CALL_LINES = 8
_PY_DEFAULT = re.compile(r"\bdefault\s*=\s*(?P<value>[^,)]+)")
_GO_FLAG = re.compile(r"""\b(?:Flags\(\)|flag|fs|flags)\.(?:String|Bool|Int\d*|Uint\d*|Float\d*|Duration|StringSlice|"""
                      r"""StringArray)(?:Var)?(?P<short>P)?\(\s*(?:&(?P<var>[\w.]+)\s*,\s*)?"(?P<flag>[\w-]+)"\s*,"""
                      r"""(?:\s*"\w?"\s*,)?\s*(?P<value>[^,]+),""")


#: a flag in a nushell command's signature: ``.named("fgnamed", SyntaxShape::String, ..)``, ``.switch("list", "..", Some('l'))``
_NU_FLAG = re.compile(r"""\.(?:named\(\s*"(?P<named>[\w-]+)"\s*,\s*SyntaxShape::|switch\(\s*"(?P<switch>[\w-]+)"\s*,\s*"[^"]*"\s*,"""
                      r"""\s*(?:Some|None))""")
#: a constant or module-level name given a value: ``const DEFAULT_TIMEOUT: Duration = ..;``, ``__version__ = "1.2"``
_CONST_ASSIGN = re.compile(r"^\s*(?:(?:pub(?:\([^)]*\))?|export|const|static|final|public|private|protected|let|var|"
                            r"readonly)\s+)*(?:[\w<>\[\]]+\s+)??(?P<name>[A-Za-z_]\w*)\s*(?::\s*[^=]+?)?"
                            r"\s*:?=\s*(?P<value>[^=].*?)\s*;?\s*(?://.*)?$")

#: constants users meet as they are: defaults (``DEFAULT_TIMEOUT``, Go's ``DefaultPort``; not a local ``default_x``)
#: and the version a release sets (``__version__``, ``VERSION``, ``PROTOCOL_VERSION``, Go's exported ``Version``)
_CONSTANT_NAME = re.compile(r"^(?:[A-Z0-9_]*DEFAULT[A-Z0-9_]*|[Dd]efault[A-Z]\w*|__version__|(?:[A-Z0-9_]*_)?VERSION|"
                            r"Version)$")


def _plain(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if value and _PLAIN_VALUE.match(value) else None


def _settings_fields(files: list[FileChange], hints: dict[str, str] | None = None) -> list[NewOption]:
    out = []
    for path, struct, name in public_fields_added(files, hints):
        if not SETTINGS_STRUCT.search(struct):
            continue
        patch = next(f.patch for f in files if f.path == path)
        given = re.compile(rf"^\+\s*{re.escape(name)}\s*:\s*(?P<value>[^,{{]+?)\s*,?\s*$", re.MULTILINE)
        # the default: the patch's one line setting the field, or among several the one in the hunk where the
        # struct's defaults are written (``impl Default for Config``, ``fn default``), never a test's literal
        home = re.compile(rf"impl\s+Default\s+for\s+{re.escape(struct)}\b|fn\s+default\s*\(")
        matches = list(given.finditer(patch or ""))
        match = matches[0] if len(matches) == 1 else next(
            (m for hunk in hunk_blocks(patch) if home.search(hunk) for m in [given.search(hunk)] if m), None)
        out.append(NewOption(f"{struct}.{name}", _plain(match.group("value")) if match else None, path, name,
                             match.group(0)[1:] if match else ""))
    return out


def _clap_flags(path: str, lines: list[str]) -> list[NewOption]:
    """Fields under a clap attribute with ``long`` (the attribute may span lines), named as users type them."""
    out, i = [], 0
    while i < len(lines):
        opened = _CLAP_OPEN.match(lines[i])
        i += 1
        if not opened:
            continue
        args = opened.group("args")
        while not _CLAP_CLOSE.search(args) and i < len(lines):
            args, i = f"{args} {lines[i].strip()}", i + 1
        long = _CLAP_LONG.search(args)
        rest = [line for line in lines[i:i + 6] if not line.lstrip().startswith(("#", "//"))]
        field = _RUST_FIELD.match(rest[0]) if rest else None
        if long and field:
            flag = "--" + (long.group("name") or field.group("name").replace("_", "-"))
            default = _CLAP_DEFAULT.search(args)
            out.append(NewOption(flag, _plain(default.group("value")) if default else None, path, field.group("name")))
    return out


def _line_flags(path: str, lines: list[str]) -> list[NewOption]:
    out = []
    joined = " ".join(line.strip() for line in lines)  # a builder call's arguments often span lines
    for m in _NU_FLAG.finditer(joined):
        name = m.group("named") or m.group("switch")
        out.append(NewOption(f"--{name}", None, path, name.replace("-", "_"), f'"{name}",'))
    for i, text in enumerate(lines):
        if _PY_CALL_OPEN.search(text):  # ``@click.option(`` with its arguments on the lines below
            text = " ".join(line.strip() for line in lines[i:i + _CALL_LINES])
            text = text[:text.find(")", len(lines[i].strip())) + 1 or None]
        if m := _PY_FLAG.search(text):
            default = _PY_DEFAULT.search(text)
            word = m.group("flag").lstrip("-").replace("-", "_")
            out.append(NewOption(m.group("flag"), _plain(default.group("value")) if default else None, path, word, text))
        elif m := _GO_FLAG.search(text):
            word = (m.group("var") or m.group("flag")).split(".")[-1]
            out.append(NewOption("--" + m.group("flag"), _plain(m.group("value")), path, word, text))
    return out


def _lines(patch: str | None, sign: str) -> list[str]:
    """The lines a patch adds (``+``) or removes (``-``), without their sign."""
    return [line[1:] for line in (patch or "").splitlines() if line.startswith(sign) and not line.startswith(sign * 3)]


def _flags(path: str, lines: list[str]) -> list[NewOption]:
    return (_clap_flags(path, lines) if path.endswith(".rs") else []) + _line_flags(path, lines)


#: a JavaScript/TypeScript source: its options are often one object of defaults the user's object is merged over
_JS_SOURCE = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")
#: a plain property of an object literal on its own line: ``hardRejection: true,``
_JS_PROPERTY = re.compile(r"^\s*(?P<name>[A-Za-z_$][\w$]*)\s*:\s*(?P<value>[^,{}()\[\]]+?)\s*,?\s*(?://.*)?$")
#: the end of a defaults object the user's options are merged over: ``}, options);`` (``Object.assign({...},
#: options)``, lodash's ``defaults``), or ``...options`` spread after the defaults
_JS_MERGED_CLOSE = re.compile(r"^\s*\}\s*,\s*(?:\.\.\.)?(?:opts|options|config|settings|userOptions|\w+Options)\s*\)")
_JS_SPREAD_AFTER = re.compile(r"^\s*\.\.\.(?:opts|options|config|settings|userOptions|\w+Options)\s*,?\s*$")
#: the opening of a defaults object: ``const defaults = {``, ``DEFAULT_OPTIONS = {``, ``Object.assign({``
_JS_DEFAULTS_OPEN = re.compile(r"(?:\b(?:defaults?|DEFAULTS?|DEFAULT_OPTIONS|default[A-Z]\w*|\w*Defaults)\s*(?::[^=]+)?=\s*|"
                               r"\bObject\.assign\(\s*)\{\s*$")


def _js_defaults(path: str, patch: str | None, sign: str) -> list[NewOption]:
    """The properties a JS/TS hunk adds (``sign`` "+") or removes ("-") in an object of option defaults: one the
    user's options are merged over (``Object.assign({..., hardRejection: true}, options)``, ``{...defaults,
    ...options}``'s defaults) or one named so (``const defaults = {``), with the value as its default."""
    if not path.endswith(_JS_SOURCE) or not patch:
        return []
    out: list[NewOption] = []
    for hunk in re.split(r"^@@[^\n]*\n", patch, flags=re.MULTILINE)[1:]:
        # the hunk's side the sign belongs to: its own lines and the context around them
        lines = [(ln[:1], ln[1:]) for ln in hunk.splitlines() if ln[:1] in (" ", sign)]
        for i, (mark, text) in enumerate(lines):
            m = _JS_PROPERTY.match(text) if mark == sign else None
            if not m or m.group("name") in ("default", "case"):
                continue
            if _merged_defaults([t for _, t in lines[i + 1:]], [t for _, t in reversed(lines[:i])]):
                value = m.group("value").strip()
                out.append(NewOption(m.group("name"), _plain(value), path, m.group("name"), text))
    return out


def _merged_defaults(after: list[str], before: list[str]) -> bool:
    """The object a property line sits in (the lines ``after`` it, and ``before`` it nearest first) closes into the
    user's options merged over it, has them spread after it, or opens as a named defaults object."""
    depth = 0
    for text in after:
        if depth == 0 and _JS_SPREAD_AFTER.match(text):
            return True
        depth += text.count("{") - text.count("}")
        if depth < 0:
            if _JS_MERGED_CLOSE.match(text):
                return True
            break  # a plain ``};``: what the object is, its opening says
    depth = 0
    for text in before:
        depth += text.count("}") - text.count("{")
        if depth < 0:
            return bool(_JS_DEFAULTS_OPEN.search(text))
    return False


def new_options(files: Iterable[FileChange], hints: dict[str, str] | None = None) -> list[NewOption]:
    """The options ``files`` (product code) add, in the diff's order, one per name; a flag the commit also removes
    was moved or rewritten, not added; a settings field that is a flag's is named as the flag users type (``hints``:
    the struct a Go file's grouped hunks are in, ``struct_fields.go_struct_hints``)."""
    files = [f for f in files if f.patch]
    removed = {o.name for f in files for o in _flags(f.path, _lines(f.patch, "-"))}
    flags = [o for f in files for o in _flags(f.path, _lines(f.patch, "+")) if o.name not in removed]
    typed = {(o.path, o.word) for o in flags}
    fields = [o for o in _settings_fields(files, hints) if (o.path, o.word) not in typed]
    # a JS defaults object's property re-added with a comma after it (``booleanDefault: false,``) was there before
    had = {(f.path, o.name) for f in files for o in _js_defaults(f.path, f.patch, "-")}
    merged = [o for f in files for o in _js_defaults(f.path, f.patch, "+") if (f.path, o.name) not in had]
    return list({o.name: o for o in fields + flags + merged}.values())


def option_words(files: Iterable[FileChange]) -> set[tuple[str, str]]:
    """``(path, identifier)`` of every flag the files' added lines define, each file's own (not one per name)."""
    return {(f.path, o.word) for f in files if f.patch for o in _flags(f.path, _lines(f.patch, "+"))}


def readers(option: NewOption, files: Iterable[FileChange]) -> list[str]:
    """The functions that use ``option`` outside its own definition: the hunks that name it, by git's context."""
    out = []
    for f in files:
        if not f.patch:
            continue
        for d in definitions_mentioning(f.path, parse_patch(f.path, f.patch), option.word, frozenset({option.line})):
            owner = option.name.split(".")[0]
            if d.kind in ("function", "method") and d.name != owner and not (f.path == option.path and d.name in (
                    "default", "new", "update", "init", "__init__", "from_value")):
                out.append(d.name)
    return list(dict.fromkeys(out))


#: a comment line: ``// ...``, ``# ...``, ``/// ...``, `` * ...``
_COMMENT_LINE = re.compile(r"^\s*(?://+|#(?!\[)|/?\*+)\s?(?P<text>.*)$")
#: a comment calling what it documents a default: "Image is the default for the Config.Image field", "default node
#: image", "Defaults to ..."
_SAYS_DEFAULT = re.compile(r"\bdefaults?\b", re.I)


def _documented_defaults(patch: str | None) -> set[str]:
    """Names of constants the patch removes right under a comment that calls them a default (the comment a context
    line or a removed one, the constant's own: its lines run unbroken down to the assignment)."""
    out: set[str] = set()
    comment: list[str] = []
    for line in (patch or "").splitlines():
        if line.startswith(("+++", "---", "@@")) or line[:1] == "+":
            if line[:1] != "+":
                comment = []
            continue
        text = line[1:]
        if _COMMENT_LINE.match(text):
            comment.append(text)
            continue
        m = _CONST_ASSIGN.match(text)
        if line[:1] == "-" and m and any(_SAYS_DEFAULT.search(c) for c in comment):
            out.add(m.group("name"))
        comment = []
    return out


def _value_opened(value: str) -> bool:
    """A value that opens more brackets than it closes (``(``, ``unsafe or {``): the first line of an expression
    that goes on below, not the value."""
    return sum(value.count(c) for c in "([{") > sum(value.count(c) for c in ")]}")


def constants_changed(files: Iterable[FileChange]) -> list[tuple[str, str, str, str, bool]]:
    """(name, old value, new value, path, documented) of constants named as defaults (``DEFAULT_PROMOTE_AFTER``) or
    versions (``__version__``), or documented as a default by the comment right above them (Go's ``// Image is the
    default for the Config.Image field`` over ``const Image = ...``: ``documented``), whose value the commit
    changes."""
    out = []
    for f in files:
        old = {m.group("name"): m.group("value") for line in _lines(f.patch, "-")
               if (m := _CONST_ASSIGN.match(line)) and not _value_opened(m.group("value"))}
        documented = _documented_defaults(f.patch)
        for line in _lines(f.patch, "+"):
            m = _CONST_ASSIGN.match(line)
            if not m or m.group("name") not in old or _value_opened(m.group("value")):
                continue
            name, value = m.group("name"), m.group("value")
            by_comment = not _CONSTANT_NAME.match(name) and name in documented
            if (_CONSTANT_NAME.match(name) or by_comment) and " ".join(old[name].split()) != " ".join(value.split()):
                out.append((name, old[name], value, f.path, by_comment))
    return list({item[0]: item for item in out}.values())


def constants_only(f: FileChange, names: set[str]) -> bool:
    """Every line ``f``'s patch changes is one of the constants ``names`` given its value, or a comment or blank
    line: a file whose change is those values, said by them."""
    lines = _lines(f.patch, "-") + _lines(f.patch, "+")
    code = [line for line in lines if line.strip() and not _COMMENT_LINE.match(line)]
    return bool(code) and all((m := _CONST_ASSIGN.match(line)) and m.group("name") in names for line in code)
