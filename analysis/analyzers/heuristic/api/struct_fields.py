"""Fields of structs read from the hunks: public fields added (Go's exported fields, Rust's ``pub`` fields), private
fields renamed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.models import FileChange

_HUNK = re.compile(r"^@@ [^@]* @@ ?(?P<context>.*)$")
#: where a struct's body opens: ``type Name[...] struct {`` (Go), ``pub struct Name<...> {`` (Rust)
_GO_STRUCT = re.compile(r"^\s*type\s+(?P<name>\w+)(\[.*\])?\s+struct\s*\{")
_RUST_STRUCT = re.compile(r"^\s*pub(\([^)]*\))?\s+struct\s+(?P<name>\w+)[^;]*\{")
#: a named field (an embedded Go type has no name of its own: it is not matched)
_GO_FIELD = re.compile(r"^\s+(?P<name>\w+)\s+[\w\[\]*.{}]+(\s*`[^`]*`)?\s*$")
_RUST_FIELD = re.compile(r"^\s+pub\s+(?P<name>\w+)\s*:")
_CLOSE = re.compile(r"^\}")
#: a struct of settings (``CompletionOptions``, ``ServerConfig``): a field added to it is an option that is off
#: (its zero value) until set, like a configuration key added switched off, not a new API surface
SETTINGS_STRUCT = re.compile(r"(Options|Opts|Config|Configuration|Settings|Params)$")


def _public(name: str, path: str) -> bool:
    return name[:1].isupper() if path.endswith(".go") else True


def _fields(patch: str | None, path: str) -> tuple[list[tuple[str, str]], set[tuple[str, str]]]:
    """(struct, field) pairs the hunks add to struct bodies, and those they remove."""
    opener = _GO_STRUCT if path.endswith(".go") else _RUST_STRUCT
    field = _GO_FIELD if path.endswith(".go") else _RUST_FIELD
    added: list[tuple[str, str]] = []
    removed: set[tuple[str, str]] = set()
    struct: str | None = None
    for line in (patch or "").splitlines():
        if line.startswith(("+++", "---")):
            continue
        hunk = _HUNK.match(line)
        if hunk:
            start = opener.match(hunk.group("context"))
            struct = start.group("name") if start else None
            continue
        text = line[1:]
        if _CLOSE.match(text):
            struct = None
        elif (start := opener.match(text)) and line[:1] != "-":
            struct = start.group("name")
        elif struct and (m := field.match(text.split("//")[0].rstrip())):
            if line[:1] == "+":
                added.append((struct, m.group("name")))
            elif line[:1] == "-":
                removed.add((struct, m.group("name")))
    return added, removed


def public_fields_added(files: Iterable[FileChange]) -> list[tuple[str, str, str]]:
    """(path, struct, field) of public fields added to public Go or Rust structs (not renamed: the same field
    removed from the struct in the same hunks is a change, not an addition)."""
    out = []
    for f in files:
        if not f.path.endswith((".go", ".rs")) or not f.patch:
            continue
        added, removed = _fields(f.patch, f.path)
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
