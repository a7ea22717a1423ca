"""The diff analyzer: machine-checkable facts (symbols, config keys, dependencies, ...) from one commit.

``derive_facts`` is the entry point; both analyzers receive its result through ``AnalysisContext``.
Facts are deterministic (same commit and source, same list), ordered by file then position, deduplicated,
and bounded per kind (``CAPS``; public symbols are kept first when a kind overflows).

What each kind carries (fields not named are None):

- ``public`` is reach from outside the package or crate: Python no leading underscore, listed in a
  readable ``__all__`` when the module has one, not in a private
  module or class (unless the commit's tests import its top name from the package: ``from pkg import URL``
  for ``pkg/_models.py``'s ``URL``, a re-export); Rust a bare ``pub`` in public scopes (``pub(crate)``, ``pub(super)``, ``pub(in ..)``,
  ``pub(self)`` are not; methods as public as their type and trait when the file defines them); Go
  capitalised, methods of exported types only; TS/JS exported (``export``, export clause, CommonJS), members
  of exported classes unless private, protected, ``#x`` or ``_x``; Java ``public`` inside public types;
  C/C++ not ``static`` (in headers everything, ``static inline`` included), members under ``public:``.
  Never public: JSDoc ``@private``/``@internal``/``@api private``, Rust ``#[doc(hidden)]``, Go and Java
  code under an ``internal/`` directory, Go's ``package main`` and code under a ``cmd/`` directory (executables), a
  Rust binary crate's items (``src/main.rs``, ``src/bin/``, and the modules they declare).
- ``symbol_added`` / ``symbol_removed``: ``symbol`` as written, members qualified (``Class.method`` in
  Python, Go, Java, JS/TS; ``Type::method`` in Rust and C++), ``public``, ``after`` / ``before`` the
  signature ``(a, b=1) -> T`` (None for classes, structs, traits, interfaces, enums, types), ``text``
  the symbol's kind (function, method, class, struct, interface, trait, enum, type; an added method marked as
  overriding its base's, Java ``@Override``, TS ``override``, Python ``@override``, or implementing a trait's,
  Rust ``impl Trait for T``: "method, overrides"). Members of a
  class added or removed whole are not listed on their own.
  Items a macro invocation declares (Rust ``define_rejection! { pub struct X(..); }``), ``macro_rules!``
  and a C header's ``#define``s with a value (kind macro), Python factory classes (``P = namedtuple("P",
  ..)``) and the fields of TS interfaces and object types (``KyOptions.prefix``, kind property) are
  symbols too, and so are Java's public fields and constants (kind field).
- ``symbol_modified``: ``symbol``, ``public``, ``text`` the kind (from git's hunk context when the
  file was not read whole), followed by how it moved or is now defined when it did: "struct, moved from
  src/old.rs" (a symbol removed in one file and added, same name and kind, in another; within a file
  "moved from old::name"), "struct, now defined through define_rejection!" (a plain definition now made
  by a macro, ``#define``, ``DECLARE_X(..)`` or a factory; "no longer defined through X" the other way);
  "interface, now public" / "no longer public" when a definition's own reach changed (a Java method given
  ``public``; TS/JS ``export`` added to a declaration the module exported only as ``export default x``; a member
  of a type that itself changed reach follows its type; a Rust ``pub`` item given ``#[doc(hidden)]`` is still
  callable, no reach change), alone or first; "function, deprecated" when a JSDoc
  ``@deprecated`` tag or a Go ``// Deprecated:`` paragraph is added to its doc comment (also on a
  ``symbol_added``'s text; such a file is not ``comments_only``); an anonymous ``export default`` is the module's symbol ``default``; what callers may
  notice of a change, "; "-separated: "class, bases Enum -> IntEnum; members reordered" (base classes, a Python
  enum's members in another order), "method, throw statements 1 -> 2" (more throw, raise or panic statements),
  "type, fields renamed data -> _data, status -> _status", "class, field default changed timeout 5.0 -> 10.0"
  (fields of a type renamed, or a Python class's field defaults changed, one part each, read from the hunks);
  "function, type parameter added T = ParsedQuery" (a TS/JS function's new type parameter with a default; one only
  its return type uses is the return type callers get without type arguments, so the signature stays); "method,
  moved up from X, Y" on a base class's method that subclasses X and Y dropped, "method, now inherited
  from B" on a subclass's method left to its base B (when B's file is in the commit). Where the grammar
  cannot parse a changed region (not C/C++), the hunks and git's context name the symbol.
- ``signature_changed`` (instead of ``symbol_modified``): ``symbol``, ``public``, ``before``/``after``
  the signatures, ``text`` e.g. "adds case_sensitive; default of b 1 -> 2; renames x to y; type of
  p A -> B; return type A -> B" (None when the hunks alone do not tell); a moved symbol's starts with
  "moved from <old path or name>".
- ``comments_only``: the file's change touches only comments, docstrings, strings of Rust doc, deprecation
  or diagnostic attributes, or spacing (``path`` only).
- ``config_key_added`` / ``config_key_removed`` / ``config_value_changed``: ``symbol`` the dotted
  path (``spec.replicas``; list items with a unique ``name`` as ``containers[app]``, others as
  ``[0]``; odd keys quoted ``labels["app.kubernetes.io/name"]``; documents of a multi-document YAML
  prefixed ``Deployment/web:``), ``before``/``after`` the values (scalars as YAML writes them,
  others compact JSON, clipped to 120 characters), ``text`` for schema paths (CRDs) the field:
  "default of spec.replicas", "field spec.queue added"; ``text`` "tooling" when the key configures a tool,
  not the product (linter, formatter, CI, editor, release files such as ``.clippy.toml``, ``.github/**``,
  ``tsconfig.json``; manifest sections such as pyproject ``[tool.*]``, package.json ``scripts``/``jest``,
  Cargo.toml ``[lints]``/``[profile.*]``): never an operator-facing change.
  ``text`` "feature alias" on a Cargo ``[features]`` list entry swapped for a feature that only enables the same
  thing (``kv_serde = [.., "serde"]`` for ``"serde_core"`` where ``serde = ["serde_core"]``).
  ``text`` "moved to <path>" on a removed key that exactly one other configuration file of the commit gains with
  the same dotted path and value, and "moved from <path>" on that file's added key (keys regrouped, not dropped).
  ``text`` "default build narrowed" on the Cargo ``[features]`` facts of the features the old default set reached,
  when the default set no longer turns on every optional crate it did (``default-tls`` swapped from native-tls to
  rustls).
- ``dependency_changed``: ``symbol`` the package, ``before``/``after`` the version or requirement
  (``==`` pins as the bare version; None when added or removed; lock files give exact versions; a Cargo
  manifest's sections compared apart, so a package leaving ``[dependencies]`` is seen while ``[dev-dependencies]``
  keeps it). One fact
  per package: the manifest's over the lock's; across manifests the main one's (outside examples and
  tests, shallowest) with ``text`` "in N manifests". A Helm ``Chart.yaml``'s ``dependencies`` (subcharts,
  by alias or name) and its ``Chart.lock`` are dependencies too (the chart's own ``version`` stays a config
  fact). The repository's own packages (path and workspace dependencies, workspace members in a lock,
  ``file://`` subcharts) are left out. Lock-file packages that no manifest of the
  commit declares (when its manifests were read whole) carry ``text`` "transitive" and come last (and
  are the first cut by the cap); lock facts follow the manifests' facts.
  A requirement only a manifest's development section holds (Cargo ``[dev-dependencies]``, package.json
  ``devDependencies``, read whole) carries ``text`` "development": tests and tools, not what users install.
  One moved there from the installed sections of the same manifest with another version carries ``text``
  "development, moved from the installed dependencies".
- ``changelog_entry``: ``text`` the entry the commit adds or rewrites, markers stripped, wrapped lines
  joined, clipped to 200 characters.
- ``test_added`` / ``test_removed``: ``symbol`` the test (function name; ``describe > it`` title in
  JS/TS), ``text`` for added tests the commit's product symbols it calls, comma-separated, if any. A test moved
  or renamed (the same name in another file, or the same body under another name) is one ``test_added`` with
  ``before`` where it was: its former name, ``old/path::name`` when it came from another file.
- ``security_signal``: ``text`` "<what was seen>: <the line, trimmed, secrets redacted>"; one kind is a protection
  added, not a risk: "prototype-pollution guard added (own keys only)" (an own-key or ``__proto__`` check added
  in JS/TS code that copies keys from input). A GitHub Actions workflow's added lines (added or modified file) also
  name "repository secret used under pull_request_target", "pull request head checked out under
  pull_request_target" (every line of the workflow when the commit adds that trigger), "secret printed by a step",
  "remote script piped to a shell"; an added workflow's credential-bearing keys (permissions, persist-credentials,
  values passing a secret other than ``GITHUB_TOKEN``) are ``config_key_added`` facts marked "tooling".
"""

