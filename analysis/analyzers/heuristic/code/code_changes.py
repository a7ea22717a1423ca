"""What kind of edit product code gets: cosmetic, moved, extracted, renamed, literals, exit statuses, deprecations."""

from __future__ import annotations

import re
from functools import cached_property

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.code.hunks import (
    code_lines,
    comment_lines,
    comment_lines_only,
    deprecations_added,
    deprecations_removed,
    exit_status_changes,
    expectation_flips,
    literal_changes,
    moved_lines,
    renamed_lines,
)
from analysis.analyzers.heuristic.code.perf import inlined_into_header
from analysis.analyzers.heuristic.config.charts.deploy import schema_note
from analysis.facts.languages import grammar_for


def _hunk_sides(patch: str) -> tuple[list[tuple[list[str], list[str]]], bool]:
    """Each hunk's lines as they read before and after the change (context lines on both sides, where they stand),
    and whether the patch removes or adds any line."""
    hunks: list[tuple[list[str], list[str]]] = [([], [])]
    changed = False
    for line in patch.splitlines():
        if line.startswith("@@"):
            hunks.append(([], []))
        elif line.startswith("-") and not line.startswith("---"):
            hunks[-1][0].append(line[1:])
            changed = True
        elif line.startswith("+") and not line.startswith("+++"):
            hunks[-1][1].append(line[1:])
            changed = True
        elif not line.startswith("\\"):  # context: on both sides, where it stands
            hunks[-1][0].append(line[1:])
            hunks[-1][1].append(line[1:])
    return hunks, changed


#: line-oriented formats, where a line break ends a value or a command: ``passenv = CI GITHUB_ACTIONS`` written as
#: one name a line (tox 4 reads only that form), a shell command split in two, are not a re-spacing
_LINES_MEAN = (".ini", ".cfg", ".conf", ".properties", ".env", ".sh", ".bash", ".zsh", ".flake8", ".coveragerc",
               ".pylintrc", ".editorconfig", ".npmrc", "makefile", "dockerfile", ".mk", ".txt", ".in")


def whitespace_only(patch: str | None, path: str = "") -> bool:
    """The hunks change nothing but whitespace (indentation, trailing spaces, blank lines), each hunk by itself, its
    context lines kept in place: a block removed in one hunk and added back in another is a move, and a line moved
    past an unchanged one (two statements swapped) is a reordering, not a re-spacing. In a line-oriented format
    (``_LINES_MEAN``) the lines stay the same lines: none split or joined."""
    if not patch:
        return False
    hunks, changed = _hunk_sides(patch)
    if path.lower().endswith(_LINES_MEAN):
        def lines(side: list[str]) -> list[str]:
            return [" ".join(ln.split()) for ln in side if ln.strip()]
        return changed and all(lines(r) == lines(a) for r, a in hunks)
    return changed and all("".join("".join(r).split()) == "".join("".join(a).split()) for r, a in hunks)


#: a comma before a closing bracket, spaces between: a formatter's trailing comma (``f(a, b,)``)
_TRAILING_COMMA = re.compile(r",([ \t]*\n\s*[)\]}])")
#: files where a trailing comma means something (Python's ``(x,)`` is a tuple) or a line is data, not code
_COMMA_MEANS = (".py", ".pyi", ".json", ".jsonc", ".yml", ".yaml", ".toml", ".md", ".txt", ".csv")


def trailing_commas_only(path: str, patch: str | None) -> bool:
    """The hunks change nothing but whitespace and trailing commas (prettier's ``trailingComma: all`` run over
    every multi-line call), each hunk by itself as in ``whitespace_only``; not where the comma is meaning."""
    if not patch or path.lower().endswith(_COMMA_MEANS) or grammar_for(path) is None:
        return False  # (a build file's list, ``deps = ["//x"]``, is the build's own matter)
    hunks, _ = _hunk_sides(patch)

    def bare(lines: list[str]) -> str:
        return "".join(_TRAILING_COMMA.sub(r"\1", "\n".join(lines)).split())

    return any(r != a for r, a in hunks) and all(bare(r) == bare(a) for r, a in hunks)


def _blank_lines_only(patch: str | None) -> bool:
    """Every line the patch removes or adds is blank (spaces at most): trailing blanks cut from empty lines."""
    changed = [ln[1:] for ln in (patch or "").splitlines()
               if ln[:1] in ("+", "-") and not ln.startswith(("+++", "---"))]
    return bool(changed) and not any(ln.strip() for ln in changed)


