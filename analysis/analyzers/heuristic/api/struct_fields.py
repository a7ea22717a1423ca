"""Fields of structs read from the hunks: public fields added (Go's exported fields, Rust's ``pub`` fields), private
fields renamed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import Fact, FileChange

_HUNK = re.compile(r"^@@ [^@]* @@ ?(?P<context>.*)$")
#: where a struct's body opens: ``type Name[...] struct {`` (Go), ``pub struct Name<...> {`` (Rust)
_GO_STRUCT = re.compile(r"^\s*type\s+(?P<name>\w+)(\[.*\])?\s+struct\s*\{")
_RUST_STRUCT = re.compile(r"^\s*pub(\([^)]*\))?\s+struct\s+(?P<name>\w+)[^;]*\{")
#: a named field (an embedded Go type has no name of its own: it is not matched)
_GO_FIELD = re.compile(r"^\s+(?P<name>\w+)\s+[\w\[\]*.{}]+(\s*`[^`]*`)?\s*$")
_RUST_FIELD = re.compile(r"^\s+pub\s+(?P<name>\w+)\s*:")
_CLOSE = re.compile(r"^\}")
#: Go's grouped declarations (``type (`` ... ``)``, as nats.go and many Go packages write their types): a struct is
#: a spec indented once (``\tStreamConfig struct {``), its fields twice, its body closed by ``\t}``
_GO_GROUP = re.compile(r"^type\s*\(\s*$")
_GO_GROUP_STRUCT = re.compile(r"^\t(?P<name>\w+)(\[.*\])?\s+struct\s*\{")
_GO_GROUP_FIELD = re.compile(r"^\t\t(?P<name>\w+)\s+[\w\[\]*.{}]+(\s*`[^`]*`)?\s*$")
_GO_GROUP_CLOSE = re.compile(r"^(\t\}|\))")
#: a struct of settings (``CompletionOptions``, ``ServerConfig``): a field added to it is an option that is off
#: (its zero value) until set, like a configuration key added switched off, not a new API surface
SETTINGS_STRUCT = re.compile(r"(Options|Opts|Config|Configuration|Settings|Params)$")


def _public(name: str, path: str) -> bool:
    return name[:1].isupper() if path.endswith(".go") else True


def go_struct_hints(facts: Iterable[Fact]) -> dict[str, str]:
    """The one struct each Go file's facts say the commit changes or adds (no other struct, no interface beside it):
    the struct a hunk opening inside a ``type (`` group is in, where git's context line names only the group."""
    structs: dict[str, set[str]] = {}
    others: set[str] = set()
    for f in facts:
        if f.kind in ("symbol_modified", "symbol_added") and f.path.endswith(".go") and f.symbol:
            if (f.text or "").startswith("struct"):
                structs.setdefault(f.path, set()).add(f.symbol.split(".")[-1])
            elif (f.text or "").startswith("interface"):
                others.add(f.path)
    return {path: names.pop() for path, names in structs.items() if len(names) == 1 and path not in others}


def _fields(patch: str | None, path: str, hint: str | None = None
            ) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
    """(struct, field) pairs the hunks add to struct bodies, and those they remove; in a Go ``type (`` group, a
    hunk git names by the group alone is in ``hint``'s struct (the one the file's facts say changes) until its body
    closes."""
    go = path.endswith(".go")
    opener = _GO_STRUCT if go else _RUST_STRUCT
    field = _GO_FIELD if go else _RUST_FIELD
    added: list[tuple[str, str]] = []
    removed: set[tuple[str, str]] = set()
    struct: str | None = None
    grouped = False
    for line in (patch or "").splitlines():
        if line.startswith(("+++", "---")):
            continue
        hunk = _HUNK.match(line)
        if hunk:
            start = opener.match(hunk.group("context"))
            grouped = go and not start and bool(_GO_GROUP.match(hunk.group("context")))
            struct = start.group("name") if start else hint if grouped else None
            continue
        text = line[1:]
        if go and _GO_GROUP.match(text) and line[:1] != "-":
            grouped, struct = True, None
            continue
        if go and struct is None and not grouped and line[:1] != "-" and _GO_GROUP_STRUCT.match(text):
            grouped = True  # a struct spec indented once, outside any struct the hunk knows: a group's
        if grouped:
            if _GO_GROUP_CLOSE.match(text):
                struct = None
                grouped = not text.startswith(")")
            elif (start := _GO_GROUP_STRUCT.match(text)) and line[:1] != "-":
                struct = start.group("name")
            elif struct and (m := _GO_GROUP_FIELD.match(text.split("//")[0].rstrip())):
                _note(line[:1], (struct, m.group("name")), added, removed)
            continue
        if _CLOSE.match(text):
            struct = None
        elif (start := opener.match(text)) and line[:1] != "-":
            struct = start.group("name")
        elif struct and (m := field.match(text.split("//")[0].rstrip())):
            _note(line[:1], (struct, m.group("name")), added, removed)
    return added, removed


def _note(sign: str, field: tuple[str, str], added: list, removed: set) -> None:
    """A field on an added line is added, on a removed line removed (a context line is neither)."""
    if sign == "+":
        added.append(field)
    elif sign == "-":
        removed.add(field)


def public_fields_added(files: Iterable[FileChange], hints: dict[str, str] | None = None
                        ) -> list[tuple[str, str, str]]:
    """(path, struct, field) of public fields added to public Go or Rust structs (not renamed: the same field
    removed from the struct in the same hunks is a change, not an addition); ``hints``: ``go_struct_hints``."""
    out = []
    for f in files:
        if not f.path.endswith((".go", ".rs")) or not f.patch:
            continue
        added, removed = _fields(f.patch, f.path, (hints or {}).get(f.path))
        out += [(f.path, struct, name) for struct, name in added if (struct, name) not in removed
                and _public(struct, f.path) and _public(name, f.path)]
    return out


#: a field name private by its language's convention, by file suffix: Go's unexported (lower-case) names, Python's and
#: JavaScript's leading underscore (``#`` for a JavaScript private field)
_PRIVATE_FIELD = {
    ".go": re.compile(r"^[a-z_]"),
    ".py": re.compile(r"^_"),
    ".js": re.compile(r"^[_#]"), ".mjs": re.compile(r"^[_#]"), ".cjs": re.compile(r"^[_#]"),
    ".ts": re.compile(r"^[_#]"), ".tsx": re.compile(r"^[_#]"), ".mts": re.compile(r"^[_#]"),
}


def private_fields_renamed(path: str, part: str) -> bool:
    """``part`` ("fields renamed fresh -> isFresh") renames only private fields to private names: code outside the
    type's package or module cannot name either, so no caller notices (``data -> _data`` still hides a public one)."""
    private = next((p for suffix, p in _PRIVATE_FIELD.items() if path.endswith(suffix)), None)
    if private is None or not part.startswith("fields renamed "):
        return False
    pairs = [pair.split(" -> ") for pair in part.removeprefix("fields renamed ").split(", ")]
    return all(len(pair) == 2 and all(private.match(name.strip()) for name in pair) for pair in pairs)