from __future__ import annotations

import logging

from analysis.facts.changelog import changelog_facts
from analysis.facts.code.hunk_symbols import comments_only_from_hunks, hunk_symbol_facts
from analysis.facts.code.installed_headers import installed_only
from analysis.facts.code.moves import fold_moves
from analysis.facts.code.reexports import reexported
from analysis.facts.code.rust_modules import private_module_items
from analysis.facts.code.symbols import (
    ParsedFile,
    changed_lines_commented,
    comments_only,
    parse_file,
    symbol_facts,
    without_namespaces,
)
from analysis.facts.code.test_moves import fold_test_moves
from analysis.facts.code.testfuncs import hunk_test_facts, hunk_test_names, product_names, tree_test_facts
from analysis.facts.code.type_fields import type_field_facts
from analysis.facts.config import config_facts
from analysis.facts.config_hunks import config_facts_from_hunks
from analysis.facts.config_moves import fold_config_moves
from analysis.facts.contents import FileContents, Sides, WatchedContents, fetch_sides
from analysis.facts.languages import (
    config_format,
    grammar_for,
    is_changelog,
    is_generated,
    is_lock,
    is_test_path,
    manifest_kind,
)
from analysis.facts.manifests.container_images import is_dockerfile
from analysis.facts.manifests.dependencies import TRANSITIVE, dependency_facts
from analysis.facts.patches import FilePatch, parse_patch
from analysis.facts.security import line_key, scannable, security_facts
from analysis.facts.workflows import added_workflow_keys, is_workflow, workflow_signals
from analysis.models import Commit, Fact