def _edited_lines(patch: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The removed and the added lines of a patch, stripped, blank ones left out."""
    removed = tuple(ln[1:].strip() for ln in (patch or "").splitlines()
                    if ln.startswith("-") and not ln.startswith("---") and ln[1:].strip())
    added = tuple(ln[1:].strip() for ln in (patch or "").splitlines()
                  if ln.startswith("+") and not ln.startswith("+++") and ln[1:].strip())
    return removed, added


class CodeChanges:
    """The kind of edit each product file gets (mixed into ``Evidence``, whose files, classes and facts it reads)."""

    @cached_property
    def cosmetic(self) -> dict[str, str]:
        """Files whose change is only comments/docstrings ("comments"), only whitespace ("whitespace"), or only
        whitespace and trailing commas ("format")."""
        # the syntax trees equal but for comments and spacing: whitespace when only blank lines change (their
        # trailing spaces cut) or code lines are only re-spaced; a doc comment's line re-spaced (``#MongoDb`` ->
        # ``# MongoDb`` inside a block comment) stays a comment edit
        out = {f.path: "whitespace" if _blank_lines_only(f.patch) or (
                   whitespace_only(f.patch, f.path) and not comment_lines_only(f.patch, f.path)) else "comments"
               for f in self.files if any(x.kind == "comments_only" and x.path == f.path for x in self.facts)}
        keyed = self.of("config_key_added", "config_key_removed", "config_value_changed")
        valued = {x.path for x in keyed}
        for path in valued - set(out):
            if all(schema_note(x) for x in keyed if x.path == path):
                out[path] = "comments"  # a schema's descriptions reworded: documentation
        # a doc comment that deprecates public API (Go's ``// Deprecated:``) warns its callers: not a comment edit
        deprecating = {x.path for x in self.api_deprecated}
        # the symbol reader compares Python's tokens with their indentation: a definition it saw change is no
        # re-spacing (``teardown.close()`` indented out of its ``else:`` runs in both branches now)
        restructured = {x.path for x in self.of("symbol_modified", "signature_changed") if x.path.endswith(".py")}
        for f in self.files:
            if f.path not in out and f.path not in valued and f.path not in restructured \
                    and whitespace_only(f.patch, f.path):  # not a space inside a value
                out[f.path] = "whitespace"
            elif f.path not in out and f.path not in valued and f.path not in restructured \
                    and f.path not in {x.path for x in self.facts} and "test" not in self.classes.get(f.path, ())\
                    and trailing_commas_only(f.path, f.patch):
                out[f.path] = "format"  # a formatter's commas in product code: no symbol reads any different
            elif f.path not in out and comment_lines_only(f.patch, f.path) and f.path not in deprecating:
                out[f.path] = "comments"  # a language the symbol reader did not parse, read from the hunks
        return self._mirrored(out)

    def _mirrored(self, cosmetic: dict[str, str]) -> dict[str, str]:
        """A file whose hunks repeat a cosmetic file's changed lines word for word is a generated copy of it (a
        ``go doc`` listing or an API snapshot beside the source): cosmetic too."""
        edits = {path: _edited_lines(f.patch) for f in self.files
                 if (path := f.path) in cosmetic and f.patch}
        out = dict(cosmetic)
        for f in self.files:
            lines = _edited_lines(f.patch) if f.patch and f.path not in out else None
            kind = next((cosmetic[p] for p, e in edits.items() if lines and any(lines) and e == lines), None)
            if kind:
                out[f.path] = kind
        return out

    @cached_property
    def moved_only(self) -> bool:
        """The product lines removed come back elsewhere (same text, another place): a move or reorder."""
        return bool(self.behaviour) and moved_lines(f.patch for f in self._move_span)

    @cached_property
    def inlined_only(self) -> bool:
        """C/C++ definitions moved from source files into their headers, the same tokens (see ``heuristic.code.perf``)."""
        return inlined_into_header(self.behaviour)

    @cached_property
    def extracted_only(self) -> bool:
        """Lines moved into new private functions: the same lines come back, but for each new function's signature,
        its call and its closing lines (a behaviour-preserving extraction)."""
        helpers = [f for f in self.of("symbol_added") if self.in_product(f) and not self.is_public(f)
                   and (f.text or "").startswith(("function", "method"))]
        return (bool(helpers) and bool(self.behaviour)
                and moved_lines((f.patch for f in self.behaviour), R.EXTRACTION_LINES * len(helpers)))

    @cached_property
    def renamed_only(self) -> bool:
        """The product lines come back with a few identifiers renamed throughout, nothing else rewritten."""
        return bool(self.behaviour) and renamed_lines(f.patch for f in self._move_span)

    @property
    def _move_span(self) -> list:
        """The files a move or rename is read over: product code, and Rust test code beside it (a type moved with
        its tests, a path renamed in the tests too)."""
        return [*self.behaviour, *(f for f in self.rust_tests if f not in self.behaviour)]

    @cached_property
    def code_lines(self) -> int:
        """Changed product lines less blank and comment lines (all of them when a patch is missing)."""
        return sum(code_lines(f.patch, f.path) if f.patch else f.changes for f in self.behaviour)

    @cached_property
    def comment_lines(self) -> int:
        """Changed comment lines in product files (doc comments, docstrings written as comments)."""
        return sum(comment_lines(f.patch, f.path) for f in self.behaviour if f.patch)

    @cached_property
    def literal_changes(self) -> dict[str, list[str]]:
        """Lines of product code where only literals changed: ``status`` codes, or ``message`` texts."""
        return literal_changes(self.behaviour)

    @cached_property
    def exit_statuses(self) -> tuple[list[str], list[str]]:
        """Process exit statuses replaced in product code: (those the removed lines used, the new ones)."""
        return exit_status_changes(self.behaviour)

    @cached_property
    def expectation_flips(self) -> list[tuple[str, str, str]]:
        """Existing test lines now expecting another boolean or null result, when product code changes too."""
        return expectation_flips(f for f in self.files if "test" in self.classes[f.path]) if self.behaviour else []

    @cached_property
    def deprecated_in(self) -> list[str]:
        """Product files whose hunks add a deprecation users are warned of."""
        return [f.path for f in self.behaviour if deprecations_added(f.patch)]

    @cached_property
    def deprecation_carried_out(self) -> list[str]:
        """Product files whose deprecation warning goes, in a commit whose title removes something: what warned
        callers now fails for them (``evolve: remove support for passing instances per kw``)."""
        if not R.REMOVAL_TITLE.search(self.title):
            return []
        return [f.path for f in self.behaviour if deprecations_removed(f.patch)]
