"""Rust items ``pub`` inside a module the crate keeps to itself: not public API.

A bare ``pub`` reaches out of the crate only when every module on the way is public too. A file's module is
declared in its parent module's file (``pub(crate) mod de;`` in ``src/content/mod.rs`` for
``src/content/de.rs``); declared without a bare ``pub`` (``mod x;``, ``pub(crate) mod x;``), the file's ``pub``
items are the crate's own business (serde_with's vendored ``content::de``: its ``pub struct
ContentRefDeserializer`` no user can name) unless the declaring file or the crate's ``src/lib.rs`` re-exports
them (``pub use x::Item;``, ``pub use x::*``, ``pub use crate::io::{format::ImageFormat}``), which keeps them
public; a crate root that cannot be read leaves them public.

The parent module's text is taken from the commit itself (its full text, or the lines of its patch) and otherwise
read from the source at the commit (a few reads at most); where it cannot be seen, or does not declare the module,
the items keep the language's own convention.

A ``pub`` item that loses its ``pub`` ("no longer public") in a module the crate kept to itself before the commit
(``mod compress1024;`` in the old ``src/lib.rs``, nothing re-exported from it) took nothing from callers: no one
outside the crate could name it, so the reach change is dropped from the fact. The old side is read from the
commit's texts before it (the old side of the patch, or the file unchanged); unseen, the reach change stands.
A ``pub`` item removed is judged the same way, as the crate stood before the commit.

A binary crate's root (``src/main.rs``, a program of ``src/bin/``) and every module it declares, ``pub mod`` or not
(hyperfine's ``pub mod export;`` in ``src/main.rs``), are a program's code: no other crate can depend on them, so
none of their items is public API.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePosixPath

from analysis.facts.languages import is_test_path
from analysis.models import Commit, Fact

log = logging.getLogger(__name__)

#: parent module files read from the source per commit at most
MAX_READS = 4
#: module levels walked up from a file at most
MAX_DEPTH = 4
#: files that are a crate's root: their directory's modules are declared in them
_ROOTS = ("lib.rs", "main.rs")
#: a ``pub use`` statement (bare ``pub``), over lines
_PUB_USE = re.compile(r"^\s*pub\s+use\s+([^;]+);", re.M)
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _declaration(name: str) -> re.Pattern[str]:
    """``mod name;`` at the start of a line, with its visibility (``#[cfg(..)]`` attributes before it allowed)."""
    return re.compile(rf"^[ \t]*(?:#\[[^\]\n]*\][ \t]*)*(?P<vis>pub[ \t]*(?:\([^)\n]*\))?[ \t]+)?mod[ \t]+{name}[ \t]*;",
                      re.M)


def _module_of(path: str) -> tuple[str, str] | None:
    """(module name, directory its parent module's files sit in) of a Rust source file; None for a crate root."""
    p = PurePosixPath(path)
    if p.name in _ROOTS:
        return None
    if p.name == "mod.rs":
        return (p.parent.name, str(p.parent.parent)) if p.parent.name else None
    return p.stem, str(p.parent)


def binary_root(path: str) -> bool:
    """``path`` is the root of a binary crate: ``src/main.rs``, or a program of ``src/bin/`` (``src/bin/tool.rs``,
    ``src/bin/tool/main.rs``). Cargo builds it into an executable; nothing in it, nor in a module it declares, can
    be named by another crate, whatever its ``pub``."""
    parts = PurePosixPath(path).parts
    if len(parts) >= 2 and parts[-1] == "main.rs" and parts[-2] == "src":
        return True
    return "bin" in parts[:-1] and parts[parts.index("bin") - 1:parts.index("bin")] == ("src",) and (
        len(parts) - parts.index("bin") == 2 or parts[-1] == "main.rs")


def _parent_files(directory: str) -> list[str]:
    """Where the module of ``directory`` is written: ``dir/mod.rs`` or ``dir.rs``, or the crate root in it."""
    d = PurePosixPath(directory)
    own, root = [str(d / "mod.rs"), str(d) + ".rs"], [str(d / "lib.rs"), str(d / "main.rs")]
    return root + own if d.name == "src" else own + root


def _crate_root(path: str) -> str | None:
    """The ``lib.rs`` of the crate ``path`` is in: in the nearest ``src`` directory above it (None if none)."""
    for parent in PurePosixPath(path).parents:
        if parent.name == "src":
            return str(parent / "lib.rs")
    return None


def _module_path(path: str, root: str) -> list[str]:
    """The modules from the crate root down to the file ``path`` (``src/io/format.rs`` -> ``io``, ``format``)."""
    try:
        steps = list(PurePosixPath(path).relative_to(PurePosixPath(root).parent).with_suffix("").parts)
    except ValueError:  # not under that root
        steps = [PurePosixPath(path).stem]
    return steps[:-1] if steps and steps[-1] == "mod" else steps


def _patch_text(patch: str) -> str:
    """The new side of a patch's lines (context and added): what it shows of the file after the commit."""
    return "\n".join(line[1:] for line in patch.split("\n") if line[:1] in ("+", " ") and not line.startswith("+++"))


def _old_patch_text(patch: str) -> str:
    """The old side of a patch's lines (context and removed): what it shows of the file before the commit."""
    return "\n".join(line[1:] for line in patch.split("\n") if line[:1] in ("-", " ") and not line.startswith("---"))


#: what the diff analyzer writes of a symbol that lost its ``pub``
_NO_LONGER = "no longer public"


def _narrowed(fact: Fact) -> bool:
    return (fact.kind == "symbol_modified" and fact.path.endswith(".rs") and not is_test_path(fact.path)
            and _NO_LONGER in (fact.text or "").split(", ", 1)[-1].split("; "))


def _without_reach(fact: Fact) -> Fact:
    """The fact without its "no longer public" part (the kind alone when nothing else was noticed)."""
    kind, _, rest = (fact.text or "").partition(", ")
    parts = [p for p in rest.split("; ") if p and p != _NO_LONGER]
    return fact.model_copy(update={"text": ", ".join([kind, "; ".join(parts)]) if parts else kind})


def private_module_items(facts: list[Fact], commit: Commit, texts: dict[str, str | None], contents: object,
                         before: dict[str, str | None] | None = None) -> list[Fact]:
    """``facts`` with the public Rust symbols of files in a module declared non-public made non-public (not an
    exported macro), and the "no longer public" of items in a module private before the commit dropped (see the
    module's docstring).
    ``texts``: the commit's files' texts after it, by path (None where not read); ``before``: their texts before."""
    claimed = [f for f in facts if (f.public or _narrowed(f)) and f.path.endswith(".rs") and not is_test_path(f.path)]
    if not claimed:
        return facts
    before = before or {}
    changed = {f.path: f for f in commit.files}
    renamed = {f.path: f.previous_path for f in commit.files if f.previous_path}
    patches = {f.path: f.patch for f in commit.files if f.patch and f.status != "removed"}
    reads = [0]
    cache: dict[str, str | None] = {}

    def text_of(path: str) -> str | None:
        if path in cache:
            return cache[path]
        text = texts.get(path) or (_patch_text(patches[path]) if path in patches else None)
        if text is None and contents is not None and reads[0] < MAX_READS and hasattr(contents, "file_at"):
            reads[0] += 1
            try:
                text = contents.file_at(commit.sha, path)
            except Exception:
                log.debug("could not read %s at %s", path, commit.short_sha, exc_info=True)
                text = None
        cache[path] = text
        return text

    def old_text_of(path: str) -> str | None:
        """The file's text before the commit: given, the old side of its patch, or (unchanged) its text now."""
        if path in renamed:
            return None  # a file renamed to this path was not here before
        if before.get(path) is not None:
            return before[path]
        change = changed.get(path) or next((f for f in commit.files if f.previous_path == path), None)
        if change is None:
            return text_of(path)
        if change.status == "added" or not change.patch:
            return None
        return _old_patch_text(change.patch)

    verdicts: dict[tuple[bool, str], set[str] | None] = {}

    def private_to_crate(path: str, old: bool = False) -> set[str] | None:
        """The names re-exported out of the private module ``path`` sits in (kept public), or None: not private, or
        not known to be; ``old``: as the crate stood before the commit."""
        if (old, path) in verdicts:
            return verdicts[(old, path)]
        read = old_text_of if old else text_of
        verdict, exported, current = None, set(), path
        for _ in range(MAX_DEPTH):
            if binary_root(current):
                verdict = set()  # a program's modules: no other crate can depend on it
                break
            module = _module_of(current)
            if module is None:
                break
            name, directory = module
            declared = None
            for candidate in _parent_files(directory):
                text = read(candidate)
                match = _declaration(re.escape(name)).search(text) if text else None
                if match:
                    declared = (candidate, text, match.group("vis"))
                    break
            if declared is None:
                break  # the declaring file unseen: the convention stands
            candidate, text, vis = declared
            if binary_root(candidate):
                # declared by a program's root (fd's ``mod filesystem;`` in ``src/main.rs``), ``pub`` or not: no
                # other crate can name it, and no ``src/lib.rs`` (absent in a binary crate) decides otherwise
                verdict = set()
                break
            for statement in _PUB_USE.findall(text):
                if re.search(rf"\b{re.escape(name)}\b", statement):
                    exported |= {"*"} if "*" in statement else set(_IDENT.findall(statement))
            if not vis or vis.replace(" ", "").replace("\t", "") != "pub":
                # the crate root may re-export it too (image's ``pub use crate::io::{format::ImageFormat, ..}`` in
                # ``src/lib.rs`` of ``pub(crate) mod format;`` in ``src/io.rs``): unseen, the convention stands
                root = _crate_root(path)
                root_text = read(root) if root else None
                if root is None or root_text is None:
                    # no library root to re-export it: it stays hidden unless the modules above lead to a program's
                    # root (fd's ``mod job;`` in ``src/exec/mod.rs``, ``mod exec;`` in ``src/main.rs``), read on
                    current = candidate
                    continue
                # a statement that names every module on the way (``io`` and ``format``), not a namesake
                # (serde_with's ``pub use crate::{de::*}`` is its own ``de``, not ``content::de``)
                steps = _module_path(current, root)
                for statement in _PUB_USE.findall(root_text):
                    if all(re.search(rf"\b{re.escape(step)}\b", statement) for step in steps):
                        exported |= {"*"} if "*" in statement else set(_IDENT.findall(statement))
                verdict = exported
                break
            current = candidate
        verdicts[(old, path)] = verdict
        return verdict

    def private(path: str, symbol: str | None, old: bool = False) -> bool:
        exported = private_to_crate(path, old)
        return exported is not None and "*" not in exported and (symbol or "").split("::")[0] not in exported

    out = []
    for fact in facts:
        # a ``#[macro_export]`` macro (the only macro the facts call public) is exported at the crate's root from
        # whatever module defines it: tracing's ``record_all!`` in its private ``mod macros;``
        rust = fact.path.endswith(".rs") and not is_test_path(fact.path) and (fact.text or "").split(",")[0] != "macro"
        # an item removed was reached as the crate stood before the commit: bytes' ``pub struct BsDebug`` of
        # ``mod debug;`` (dropped from ``src/lib.rs`` with the file) was never public API
        if fact.public and rust and (private(fact.path, fact.symbol) or fact.kind == "symbol_removed" and private(
                renamed.get(fact.path, fact.path), fact.symbol, old=True)):
            fact = fact.model_copy(update={"public": False})
        if _narrowed(fact) and private(renamed.get(fact.path, fact.path), fact.symbol, old=True):
            fact = _without_reach(fact)
        out.append(fact)
    return out
