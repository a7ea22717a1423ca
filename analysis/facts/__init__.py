"""The diff analyzer: machine-checkable facts (symbols, config keys, dependencies, ...) from one commit.

``derive_facts`` is the entry point; both analyzers receive its result through ``AnalysisContext``.
Facts are deterministic (same commit and source, same list), ordered by file then position, deduplicated,
and bounded per kind (``CAPS``; public symbols are kept first when a kind overflows).
"""

from __future__ import annotations

from analysis.facts.changelog import changelog_facts
from analysis.facts.config import config_facts
from analysis.facts.contents import FileContents, Sides, fetch_sides
from analysis.facts.dependencies import dependency_facts
from analysis.facts.hunk_symbols import comments_only_from_hunks, hunk_symbol_facts
from analysis.facts.languages import config_format, grammar_for, is_changelog, is_test_path, manifest_kind
from analysis.facts.patches import FilePatch, parse_patch
from analysis.facts.security import scannable, security_facts
from analysis.facts.symbols import ParsedFile, comments_only, parse_file, symbol_facts
from analysis.facts.testfuncs import hunk_test_facts, hunk_test_names, product_names, tree_test_facts
from analysis.models import Commit, Fact

__all__ = ["CAPS", "FileContents", "derive_facts"]

#: the most facts of each kind one commit yields
CAPS = {"symbol_added": 40, "symbol_removed": 40, "symbol_modified": 40, "signature_changed": 40,
        "comments_only": 40, "config_key_added": 30, "config_key_removed": 30, "config_value_changed": 30,
        "dependency_changed": 40, "changelog_entry": 20, "test_added": 30, "test_removed": 30,
        "security_signal": 20}


def _relevant(path: str) -> bool:
    return bool(grammar_for(path) or config_format(path) or manifest_kind(path) or is_changelog(path)
                or scannable(path))


def _code_facts(path: str, patch: FilePatch, sides: Sides | None) -> tuple[list[Fact], tuple | None]:
    """Symbol and comments-only facts of one code file, and its parsed sides (for the tests pass)."""
    test_file = is_test_path(path) or path.endswith("_test.go")
    if sides is not None:
        before, after = parse_file(path, sides.before), parse_file(path, sides.after)
        if before is not None and after is not None and comments_only(before, after):
            return [Fact(kind="comments_only", path=path)], (before, after)
        return ([] if test_file else symbol_facts(path, before, after)), (before, after)
    if comments_only_from_hunks(path, patch):
        return [Fact(kind="comments_only", path=path)], None
    if test_file:
        return [], None
    tests = set(hunk_test_names(path, patch.added)) | set(hunk_test_names(path, patch.removed))
    return [f for f in hunk_symbol_facts(path, patch) if f.symbol not in tests], None


def _test_facts(path: str, patch: FilePatch, parsed: tuple | None, product: dict[str, str]) -> list[Fact]:
    if parsed is not None:
        before, after = parsed
        return tree_test_facts(path, before, after, product)
    return hunk_test_facts(path, patch, product)


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
        items.sort(key=lambda p: (p[2].public is False, p[0], p[1]))
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
    for change in files:
        path, patch, side = change.path, patches[change.path], sides.get(change.path)
        if grammar_for(path):
            facts, parsed_files[path] = _code_facts(path, patch, side)
            add(path, facts)
        elif config_format(path) and side is not None:
            add(path, config_facts(path, side.before, side.after))
        if manifest_kind(path):
            manifests.append((path, patch, (side.before, side.after) if side else None))
        if is_changelog(path):
            add(path, changelog_facts(path, patch))
        add(path, security_facts(path, patch))
    for fact in dependency_facts(manifests):
        add(fact.path, [fact])
    product = product_names([fact for _, _, fact in found])
    for path, parsed in parsed_files.items():
        add(path, _test_facts(path, patches[path], parsed, product))
    return _bounded(found)
