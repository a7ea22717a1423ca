"""What the summary says of files when no symbol, key or package names the change: the files by kind, the CI keys
or actions moved, the tests named, and a tiny change's own line. A part of the ``Writer`` (its ``t``, ``names``,
``symbols`` and evidence ``e``)."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from difflib import SequenceMatcher

from analysis.analyzers.heuristic import rules as R
from analysis.analyzers.heuristic.code.hunks import changed_lines, comment_lines, is_comment_line
from analysis.analyzers.heuristic.code.named.assignments import entries_removed, values_edited
from analysis.analyzers.heuristic.code.named.default_members import default_members
from analysis.analyzers.heuristic.config.ci_keys import RANK, action_moves, changed_keys, pinned_versions, sha_pinned
from analysis.analyzers.heuristic.config.ci_keys import label as ci_label
from analysis.analyzers.heuristic.message import clip, unlinked
from analysis.analyzers.heuristic.release import versions_set
from analysis.analyzers.heuristic.text.spans import TINY_CHARS as _TINY_CHARS
from analysis.analyzers.heuristic.text.spans import TINY_LINES as _TINY_LINES
from analysis.analyzers.heuristic.text.spans import code, code_line, code_pair, pinned
from analysis.facts.code.hunk_symbols import documented_names, enclosing_definition
from analysis.facts.patches import FilePatch, parse_patch
from analysis.models import Fact, FileChange

#: a line with a word or a number in it (not brackets and punctuation alone)
_WORDY = re.compile(r"[A-Za-z0-9_]")

#: the changed lines of a small build file said one by one (``go.work``'s ``use`` entries), and their longest
_LISTED_LINES = 8
_LISTED_CHARS = 60
#: the most build files whose one rewritten line each is quoted (a version bumped in CMake and autoconf alike)
_SWAPPED_FILES = 3
#: an e-mail address in angle brackets, as a contributors' list writes it after a name
_ADDRESS = re.compile(r"\s*<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>")
#: a checksum in a build file's line: a hex digest of 32 digits or more (MD5, SHA-1, SHA-256)
_CHECKSUM = re.compile(r"\b[0-9a-fA-F]{32,}\b")
#: a settings line's key: ``"types": "./dist/index.d.ts",`` (JSON), ``name = "x"`` (TOML), ``name: x`` (YAML)
_XML_ELEMENT = re.compile(r"^(<[\w.:-]+>)[^<]*</")
_KEY_LINE = re.compile(r"""^["']?([\w@./-]+)["']?\s*[:=]\s*\S""")
#: files a deleted folder holds at least, to be said as a folder
_FOLDER_FILES = 3
#: a CI key said by its values: at most this many value changes, each side at most this long
_CI_VALUES = 4
_CI_VALUE_CHARS = 30
_CI_KINDS = ("config_key_added", "config_key_removed", "config_value_changed")
#: Markdown emphasis and a heading's marks in the pointer a README keeps: said as its words
_MARKUP = re.compile(r"\*\*|__|^#+\s*")


#: the most folders a change may move, each file unchanged, and be said as folders moved
_MOVED_FOLDERS = 3


def folder_moved(files: list[FileChange]) -> tuple[list[tuple[str, str]], int] | None:
    """``([(old folder, new folder)], files)`` when every file is renamed unchanged from one folder to another, the
    same path below it (``mock/mount/..data`` -> ``providers/k8smount/mock/mount/..data``); two files at least, and
    at most three folders moved (a workspace's ``pest_derive/`` and ``pest_grammars/`` renamed in one commit)."""
    folders: dict[tuple[str, str], None] = {}
    for f in files:
        if not f.previous_path or f.changes:
            return None
        old, new = f.previous_path.split("/"), f.path.split("/")
        same = 0
        while same < min(len(old), len(new)) - 1 and old[-1 - same] == new[-1 - same]:
            same += 1
        if not same:
            return None  # the file itself renamed
        # the first folder of the shared tail stays in the names: ``mock/`` -> ``providers/k8smount/mock/``
        keep = 1 if same > 1 else 0
        folders[("/".join(old[:len(old) - same + keep]) + "/", "/".join(new[:len(new) - same + keep]) + "/")] = None
    if len(files) < 2 or not 0 < len(folders) <= _MOVED_FOLDERS:
        return None
    return list(folders), len(files)


def _apart(patch: FilePatch) -> bool:
    """Whether the patch's one removed and one added line (blank lines aside) are not side by side: a line moved, not
    one re-spaced in place."""
    rows = [(h, i) for h, hunk in enumerate(patch.hunks) for i, line in enumerate(hunk.lines)
            if line.kind in "+-" and line.text.strip()]
    return len(rows) == 2 and (rows[0][0] != rows[1][0] or abs(rows[0][1] - rows[1][1]) > 1)


def _setting(line: str) -> str:
    """What a build file's line sets: an XML element's tag (``<version>1.3.0</version>`` sets ``<version>``), else
    its first word (``go 1.25.0`` sets ``go``): a removed and an added line that set the same are one setting
    changed."""
    tag = _XML_ELEMENT.match(line)
    return tag.group(1) if tag else line.split()[0]


class FileLines:
    """The file-level sentences of a summary (mixed into ``Writer``)."""

    def folder_removed(self) -> tuple[str, int, int, str] | None:
        """``(folder, files, lines, note)`` when the change deletes every file of a folder but its documentation (a
        chart or a package moved out of the repository; its README may stay, rewritten as a pointer): said as the
        folder gone, not as each file's lines; ``note`` is the pointer's one added line, if any."""
        files = self.e.files
        gone = [f for f in files if f.status == "removed"]
        kept = [f for f in files if f.status != "removed"]
        if len(gone) < _FOLDER_FILES or any("doc" not in self.e.classes[f.path] or f.additions > 1 for f in kept):
            return None
        folder = posixpath.commonpath([f.path for f in gone]) if all("/" in f.path for f in gone) else ""
        if not folder or folder in {f.path for f in gone} or any(not f.path.startswith(folder + "/") for f in kept):
            return None
        added = [ln.text.strip() for f in kept if f.patch for ln in parse_patch(f.path, f.patch).added if ln.text.strip()]
        note = clip(_MARKUP.sub("", unlinked(added[0])).strip(), R.MAX_PARAGRAPH) if added else ""
        return folder + "/", len(gone), sum(f.deletions for f in gone), note

    def cosmetic_lines(self) -> list[str]:
        out = []
        for kind, key in (("comments", "comments_only"), ("whitespace", "whitespace_only"), ("format", "format_only")):
            paths = [p for p, k in self.e.cosmetic.items() if k == kind]
            if not paths:
                continue
            text = self.t(key, paths=self.names(paths))
            documented = self.documented(paths) if kind == "comments" else []
            if documented:
                out.append(self.t("documenting", text=text, names=self.symbols(documented, 3)))
            elif kind == "comments" and [f.path for f in self.e.files] == paths:
                # the change is that one file's comments: which comment tells its doc edits of a day apart
                out.append(text + self.comment_quote(paths[0]))
            else:
                out.append(text)
        return out

    def comment_quote(self, path: str) -> str:
        """``: old → new`` for the first comment line a one-file comment change rewrites (or adds, or removes) when
        no definition is found beside it: a file's doc comments fixed three times in a day are three fixes."""
        f = next((f for f in self.e.files if f.path == path and f.patch), None)
        if f is None:
            return ""
        patch = parse_patch(f.path, f.patch)
        # a comment's bare marker (``//``, ``#``, `` *``: the blank line between its paragraphs) says no words
        added = [ln.text.strip() for ln in patch.added if _WORDY.search(ln.text)]
        removed = [ln.text.strip() for ln in patch.removed if _WORDY.search(ln.text)]
        if added and removed and added[0].split() == removed[0].split():
            return ""  # the line re-indented: no words to quote
        quote = self.file_quote(f)
        if quote:
            return quote
        if added and removed:
            old, new = code_pair(removed[0], added[0], _TINY_CHARS)
            return self.t("tiny_swapped", old=old, new=new)
        if added:
            return self.t("tiny_added", line=code_line(added[0], _TINY_CHARS))
        return self.t("tiny_removed", line=code_line(removed[0], _TINY_CHARS)) if removed else ""

    def quoted_lines(self, lines: list[str]) -> str:
        """The lines a tiny change adds (or removes), each as inline code: two list items added (``- 1.10.x``,
        ``- 1.11.x``) are both said, not the first as if it were the only one."""
        return self.p["sep"].join(code_line(line, _TINY_CHARS) for line in lines[:_TINY_LINES])

    def cosmetic_weighty(self) -> bool:
        """Comment-only files are a part of the change worth a line beside its other lines: three files or more, or
        two files or more with at least as many lines as the rest of the change (not a comment touched in passing,
        nor one file's doc comments edited beside its code, as a library's ``lib.rs`` is day after day)."""
        cosmetic = [f for f in self.e.files if f.path in self.e.cosmetic]
        rest = sum(f.changes for f in self.e.files if f.path not in self.e.cosmetic and "lock" not in self.e.classes[f.path])
        return len(cosmetic) >= 3 or (len(cosmetic) == 2 and sum(f.changes for f in cosmetic) >= max(rest, 1))

    def documented(self, paths: list[str]) -> list[str]:
        """The definitions the comment changes of ``paths`` document (from git's context around the hunks); none
        when a file's comments document no definition (six test files' typos and a ``swap`` in one of them: "on
        `swap`" after all six would say their comments are on it)."""
        patches = {f.path: f.patch for f in self.e.files if f.patch}
        named = [documented_names(path, parse_patch(path, patches[path])) if path in patches else []
                 for path in paths]
        return list(dict.fromkeys(name for names in named for name in names)) if all(named) else []

    def ci_keys(self, values: bool = True) -> str:
        """``; changes `permissions`, `uses` (pinned to a commit SHA)``: the CI keys the diff changes, bounded; when
        the only keys are actions moved to another tag, the actions and their refs (``; `actions/checkout` `v4` →
        `v5```)."""
        facts = self.e.ci_config
        keys = changed_keys(facts)
        if not keys:
            return ""
        moves = action_moves(facts)
        actions = ""
        if "uses" in keys and moves:  # the actions moved are said by name and refs, the other keys beside them
            paths = {c.path for c in facts}
            patches = [parse_patch(f.path, f.patch) for f in self.e.files if f.patch and f.path in paths]
            moves = pinned_versions(moves, [ln.text for p in patches for ln in (*p.removed, *p.added)])
            named = [self.t("config_value", key=code(a), old=code(pinned(o)), new=code(pinned(n))) for a, o, n in moves]
            actions = self.t("ci_actions", actions=self.names(named, 4, wrap=False))
            keys = [k for k in keys if k != "uses"]
            if not keys:
                return actions
        to_sha = any(sha_pinned(f) for f in facts) and not actions
        if values and len(keys) == 1 and keys[0] not in RANK and (moved := self.key_values(facts, keys[0])):
            return actions + self.t("ci_keys", keys=moved)
        named = [self.t("ci_pinned", key=code(k)) if k == "uses" and to_sha else code(k) for k in keys]
        return actions + self.t("ci_keys", keys=self.names(named, 4, wrap=False))

    def key_values(self, facts: list[Fact], key: str) -> str:
        """``image` `ubuntu-22.04` → `ubuntu-24.04`, `macos-14` → `macos-15``: the one key a CI change touches, by
        the values it moves between (a matrix's runner images, each a row of its ``include``), when it only changes
        values, a few short ones; a key added, removed or set at length stays its name alone."""
        changed = [f for f in facts if f.kind in _CI_KINDS and ci_label(f) == key]
        if not changed or len(changed) > _CI_VALUES or any(
                f.kind != "config_value_changed" or not f.before or not f.after
                or max(len(f.before), len(f.after)) > _CI_VALUE_CHARS or "\n" in f.before + f.after for f in changed):
            return ""
        pairs = list(dict.fromkeys((f.before, f.after) for f in changed))
        first = self.t("config_value", key=code(key), old=code(pairs[0][0]), new=code(pairs[0][1]))
        rest = [self.t("retyped", old=code(old), new=code(new)) for old, new in pairs[1:]]
        return self.p["sep"].join([first, *rest])

    def tests_named(self) -> str:
        tests = [f.symbol for f in self.e.of("test_added") if not f.before]  # a renamed test is no new one
        return self.t("tests_named", names=self.names(tests, 4)) if tests else ""

    def tests_moved(self) -> list[str]:
        """Tests renamed (``old`` → ``new``) and tests moved from another file, as the facts' ``before`` says."""
        renamed, moved = [], {}
        for f in self.e.of("test_added"):
            origin, _, name = (f.before or "").rpartition("::")
            if not name:
                continue
            pair = code(f.symbol) if name == f.symbol else self.t("renamed_pair", old=code(name), new=code(f.symbol))
            (moved.setdefault((origin, f.path), []) if origin else renamed).append(pair)
        out = [self.t("maint_tests_renamed", names=self.names(renamed, wrap=False))] if renamed else []
        return out + [self.t("maint_tests_moved", names=self.names(pairs, wrap=False), old=code(old, R.MAX_PATH),
                             new=code(new, R.MAX_PATH)) for (old, new), pairs in list(moved.items())[:R.MAX_LISTED]]

    def sizes(self, paths: list[str], limit: int = 2) -> str:
        """``path (+a/−d)`` for the first ``limit`` of ``paths``."""
        by_path = {f.path: f for f in self.e.files}
        shown = [self.file_size(by_path[p]) for p in paths[:limit] if p in by_path]
        text = self.p["sep"].join(shown)
        # a cut list of files says "files" in zh (``等 3 个文件中的``), not a bare count
        return self.t("more_files", items=text, n=len(paths) - limit, total=len(paths)) if len(paths) > limit else text

    def file_size(self, f: FileChange) -> str:
        """``path (+a/−d)``; a file renamed with no line changed says where it came from instead."""
        if f.previous_path and not f.changes:
            return self.t("file_renamed", path=code(f.path, R.MAX_PATH), old=code(f.previous_path, R.MAX_PATH))
        if _binary(f):  # a jar or an image replaced: git counts no lines, "(+0/−0)" read as nothing changed
            return self.t("file_binary", path=code(f.path, R.MAX_PATH))
        return self.t("file_size", path=code(f.path, R.MAX_PATH), a=f.additions, d=f.deletions)

    def folders_moved(self, files: list[FileChange]) -> str:
        """``Moves 3 files from `a/` to `b/`, none changed`` (or several folders, each ``old`` → ``new``) when every
        one of ``files`` is renamed unchanged along with its folder; else ""."""
        moved = folder_moved(files)
        if not moved:
            return ""
        if len(moved[0]) == 1:
            (old, new), = moved[0]
            return self.t("files_moved", n=moved[1], old=code(old, R.MAX_PATH), new=code(new, R.MAX_PATH))
        return self.t("files_moved_many", n=moved[1], pairs=self.p["sep"].join(
            self.t("renamed_pair", old=code(old, R.MAX_PATH), new=code(new, R.MAX_PATH)) for old, new in moved[0]))

    def file_lines(self, cosmetic_said: bool = False) -> list[str]:
        """No fact names a symbol: say which files changed, by kind when they are not product code (without the files
        whose comments alone change when ``cosmetic_said``: the "Comments and docstrings only" line names them)."""
        e = self.e
        # "comments ... and N lines of code around them" only where there are comments (a blank line is none)
        comments = sum(comment_lines(f.patch, f.path) for f in e.behaviour if f.patch)
        if e.behaviour and e.code_lines <= R.DOCS_CODE_LINES < e.behaviour_lines and comments:
            return [self.t("comments_mostly_one" if e.code_lines == 1 else "comments_mostly",
                           paths=self.names([f.path for f in e.behaviour], 3), n=e.code_lines)
                    + self.code_among_comments()]
        moved = self.folders_moved(e.behaviour)
        if moved:  # "Move k8smount provider mock files out of the global mock dir": one folder's files, elsewhere
            return [moved]
        if e.behaviour and e.moved_only:  # "move send_messages() below all callers": the same lines, elsewhere
            top = [f.path for f in sorted(e.behaviour, key=lambda f: -f.changes)]
            return [self.t("lines_moved", n=sum(f.deletions for f in e.behaviour), files=self.sizes(top, 3))]
        if e.behaviour:
            top = [f.path for f in sorted(e.behaviour, key=lambda f: -f.changes)]
            edited = values_edited(e.behaviour)  # no symbol named: the module-level values the hunks sit in
            if edited:
                # the entries taken out of the value (deprecated aliases dropped from ``__deprecated_attributes__``)
                # are what the change removes; "changes `__deprecated_attributes__`" alone does not say which
                dropped = entries_removed(e.behaviour)
                return [self.t("modified", names=self.symbols(edited), files=self.sizes(top, 3))] + (
                    [self.t("entries_removed", names=self.names(dropped))] if dropped else []) + self.default_lines(
                    [(f, names[0]) for f in e.behaviour if len(names := values_edited([f])) == 1])
            # the one product file's line or two beside its tests (a chart template's ``name:`` and the unit test
            # that checks it) says the change as it would alone
            tested = len(e.behaviour) == 1 and all(f in e.behaviour or "test" in e.classes[f.path] for f in e.files)
            quote = self.tiny_line() or (self.file_quote(e.behaviour[0]) if tested else "")
            if not quote and (swaps := self.two_swaps()):
                quote = self.t("listed_lines", items=swaps)
            if not quote and (bumped := versions_set(e.behaviour)):
                # which release the version file now names: "Changes `version.py` (+1/−1)" read alike for each
                quote = self.t("listed_lines", items=self.names(
                    [self.t("config_value", key=code(name), old=code(old), new=code(new)) for name, old, new in bumped],
                    2, wrap=False))
            return [self.t("files_only", files=self.sizes(top, 3)) + (quote or self.reads(e.behaviour))]
        quoted = {f.path for f in e.of("changelog_entry")} if e.changelog else set()
        if quoted and all(f.path in quoted for f in e.files):
            return []  # the summary quotes what the changelog lines say; "the changelog changed" adds nothing
        if moved := self.folders_moved(e.files):  # a test's fixtures (``mock/mount/``) moved beside it, unchanged
            return [moved]
        for classes, key in ((("doc", "example"), "docs_only"), (("test",), "tests_only"),
                             (("ci", "tooling"), "ci_only"), (("build", "lock"), "build_only")):
            if e.all_files(*classes):
                if key == "docs_only" and not any("doc" in e.classes[f.path] for f in e.files):
                    key = "examples_only"  # an example's Makefile or code is no documentation
                elif key == "docs_only" and not all("doc" in e.classes[f.path] for f in e.files):
                    key = "docs_examples_only"  # a changelog entry beside the example code it tells of
                tiny = self.tiny_line()  # the one line quoted whole says its key's values itself
                keys = self.ci_keys(values=not tiny) if key == "ci_only" else ""
                said = "" if keys and action_moves(e.ci_config) else tiny
                if key == "build_only" and not said:
                    said = self.build_lines(len(e.files) == 1)
                return [self.t(key, paths=self.sizes([f.path for f in e.files], 3)) + keys + self.tests_named() + said]
        kinds: dict[str, list[str]] = defaultdict(list)
        for f in e.files:
            if cosmetic_said and e.cosmetic.get(f.path) == "comments":
                continue  # a licence header's address in 180 files: said once, as comments, not by kind again
            kind = next((k for k in ("doc", "test", "ci", "build", "example", "generated") if k in e.classes[f.path]
                         or (k == "ci" and "tooling" in e.classes[f.path])
                         or (k == "build" and e.classes[f.path] & {"lock", "docker"})), None)
            if kind:
                kinds[kind].append(f.path)
        if kinds:
            parts = [self.t("kinds_line", kind=self.p[f"kind_{k}"], paths=self.names(v, 3))
                     + (self.build_lines(len(v) == 1) if k == "build" else "") for k, v in kinds.items()]
            line = self.p["kinds_sep"].join(parts)
            return [line[:1].upper() + line[1:] + self.tests_named()]  # a sentence: "Build files: ...; CI and ..."
        return []

    def default_lines(self, pairs: list[tuple[FileChange, str]]) -> list[str]:
        """``The default `defaultX` gains `"text/csv"```: per (file, the one value its hunks change) whose change is
        list items alone and whose name says it is a default."""
        out = []
        for f, symbol in pairs:
            members = default_members(f, symbol)
            if members:
                changes = ([self.t("members_gained", names=self.names(members[0]))] if members[0] else []) + \
                          ([self.t("members_lost", names=self.names(members[1]))] if members[1] else [])
                out.append(self.t("default_members", name=code(symbol), changes=self.p["members_and"].join(changes)))
        return out

    def build_lines(self, alone: bool) -> str:
        """``: removes `./examples``` for the one small build file of the change whose lines are short settings no
        dependency fact names (a Go workspace's ``use`` entries, its ``go`` and ``toolchain`` lines): the lines say
        what moved, "build files: `go.work`" does not. A removed and an added line that start with the same word
        are one setting changed (``go 1.25.0`` → ``go 1.24.4``)."""
        e = self.e
        named = {f.path for f in e.facts}
        small = [f for f in e.files if "build" in e.classes[f.path] and "lock" not in e.classes[f.path]
                 and f.path not in named and f.patch and 0 < f.changes <= _LISTED_LINES]
        if len(small) > 1 and len(small) == len(e.files) and (common := self.common_swap(small)):
            return common
        if 1 < len(small) <= _SWAPPED_FILES:
            return self.build_swaps(small)
        if len(small) != 1:
            return ""
        patch = parse_patch(small[0].path, small[0].patch)
        added = [ln.text.strip() for ln in patch.added if ln.text.strip()]
        removed = [ln.text.strip() for ln in patch.removed if ln.text.strip()]
        # a download's checksum moved with its version (``SHA256 1f29…`` → ``SHA256 cfd5…``): the version line says
        # which release; the hashes are no setting a reader compares
        if (hashed := [t for t in added + removed if _CHECKSUM.search(t)]) and len(hashed) < len(added + removed):
            added, removed = [t for t in added if t not in hashed], [t for t in removed if t not in hashed]
        if not added + removed or any(len(t) > _LISTED_CHARS or t.startswith(("#", "//")) for t in added + removed):
            return ""
        # a key's line moves with no value changed (``"default"`` put after ``"types"``): the order is the change,
        # not four lines "added" and "removed" that are the same lines
        key = "listed_lines" if alone else "listed_lines_in"
        if sorted(t.rstrip(",") for t in added) == sorted(t.rstrip(",") for t in removed):
            keys = [m.group(1) for t in added if (m := _KEY_LINE.match(t))]
            reordered = self.t("listed_keys_reordered", keys=self.names(list(dict.fromkeys(keys)), 3)) \
                if len(keys) == len(added) else self.t("listed_reordered", lines=self.names(added, 3))
            return self.t(key, path=code(small[0].path, R.MAX_PATH), items=reordered)
        # a line only re-indented (``</scm>`` put two spaces left) is no setting changed: "`</scm>` → `</scm>`"
        # reads as nothing; the lines that do change say the change
        for old in [r for r in removed if r in added]:
            if removed.count(old) == added.count(old):
                removed.remove(old)
                added.remove(old)
        if not added + removed:
            return ""
        items = []
        for old in list(removed):
            same = [new for new in added if _setting(new) == _setting(old)]
            if len(same) == 1 and len([r for r in removed if _setting(r) == _setting(old)]) == 1:
                items.append(self.t("listed_swapped", old=code(old), new=code(same[0])))
                removed.remove(old)
                added.remove(same[0])
        if len(added) == len(removed) == 1:  # ``find_package(Iconv)`` → ``find_package(IntlIconv)``: one line rewritten
            items.append(self.t("listed_swapped", old=code(removed.pop()), new=code(added.pop())))
        if added:
            items.append(self.t("listed_added", lines=self.names(added, 3)))
        if removed:
            items.append(self.t("listed_removed", lines=self.names(removed, 3)))
        # beside other files (``alone`` false) the lines say which file they are of
        return self.t(key, path=code(small[0].path, R.MAX_PATH), items=self.p["listed_sep"].join(items))

    def common_swap(self, files: list[FileChange]) -> str:
        """``; in each: `<version>1.6.0-SNAPSHOT</version>` → `<version>1.6.0</version>``` for build files that all
        rewrite the same one line (a release's version in each module's ``pom.xml``), whatever else one of them
        changes: said once, not file by file; empty when no one line is rewritten alike in every file."""
        removed: set[str] | None = None
        added: set[str] | None = None
        for f in files:
            patch = parse_patch(f.path, f.patch)
            gone = {ln.text.strip() for ln in patch.removed if ln.text.strip()}
            new = {ln.text.strip() for ln in patch.added if ln.text.strip()}
            removed, added = (gone, new) if removed is None else (removed & gone, added & new)
        if not removed or not added or len(removed) != 1 or len(added) != 1:
            return ""
        old, new = code_pair(next(iter(removed)), next(iter(added)), _TINY_CHARS)
        return self.t("swapped_in_each", old=old, new=new)

    def build_swaps(self, small: list[FileChange]) -> str:
        """``; `CMakeLists.txt`: `project(x VERSION 1.61.0)` → `…1.61.90)`; `configure.ac`: …`` for two or three build
        files each rewriting one line (a version bumped in each build system): the lines say what moved, "build
        files only" does not. Empty when any of them changes more than its one line."""
        out = []
        for f in small:
            patch = parse_patch(f.path, f.patch)
            added = [ln.text.strip() for ln in patch.added if ln.text.strip()]
            removed = [ln.text.strip() for ln in patch.removed if ln.text.strip()]
            if len(added) != 1 or len(removed) != 1 or added[0].startswith(("#", "//")):
                return ""
            old, new = code_pair(removed[0], added[0], _TINY_CHARS)
            out.append(self.t("listed_lines_in", path=code(f.path, R.MAX_PATH),
                              items=self.t("listed_swapped", old=old, new=new)))
        return "".join(out)

    def tiny_line(self) -> str:
        """A one-file change of a line or two that names no symbol: the line itself tells it from its neighbours
        (four one-line lint allowances in one test file are four different changes)."""
        if len(self.e.files) == 1:
            return self.file_quote(self.e.files[0])
        # a binary file beside it (Gradle's wrapper jar replaced with the properties naming the new release) has
        # no line to quote: the one text file's line still tells the change
        text = [f for f in self.e.files if not _binary(f)]
        return self.file_quote(text[0]) if len(text) == 1 else ""

    def file_quote(self, f: FileChange) -> str:
        """``: old → new`` (or ``: adds line``) for a file changed by a line or two; empty for a larger change."""
        if not 0 < f.changes <= _TINY_LINES or not f.patch:
            return ""
        patch = parse_patch(f.path, f.patch)
        # a person's address (``Ann <ann@example.org>`` in THANKS or AUTHORS) is left out: the name says who
        added = [_ADDRESS.sub("", ln.text).strip() for ln in patch.added if ln.text.strip()]
        removed = [_ADDRESS.sub("", ln.text).strip() for ln in patch.removed if ln.text.strip()]
        if len(added) == 1 and len(removed) == 1 and added[0].split() == removed[0].split() and _apart(patch):
            # the same line taken out and put back elsewhere (a test's case reordered): "x → x" reads as no change
            return self.t("tiny_moved", line=self.quoted_lines(added))
        if len(added) == 1 and len(removed) == 1:  # ``version=2.2.25`` → ``version=2.2.26``: the one line rewritten
            old, new = code_pair(removed[0], added[0], _TINY_CHARS)  # a long line changed at its end: where it differs
            return self.t("tiny_swapped", old=old, new=new)
        if added:
            return self.t("tiny_added", line=self.quoted_lines(added))
        return self.t("tiny_removed", line=self.quoted_lines(removed)) if removed else ""

    def code_among_comments(self) -> str:
        """``: `const int n = f();` → `int n = f();`; adds `#include <memory>``` for the few lines of code a change
        of mostly comments rewrites (three at most): which code moved, not only how many lines of it."""
        removed, added = [], []
        for f in self.e.behaviour:
            old, new = changed_lines(f.patch)
            # a line of brackets alone (``}``, ``});``) says nothing of what the code does
            removed += [ln.strip() for ln in old if _WORDY.search(ln) and not is_comment_line(ln, f.path)]
            added += [ln.strip() for ln in new if _WORDY.search(ln) and not is_comment_line(ln, f.path)]
        if not removed and not added or len(removed) + len(added) > 3:
            return ""
        # the same line added in two places (a release note in a header's history and again in its footer's) is
        # one line to quote: "adds `2.20 ..`, adds `2.20 ..`" said it twice
        removed, added = list(dict.fromkeys(removed)), list(dict.fromkeys(added))
        said, rest = [], list(added)
        for old in removed:  # a line rewritten pairs with the added line most like it; the others stand alone
            new = max(rest, key=lambda x: SequenceMatcher(None, old, x).ratio(), default=None)
            if new is not None and SequenceMatcher(None, old, new).ratio() >= 0.5:
                rest.remove(new)
                quoted_old, quoted_new = code_pair(old, new, _TINY_CHARS)
                said.append(self.t("among_swapped", old=quoted_old, new=quoted_new))
            else:
                said.append(self.t("among_removed", line=code_line(old, _TINY_CHARS)))
        said += [self.t("among_added", line=code_line(x, _TINY_CHARS)) for x in rest]
        return self.t("among_code", lines=self.p["sep"].join(said))

    def file_scopes(self, f: FileChange) -> str:
        """`` — in `Compress`, `SnappyIOVecReader` `` for a code file no symbol fact names: the definitions its hunks'
        changes sit in, read from the hunks and git's ``@@`` context (a file too large to read whole); empty when
        none is known. "snappy.cc (+4/−5)" alone read the same under each change of a day to that file."""
        patch = parse_patch(f.path, f.patch) if f.patch else None
        names: list[str] = []
        for hunk in patch.hunks if patch else []:
            first = next((i for i, line in enumerate(hunk.lines) if line.kind != " "), None)
            found = enclosing_definition(f.path, hunk, first) if first is not None else None
            if found and found.name not in names:
                names.append(found.name)
        return self.t("impact_in", names=self.symbols(names, 3)) if names else ""

    def two_swaps(self, files: list[FileChange] | None = None) -> str:
        """```a` → `b`; `c` → `d``` for the one product file of a change that rewrites two short lines and nothing
        else (a status check and the return beside it): "Changes `execute.cpp` (+2/−2)" said nothing of what."""
        files = self.e.behaviour if files is None else files
        if len(files) != 1 or not files[0].patch or files[0].changes != 4:
            return ""
        patch = parse_patch(files[0].path, files[0].patch)
        added = [ln.text.strip() for ln in patch.added if ln.text.strip()]
        removed = [ln.text.strip() for ln in patch.removed if ln.text.strip()]
        if len(added) != 2 or len(removed) != 2 or set(added) & set(removed) \
                or any(len(t) > _TINY_CHARS * 2 for t in added + removed):
            return ""
        pairs = [code_pair(old, new, _TINY_CHARS) for old, new in zip(removed, added)]
        return self.p["listed_sep"].join(self.t("listed_swapped", old=old, new=new) for old, new in pairs)

    def tiny(self) -> bool:
        """The summary's file line quotes the change itself: an impact line would only say it again."""
        return bool(self.tiny_line())

    def tiny_unnamed(self) -> bool:
        """A tiny change whose file no fact names a symbol or key in (a ``version.properties`` line): the summary
        quotes the line, and an impact line could only name the file again."""
        return self.tiny() and not any(f.symbol for f in self.e.facts if f.path == self.e.files[0].path)


#: names of files git keeps as binary: archives, images, fonts, compiled code and catalogs, key stores
_BINARY_NAME = re.compile(r"\.(jar|war|ear|aar|class|zip|gz|tgz|bz2|xz|zst|7z|rar|tar|png|jpe?g|gif|ico|icns|webp|bmp|"
                          r"tiff?|psd|pdf|woff2?|ttf|otf|eot|so|dylib|dll|exe|a|o|lib|pyc|wasm|bin|mo|jks|keystore|"
                          r"p12|pfx|der|sqlite3?|db|mp[34]|wav|ogg|mov|avi)$", re.I)


def _binary(f: FileChange) -> bool:
    """A file changed in place with no hunk and no line counted, its name a binary format's (``.jar``, ``.png``):
    git's "Binary files differ". A text file shows the same when only its mode changes (``gradlew`` made
    executable): nothing of it says "binary" there."""
    return (f.status == "modified" and not f.patch and not f.changes and not f.previous_path
            and bool(_BINARY_NAME.search(f.path)))