__all__ = ["CAPS", "FileContents", "WatchedContents", "derive_facts"]

log = logging.getLogger(__name__)

#: the most facts of each kind one commit yields
CAPS = {"symbol_added": 40, "symbol_removed": 40, "symbol_modified": 40, "signature_changed": 40,
        "comments_only": 40, "config_key_added": 30, "config_key_removed": 30, "config_value_changed": 30,
        "dependency_changed": 40, "changelog_entry": 20, "test_added": 30, "test_removed": 30,
        "security_signal": 20}


def _relevant(path: str) -> bool:
    return bool(grammar_for(path) or config_format(path) or manifest_kind(path) or is_changelog(path)
                or scannable(path) or is_generated(path) or is_dockerfile(path))


def _is_test_file(path: str) -> bool:
    return is_test_path(path) or path.endswith("_test.go")


def _code_facts(path: str, patch: FilePatch, sides: Sides | None,
                old_path: str | None = None) -> tuple[list[Fact], tuple | None]:
    """Symbol and comments-only facts of one code file, and its parsed sides (for the tests pass). ``old_path``: the
    file's path before a rename, whose language reads its old side (moshi's ``JsonScope.java`` -> ``JsonScope.kt``:
    Java's ``final class`` is package-private, not Kotlin's public default)."""
    test_file = _is_test_file(path)
    if sides is not None:
        before, after = parse_file(old_path or path, sides.before), parse_file(path, sides.after)
        if before is not None and after is not None and (comments_only(before, after) or changed_lines_commented(
                before, after, [(x.number, x.text) for x in patch.removed], [(x.number, x.text) for x in patch.added])):
            # a doc comment's ``@deprecated`` added to public API warns its users: not a comment-only change
            deprecated = [f for f in symbol_facts(path, before, after) if f.public and (f.text or "").endswith(
                "deprecated")] if not test_file else []
            return deprecated or [Fact(kind="comments_only", path=path)], (before, after)
        if test_file:
            return [], (before, after)
        facts = symbol_facts(path, before, after)
        return facts + _unparsed_hunk_facts(path, patch, before, after, facts), (before, after)
    if comments_only_from_hunks(path, patch):
        return [Fact(kind="comments_only", path=path)], None
    if test_file:
        return [], None
    tests = set(hunk_test_names(path, patch.added)) | set(hunk_test_names(path, patch.removed))
    return [f for f in hunk_symbol_facts(path, patch) if f.symbol not in tests], None


def _error_lines(parsed: ParsedFile | None) -> set[int]:
    """1-based lines a side's tree could not parse (tree-sitter's ERROR nodes)."""
    if parsed is None or parsed.tree is None or not parsed.tree.root_node.has_error:
        return set()
    lines: set[int] = set()
    stack = [parsed.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            lines.update(range(node.start_point[0] + 1, node.end_point[0] + 2))
        elif node.has_error:
            stack.extend(node.children)
    return lines


def _unparsed_hunk_facts(path: str, patch: FilePatch, before: ParsedFile | None, after: ParsedFile | None,
                         found: list[Fact]) -> list[Fact]:
    """Facts from the hunks whose changed lines fall where the grammar failed (a TS file of types too
    intricate for it): what the trees could not show, the hunks and git's context still can."""
    if (after or before) is None or (after or before).family == "c":
        return []  # C/C++ trees fail on macros all the time, and the hunks' C patterns guess worse than they do
    new_errors, old_errors = _error_lines(after), _error_lines(before)
    if not new_errors and not old_errors:
        return []
    hunks = [h for h in patch.hunks if any(line.number in (new_errors if line.kind == "+" else old_errors)
                                               for line in h.lines if line.kind != " ")]
    named = {f.symbol for f in found}
    return [f for f in hunk_symbol_facts(path, FilePatch(path, hunks)) if f.symbol not in named] if hunks else []


def _test_facts(path: str, patch: FilePatch, parsed: tuple | None, product: dict[str, str],
                bodies: dict[int, str]) -> list[Fact]:
    if parsed is not None:
        before, after = parsed
        return tree_test_facts(path, before, after, product, bodies)
    return hunk_test_facts(path, patch, product, bodies)


def _bounded(ordered: list[tuple[int, int, Fact]]) -> list[Fact]:
    """Deduplicated, at most ``CAPS[kind]`` of each kind (public symbols first), in (file, position) order."""
    seen: set[tuple] = set()
    unique = []
    for position in ordered:
        key = tuple(position[2].model_dump().values())
        if key not in seen:
            seen.add(key)
            unique.append(position)
    by_kind: dict[str, list[tuple[int, int, Fact]]] = {}
    for position in unique:
        by_kind.setdefault(position[2].kind, []).append(position)
    kept = []
    for kind, items in by_kind.items():
        items.sort(key=lambda p: (p[2].public is False, p[2].text == TRANSITIVE, p[0], p[1]))
        kept += items[: CAPS.get(kind, 20)]
    kept.sort(key=lambda p: (p[0], p[1]))
    return [fact for _, _, fact in kept]


def derive_facts(commit: Commit, contents: FileContents | None = None) -> list[Fact]:
    """The facts of one commit with files (blocking: may read file contents through ``contents``)."""
    files = [f for f in commit.files if f.patch and _relevant(f.path)]
    if not files:
        return []
    sides = fetch_sides(commit, contents)
    order = {f.path: index for index, f in enumerate(commit.files)}
    patches = {f.path: parse_patch(f.path, f.patch) for f in files}
    found: list[tuple[int, int, Fact]] = []

    def add(path: str, facts: list[Fact]) -> None:
        found.extend((order.get(path, len(order)), len(found) + n, fact) for n, fact in enumerate(facts))

    parsed_files: dict[str, tuple | None] = {}
    manifests = []
    # the lines the commit removes: one added back (in its file or another) is moved, not new
    moved_lines = {line_key(line.text) for p in patches.values() for line in p.removed}
    for change in files:
        path, patch, side = change.path, patches[change.path], sides.get(change.path)
        try:
            if grammar_for(path):
                facts, parsed_files[path] = _code_facts(path, patch, side, change.previous_path)
                add(path, facts if _is_test_file(path) else type_field_facts(path, patch, facts))
            elif is_generated(path) and comments_only_from_hunks(path, patch):
                add(path, [Fact(kind="comments_only", path=path)])  # a generator's header edited
            elif config_format(path) and change.status not in ("added", "removed"):
                add(path, config_facts(path, side.before, side.after) if side is not None
                    else config_facts_from_hunks(path, config_format(path), patch))
            if is_workflow(path) and change.status != "removed":
                if change.status == "added":
                    add(path, added_workflow_keys(path, side.after if side is not None else None))
                add(path, workflow_signals(path, patch, side.after if side is not None else None))
            if manifest_kind(path) or is_dockerfile(path) or path.rsplit("/", 1)[-1] in ("setup.py", "setup.cfg"):
                manifests.append((path, patch, (side.before, side.after) if side else None))
            if is_changelog(path):
                add(path, changelog_facts(path, patch))
            add(path, security_facts(path, patch, moved_lines))
        except Exception:  # one odd file must not cost the commit its analysis; the others still count
            log.warning("no facts from %s in %s", path, commit.short_sha, exc_info=True)
    try:
        # a lock file's packages follow the manifests' (whatever the paths' order); churn no manifest declares last
        last_manifest = max((path for path, _, _ in manifests if not is_lock(path)), key=order.get, default=None)
        for fact in dependency_facts(manifests):
            lock_at = max(fact.path, last_manifest or fact.path, key=order.get) if is_lock(fact.path) else fact.path
            add("" if fact.text == TRANSITIVE else lock_at, [fact])
    except Exception:
        log.warning("no dependency facts in %s", commit.short_sha, exc_info=True)
    found = _folded(found, fold_moves([fact for _, _, fact in found], parsed_files))
    found = _folded(found, fold_config_moves([fact for _, _, fact in found], sides))
    found = _folded(found, without_namespaces([fact for _, _, fact in found], parsed_files))
    tests = [side.after for path, side in sides.items() if side.after and _is_test_file(path) and path.endswith(".py")]
    public = reexported([fact for _, _, fact in found], tests)
    try:
        public = installed_only(public, commit, contents)
    except Exception:
        log.warning("no installed-header check in %s", commit.short_sha, exc_info=True)
    try:
        public = private_module_items(public, commit, {path: side.after for path, side in sides.items()}, contents,
                                      {path: side.before for path, side in sides.items()})
    except Exception:
        log.warning("no Rust module check in %s", commit.short_sha, exc_info=True)
    found = [(at, n, fact) for (at, n, _), fact in zip(found, public)]
    product = product_names([fact for _, _, fact in found])
    bodies: dict[int, str] = {}
    for path, parsed in parsed_files.items():
        try:
            add(path, _test_facts(path, patches[path], parsed, product, bodies))
        except Exception:
            log.warning("no test facts from %s in %s", path, commit.short_sha, exc_info=True)
    return _bounded(_folded(found, fold_test_moves([fact for _, _, fact in found], bodies, patches)))


def _folded(found: list[tuple[int, int, Fact]], replace: dict[int, Fact | None]) -> list[tuple[int, int, Fact]]:
    """``found`` with each fact ``replace`` names swapped for its replacement (None: left out)."""
    return [(at, n, replace.get(id(fact), fact)) for at, n, fact in found if replace.get(id(fact), fact) is not None]
